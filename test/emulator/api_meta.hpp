#ifndef ALICLOUD_EMULATOR_API_META_HPP
#define ALICLOUD_EMULATOR_API_META_HPP

// The official operation metadata (api_meta/ecs/*.json, embedded at build
// time): which parameters an operation has, their types, which are required.

#include "responses.hpp"

#include <alicloud/core/parameters.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::emulator {

struct parameter_meta {
    std::string name;
    std::string type; // String, Integer, Long, Boolean, Float, RepeatList, Struct, ...
    bool required = false;
};

struct operation_meta {
    std::string name;
    std::vector<parameter_meta> parameters;
};

// nullptr for an operation the emulator does not serve.
const operation_meta* find_operation(std::string_view action);

// MissingParameter for an absent required parameter (a RepeatList needs Name.1),
// InvalidParameter for an Integer/Long/Boolean/Float value that is not one.
std::optional<api_reply> check_parameters(const operation_meta& op, const parameters& params,
                                          std::string_view host_id);

} // namespace alicloud::emulator

#endif
