#ifndef ALICLOUD_ECS_MODELS_DESCRIBE_REGIONS_HPP
#define ALICLOUD_ECS_MODELS_DESCRIBE_REGIONS_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// DescribeRegions takes no RegionId: it lists every region the account can use.
struct describe_regions_request {
    std::optional<std::string> accept_language{};    // zh-CN (default), en-US, ja, ...: localises local_name
    std::optional<std::string> instance_charge_type{}; // PrePaid, PostPaid (default), SpotWithPriceLimit, ...
    std::optional<std::string> resource_type{};      // instance (default), disk, reservedinstance, scu
};

struct region {
    std::string region_id{};
    std::string local_name{};
    std::string region_endpoint{};
    std::string status{}; // available, soldOut
};

struct describe_regions_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::vector<region> regions{};
};

} // namespace alicloud::ecs

#endif
