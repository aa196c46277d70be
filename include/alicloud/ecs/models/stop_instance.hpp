#ifndef ALICLOUD_ECS_MODELS_STOP_INSTANCE_HPP
#define ALICLOUD_ECS_MODELS_STOP_INSTANCE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// The instance must be Running; it goes Stopping, then Stopped.
struct stop_instance_request {
    std::string instance_id{};
    std::optional<bool> force_stop{};        // the service's default is false
    std::optional<std::string> stopped_mode{}; // StopCharging, KeepCharging (PostPaid VPC only)
    std::optional<bool> confirm_stop{};      // legacy, i1 instances only
    std::optional<bool> hibernate{};
    std::optional<bool> dry_run{};
};

struct stop_instance_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
};

} // namespace alicloud::ecs

#endif
