// The typed ECS models and their codecs: every response sample of ecs-api.md §4
// decoded as printed there, the wire parameters of each request, and the
// checks that reject a request before it is sent.

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"

#include <alicloud/ecs/models.hpp>
#include <alicloud/ecs/operations.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

using namespace alicloud;
namespace ecs = alicloud::ecs;
namespace model = alicloud::detail::model;

namespace {

// Each model's operation: its descriptors are what the codec walks.
template <class Model>
const alicloud::detail::operation_info& operation_of();
#define ALICLOUD_TEST_OPERATION(name)                                                                         \
    template <>                                                                                               \
    const alicloud::detail::operation_info& operation_of<ecs::name##_request>()                               \
    {                                                                                                         \
        return ecs::detail::name##_operation;                                                                 \
    }                                                                                                         \
    template <>                                                                                               \
    const alicloud::detail::operation_info& operation_of<ecs::name##_response>()                              \
    {                                                                                                         \
        return ecs::detail::name##_operation;                                                                 \
    }
ALICLOUD_TEST_OPERATION(describe_regions)
ALICLOUD_TEST_OPERATION(describe_zones)
ALICLOUD_TEST_OPERATION(describe_instances)
ALICLOUD_TEST_OPERATION(describe_instance_status)
ALICLOUD_TEST_OPERATION(describe_instance_attribute)
ALICLOUD_TEST_OPERATION(run_instances)
ALICLOUD_TEST_OPERATION(create_instance)
ALICLOUD_TEST_OPERATION(start_instance)
ALICLOUD_TEST_OPERATION(stop_instance)
ALICLOUD_TEST_OPERATION(reboot_instance)
ALICLOUD_TEST_OPERATION(delete_instance)
ALICLOUD_TEST_OPERATION(delete_instances)
#undef ALICLOUD_TEST_OPERATION

template <class Response>
struct decoded {
    Response value;
    error_code ec;
    diagnostics diag;
};

template <class Response>
decoded<Response> decode(std::string_view json)
{
    decoded<Response> d;
    // A stale error from an earlier call must not survive a good decode.
    d.ec = client_errc::timeout;
    REQUIRE(model::decode(*operation_of<Response>().response, json, &d.value, d.ec, d.diag));
    return d;
}

// The parameters as sorted "name=value" lines: the wire order is the signer's
// business, and a failing comparison prints readably.
std::string wire(const parameters& params)
{
    std::vector<std::string> lines;
    for (const auto& p : params)
        lines.push_back(p.name + "=" + p.value);
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines)
        out += line + "\n";
    return out;
}

std::string wire(std::initializer_list<std::pair<std::string_view, std::string_view>> expected)
{
    parameters params;
    for (const auto& [name, value] : expected)
        params.append(std::string(name), std::string(value));
    return wire(params);
}

template <class Request>
parameters encode(const Request& request)
{
    parameters out;
    model::encode(*operation_of<Request>().request, &request, out);
    return out;
}

struct checked {
    error_code ec;
    diagnostics diag;
};

template <class Request>
checked check(const Request& request)
{
    checked c;
    const auto& op = operation_of<Request>();
    model::validate(*op.request, &request, c.ec, c.diag);
    if (!c.ec)
        model::check_rules(op, &request, c.ec, c.diag);
    return c;
}

template <class Disk>
constexpr bool has_auto_snapshot_policy = requires(Disk d) { d.auto_snapshot_policy_id; };
template <class Disk>
constexpr bool has_provisioned_iops = requires(Disk d) { d.provisioned_iops; };

// A copy of request with one change.
template <class Request, class Change>
Request changed(Request request, Change change)
{
    change(request);
    return request;
}

template <class Request>
void require_rejected(const Request& request, client_errc code, std::string_view field)
{
    const auto c = check(request);
    INFO(c.diag.client_message);
    CHECK(c.ec == code);
    CHECK(c.diag.field == field);
    CHECK_FALSE(c.diag.client_message.empty());
}

// §4.4 sample.
constexpr std::string_view describe_instances_sample = R"json({"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","TotalCount":1,"PageNumber":1,"PageSize":10,"NextToken":"",
 "Instances":{"Instance":[{
   "InstanceId":"i-bp67acfmxazb4p0abcd1","InstanceName":"web-01","HostName":"web-01","Description":"",
   "RegionId":"cn-hangzhou","ZoneId":"cn-hangzhou-h","Status":"Running",
   "InstanceType":"ecs.g7.large","InstanceTypeFamily":"ecs.g7","Cpu":2,"Memory":8192,
   "ImageId":"ubuntu_22_04_x64_20G_alibase_20230907.vhd","OSType":"linux","OSName":"Ubuntu  22.04 64位","OSNameEn":"Ubuntu  22.04 64 bit",
   "InstanceChargeType":"PostPaid","InternetChargeType":"PayByTraffic","InternetMaxBandwidthOut":5,"InternetMaxBandwidthIn":100,
   "InstanceNetworkType":"vpc","IoOptimized":true,"SpotStrategy":"NoSpot","StoppedMode":"Not-applicable","DeletionProtection":false,
   "CreationTime":"2024-01-02T03:04Z","StartTime":"2024-01-02T03:05Z","ExpiredTime":"2099-12-31T15:59Z","AutoReleaseTime":"",
   "SerialNumber":"51d1353b-22bf-4567-a176-8b3e12e40001","ResourceGroupId":"","KeyPairName":"","DeploymentSetId":"","CreditSpecification":"",
   "VpcAttributes":{"VpcId":"vpc-bp1vpc000000000001","VSwitchId":"vsw-bp1vsw000000000001","NatIpAddress":"",
                    "PrivateIpAddress":{"IpAddress":["172.16.0.10"]}},
   "PublicIpAddress":{"IpAddress":["47.96.1.10"]},
   "InnerIpAddress":{"IpAddress":[]},
   "EipAddress":{"AllocationId":"","IpAddress":"","InternetChargeType":"","Bandwidth":0,"IsSupportUnassociate":false},
   "SecurityGroupIds":{"SecurityGroupId":["sg-bp1sg0000000000001"]},
   "NetworkInterfaces":{"NetworkInterface":[{"NetworkInterfaceId":"eni-bp1eni00000000001","Type":"Primary","MacAddress":"00:16:3e:00:00:01",
        "PrimaryIpAddress":"172.16.0.10","PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"172.16.0.10","Primary":true}]}}]},
   "Tags":{"Tag":[{"TagKey":"env","TagValue":"prod"}]},
   "OperationLocks":{"LockReason":[]},
   "MetadataOptions":{"HttpEndpoint":"enabled","HttpTokens":"optional"},
   "CpuOptions":{"CoreCount":1,"ThreadsPerCore":2,"Numa":""},
   "DedicatedHostAttribute":{"DedicatedHostId":"","DedicatedHostName":"","DedicatedHostClusterId":""},
   "DedicatedInstanceAttribute":{"Tenancy":"","Affinity":""},
   "EcsCapacityReservationAttr":{"CapacityReservationId":"","CapacityReservationPreference":""},
   "GPUAmount":0,"GPUSpec":"","Recyclable":false,"DeviceAvailable":true,"VlanId":"","ClusterId":"","HpcClusterId":""}]}})json";

} // namespace

// --- decoding the §4 samples -------------------------------------------------

TEST_CASE("DescribeRegions: the §4.2 sample", "[ecs][models]")
{
    const auto d = decode<ecs::describe_regions_response>(R"json({"RequestId":"38EC7366-F5A9-46B1-BDB1-0FDC2E296397",
 "Regions":{"Region":[
   {"RegionId":"cn-hangzhou","LocalName":"China (Hangzhou)","RegionEndpoint":"ecs.cn-hangzhou.aliyuncs.com","Status":"available"},
   {"RegionId":"ap-southeast-1","LocalName":"Singapore","RegionEndpoint":"ecs.ap-southeast-1.aliyuncs.com","Status":"available"}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "38EC7366-F5A9-46B1-BDB1-0FDC2E296397");
    REQUIRE(d.value.regions.size() == 2);
    CHECK(d.value.regions[0].region_id == "cn-hangzhou");
    CHECK(d.value.regions[0].local_name == "China (Hangzhou)");
    CHECK(d.value.regions[0].region_endpoint == "ecs.cn-hangzhou.aliyuncs.com");
    CHECK(d.value.regions[0].status == "available");
    CHECK(d.value.regions[1].region_id == "ap-southeast-1");
    CHECK(d.value.regions[1].local_name == "Singapore");
    CHECK(d.value.regions[1].region_endpoint == "ecs.ap-southeast-1.aliyuncs.com");
}

TEST_CASE("DescribeZones: the §4.3 sample, lower-case element names included", "[ecs][models]")
{
    const auto d = decode<ecs::describe_zones_response>(R"json({"RequestId":"A347EF0E-BBCC-4EFA-BD79-27AA3ACFD1BF",
 "Zones":{"Zone":[{"ZoneId":"cn-hangzhou-h","LocalName":"Hangzhou Zone H","ZoneType":"AvailabilityZone",
   "AvailableResourceCreation":{"ResourceTypes":["Instance","Disk","VSwitch"]},
   "AvailableDiskCategories":{"DiskCategories":["cloud_essd","cloud_efficiency"]},
   "AvailableInstanceTypes":{"InstanceTypes":["ecs.g7.large","ecs.c7.large"]},
   "AvailableVolumeCategories":{"VolumeCategories":[]},
   "AvailableResources":{"ResourcesInfo":[{"IoOptimized":true,
      "InstanceTypes":{"supportedInstanceType":["ecs.g7.large"]},
      "SystemDiskCategories":{"supportedSystemDiskCategory":["cloud_essd"]},
      "DataDiskCategories":{"supportedDataDiskCategory":["cloud_essd"]},
      "NetworkTypes":{"supportedNetworkCategory":["vpc"]},
      "InstanceTypeFamilies":{"supportedInstanceTypeFamily":["ecs.g7"]},
      "InstanceGenerations":{"supportedInstanceGeneration":["ecs-5"]}}]}}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "A347EF0E-BBCC-4EFA-BD79-27AA3ACFD1BF");
    REQUIRE(d.value.zones.size() == 1);
    const ecs::zone& z = d.value.zones[0];
    CHECK(z.zone_id == "cn-hangzhou-h");
    CHECK(z.local_name == "Hangzhou Zone H");
    CHECK(z.zone_type == "AvailabilityZone");
    CHECK(z.available_resource_creation == std::vector<std::string>{"Instance", "Disk", "VSwitch"});
    CHECK(z.available_disk_categories == std::vector<std::string>{"cloud_essd", "cloud_efficiency"});
    CHECK(z.available_instance_types == std::vector<std::string>{"ecs.g7.large", "ecs.c7.large"});
    CHECK(z.available_volume_categories.empty());
    CHECK(z.available_dedicated_host_types.empty());
    REQUIRE(z.available_resources.size() == 1);
    const ecs::resources_info& info = z.available_resources[0];
    CHECK(info.io_optimized);
    CHECK(info.instance_types == std::vector<std::string>{"ecs.g7.large"});
    CHECK(info.system_disk_categories == std::vector<std::string>{"cloud_essd"});
    CHECK(info.data_disk_categories == std::vector<std::string>{"cloud_essd"});
    CHECK(info.network_types == std::vector<std::string>{"vpc"});
    CHECK(info.instance_type_families == std::vector<std::string>{"ecs.g7"});
    CHECK(info.instance_generations == std::vector<std::string>{"ecs-5"});
}

TEST_CASE("DescribeInstances: the §4.4 sample", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(describe_instances_sample);
    REQUIRE_FALSE(d.ec);
    const auto& r = d.value;
    CHECK(r.request_id == "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    CHECK(r.total_count == 1);
    CHECK(r.page_number == 1);
    CHECK(r.page_size == 10);
    CHECK(r.next_token.empty());
    REQUIRE(r.instances.size() == 1);
    const ecs::instance& i = r.instances[0];

    CHECK(i.instance_id == "i-bp67acfmxazb4p0abcd1");
    CHECK(i.instance_name == "web-01");
    CHECK(i.host_name == "web-01");
    CHECK(i.description.empty());
    CHECK(i.region_id == "cn-hangzhou");
    CHECK(i.zone_id == "cn-hangzhou-h");
    CHECK(i.status == "Running");
    CHECK(ecs::parse_instance_status(i.status) == ecs::instance_status::running);
    CHECK(i.instance_type == "ecs.g7.large");
    CHECK(i.instance_type_family == "ecs.g7");
    CHECK(i.cpu == 2);
    CHECK(i.memory == 8192);
    CHECK(i.image_id == "ubuntu_22_04_x64_20G_alibase_20230907.vhd");
    CHECK(i.os_type == "linux");
    CHECK(i.os_name == "Ubuntu  22.04 64位");
    CHECK(i.os_name_en == "Ubuntu  22.04 64 bit");
    CHECK(i.instance_charge_type == "PostPaid");
    CHECK(i.internet_charge_type == "PayByTraffic");
    CHECK(i.internet_max_bandwidth_out == 5);
    CHECK(i.internet_max_bandwidth_in == 100);
    CHECK(i.instance_network_type == "vpc");
    CHECK(i.io_optimized);
    CHECK(i.spot_strategy == "NoSpot");
    CHECK(i.stopped_mode == "Not-applicable");
    CHECK_FALSE(i.deletion_protection);
    CHECK(i.creation_time == "2024-01-02T03:04Z");
    CHECK(i.start_time == "2024-01-02T03:05Z");
    CHECK(i.expired_time == "2099-12-31T15:59Z");
    CHECK(i.auto_release_time.empty());
    CHECK(i.serial_number == "51d1353b-22bf-4567-a176-8b3e12e40001");
    CHECK(i.gpu_amount == 0);
    CHECK_FALSE(i.recyclable);
    CHECK(i.device_available);

    CHECK(i.vpc_attributes.vpc_id == "vpc-bp1vpc000000000001");
    CHECK(i.vpc_attributes.vswitch_id == "vsw-bp1vsw000000000001");
    CHECK(i.vpc_attributes.nat_ip_address.empty());
    CHECK(i.vpc_attributes.private_ip_addresses == std::vector<std::string>{"172.16.0.10"});
    CHECK(i.public_ip_addresses == std::vector<std::string>{"47.96.1.10"});
    CHECK(i.inner_ip_addresses.empty());
    CHECK(i.eip_address.bandwidth == 0);
    CHECK_FALSE(i.eip_address.is_support_unassociate);
    CHECK(i.security_group_ids == std::vector<std::string>{"sg-bp1sg0000000000001"});

    REQUIRE(i.network_interfaces.size() == 1);
    const auto& nic = i.network_interfaces[0];
    CHECK(nic.network_interface_id == "eni-bp1eni00000000001");
    CHECK(nic.type == "Primary");
    CHECK(nic.mac_address == "00:16:3e:00:00:01");
    CHECK(nic.primary_ip_address == "172.16.0.10");
    REQUIRE(nic.private_ip_sets.size() == 1);
    CHECK(nic.private_ip_sets[0].private_ip_address == "172.16.0.10");
    CHECK(nic.private_ip_sets[0].primary);

    REQUIRE(i.tags.size() == 1);
    CHECK(i.tags[0].tag_key == "env");
    CHECK(i.tags[0].tag_value == "prod");
    CHECK(i.operation_locks.empty());
    CHECK(i.metadata_options.http_endpoint == "enabled");
    CHECK(i.metadata_options.http_tokens == "optional");
    CHECK(i.cpu_options.core_count == 1);
    CHECK(i.cpu_options.threads_per_core == 2);
    CHECK(i.cpu_options.numa.empty());
    CHECK(i.dedicated_host_attribute.dedicated_host_id.empty());
    CHECK(i.dedicated_instance_attribute.tenancy.empty());
    CHECK(i.ecs_capacity_reservation_attr.capacity_reservation_id.empty());
    // Not in the sample: left at their defaults.
    CHECK_FALSE(i.spot_price_limit.has_value());
    CHECK(i.rdma_ip_addresses.empty());
}

TEST_CASE("DescribeInstances: the other members of the official model", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(R"json({"RequestId":"R","NextToken":"caeba0bbb2be03f8",
        "Instances":{"Instance":[{"InstanceId":"i-1","SpotPriceLimit":0.98,"SpotDuration":1,
          "SpotInterruptionBehavior":"Terminate","DeploymentSetGroupNo":3,"EnableNVS":true,"ISP":"BGP",
          "SaleCycle":"month","LocalStorageAmount":2,"LocalStorageCapacity":5952,
          "RdmaIpAddress":{"IpAddress":["10.10.10.102"]},
          "OperationLocks":{"LockReason":[{"LockReason":"security","LockMsg":"locked"}]},
          "NetworkInterfaces":{"NetworkInterface":[{"NetworkInterfaceId":"eni-2","Ipv6Sets":{"Ipv6Set":[{"Ipv6Address":"2408::1"}]}}]},
          "AdditionalInfo":{"EnableHighDensityMode":true,"ManagedHostId":"mh-1","NodeSerialNumber":"n-1"},
          "ClockOptions":{"PtpStatus":"enabled"},"HibernationOptions":{"Configured":true},
          "ImageOptions":{"LoginAsNonRoot":true,"CurrentOSNVMeSupported":true},
          "PrivateDnsNameOptions":{"HostnameType":"IpBased","EnableInstanceIdDnsARecord":true,"EnableIpDnsPtrRecord":true},
          "SecurityOptions":{"EnableSecureBoot":true},
          "CpuOptions":{"CoreCount":4,"ThreadsPerCore":1,"TopologyType":"DiscreteCoreToHyperThread"},
          "MetadataOptions":{"HttpPutResponseHopLimit":2,"InstanceMetadataTags":"enabled"}}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.next_token == "caeba0bbb2be03f8");
    REQUIRE(d.value.instances.size() == 1);
    const ecs::instance& i = d.value.instances[0];
    CHECK(i.spot_price_limit == 0.98);
    CHECK(i.spot_duration == 1);
    CHECK(i.spot_interruption_behavior == "Terminate");
    CHECK(i.deployment_set_group_no == 3);
    CHECK(i.enable_nvs);
    CHECK(i.isp == "BGP");
    CHECK(i.sale_cycle == "month");
    CHECK(i.local_storage_amount == 2);
    CHECK(i.local_storage_capacity == 5952);
    CHECK(i.rdma_ip_addresses == std::vector<std::string>{"10.10.10.102"});
    REQUIRE(i.operation_locks.size() == 1);
    CHECK(i.operation_locks[0].lock_reason == "security");
    CHECK(i.operation_locks[0].lock_msg == "locked");
    REQUIRE(i.network_interfaces.size() == 1);
    REQUIRE(i.network_interfaces[0].ipv6_sets.size() == 1);
    CHECK(i.network_interfaces[0].ipv6_sets[0].ipv6_address == "2408::1");
    CHECK(i.additional_info.enable_high_density_mode);
    CHECK(i.additional_info.managed_host_id == "mh-1");
    CHECK(i.clock_options.ptp_status == "enabled");
    CHECK(i.hibernation_options.configured);
    CHECK(i.image_options.login_as_non_root);
    CHECK(i.image_options.current_os_nvme_supported);
    CHECK(i.private_dns_name_options.hostname_type == "IpBased");
    CHECK(i.private_dns_name_options.enable_instance_id_dns_a_record);
    CHECK_FALSE(i.private_dns_name_options.enable_ip_dns_a_record);
    CHECK(i.private_dns_name_options.enable_ip_dns_ptr_record);
    CHECK(i.security_options.enable_secure_boot);
    CHECK(i.cpu_options.core_count == 4);
    CHECK(i.cpu_options.topology_type == "DiscreteCoreToHyperThread");
    CHECK(i.metadata_options.http_put_response_hop_limit == 2);
    CHECK(i.metadata_options.instance_metadata_tags == "enabled");
}

TEST_CASE("DescribeInstanceStatus: the §4.5 sample", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instance_status_response>(R"json({"RequestId":"746C3444-9A24-4D7D-B8A8-DCBF7AC8BD66","TotalCount":2,"PageNumber":1,"PageSize":10,
 "InstanceStatuses":{"InstanceStatus":[{"InstanceId":"i-bp1a","Status":"Running"},{"InstanceId":"i-bp1b","Status":"Stopped"}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "746C3444-9A24-4D7D-B8A8-DCBF7AC8BD66");
    CHECK(d.value.total_count == 2);
    CHECK(d.value.page_number == 1);
    CHECK(d.value.page_size == 10);
    REQUIRE(d.value.instance_statuses.size() == 2);
    CHECK(d.value.instance_statuses[0].instance_id == "i-bp1a");
    CHECK(d.value.instance_statuses[0].status == "Running");
    CHECK(d.value.instance_statuses[1].instance_id == "i-bp1b");
    CHECK(ecs::parse_instance_status(d.value.instance_statuses[1].status) == ecs::instance_status::stopped);
}

TEST_CASE("RunInstances: the §4.6 sample, TradePrice as a number or a numeric string", "[ecs][models]")
{
    const auto d = decode<ecs::run_instances_response>(R"json({"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
 "InstanceIdSets":{"InstanceIdSet":["i-bp67acfmxazb4pd2abcd","i-bp1i43l28m7u48p1abcd"]},
 "TradePrice":0.165})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    CHECK(d.value.instance_id_sets == std::vector<std::string>{"i-bp67acfmxazb4pd2abcd", "i-bp1i43l28m7u48p1abcd"});
    CHECK(d.value.trade_price == 0.165);
    CHECK(d.value.order_id.empty()); // PostPaid

    const auto s = decode<ecs::run_instances_response>(
        R"json({"RequestId":"R","InstanceIdSets":{"InstanceIdSet":[]},"TradePrice":"0.165","OrderId":"2049"})json");
    REQUIRE_FALSE(s.ec);
    CHECK(s.value.trade_price == 0.165);
    CHECK(s.value.order_id == "2049");
    CHECK(s.value.instance_id_sets.empty());

    for (std::string_view price : {R"("cheap")", R"("0.165 ")", R"("nan")", R"("1e999")", "true"}) {
        const std::string body = R"({"RequestId":"R","TradePrice":)" + std::string(price) + "}";
        const auto bad = decode<ecs::run_instances_response>(body);
        INFO(price);
        CHECK(bad.ec == client_errc::malformed_response);
        CHECK(bad.diag.client_message == "malformed response: TradePrice: expected a number or a string holding one");
    }
}

// Found with the ecs_models fuzz target (test/fuzz/corpus/ecs_models/price_1e999):
// Boost.JSON reads 1e999 as infinity, which was taken as a price; and 1.81
// reads 0e999 as NaN (zero times infinity). The decoder's own reader reads
// the digits exactly: 0e999 is zero, below.
TEST_CASE("Prices beyond a double's range (1e999) are malformed, never infinity or NaN", "[ecs][models]")
{
    for (std::string_view price : {"1e999", "-1e999", "1E400"}) {
        INFO(price);
        const std::string p(price);
        const auto run = decode<ecs::run_instances_response>(R"({"RequestId":"R","TradePrice":)" + p + "}");
        CHECK(run.ec == client_errc::malformed_response);
        CHECK(run.diag.client_message == "malformed response: TradePrice: expected a number a double can hold");
        const auto create = decode<ecs::create_instance_response>(R"({"RequestId":"R","TradePrice":)" + p + "}");
        CHECK(create.ec == client_errc::malformed_response);
        const auto described = decode<ecs::describe_instances_response>(
            R"({"RequestId":"R","Instances":{"Instance":[{"InstanceId":"i-1","SpotPriceLimit":)" + p + "}]}}");
        CHECK(described.ec == client_errc::malformed_response);
        CHECK(described.diag.client_message ==
              "malformed response: Instances.Instance[0].SpotPriceLimit: expected a number a double can hold");
    }
    // The largest double is still a price; zero with any exponent is zero, and
    // a number too small for a double reads as zero, as strtod has it.
    const auto largest = decode<ecs::run_instances_response>(R"({"RequestId":"R","TradePrice":1.7976931348623157e308})");
    REQUIRE_FALSE(largest.ec);
    CHECK(largest.value.trade_price == std::numeric_limits<double>::max());
    for (std::string_view zero : {"0e999", "-0e999", "1e-999"}) {
        INFO(zero);
        const auto run = decode<ecs::run_instances_response>(R"({"RequestId":"R","TradePrice":)" + std::string(zero) + "}");
        REQUIRE_FALSE(run.ec);
        CHECK(run.value.trade_price == 0.0);
    }
}

TEST_CASE("CreateInstance: the §4.7 sample", "[ecs][models]")
{
    const auto d = decode<ecs::create_instance_response>(R"json({"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","InstanceId":"i-bp67acfmxazb4p0abcd2","TradePrice":0.165})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    CHECK(d.value.instance_id == "i-bp67acfmxazb4p0abcd2");
    CHECK(d.value.trade_price == 0.165);
    CHECK(d.value.order_id.empty());
}

TEST_CASE("DescribeInstanceAttribute: the §4.13 sample, IoOptimized a string", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instance_attribute_response>(R"json({"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
 "InstanceId":"i-bp67acfmxazb4p0abcd1","InstanceName":"web-01","HostName":"web-01","Description":"",
 "RegionId":"cn-hangzhou","ZoneId":"cn-hangzhou-h","Status":"Running","StoppedMode":"Not-applicable",
 "InstanceType":"ecs.g7.large","Cpu":2,"Memory":8192,"ImageId":"ubuntu_22_04_x64_20G_alibase_20230907.vhd",
 "InstanceNetworkType":"vpc","IoOptimized":"optimized","InstanceChargeType":"PostPaid",
 "InternetChargeType":"PayByTraffic","InternetMaxBandwidthOut":5,"InternetMaxBandwidthIn":100,
 "CreationTime":"2024-01-02T03:04Z","ExpiredTime":"2099-12-31T15:59Z","SerialNumber":"51d1353b-22bf-4567-a176-8b3e12e40001",
 "VpcAttributes":{"VpcId":"vpc-bp1vpc000000000001","VSwitchId":"vsw-bp1vsw000000000001","NatIpAddress":"",
                  "PrivateIpAddress":{"IpAddress":["172.16.0.10"]}},
 "PublicIpAddress":{"IpAddress":["47.96.1.10"]},"InnerIpAddress":{"IpAddress":[]},
 "EipAddress":{"AllocationId":"","IpAddress":"","InternetChargeType":"","Bandwidth":0},
 "SecurityGroupIds":{"SecurityGroupId":["sg-bp1sg0000000000001"]},
 "OperationLocks":{"LockReason":[]},
 "DedicatedHostAttribute":{"DedicatedHostId":"","DedicatedHostName":""},
 "ClusterId":"","VlanId":"","CreditSpecification":"","EnableJumboFrame":false,"EnableNetworkEncryption":false,
 "NetworkOptions":{"BandwidthWeighting":"","EnableJumboFrame":false,"EnableNetworkEncryption":false},
 "SecurityOptions":{"EnableSecureBoot":false}})json");
    REQUIRE_FALSE(d.ec);
    const auto& a = d.value;
    CHECK(a.request_id == "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    CHECK(a.instance_id == "i-bp67acfmxazb4p0abcd1");
    CHECK(a.instance_name == "web-01");
    CHECK(a.host_name == "web-01");
    CHECK(a.region_id == "cn-hangzhou");
    CHECK(a.zone_id == "cn-hangzhou-h");
    CHECK(a.status == "Running");
    CHECK(a.stopped_mode == "Not-applicable");
    CHECK(a.instance_type == "ecs.g7.large");
    CHECK(a.cpu == 2);
    CHECK(a.memory == 8192);
    CHECK(a.image_id == "ubuntu_22_04_x64_20G_alibase_20230907.vhd");
    CHECK(a.instance_network_type == "vpc");
    CHECK(a.io_optimized == "optimized");
    CHECK(a.instance_charge_type == "PostPaid");
    CHECK(a.internet_charge_type == "PayByTraffic");
    CHECK(a.internet_max_bandwidth_out == 5);
    CHECK(a.internet_max_bandwidth_in == 100);
    CHECK(a.creation_time == "2024-01-02T03:04Z");
    CHECK(a.expired_time == "2099-12-31T15:59Z");
    CHECK(a.serial_number == "51d1353b-22bf-4567-a176-8b3e12e40001");
    CHECK(a.vpc_attributes.vpc_id == "vpc-bp1vpc000000000001");
    CHECK(a.vpc_attributes.vswitch_id == "vsw-bp1vsw000000000001");
    CHECK(a.vpc_attributes.private_ip_addresses == std::vector<std::string>{"172.16.0.10"});
    CHECK(a.public_ip_addresses == std::vector<std::string>{"47.96.1.10"});
    CHECK(a.inner_ip_addresses.empty());
    CHECK(a.eip_address.allocation_id.empty());
    CHECK(a.security_group_ids == std::vector<std::string>{"sg-bp1sg0000000000001"});
    CHECK(a.operation_locks.empty());
    CHECK(a.dedicated_host_attribute.dedicated_host_name.empty());
    CHECK_FALSE(a.enable_jumbo_frame);
    CHECK_FALSE(a.enable_network_encryption);
    CHECK(a.network_options.bandwidth_weighting.empty());
    CHECK_FALSE(a.network_options.enable_jumbo_frame);
    CHECK_FALSE(a.security_options.enable_secure_boot);

    // DescribeInstances' bool in this place is a type error here.
    const auto wrong =
        decode<ecs::describe_instance_attribute_response>(R"json({"RequestId":"R","IoOptimized":true})json");
    CHECK(wrong.ec == client_errc::malformed_response);
    CHECK(wrong.diag.client_message.find("IoOptimized: expected a string") != std::string::npos);
}

TEST_CASE("the lifecycle actions answer with a RequestId alone", "[ecs][models]")
{
    constexpr std::string_view body = R"json({"RequestId":"C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11"})json";
    CHECK(decode<ecs::start_instance_response>(body).value.request_id == "C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11");
    CHECK(decode<ecs::stop_instance_response>(body).value.request_id == "C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11");
    CHECK(decode<ecs::reboot_instance_response>(body).value.request_id == "C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11");
    CHECK(decode<ecs::delete_instance_response>(body).value.request_id == "C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11");
    const auto d = decode<ecs::delete_instances_response>(body);
    CHECK_FALSE(d.ec);
    CHECK(d.value.request_id == "C7F7A5B0-0A61-4B1A-A8B8-0F5B7E2D0C11");
}

// --- tolerance and strictness ----------------------------------------------

TEST_CASE("unknown members are ignored, at every depth", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(R"json({"RequestId":"R","Brand":{"New":[1,2,{"x":null}]},
        "Instances":{"Extra":true,"Instance":[{"InstanceId":"i-1","FutureField":[{"a":1}],"Cpu":4,
          "VpcAttributes":{"VpcId":"vpc-1","Ipv6CidrBlock":"2408::/56"},
          "Tags":{"Tag":[{"TagKey":"k","TagValue":"v","TagCategory":"custom"}]}}]},
        "TotalCount":1})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.total_count == 1);
    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].instance_id == "i-1");
    CHECK(d.value.instances[0].cpu == 4);
    CHECK(d.value.instances[0].vpc_attributes.vpc_id == "vpc-1");
    REQUIRE(d.value.instances[0].tags.size() == 1);
    CHECK(d.value.instances[0].tags[0].tag_key == "k");
    CHECK(d.value.instances[0].tags[0].tag_value == "v");
}

TEST_CASE("missing or null members leave the model's defaults", "[ecs][models]")
{
    const auto empty = decode<ecs::describe_instances_response>(R"json({"RequestId":"R"})json");
    REQUIRE_FALSE(empty.ec);
    CHECK(empty.value.request_id == "R");
    CHECK(empty.value.instances.empty());
    CHECK(empty.value.total_count == 0);

    const auto sparse = decode<ecs::describe_instances_response>(
        R"json({"RequestId":null,"NextToken":null,"Instances":{"Instance":[{"InstanceId":"i-1","Cpu":null,
            "PublicIpAddress":{},"SecurityGroupIds":null,"EipAddress":null,"Tags":{"Tag":null}}]}})json");
    REQUIRE_FALSE(sparse.ec);
    CHECK(sparse.value.request_id.empty());
    REQUIRE(sparse.value.instances.size() == 1);
    const ecs::instance& i = sparse.value.instances[0];
    CHECK(i.instance_id == "i-1");
    CHECK(i.cpu == 0);
    CHECK(i.public_ip_addresses.empty());
    CHECK(i.security_group_ids.empty());
    CHECK(i.eip_address.ip_address.empty());
    CHECK(i.tags.empty());
    CHECK_FALSE(i.io_optimized);

    const auto none = decode<ecs::run_instances_response>(R"json({"RequestId":"R"})json");
    REQUIRE_FALSE(none.ec);
    CHECK_FALSE(none.value.trade_price.has_value());
}

TEST_CASE("members arriving in any order decode alike", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(R"json({"Instances":{"Instance":[{"HpcClusterId":"h",
        "Cpu":8,"InstanceId":"i-9","Memory":16384,"ZoneId":"z"}]},"PageSize":50,"RequestId":"R"})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.page_size == 50);
    CHECK(d.value.request_id == "R");
    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].instance_id == "i-9");
    CHECK(d.value.instances[0].cpu == 8);
    CHECK(d.value.instances[0].memory == 16384);
    CHECK(d.value.instances[0].zone_id == "z");
    CHECK(d.value.instances[0].hpc_cluster_id == "h");
}

TEST_CASE("objects of one class in one order, then in another, then with members left out", "[ecs][models]")
{
    // The decoder guesses each key's field from the order the previous
    // objects had; a wrong guess must cost time only.
    const auto d = decode<ecs::describe_instances_response>(R"json({"Instances":{"Instance":[
        {"InstanceId":"i-1","Cpu":1,"Memory":1024,"ZoneId":"z1"},
        {"InstanceId":"i-2","Cpu":2,"Memory":2048,"ZoneId":"z2"},
        {"ZoneId":"z3","Memory":3072,"Future":{"Cpu":99},"Cpu":3,"InstanceId":"i-3"},
        {"InstanceId":"i-4","Unknown":1,"Memory":4096},
        {"InstanceId":"i-5","Cpu":5,"Memory":5120,"ZoneId":"z5"}]}})json");
    REQUIRE_FALSE(d.ec);
    REQUIRE(d.value.instances.size() == 5);
    const auto& i = d.value.instances;
    CHECK((i[0].instance_id == "i-1" && i[0].cpu == 1 && i[0].memory == 1024 && i[0].zone_id == "z1"));
    CHECK((i[1].instance_id == "i-2" && i[1].cpu == 2 && i[1].memory == 2048 && i[1].zone_id == "z2"));
    CHECK((i[2].instance_id == "i-3" && i[2].cpu == 3 && i[2].memory == 3072 && i[2].zone_id == "z3"));
    CHECK((i[3].instance_id == "i-4" && i[3].cpu == 0 && i[3].memory == 4096 && i[3].zone_id.empty()));
    CHECK((i[4].instance_id == "i-5" && i[4].cpu == 5 && i[4].memory == 5120 && i[4].zone_id == "z5"));
}

TEST_CASE("a list of objects is allocated once, for as many elements as it held the last time", "[ecs][models]")
{
    // The decoder reserves a list for the size the same list had the last
    // time this thread decoded it: a program pages through one kind of answer.
    // Strings that hold brackets, commas, quotes and backslashes are not structure.
    const std::string_view body = R"json({"Instances":{"Extra":[1,2],"Instance" :
        [ {"InstanceName":"a, \"b\" ]},{[","Tags":{"Tag":[{"TagKey":"k\\","TagValue":"]"},{"TagKey":"{"}]}},
          {"InstanceName":"\\\"}, {","Future":[[{"x":","}],{}]},
          {"InstanceName":"c"} ]}})json";
    decode<ecs::describe_instances_response>(body);
    const auto d = decode<ecs::describe_instances_response>(body); // the second time: sized at once
    REQUIRE_FALSE(d.ec);
    const auto& i = d.value.instances;
    REQUIRE(i.size() == 3);
    CHECK(i.capacity() == 3);
    CHECK(i[0].instance_name == R"(a, "b" ]},{[)");
    REQUIRE(i[0].tags.size() == 2);
    CHECK(i[0].tags.capacity() == 2);
    CHECK(i[0].tags[0].tag_key == "k\\");
    CHECK(i[0].tags[0].tag_value == "]");
    CHECK(i[0].tags[1].tag_key == "{");
    CHECK(i[1].instance_name == R"(\"}, {)");
    CHECK(i[2].instance_name == "c");

    // A longer list than last time grows; the one after it is sized for it.
    const std::string five = R"json({"Instances":{"Instance":[{"InstanceId":"i-1"},{"InstanceId":"i-2"},
        {"InstanceId":"i-3"},{"InstanceId":"i-4"},{"InstanceId":"i-5"}]}})json";
    const auto longer = decode<ecs::describe_instances_response>(five);
    REQUIRE(longer.value.instances.size() == 5);
    CHECK(longer.value.instances[4].instance_id == "i-5");
    CHECK(decode<ecs::describe_instances_response>(five).value.instances.capacity() == 5);

    // A key the JSON escapes names the same list.
    const auto escaped = decode<ecs::describe_instances_response>(
        R"json({"Instances":{"Instanc\u0065":[{"InstanceId":"i-1"},{"InstanceId":"i-2"}]}})json");
    REQUIRE_FALSE(escaped.ec);
    REQUIRE(escaped.value.instances.size() == 2);
    CHECK(escaped.value.instances[1].instance_id == "i-2");

    // The size is only a hint: a body that breaks still names where.
    const auto broken = decode<ecs::describe_instances_response>(
        R"json({"Instances":{"Instance":[{"Cpu":1},{"Cpu":2},{"Cpu":"x"},{"Cpu":4}]}})json");
    CHECK(broken.ec == client_errc::malformed_response);
    CHECK(broken.diag.client_message == "malformed response: Instances.Instance[2].Cpu: expected a number");
}

TEST_CASE("a member of the wrong JSON type is malformed_response naming its path", "[ecs][models]")
{
    struct bad_body {
        std::string_view json;
        std::string_view message;
    };
    const std::vector<bad_body> cases = {
        {R"json({"Instances":{"Instance":[{"Cpu":1},{"Cpu":2},{"Cpu":"two"}]}})json",
         "Instances.Instance[2].Cpu: expected a number"},
        {R"json({"Instances":{"Instance":[{"PublicIpAddress":{"IpAddress":["1.1.1.1",7]}}]}})json",
         "Instances.Instance[0].PublicIpAddress.IpAddress[1]: expected a string"},
        {R"json({"Instances":{"Instance":[{"VpcAttributes":{"PrivateIpAddress":{"IpAddress":"10.0.0.1"}}}]}})json",
         "Instances.Instance[0].VpcAttributes.PrivateIpAddress.IpAddress: expected an array"},
        {R"json({"Instances":{"Instance":[{"NetworkInterfaces":{"NetworkInterface":[{"PrivateIpSets":{"PrivateIpSet":[{"Primary":"yes"}]}}]}}]}})json",
         "Instances.Instance[0].NetworkInterfaces.NetworkInterface[0].PrivateIpSets.PrivateIpSet[0].Primary: expected true or false"},
        {R"json({"Instances":[]})json", "Instances: expected an object"},
        {R"json({"Instances":{"Instance":{}}})json", "Instances.Instance: expected an array"},
        {R"json({"Instances":{"Instance":["i-1"]}})json", "Instances.Instance[0]: expected an object"},
        {R"json({"Instances":{"Instance":[{"EipAddress":"1.2.3.4"}]}})json",
         "Instances.Instance[0].EipAddress: expected an object"},
        {R"json({"Instances":{"Instance":[{"Memory":8192.5}]}})json",
         "Instances.Instance[0].Memory: expected an integer that fits in 32 bits"},
        {R"json({"Instances":{"Instance":[{"Memory":4294967296}]}})json",
         "Instances.Instance[0].Memory: expected an integer that fits in 32 bits"},
        {R"json({"RequestId":42})json", "RequestId: expected a string"},
        {R"json({"TotalCount":true})json", "TotalCount: expected a number"},
        {R"json([])json", "body: expected a JSON object"},
        // Found by the ecs_models fuzz target (corpus/ecs_models/body_null): a body
        // that is null alone was taken as an empty answer.
        {R"json( null)json", "body: expected a JSON object"},
        {R"json("text")json", "body: expected a JSON object"},
        {R"json(7)json", "body: expected a JSON object"},
    };
    for (const auto& c : cases) {
        INFO(c.json);
        const auto d = decode<ecs::describe_instances_response>(c.json);
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.ec == errc::malformed_response);
        CHECK(d.diag.client_message == "malformed response: " + std::string(c.message));
    }
}

TEST_CASE("the first wrong member is the one reported", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instance_status_response>(
        R"json({"TotalCount":"two","InstanceStatuses":{"InstanceStatus":[{"Status":1}]}})json");
    CHECK(d.ec == client_errc::malformed_response);
    CHECK(d.diag.client_message == "malformed response: TotalCount: expected a number");
}

TEST_CASE("unknown enum strings are kept", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(R"json({"Instances":{"Instance":[
        {"Status":"Hibernated","StoppedMode":"SomethingNew","InstanceChargeType":"Savings"}]}})json");
    REQUIRE_FALSE(d.ec);
    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].status == "Hibernated");
    CHECK(ecs::parse_instance_status(d.value.instances[0].status) == ecs::instance_status::unknown);
    CHECK(d.value.instances[0].stopped_mode == "SomethingNew");
    CHECK(d.value.instances[0].instance_charge_type == "Savings");

    CHECK(ecs::parse_instance_status("Pending") == ecs::instance_status::pending);
    CHECK(ecs::parse_instance_status("Starting") == ecs::instance_status::starting);
    CHECK(ecs::parse_instance_status("Stopping") == ecs::instance_status::stopping);
    CHECK(ecs::parse_instance_status("running") == ecs::instance_status::unknown); // case matters
}

TEST_CASE("a key sent twice: the later member is read in small and large objects alike", "[ecs][models]")
{
    // As boost::json::parse keeps it; an instance has more members than the
    // reader scans one by one, so it is looked up in a table.
    const auto d = decode<ecs::describe_instances_response>(R"json({"RequestId":"first","RequestId":"last",
        "Instances":{"Instance":[{"InstanceId":"i-first","InstanceName":"n","Cpu":2,"Memory":4096,"ZoneId":"z",
        "RegionId":"r","Status":"Running","InstanceType":"t","ImageId":"m","HostName":"h","InstanceId":"i-last"}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.request_id == "last");
    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].instance_id == "i-last");
}

TEST_CASE("a decode replaces whatever the response held", "[ecs][models]")
{
    ecs::describe_instances_response out;
    out.instances.resize(3);
    out.next_token = "stale";
    error_code ec;
    diagnostics diag;
    REQUIRE(model::decode(*ecs::detail::describe_instances_operation.response, R"json({"RequestId":"R"})json", &out,
                          ec, diag));
    REQUIRE_FALSE(ec);
    CHECK(out.instances.empty());
    CHECK(out.next_token.empty());
}

// --- encoding requests --------------------------------------------------------

TEST_CASE("DescribeInstances: JSON-array filters, tags, filters, scalars", "[ecs][models]")
{
    // Statements rather than designated initializers: those must follow the
    // members' order (RegionId, what is required, then the wire names' order).
    ecs::describe_instances_request request;
    request.region_id = "cn-hangzhou";
    request.instance_ids = std::vector<std::string>{"i-1", "i-2"};
    request.public_ip_addresses = std::vector<std::string>{};
    request.vpc_id = "vpc-1";
    request.vswitch_id = "vsw-1";
    request.status = "Running";
    request.io_optimized = true;
    request.tags = {{"env", "prod"}, {"team", std::nullopt}}; // no value: the key alone
    request.filters = {{"CreationStartTime", "2024-01-02T03:04Z"}};
    request.additional_attributes = {"META_OPTIONS", "DDH_CLUSTER"};
    request.dry_run = false;
    request.page_number = 2;
    request.page_size = 100;
    CHECK(wire(encode(request)) == wire({
                                               {"RegionId", "cn-hangzhou"},
                                               {"InstanceIds", R"(["i-1","i-2"])"},
                                               {"PublicIpAddresses", "[]"},
                                               {"VpcId", "vpc-1"},
                                               {"VSwitchId", "vsw-1"},
                                               {"Status", "Running"},
                                               {"IoOptimized", "true"},
                                               {"Tag.1.Key", "env"},
                                               {"Tag.1.Value", "prod"},
                                               {"Tag.2.Key", "team"},
                                               {"Filter.1.Key", "CreationStartTime"},
                                               {"Filter.1.Value", "2024-01-02T03:04Z"},
                                               {"AdditionalAttributes.1", "META_OPTIONS"},
                                               {"AdditionalAttributes.2", "DDH_CLUSTER"},
                                               {"DryRun", "false"},
                                               {"PageNumber", "2"},
                                               {"PageSize", "100"},
                                           }));

    // Nothing set but the region: nothing else on the wire.
    CHECK(wire(encode(ecs::describe_instances_request{.region_id = "cn-beijing"})) ==
          wire({{"RegionId", "cn-beijing"}}));

    const ecs::describe_instances_request paged{.region_id = "r", .max_results = 100, .next_token = "t0k"};
    CHECK(wire(encode(paged)) == wire({{"RegionId", "r"}, {"NextToken", "t0k"}, {"MaxResults", "100"}}));
}

TEST_CASE("RunInstances: disks, tags, security groups, network interfaces, structs", "[ecs][models]")
{
    ecs::run_instances_request request;
    request.region_id = "cn-hangzhou";
    request.image_id = "aliyun_3_x64_20G_alibase_20230727.vhd";
    request.instance_type = "ecs.g7.large";
    request.vswitch_id = "vsw-1";
    request.security_group_ids = {"sg-1", "sg-2"};
    ecs::network_interface nic;
    nic.instance_type = "Secondary";
    nic.vswitch_id = "vsw-2";
    nic.security_group_ids = {"sg-3"};
    nic.queue_pair_number = 8;
    request.network_interfaces = {nic};
    request.network_options = ecs::network_options{.enable_jumbo_frame = true};
    request.amount = 3;
    request.min_amount = 2;
    request.host_names = {"a", "b", "c"};
    request.password_inherit = true;
    request.spot_strategy = "SpotWithPriceLimit";
    request.spot_price_limit = 0.97;
    request.internet_max_bandwidth_out = 10;
    request.system_disk = ecs::system_disk{.category = "cloud_essd", .performance_level = "PL1", .size = 40};
    request.data_disks = {{.category = "cloud_essd", .delete_with_instance = false, .size = 100},
                          {.category = "cloud_auto", .encrypted = "true", .provisioned_iops = 50000, .snapshot_id = "s-1"}};
    request.tags = {{"env", "prod"}, {"owner", "ops"}};
    request.auto_release_time = "2024-01-02T03:04:00Z";
    request.private_pool_options = ecs::private_pool_options{.match_criteria = "Open"};
    request.cpu_options = ecs::cpu_options{.core = 2, .threads_per_core = 1};
    request.client_token = "123e4567-e89b-12d3-a456-426655440000";
    request.dry_run = true;
    CHECK(wire(encode(request)) == wire({
                                               {"RegionId", "cn-hangzhou"},
                                               {"ImageId", "aliyun_3_x64_20G_alibase_20230727.vhd"},
                                               {"InstanceType", "ecs.g7.large"},
                                               {"VSwitchId", "vsw-1"},
                                               {"SecurityGroupIds.1", "sg-1"},
                                               {"SecurityGroupIds.2", "sg-2"},
                                               {"NetworkInterface.1.InstanceType", "Secondary"},
                                               {"NetworkInterface.1.VSwitchId", "vsw-2"},
                                               {"NetworkInterface.1.SecurityGroupIds.1", "sg-3"},
                                               {"NetworkInterface.1.QueuePairNumber", "8"},
                                               {"Amount", "3"},
                                               {"MinAmount", "2"},
                                               {"HostNames.1", "a"},
                                               {"HostNames.2", "b"},
                                               {"HostNames.3", "c"},
                                               {"PasswordInherit", "true"},
                                               {"SpotStrategy", "SpotWithPriceLimit"},
                                               {"SpotPriceLimit", "0.97"},
                                               {"InternetMaxBandwidthOut", "10"},
                                               {"SystemDisk.Category", "cloud_essd"},
                                               {"SystemDisk.Size", "40"},
                                               {"SystemDisk.PerformanceLevel", "PL1"},
                                               {"DataDisk.1.Size", "100"},
                                               {"DataDisk.1.Category", "cloud_essd"},
                                               {"DataDisk.1.DeleteWithInstance", "false"},
                                               {"DataDisk.2.Category", "cloud_auto"},
                                               {"DataDisk.2.SnapshotId", "s-1"},
                                               {"DataDisk.2.Encrypted", "true"},
                                               {"DataDisk.2.ProvisionedIops", "50000"},
                                               {"Tag.1.Key", "env"},
                                               {"Tag.1.Value", "prod"},
                                               {"Tag.2.Key", "owner"},
                                               {"Tag.2.Value", "ops"},
                                               {"AutoReleaseTime", "2024-01-02T03:04:00Z"},
                                               {"PrivatePoolOptions.MatchCriteria", "Open"},
                                               {"CpuOptions.Core", "2"},
                                               {"CpuOptions.ThreadsPerCore", "1"},
                                               {"NetworkOptions.EnableJumboFrame", "true"},
                                               {"ClientToken", "123e4567-e89b-12d3-a456-426655440000"},
                                               {"DryRun", "true"},
                                           }));
}

TEST_CASE("CreateInstance: the shared launch parameters and its own", "[ecs][models]")
{
    ecs::create_instance_request request;
    request.region_id = "cn-hangzhou";
    request.instance_type = "ecs.g7.large";
    request.image_id = "m-1";
    request.security_group_id = "sg-1";
    request.vlan_id = "10";
    request.io_optimized = "optimized";
    request.use_additional_service = true;
    request.system_disk = ecs::create_instance_system_disk{.size = 20};
    request.data_disks = {{.size = 50}};
    request.tags = {{"k", "v"}};
    request.hibernation_options = ecs::hibernation_options{.configured = false};
    CHECK(wire(encode(request)) == wire({
                                               {"RegionId", "cn-hangzhou"},
                                               {"InstanceType", "ecs.g7.large"},
                                               {"ImageId", "m-1"},
                                               {"SecurityGroupId", "sg-1"},
                                               {"VlanId", "10"},
                                               {"IoOptimized", "optimized"},
                                               {"UseAdditionalService", "true"},
                                               {"SystemDisk.Size", "20"},
                                               {"DataDisk.1.Size", "50"},
                                               {"Tag.1.Key", "k"},
                                               {"Tag.1.Value", "v"},
                                               {"HibernationOptions.Configured", "false"},
                                           }));
}

TEST_CASE("the other operations' parameters", "[ecs][models]")
{
    CHECK(wire(encode(ecs::describe_regions_request{})).empty());
    CHECK(wire(encode(ecs::describe_regions_request{.accept_language = "en-US", .resource_type = "disk"})) ==
          wire({{"AcceptLanguage", "en-US"}, {"ResourceType", "disk"}}));
    CHECK(wire(encode(ecs::describe_zones_request{.region_id = "cn-hangzhou", .verbose = false})) ==
          wire({{"RegionId", "cn-hangzhou"}, {"Verbose", "false"}}));
    CHECK(wire(encode(ecs::describe_instance_status_request{
              .region_id = "cn-hangzhou", .instance_ids = {"i-1", "i-2"}, .page_size = 50})) ==
          wire({{"RegionId", "cn-hangzhou"}, {"InstanceId.1", "i-1"}, {"InstanceId.2", "i-2"}, {"PageSize", "50"}}));
    CHECK(wire(encode(ecs::describe_instance_attribute_request{.instance_id = "i-1"})) ==
          wire({{"InstanceId", "i-1"}}));
    CHECK(wire(encode(ecs::start_instance_request{.instance_id = "i-1", .init_local_disk = true})) ==
          wire({{"InstanceId", "i-1"}, {"InitLocalDisk", "true"}}));
    CHECK(wire(encode(ecs::stop_instance_request{
              .instance_id = "i-1", .dry_run = true, .force_stop = true, .stopped_mode = "StopCharging"})) ==
          wire({{"InstanceId", "i-1"}, {"ForceStop", "true"}, {"StoppedMode", "StopCharging"}, {"DryRun", "true"}}));
    CHECK(wire(encode(ecs::reboot_instance_request{.instance_id = "i-1", .force_stop = false})) ==
          wire({{"InstanceId", "i-1"}, {"ForceStop", "false"}}));
    CHECK(wire(encode(ecs::delete_instance_request{
              .instance_id = "i-1", .force = true, .force_stop = false, .terminate_subscription = true})) ==
          wire({{"InstanceId", "i-1"}, {"Force", "true"}, {"ForceStop", "false"}, {"TerminateSubscription", "true"}}));
    CHECK(wire(encode(ecs::delete_instances_request{
              .region_id = "cn-hangzhou", .instance_ids = {"i-1", "i-2"}, .client_token = "tok", .force = true})) ==
          wire({{"RegionId", "cn-hangzhou"},
                {"InstanceId.1", "i-1"},
                {"InstanceId.2", "i-2"},
                {"Force", "true"},
                {"ClientToken", "tok"}}));
}

// --- validation -------------------------------------------------------------------

TEST_CASE("valid requests pass validation and clear a stale error", "[ecs][models]")
{
    CHECK_FALSE(check(ecs::describe_regions_request{}).ec);
    CHECK_FALSE(check(ecs::describe_zones_request{.region_id = "cn-hangzhou"}).ec);
    CHECK_FALSE(check(ecs::describe_instances_request{.region_id = "r",
                                                      .instance_ids = std::vector<std::string>(100, "i-1"),
                                                      .max_results = 1,
                                                      .page_number = 1,
                                                      .page_size = 100,
                                                      .tags = std::vector<ecs::tag>(20, {"k", "v"})})
                    .ec);
    CHECK_FALSE(check(ecs::describe_instance_status_request{.region_id = "r", .page_size = 50}).ec);
    CHECK_FALSE(check(ecs::describe_instance_attribute_request{.instance_id = "i-1"}).ec);
    CHECK_FALSE(
        check(ecs::run_instances_request{.region_id = "r", .amount = 100, .image_id = "m", .instance_type = "t"}).ec);
    CHECK_FALSE(check(ecs::run_instances_request{.region_id = "r", .launch_template_id = "lt-1"}).ec);
    CHECK_FALSE(check(ecs::create_instance_request{.region_id = "r", .instance_type = "t", .image_family = "f"}).ec);
    CHECK_FALSE(check(ecs::start_instance_request{.instance_id = "i-1"}).ec);
    CHECK_FALSE(check(ecs::stop_instance_request{.instance_id = "i-1"}).ec);
    CHECK_FALSE(check(ecs::reboot_instance_request{.instance_id = "i-1"}).ec);
    CHECK_FALSE(check(ecs::delete_instance_request{.instance_id = "i-1"}).ec);
    CHECK_FALSE(check(ecs::delete_instances_request{.region_id = "r", .instance_ids = {"i-1"}}).ec);
    // An empty token is the client's to fill, not a mistake.
    CHECK_FALSE(check(ecs::delete_instances_request{.region_id = "r", .instance_ids = {"i-1"}, .client_token = ""}).ec);
}

TEST_CASE("required fields: missing_field naming the API parameter", "[ecs][models]")
{
    using enum client_errc;
    require_rejected(ecs::describe_zones_request{}, missing_field, "RegionId");
    require_rejected(ecs::describe_instances_request{}, missing_field, "RegionId");
    require_rejected(ecs::describe_instance_status_request{}, missing_field, "RegionId");
    require_rejected(ecs::describe_instance_attribute_request{}, missing_field, "InstanceId");
    require_rejected(ecs::start_instance_request{}, missing_field, "InstanceId");
    require_rejected(ecs::stop_instance_request{}, missing_field, "InstanceId");
    require_rejected(ecs::reboot_instance_request{}, missing_field, "InstanceId");
    require_rejected(ecs::delete_instance_request{}, missing_field, "InstanceId");
    require_rejected(ecs::delete_instances_request{.instance_ids = {"i-1"}}, missing_field, "RegionId");
    require_rejected(ecs::delete_instances_request{.region_id = "r"}, missing_field, "InstanceId.1");
    require_rejected(ecs::delete_instances_request{.region_id = "r", .instance_ids = {"i-1", ""}}, missing_field,
                     "InstanceId.2");
    require_rejected(ecs::describe_instance_status_request{.region_id = "r", .instance_ids = {""}}, missing_field,
                     "InstanceId.1");
    require_rejected(ecs::run_instances_request{.image_id = "m", .instance_type = "t"}, missing_field, "RegionId");
    require_rejected(ecs::run_instances_request{.region_id = "r", .instance_type = "t"}, missing_field, "ImageId");
    require_rejected(ecs::run_instances_request{.region_id = "r", .image_id = "m"}, missing_field, "InstanceType");
    require_rejected(ecs::create_instance_request{.region_id = "r", .image_id = "m"}, missing_field, "InstanceType");
    require_rejected(ecs::create_instance_request{.region_id = "r", .instance_type = "t"}, missing_field, "ImageId");
    require_rejected(ecs::describe_instances_request{.region_id = "r", .tags = {{"", "v"}}}, missing_field,
                     "Tag.1.Key");
    require_rejected(
        ecs::describe_instances_request{.region_id = "r", .filters = {{"CreationStartTime", "x"}, {"", "y"}}},
        missing_field, "Filter.2.Key");
}

TEST_CASE("out-of-range values: invalid_field naming the API parameter", "[ecs][models]")
{
    using enum client_errc;
    const ecs::describe_instances_request di{.region_id = "r"};
    require_rejected(changed(di, [](auto& r) { r.page_size = 0; }), invalid_field, "PageSize");
    require_rejected(changed(di, [](auto& r) { r.page_size = 101; }), invalid_field, "PageSize");
    require_rejected(changed(di, [](auto& r) { r.page_number = 0; }), invalid_field, "PageNumber");
    require_rejected(changed(di, [](auto& r) { r.max_results = 0; }), invalid_field, "MaxResults");
    require_rejected(changed(di, [](auto& r) { r.max_results = 101; }), invalid_field, "MaxResults");
    require_rejected(changed(di, [](auto& r) { r.instance_ids = std::vector<std::string>(101, "i-1"); }), invalid_field,
                     "InstanceIds");
    require_rejected(changed(di, [](auto& r) { r.eip_addresses = std::vector<std::string>{"1.1.1.1", ""}; }),
                     invalid_field, "EipAddresses");
    require_rejected(changed(di, [](auto& r) { r.tags = std::vector<ecs::tag>(21, {"k", "v"}); }), invalid_field,
                     "Tag.21");
    require_rejected(changed(di, [](auto& r) { r.filters = std::vector<ecs::filter>(5, {"k", "v"}); }), invalid_field,
                     "Filter.5");

    require_rejected(ecs::describe_instance_status_request{.region_id = "r", .page_size = 51}, invalid_field,
                     "PageSize");
    require_rejected(ecs::describe_instance_status_request{.region_id = "r", .page_number = -1}, invalid_field,
                     "PageNumber");
    require_rejected(
        ecs::describe_instance_status_request{.region_id = "r", .instance_ids = std::vector<std::string>(101, "i")},
        invalid_field, "InstanceId.101");
    require_rejected(
        ecs::delete_instances_request{.region_id = "r", .instance_ids = std::vector<std::string>(101, "i")},
        invalid_field, "InstanceId.101");
    require_rejected(ecs::delete_instances_request{.region_id = "r", .instance_ids = {"i"},
                                                   .client_token = std::string(65, 'a')},
                     invalid_field, "ClientToken");

    const ecs::run_instances_request ri{.region_id = "r", .image_id = "m", .instance_type = "t"};
    require_rejected(changed(ri, [](auto& r) { r.amount = 0; }), invalid_field, "Amount");
    require_rejected(changed(ri, [](auto& r) { r.amount = 101; }), invalid_field, "Amount");
    require_rejected(changed(ri, [](auto& r) { r.min_amount = 101; }), invalid_field, "MinAmount");
    require_rejected(changed(ri, [](auto& r) { r.tags = std::vector<ecs::tag>(21, {"k", ""}); }), invalid_field,
                     "Tag.21");
    require_rejected(changed(ri, [](auto& r) { r.data_disks.resize(17); }), invalid_field, "DataDisk.17");
    require_rejected(changed(ri, [](auto& r) { r.client_token = "t\xc3\xa9"; }), invalid_field, "ClientToken");
    require_rejected(changed(ri,
                              [](auto& r) {
                                  r.security_group_id = "sg-1";
                                  r.security_group_ids = {"sg-2"};
                              }),
                     invalid_field, "SecurityGroupIds");
    require_rejected(changed(ri,
                              [](auto& r) {
                                  r.host_name = "h";
                                  r.host_names = {"h1"};
                              }),
                     invalid_field, "HostNames");

    const ecs::create_instance_request ci{.region_id = "r", .instance_type = "t", .image_id = "m"};
    // The members only RunInstances takes are not in CreateInstance's own disk
    // models (each operation's are generated from its schema), so they cannot be sent.
    STATIC_REQUIRE(has_auto_snapshot_policy<ecs::system_disk>);
    STATIC_REQUIRE_FALSE(has_auto_snapshot_policy<ecs::create_instance_system_disk>);
    STATIC_REQUIRE(has_provisioned_iops<ecs::data_disk>);
    STATIC_REQUIRE_FALSE(has_provisioned_iops<ecs::create_instance_data_disk>);
    require_rejected(changed(ci, [](auto& r) { r.tags = {{"", "v"}}; }), missing_field, "Tag.1.Key");

    const auto c = check(changed(di, [](auto& r) { r.page_size = 101; }));
    CHECK(c.diag.client_message == "PageSize must be between 1 and 100, not 101");
    CHECK(c.ec == errc::invalid_parameter);
    const auto t = check(changed(di, [](auto& r) { r.tags = std::vector<ecs::tag>(25, {"k", "v"}); }));
    CHECK(t.diag.client_message == "Tag.21 is past the limit of 20 Tag entries (the request has 25)");
}

// --- traits -------------------------------------------------------------------

TEST_CASE("operations: Action, version, retry safety, client token", "[ecs][models]")
{
    CHECK(ecs::detail::describe_instances_operation.action == "DescribeInstances");
    CHECK(ecs::detail::describe_instances_operation.version == "2014-05-26");
    CHECK(ecs::detail::describe_regions_operation.idempotent);
    CHECK(ecs::detail::describe_zones_operation.idempotent);
    CHECK(ecs::detail::describe_instance_status_operation.idempotent);
    CHECK(ecs::detail::describe_instance_attribute_operation.action == "DescribeInstanceAttribute");
    CHECK_FALSE(ecs::detail::start_instance_operation.idempotent);
    CHECK_FALSE(ecs::detail::stop_instance_operation.has_client_token);
    CHECK(ecs::detail::reboot_instance_operation.action == "RebootInstance");
    CHECK(ecs::detail::delete_instance_operation.action == "DeleteInstance");
    CHECK_FALSE(ecs::detail::run_instances_operation.idempotent);
    CHECK(ecs::detail::run_instances_operation.has_client_token);
    CHECK(ecs::detail::create_instance_operation.has_client_token);
    CHECK(ecs::detail::delete_instances_operation.has_client_token);
    CHECK(ecs::detail::delete_instances_operation.action == "DeleteInstances");

    ecs::run_instances_request run{.region_id = "r"};
    CHECK_FALSE(run.client_token.has_value());
    run.client_token = "filled-once";
    CHECK(encode(run).find("ClientToken") != nullptr);
}

TEST_CASE("what the service sends loosely: numbers as strings, empty strings, null", "[ecs][models]")
{
    const auto d = decode<ecs::describe_instances_response>(R"json({"TotalCount":"12","PageSize":"","NextToken":null,
        "Instances":{"Instance":[{"Cpu":"4","Memory":8192.0,"SpotPriceLimit":"0.25","DeletionProtection":"true"}]}})json");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.total_count == 12);
    CHECK(d.value.page_size == 0);
    CHECK(d.value.next_token.empty());
    REQUIRE(d.value.instances.size() == 1);
    CHECK(d.value.instances[0].cpu == 4);
    CHECK(d.value.instances[0].memory == 8192);
    CHECK(d.value.instances[0].spot_price_limit == 0.25);
    CHECK(d.value.instances[0].deletion_protection);

    const auto price = decode<ecs::run_instances_response>(R"json({"TradePrice":""})json");
    REQUIRE_FALSE(price.ec);
    CHECK_FALSE(price.value.trade_price.has_value()); // "" is no price, not a price of 0
}
