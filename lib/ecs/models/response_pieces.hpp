#ifndef ALICLOUD_LIB_ECS_MODELS_RESPONSE_PIECES_HPP
#define ALICLOUD_LIB_ECS_MODELS_RESPONSE_PIECES_HPP

// Decoding of the response structs that more than one operation returns (common.hpp).

#include "ecs/models/json_reader.hpp"

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs::detail {

// TagKey / TagValue.
void read_members(object_reader& r, tag& out);
void read_members(object_reader& r, vpc_attributes& out);
void read_members(object_reader& r, eip_address& out);
void read_members(object_reader& r, operation_lock& out);
void read_members(object_reader& r, dedicated_host_attribute& out);
void read_members(object_reader& r, instance_security_options& out);

} // namespace alicloud::ecs::detail

#endif
