#include "instance.hpp"

#include "call_values.hpp"
#include "utc_time.hpp"

#include <boost/json/array.hpp>

#include <cstdio>

namespace alicloud::emulator {
namespace {

boost::json::object ip_list(const std::string& ip)
{
    boost::json::array list;
    if (!ip.empty())
        list.emplace_back(ip);
    return {{"IpAddress", std::move(list)}};
}

boost::json::object vpc_attributes(const instance& i)
{
    return {{"VpcId", i.vpc_id},
            {"VSwitchId", i.vswitch_id},
            {"NatIpAddress", ""},
            {"PrivateIpAddress", ip_list(i.private_ip)}};
}

boost::json::object eip(bool with_unassociate)
{
    boost::json::object out{{"AllocationId", ""}, {"IpAddress", ""}, {"InternetChargeType", ""}, {"Bandwidth", 0}};
    if (with_unassociate)
        out["IsSupportUnassociate"] = false;
    return out;
}

} // namespace

std::string_view to_string(instance_status s) noexcept
{
    switch (s) {
    case instance_status::pending: return "Pending";
    case instance_status::starting: return "Starting";
    case instance_status::running: return "Running";
    case instance_status::stopping: return "Stopping";
    case instance_status::stopped: return "Stopped";
    }
    return "Pending";
}

bool parse_status(std::string_view text, instance_status& out) noexcept
{
    for (auto s : {instance_status::pending, instance_status::starting, instance_status::running,
                   instance_status::stopping, instance_status::stopped})
        if (to_string(s) == text) {
            out = s;
            return true;
        }
    return false;
}


boost::json::object describe_instances_item(const instance& i)
{
    boost::json::array tags;
    for (const auto& [k, v] : i.tags)
        tags.push_back(boost::json::object{{"TagKey", k}, {"TagValue", v}});

    boost::json::object nic{{"NetworkInterfaceId", i.network_interface_id},
                            {"Type", "Primary"},
                            {"MacAddress", i.mac_address},
                            {"PrimaryIpAddress", i.private_ip},
                            {"PrivateIpSets",
                             boost::json::object{{"PrivateIpSet", boost::json::array{boost::json::object{
                                                                      {"PrivateIpAddress", i.private_ip},
                                                                      {"Primary", true}}}}}}};

    const bool started = i.start_time != std::chrono::system_clock::time_point{};
    return {
        {"InstanceId", i.id},
        {"InstanceName", i.name},
        {"HostName", i.host_name},
        {"Description", i.description},
        {"RegionId", i.region_id},
        {"ZoneId", i.zone_id},
        {"Status", to_string(i.status)},
        {"InstanceType", i.instance_type},
        {"InstanceTypeFamily", i.instance_type_family},
        {"Cpu", i.cpu},
        {"Memory", i.memory_mib},
        {"ImageId", i.image_id},
        {"OSType", "linux"},
        {"OSName", "Alibaba Cloud Linux  3.2104 LTS 64位"},
        {"OSNameEn", "Alibaba Cloud Linux  3.2104 LTS 64 bit"},
        {"InstanceChargeType", i.instance_charge_type},
        {"InternetChargeType", i.internet_charge_type},
        {"InternetMaxBandwidthOut", i.internet_max_bandwidth_out},
        {"InternetMaxBandwidthIn", i.internet_max_bandwidth_in},
        {"InstanceNetworkType", "vpc"},
        {"IoOptimized", true},
        {"SpotStrategy", i.spot_strategy},
        {"StoppedMode", i.stopped_mode},
        {"DeletionProtection", i.deletion_protection},
        {"CreationTime", utc_time(i.creation_time, utc_precision::minutes)},
        {"StartTime", started ? utc_time(i.start_time, utc_precision::minutes) : std::string()},
        {"ExpiredTime", "2099-12-31T15:59Z"},
        {"AutoReleaseTime", ""},
        {"SerialNumber", i.serial_number},
        {"ResourceGroupId", i.resource_group_id},
        {"KeyPairName", i.key_pair_name},
        {"DeploymentSetId", ""},
        {"CreditSpecification", ""},
        {"VpcAttributes", vpc_attributes(i)},
        {"PublicIpAddress", ip_list(i.public_ip)},
        {"InnerIpAddress", ip_list({})},
        {"EipAddress", eip(true)},
        {"SecurityGroupIds", boost::json::object{{"SecurityGroupId", strings(i.security_group_ids)}}},
        {"NetworkInterfaces", boost::json::object{{"NetworkInterface", boost::json::array{std::move(nic)}}}},
        {"Tags", boost::json::object{{"Tag", std::move(tags)}}},
        {"OperationLocks", boost::json::object{{"LockReason", boost::json::array{}}}},
        {"MetadataOptions", boost::json::object{{"HttpEndpoint", "enabled"}, {"HttpTokens", "optional"}}},
        {"CpuOptions", boost::json::object{{"CoreCount", i.cpu / 2 > 0 ? i.cpu / 2 : 1}, {"ThreadsPerCore", 2}, {"Numa", ""}}},
        {"DedicatedHostAttribute",
         boost::json::object{{"DedicatedHostId", ""}, {"DedicatedHostName", ""}, {"DedicatedHostClusterId", ""}}},
        {"DedicatedInstanceAttribute", boost::json::object{{"Tenancy", ""}, {"Affinity", ""}}},
        {"EcsCapacityReservationAttr",
         boost::json::object{{"CapacityReservationId", ""}, {"CapacityReservationPreference", ""}}},
        {"GPUAmount", 0},
        {"GPUSpec", ""},
        {"Recyclable", false},
        {"DeviceAvailable", true},
        {"VlanId", ""},
        {"ClusterId", ""},
        {"HpcClusterId", ""},
    };
}

boost::json::object describe_instance_attribute_body(const instance& i)
{
    return {
        {"InstanceId", i.id},
        {"InstanceName", i.name},
        {"HostName", i.host_name},
        {"Description", i.description},
        {"RegionId", i.region_id},
        {"ZoneId", i.zone_id},
        {"Status", to_string(i.status)},
        {"StoppedMode", i.stopped_mode},
        {"InstanceType", i.instance_type},
        {"Cpu", i.cpu},
        {"Memory", i.memory_mib},
        {"ImageId", i.image_id},
        {"InstanceNetworkType", "vpc"},
        {"IoOptimized", "optimized"}, // a string here, a bool in DescribeInstances
        {"InstanceChargeType", i.instance_charge_type},
        {"InternetChargeType", i.internet_charge_type},
        {"InternetMaxBandwidthOut", i.internet_max_bandwidth_out},
        {"InternetMaxBandwidthIn", i.internet_max_bandwidth_in},
        {"CreationTime", utc_time(i.creation_time, utc_precision::minutes)},
        {"ExpiredTime", "2099-12-31T15:59Z"},
        {"SerialNumber", i.serial_number},
        {"VpcAttributes", vpc_attributes(i)},
        {"PublicIpAddress", ip_list(i.public_ip)},
        {"InnerIpAddress", ip_list({})},
        {"EipAddress", eip(false)},
        {"SecurityGroupIds", boost::json::object{{"SecurityGroupId", strings(i.security_group_ids)}}},
        {"OperationLocks", boost::json::object{{"LockReason", boost::json::array{}}}},
        {"DedicatedHostAttribute", boost::json::object{{"DedicatedHostId", ""}, {"DedicatedHostName", ""}}},
        {"ClusterId", ""},
        {"VlanId", ""},
        {"CreditSpecification", ""},
        {"EnableJumboFrame", false},
        {"EnableNetworkEncryption", false},
        {"NetworkOptions",
         boost::json::object{{"BandwidthWeighting", ""}, {"EnableJumboFrame", false}, {"EnableNetworkEncryption", false}}},
        {"SecurityOptions", boost::json::object{{"EnableSecureBoot", false}}},
    };
}

} // namespace alicloud::emulator
