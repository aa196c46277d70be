#ifndef ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCE_ATTRIBUTE_HPP
#define ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCE_ATTRIBUTE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// No RegionId: the instance ID alone names the instance.
struct describe_instance_attribute_request {
    std::string instance_id{};
};

struct instance_network_options {
    std::string bandwidth_weighting{};
    bool enable_jumbo_frame = false;
    bool enable_network_encryption = false;
};

// The body is the instance itself, without the Instances wrapper of
// DescribeInstances, and with fewer fields.
struct describe_instance_attribute_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::string instance_id{};
    std::string instance_name{};
    std::string host_name{};
    std::string description{};
    std::string region_id{};
    std::string zone_id{};
    std::string status{}; // see parse_instance_status
    std::string stopped_mode{};
    std::string instance_type{};
    std::int32_t cpu = 0;
    std::int32_t memory = 0; // MiB
    std::string image_id{};
    std::string instance_network_type{};
    std::string io_optimized{}; // "optimized" / "none": a string here, a bool in DescribeInstances
    std::string instance_charge_type{};
    std::string internet_charge_type{};
    std::int32_t internet_max_bandwidth_out = 0;
    std::int32_t internet_max_bandwidth_in = 0;
    std::string creation_time{}; // "2024-01-02T03:04Z"
    std::string expired_time{};
    std::string serial_number{};
    std::string cluster_id{};
    std::string vlan_id{};
    std::string credit_specification{};
    bool enable_jumbo_frame = false;
    bool enable_network_encryption = false;

    // A member named like its type needs the qualified type name.
    ecs::vpc_attributes vpc_attributes{};
    std::vector<std::string> public_ip_addresses{}; // PublicIpAddress.IpAddress[]
    std::vector<std::string> inner_ip_addresses{};  // InnerIpAddress.IpAddress[]
    ecs::eip_address eip_address{};
    std::vector<std::string> security_group_ids{};
    std::vector<operation_lock> operation_locks{};
    ecs::dedicated_host_attribute dedicated_host_attribute{};
    instance_network_options network_options{};
    instance_security_options security_options{};
};

} // namespace alicloud::ecs

#endif
