#ifndef ALICLOUD_ECS_MODELS_CREATE_INSTANCE_HPP
#define ALICLOUD_ECS_MODELS_CREATE_INSTANCE_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// Creates one instance that ends Stopped, without a public IP (the service no
// longer develops this operation; RunInstances is its successor).
struct create_instance_request {
    std::string region_id{};
    std::string instance_type{};
    std::optional<std::string> image_id{}; // required unless image_family is given
    std::optional<std::string> image_family{};

    std::optional<std::string> zone_id{};
    std::optional<std::string> vswitch_id{};
    std::optional<std::string> security_group_id{};
    std::optional<std::string> private_ip_address{};
    std::optional<std::string> inner_ip_address{};
    std::optional<std::string> vlan_id{};
    std::optional<std::string> node_controller_id{};
    std::optional<std::string> cluster_id{};

    std::optional<std::string> instance_name{};
    std::optional<std::string> host_name{};
    std::optional<std::string> description{};
    std::optional<std::string> password{};
    std::optional<bool> password_inherit{};
    std::optional<std::string> key_pair_name{};
    std::optional<std::string> user_data{}; // Base64
    std::optional<std::string> ram_role_name{};
    std::vector<role_arn> arns{};
    std::optional<std::string> security_enhancement_strategy{};
    std::optional<std::string> io_optimized{}; // none, optimized
    std::optional<bool> use_additional_service{};

    std::optional<std::string> instance_charge_type{}; // PostPaid (default), PrePaid
    std::optional<std::int32_t> period{};
    std::optional<std::string> period_unit{};
    std::optional<bool> auto_renew{};
    std::optional<std::int32_t> auto_renew_period{};
    std::optional<std::string> spot_strategy{};
    std::optional<double> spot_price_limit{};
    std::optional<std::int32_t> spot_duration{};
    std::optional<std::string> spot_interruption_behavior{};
    std::optional<std::string> internet_charge_type{}; // PayByTraffic (default), PayByBandwidth
    std::optional<std::int32_t> internet_max_bandwidth_out{};
    std::optional<std::int32_t> internet_max_bandwidth_in{};
    std::optional<std::string> credit_specification{};

    // auto_snapshot_policy_id, bursting_enabled and provisioned_iops are RunInstances
    // only: validation rejects them here.
    std::optional<ecs::system_disk> system_disk{}; // size >= 20 GiB
    std::vector<data_disk> data_disks{};         // at most 16
    std::optional<std::string> storage_set_id{};
    std::optional<std::int32_t> storage_set_partition_number{};

    std::vector<tag> tags{}; // at most 20
    std::optional<std::string> resource_group_id{};
    std::optional<bool> deletion_protection{};
    std::optional<std::string> deployment_set_id{};
    std::optional<std::int32_t> deployment_set_group_no{};
    std::optional<std::string> hpc_cluster_id{};
    std::optional<std::string> dedicated_host_id{};
    std::optional<std::string> affinity{};
    std::optional<std::string> tenancy{};
    std::optional<ecs::private_pool_options> private_pool_options{};
    std::optional<ecs::hibernation_options> hibernation_options{};
    std::optional<std::string> http_endpoint{};
    std::optional<std::string> http_tokens{};
    std::optional<std::int32_t> http_put_response_hop_limit{};

    // At most 64 ASCII characters. Unset or empty: the client makes one per call and
    // keeps it across that call's retries, so that a retry cannot act twice.
    std::optional<std::string> client_token{};
    std::optional<bool> dry_run{};
};

struct create_instance_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::string instance_id{};
    std::optional<double> trade_price{};
    std::optional<std::string> order_id{}; // PrePaid only
};

} // namespace alicloud::ecs

#endif
