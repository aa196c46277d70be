#ifndef ALICLOUD_LIB_ECS_MODELS_REQUEST_PIECES_HPP
#define ALICLOUD_LIB_ECS_MODELS_REQUEST_PIECES_HPP

// Encoding of the request structs that more than one operation sends (common.hpp).

#include "ecs/models/parameter_writer.hpp"

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs::detail {

void write_fields(parameter_writer& w, const tag& t);
void write_fields(parameter_writer& w, const system_disk& d);
void write_fields(parameter_writer& w, const data_disk& d);
void write_fields(parameter_writer& w, const role_arn& a);
void write_fields(parameter_writer& w, const hibernation_options& o);
void write_fields(parameter_writer& w, const private_pool_options& o);

} // namespace alicloud::ecs::detail

#endif
