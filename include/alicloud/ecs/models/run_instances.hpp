#ifndef ALICLOUD_ECS_MODELS_RUN_INSTANCES_HPP
#define ALICLOUD_ECS_MODELS_RUN_INSTANCES_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// CpuOptions.*
struct cpu_options {
    std::optional<std::int32_t> core{};
    std::optional<std::int32_t> threads_per_core{}; // 1 disables hyper-threading
    std::optional<std::string> numa{};
    std::optional<std::string> topology_type{};
};

// SecurityOptions.*
struct security_options {
    std::optional<std::string> trusted_system_mode{};       // vTPM
    std::optional<std::string> confidential_computing_mode{}; // Enclave, TDX
};

// SchedulerOptions.*
struct scheduler_options {
    std::optional<std::string> dedicated_host_cluster_id{};
};

// ImageOptions.*
struct image_options {
    std::optional<bool> login_as_non_root{};
};

// ClockOptions.*
struct clock_options {
    std::optional<std::string> ptp_status{};
};

// NetworkOptions.*
struct network_options {
    std::optional<bool> enable_jumbo_frame{};
    std::optional<bool> enable_network_encryption{};
    std::optional<std::string> bandwidth_weighting{};
};

// PrivateDnsNameOptions.*
struct private_dns_name_options {
    std::optional<std::string> hostname_type{};
    std::optional<bool> enable_instance_id_dns_a_record{};
    std::optional<bool> enable_instance_id_dns_aaaa_record{};
    std::optional<bool> enable_ip_dns_a_record{};
    std::optional<bool> enable_ip_dns_ptr_record{};
};

// NetworkInterface.N.*: the first is the primary ENI when instance_type is "Primary".
struct network_interface {
    std::optional<std::string> instance_type{}; // Primary, Secondary
    std::optional<std::string> network_interface_id{};
    std::optional<std::string> vswitch_id{};
    std::optional<std::string> network_interface_name{};
    std::optional<std::string> description{};
    std::optional<std::string> security_group_id{};
    std::vector<std::string> security_group_ids{}; // SecurityGroupIds.M
    std::optional<std::string> primary_ip_address{};
    std::optional<std::int32_t> secondary_private_ip_address_count{};
    std::vector<std::string> ipv6_addresses{}; // Ipv6Address.M
    std::optional<std::int64_t> ipv6_address_count{};
    std::optional<std::string> network_interface_traffic_mode{}; // Standard, HighPerformance
    std::optional<std::int32_t> network_card_index{};
    std::optional<std::int32_t> queue_number{};
    std::optional<std::int64_t> queue_pair_number{};
    std::optional<std::int32_t> rx_queue_size{};
    std::optional<std::int32_t> tx_queue_size{};
    std::optional<bool> delete_on_release{};
    std::optional<bool> source_dest_check{};
};

// Creates and starts 1-100 instances. (Members named like their type spell it
// ecs::name: the plain name would change meaning inside the class.)
struct run_instances_request {
    std::string region_id{};
    // Required unless a launch template (or image_family for image_id) provides them.
    std::optional<std::string> image_id{};
    std::optional<std::string> image_family{};
    std::optional<std::string> instance_type{};
    std::optional<std::string> launch_template_id{};
    std::optional<std::string> launch_template_name{};
    std::optional<std::int64_t> launch_template_version{};

    std::optional<std::string> zone_id{};
    std::optional<std::string> vswitch_id{}; // needed in a VPC; then zone_id may be left out
    std::optional<std::string> security_group_id{}; // or security_group_ids, never both
    std::vector<std::string> security_group_ids{};
    std::optional<std::string> private_ip_address{};
    std::vector<network_interface> network_interfaces{};
    std::optional<std::int32_t> network_interface_queue_number{};
    std::optional<std::int32_t> ipv6_address_count{};
    std::vector<std::string> ipv6_addresses{}; // Ipv6Address.N
    std::optional<ecs::network_options> network_options{};
    std::optional<ecs::private_dns_name_options> private_dns_name_options{};

    std::optional<std::int32_t> amount{};   // 1-100, default 1
    std::optional<std::int32_t> min_amount{}; // 1-100: with partial stock, create at least this many
    std::optional<std::string> instance_name{};
    std::optional<std::string> host_name{};    // or host_names, never both
    std::vector<std::string> host_names{}; // HostNames.N: one per instance
    std::optional<bool> unique_suffix{};
    std::optional<std::string> description{};
    std::optional<std::string> password{};
    std::optional<bool> password_inherit{};
    std::optional<std::string> key_pair_name{};
    std::optional<std::string> user_data{}; // Base64
    std::optional<std::string> ram_role_name{};
    std::vector<role_arn> arns{};
    std::optional<std::string> security_enhancement_strategy{};
    std::optional<std::string> io_optimized{}; // none, optimized

    std::optional<std::string> instance_charge_type{}; // PostPaid (default), PrePaid
    std::optional<std::int32_t> period{};
    std::optional<std::string> period_unit{}; // Week, Month
    std::optional<bool> auto_renew{};
    std::optional<std::int32_t> auto_renew_period{};
    std::optional<bool> auto_pay{};
    std::optional<std::string> spot_strategy{}; // NoSpot (default), SpotWithPriceLimit, SpotAsPriceGo
    std::optional<double> spot_price_limit{};
    std::optional<std::int32_t> spot_duration{};
    std::optional<std::string> spot_interruption_behavior{};
    std::optional<std::string> internet_charge_type{}; // PayByTraffic (default), PayByBandwidth
    std::optional<std::int32_t> internet_max_bandwidth_out{}; // > 0 assigns a public IP
    std::optional<std::int32_t> internet_max_bandwidth_in{};
    std::optional<std::string> isp{};
    std::optional<std::string> credit_specification{};

    std::optional<ecs::system_disk> system_disk{};
    std::vector<data_disk> data_disks{}; // at most 16
    std::optional<std::string> storage_set_id{};
    std::optional<std::int32_t> storage_set_partition_number{};

    std::vector<tag> tags{}; // at most 20
    std::optional<std::string> resource_group_id{};
    std::optional<std::string> auto_release_time{}; // yyyy-MM-ddTHH:mm:ssZ
    std::optional<bool> deletion_protection{};
    std::optional<std::string> deployment_set_id{};
    std::optional<std::int32_t> deployment_set_group_no{};
    std::optional<std::string> hpc_cluster_id{};
    std::optional<std::string> dedicated_host_id{};
    std::optional<std::string> affinity{};
    std::optional<std::string> tenancy{};
    std::optional<ecs::scheduler_options> scheduler_options{};
    std::optional<ecs::private_pool_options> private_pool_options{};
    std::optional<ecs::cpu_options> cpu_options{};
    std::optional<ecs::security_options> security_options{};
    std::optional<ecs::hibernation_options> hibernation_options{};
    std::optional<ecs::image_options> image_options{};
    std::optional<ecs::clock_options> clock_options{};
    std::optional<std::string> http_endpoint{};
    std::optional<std::string> http_tokens{};
    std::optional<std::int32_t> http_put_response_hop_limit{};

    // At most 64 ASCII characters. Unset or empty: the client makes one per call and
    // keeps it across that call's retries, so that a retry cannot act twice.
    std::optional<std::string> client_token{};
    std::optional<bool> dry_run{};
};

struct run_instances_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::vector<std::string> instance_id_sets{}; // InstanceIdSets.InstanceIdSet[]: the new instances' IDs
    std::optional<double> trade_price{};
    std::optional<std::string> order_id{}; // PrePaid only
};

} // namespace alicloud::ecs

#endif
