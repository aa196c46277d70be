#ifndef ALICLOUD_ECS_MODELS_COMMON_HPP
#define ALICLOUD_ECS_MODELS_COMMON_HPP

// Pieces that more than one ECS operation uses, in requests or in responses.
//
// The models are plain aggregates so that a request reads as the call it makes:
//     ecs::describe_instances_request{.region_id = "cn-hangzhou", .page_size = 50}
// An unset std::optional (or an empty list) sends nothing and lets the service
// apply its default. Enum-like values stay strings: the service adds values
// over time, and a value this SDK does not know yet must reach the caller intact.

#include <alicloud/core/diagnostics.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::ecs {

// A resource tag. Requests send it as Tag.N.Key / Tag.N.Value; responses carry
// TagKey / TagValue. An empty value is not sent, as the Go SDK does: a filter
// with a key alone matches any value.
struct tag {
    std::string key{};
    std::string value{};

    friend bool operator==(const tag&, const tag&) = default;
};

// --- request pieces shared by RunInstances and CreateInstance ---------------

// SystemDisk.*. size in GiB.
struct system_disk {
    std::optional<std::string> category{}; // cloud_efficiency, cloud_ssd, cloud_essd, cloud_auto, ...
    std::optional<std::int32_t> size{};
    std::optional<std::string> performance_level{}; // PL0..PL3 for cloud_essd
    std::optional<std::string> disk_name{};
    std::optional<std::string> description{};
    std::optional<std::string> auto_snapshot_policy_id{}; // RunInstances only
};

// DataDisk.N.*. size in GiB.
struct data_disk {
    std::optional<std::int32_t> size{};
    std::optional<std::string> category{};
    std::optional<std::string> snapshot_id{};
    std::optional<bool> delete_with_instance{};
    std::optional<std::string> performance_level{};
    std::optional<bool> encrypted{};
    std::optional<std::string> encrypt_algorithm{};
    std::optional<std::string> kms_key_id{};
    std::optional<std::string> disk_name{};
    std::optional<std::string> description{};
    std::optional<std::string> device{};
    std::optional<std::string> storage_cluster_id{};
    std::optional<std::string> auto_snapshot_policy_id{}; // RunInstances only
    std::optional<bool> bursting_enabled{};             // RunInstances only
    std::optional<std::int64_t> provisioned_iops{};     // RunInstances only
};

// Arn.N.*: a RAM role chain assumed for the call.
struct role_arn {
    std::optional<std::string> rolearn{};
    std::optional<std::string> role_type{};
    std::optional<std::int64_t> assume_role_for{};
};

// HibernationOptions.*
struct hibernation_options {
    std::optional<bool> configured{};
};

// PrivatePoolOptions.*: which private pool (capacity reservation) to draw from.
struct private_pool_options {
    std::optional<std::string> match_criteria{}; // Open, Target, None
    std::optional<std::string> id{};
};

// --- response pieces shared by DescribeInstances and DescribeInstanceAttribute

// Instance status, for callers that want to switch on it. The model keeps the
// service's string; parse_instance_status maps anything unknown to `unknown`.
enum class instance_status { unknown, pending, starting, running, stopping, stopped };

instance_status parse_instance_status(std::string_view text) noexcept;

struct vpc_attributes {
    std::string vpc_id{};
    std::string vswitch_id{};
    std::string nat_ip_address{};
    std::vector<std::string> private_ip_addresses{}; // PrivateIpAddress.IpAddress[]
};

struct eip_address {
    std::string allocation_id{};
    std::string ip_address{};
    std::string internet_charge_type{};
    std::int32_t bandwidth = 0;          // Mbit/s
    bool is_support_unassociate = false; // DescribeInstances only
};

// OperationLocks.LockReason[]: why the instance is locked (financial, security, ...).
struct operation_lock {
    std::string lock_reason{};
    std::string lock_msg{}; // DescribeInstances only
};

struct dedicated_host_attribute {
    std::string dedicated_host_id{};
    std::string dedicated_host_name{};
    std::string dedicated_host_cluster_id{}; // DescribeInstances only
};

struct instance_security_options {
    bool enable_secure_boot = false;
};

} // namespace alicloud::ecs

#endif
