#ifndef ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCE_STATUS_HPP
#define ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCE_STATUS_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

struct describe_instance_status_request {
    std::string region_id{};
    std::optional<std::string> zone_id{};
    std::vector<std::string> instance_ids{}; // InstanceId.N, at most 100; empty: every instance
    std::optional<std::int32_t> page_number{}; // >= 1
    std::optional<std::int32_t> page_size{}; // 1-50 (not 100, unlike DescribeInstances)
    std::optional<std::string> cluster_id{}; // deprecated
};

// One item of InstanceStatuses.InstanceStatus[].
struct instance_status_entry {
    std::string instance_id{};
    std::string status{}; // see parse_instance_status
};

struct describe_instance_status_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::int32_t total_count = 0;
    std::int32_t page_number = 0;
    std::int32_t page_size = 0;
    std::vector<instance_status_entry> instance_statuses{};
};

} // namespace alicloud::ecs

#endif
