#ifndef ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCES_HPP
#define ALICLOUD_ECS_MODELS_DESCRIBE_INSTANCES_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

// Filter.N.Key / Filter.N.Value (N 1-4). Keys: CreationStartTime, CreationEndTime,
// ExpiredStartTime, ExpiredEndTime; values yyyy-MM-ddTHH:mmZ.
struct filter {
    std::string key{};
    std::string value{};

    friend bool operator==(const filter&, const filter&) = default;
};

// All given filters are ANDed. Page either with next_token + max_results
// (recommended) or with page_number + page_size.
struct describe_instances_request {
    std::string region_id{};
    // Sent as one JSON array ("[\"i-1\",\"i-2\"]"), at most 100 each. An engaged but
    // empty list is sent as "[]", which the service treats as matching nothing.
    std::optional<std::vector<std::string>> instance_ids{};
    std::optional<std::vector<std::string>> private_ip_addresses{};
    std::optional<std::vector<std::string>> public_ip_addresses{};
    std::optional<std::vector<std::string>> inner_ip_addresses{};
    std::optional<std::vector<std::string>> eip_addresses{};

    std::optional<std::string> zone_id{};
    std::optional<std::string> vpc_id{};
    std::optional<std::string> vswitch_id{};
    std::optional<std::string> security_group_id{};
    std::optional<std::string> image_id{};
    std::optional<std::string> instance_type{};
    std::optional<std::string> instance_type_family{};
    std::optional<std::string> key_pair_name{};
    std::optional<std::string> resource_group_id{};
    std::optional<std::string> hpc_cluster_id{};
    std::optional<std::string> instance_name{}; // '*' matches any run of characters
    std::optional<std::string> status{};      // Pending, Running, Starting, Stopping, Stopped
    std::optional<std::string> instance_network_type{}; // classic, vpc
    std::optional<std::string> instance_charge_type{};  // PostPaid, PrePaid
    std::optional<std::string> internet_charge_type{};  // PayByBandwidth, PayByTraffic
    std::optional<bool> io_optimized{};
    std::optional<std::string> lock_reason{}; // financial, security, recycling, dedicatedhostfinancial, refunded
    std::vector<tag> tags{};                // at most 20
    std::vector<filter> filters{};          // at most 4
    std::vector<std::string> additional_attributes{}; // AdditionalAttributes.N, e.g. META_OPTIONS
    std::vector<std::string> ipv6_addresses{};      // Ipv6Address.N
    std::optional<std::string> rdma_ip_addresses{};
    std::optional<std::string> http_endpoint{};
    std::optional<std::string> http_tokens{};
    std::optional<std::int32_t> http_put_response_hop_limit{};
    std::optional<bool> device_available{};
    std::optional<bool> need_sale_cycle{};
    std::optional<bool> dry_run{};

    std::optional<std::int32_t> page_number{}; // >= 1; the service's default is 1
    std::optional<std::int32_t> page_size{}; // 1-100; the service's default is 10
    std::optional<std::string> next_token{}; // when set, the service ignores page_number and page_size
    std::optional<std::int32_t> max_results{}; // 1-100
};

// NetworkInterfaces.NetworkInterface[].PrivateIpSets.PrivateIpSet[]
struct private_ip_set {
    std::string private_ip_address{};
    std::string private_dns_name{};
    bool primary = false;
};

// NetworkInterfaces.NetworkInterface[].Ipv6Sets.Ipv6Set[]
struct ipv6_set {
    std::string ipv6_address{};
    bool primary = false;
};

struct instance_network_interface {
    std::string network_interface_id{};
    std::string type{}; // Primary, Secondary
    std::string mac_address{};
    std::string primary_ip_address{};
    std::vector<private_ip_set> private_ip_sets{};
    std::vector<ipv6_set> ipv6_sets{};
};

struct instance_metadata_options {
    std::string http_endpoint{}; // enabled, disabled
    std::string http_tokens{}; // optional, required
    std::int32_t http_put_response_hop_limit = 0;
    std::string instance_metadata_tags{};
};

struct instance_cpu_options {
    std::int32_t core_count = 0;
    std::int32_t threads_per_core = 0;
    std::string numa{};
    std::string topology_type{};
};

struct dedicated_instance_attribute {
    std::string tenancy{};
    std::string affinity{};
};

struct ecs_capacity_reservation_attr {
    std::string capacity_reservation_id{};
    std::string capacity_reservation_preference{};
};

struct instance_additional_info {
    bool enable_high_density_mode = false;
    std::string managed_host_id{};
    std::string node_serial_number{};
};

struct instance_clock_options {
    std::string ptp_status{};
};

struct instance_hibernation_options {
    bool configured = false;
};

struct instance_image_options {
    bool login_as_non_root = false;
    bool current_os_nvme_supported = false;
};

struct instance_private_dns_name_options {
    std::string hostname_type{};
    bool enable_instance_id_dns_a_record = false;
    bool enable_instance_id_dns_aaaa_record = false;
    bool enable_ip_dns_a_record = false;
    bool enable_ip_dns_ptr_record = false;
};

// One item of Instances.Instance[]. Times are UTC with minute precision,
// "2024-01-02T03:04Z"; memory in MiB, cpu in vCPUs, bandwidth in Mbit/s.
struct instance {
    std::string instance_id{};
    std::string instance_name{};
    std::string host_name{};
    std::string description{};
    std::string region_id{};
    std::string zone_id{};
    std::string status{}; // see parse_instance_status
    std::string instance_type{};
    std::string instance_type_family{};
    std::int32_t cpu = 0;
    std::int32_t memory = 0;
    std::string image_id{};
    std::string os_type{}; // linux, windows
    std::string os_name{};
    std::string os_name_en{};
    std::string instance_charge_type{};
    std::string internet_charge_type{};
    std::int32_t internet_max_bandwidth_out = 0;
    std::int32_t internet_max_bandwidth_in = 0;
    std::string instance_network_type{};
    bool io_optimized = false; // a bool here, a string in DescribeInstanceAttribute
    std::string spot_strategy{};
    std::optional<double> spot_price_limit{};
    std::int32_t spot_duration = 0;
    std::string spot_interruption_behavior{};
    std::string stopped_mode{}; // KeepCharging, StopCharging, Not-applicable
    bool deletion_protection = false;
    std::string creation_time{};
    std::string start_time{};
    std::string expired_time{};
    std::string auto_release_time{};
    std::string serial_number{};
    std::string resource_group_id{};
    std::string key_pair_name{};
    std::string deployment_set_id{};
    std::int32_t deployment_set_group_no = 0;
    std::string credit_specification{};
    std::int32_t gpu_amount = 0;
    std::string gpu_spec{};
    bool recyclable = false;
    bool device_available = false;
    bool enable_nvs = false;
    std::string vlan_id{};
    std::string cluster_id{};
    std::string hpc_cluster_id{};
    std::string isp{};
    std::string sale_cycle{};
    std::int32_t local_storage_amount = 0;
    std::int64_t local_storage_capacity = 0; // GiB

    // A member named like its type needs the qualified type name (the plain one
    // would change meaning inside the class).
    ecs::vpc_attributes vpc_attributes{};
    std::vector<std::string> public_ip_addresses{}; // PublicIpAddress.IpAddress[]
    std::vector<std::string> inner_ip_addresses{};  // InnerIpAddress.IpAddress[]
    std::vector<std::string> rdma_ip_addresses{}; // RdmaIpAddress.IpAddress[]
    ecs::eip_address eip_address{};
    std::vector<std::string> security_group_ids{}; // SecurityGroupIds.SecurityGroupId[]
    std::vector<instance_network_interface> network_interfaces{};
    std::vector<tag> tags{};
    std::vector<operation_lock> operation_locks{};
    instance_metadata_options metadata_options{};
    instance_cpu_options cpu_options{};
    ecs::dedicated_host_attribute dedicated_host_attribute{};
    ecs::dedicated_instance_attribute dedicated_instance_attribute{};
    ecs::ecs_capacity_reservation_attr ecs_capacity_reservation_attr{};
    instance_additional_info additional_info{};
    instance_clock_options clock_options{};
    instance_hibernation_options hibernation_options{};
    instance_image_options image_options{};
    instance_private_dns_name_options private_dns_name_options{};
    instance_security_options security_options{};
};

struct describe_instances_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::int32_t total_count = 0; // meaningless when paging with next_token
    std::int32_t page_number = 0;
    std::int32_t page_size = 0;
    std::string next_token{}; // empty (or absent) on the last page
    std::vector<instance> instances{};
};

} // namespace alicloud::ecs

#endif
