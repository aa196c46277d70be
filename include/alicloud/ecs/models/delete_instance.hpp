#ifndef ALICLOUD_ECS_MODELS_DELETE_INSTANCE_HPP
#define ALICLOUD_ECS_MODELS_DELETE_INSTANCE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// Releases one instance. It must be Stopped unless force is true.
struct delete_instance_request {
    std::string instance_id{};
    std::optional<bool> force{};
    std::optional<bool> force_stop{}; // with force: the service's default is true (power off)
    std::optional<bool> terminate_subscription{};
    std::optional<bool> dry_run{};
};

struct delete_instance_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
};

} // namespace alicloud::ecs

#endif
