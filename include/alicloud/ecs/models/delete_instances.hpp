#ifndef ALICLOUD_ECS_MODELS_DELETE_INSTANCES_HPP
#define ALICLOUD_ECS_MODELS_DELETE_INSTANCES_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// Releases 1-100 instances of one region. A passing dry run is reported as the
// error DRYRUN.SUCCESS here, not DryRunOperation.
struct delete_instances_request {
    std::string region_id{};
    std::vector<std::string> instance_ids{}; // InstanceId.N, 1-100
    std::optional<bool> force{};
    std::optional<bool> force_stop{};
    std::optional<bool> terminate_subscription{};
    // At most 64 ASCII characters. Unset or empty: the client makes one per call and
    // keeps it across that call's retries, so that a retry cannot act twice.
    std::optional<std::string> client_token{};
    std::optional<bool> dry_run{};
};

struct delete_instances_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
};

} // namespace alicloud::ecs

#endif
