#ifndef ALICLOUD_ECS_MODELS_REBOOT_INSTANCE_HPP
#define ALICLOUD_ECS_MODELS_REBOOT_INSTANCE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// The instance must be Running; it goes Starting, then Running.
struct reboot_instance_request {
    std::string instance_id{};
    std::optional<bool> force_stop{}; // the service's default is false
    std::optional<bool> dry_run{};
};

struct reboot_instance_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
};

} // namespace alicloud::ecs

#endif
