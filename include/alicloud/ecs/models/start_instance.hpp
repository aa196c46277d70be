#ifndef ALICLOUD_ECS_MODELS_START_INSTANCE_HPP
#define ALICLOUD_ECS_MODELS_START_INSTANCE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// The instance must be Stopped; it goes Starting, then Running.
struct start_instance_request {
    std::string instance_id{};
    std::optional<bool> init_local_disk{}; // local-disk instance types only
    std::optional<bool> dry_run{};
};

struct start_instance_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
};

} // namespace alicloud::ecs

#endif
