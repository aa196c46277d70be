#ifndef ALICLOUD_ECS_INSTANCE_STATUS_HPP
#define ALICLOUD_ECS_INSTANCE_STATUS_HPP

// Instance status, for callers that want to switch on it. The models keep the
// service's string (a value this SDK does not know yet must reach the caller
// intact); parse_instance_status maps anything unknown to `unknown`.

#include <string_view>

namespace alicloud::ecs {

enum class instance_status { unknown, pending, starting, running, stopping, stopped };

instance_status parse_instance_status(std::string_view text) noexcept;

} // namespace alicloud::ecs

#endif
