#include "ecs/models/codec_definitions.hpp"
#include "ecs/models/instance_members.hpp"
#include "ecs/models/request_pieces.hpp"

namespace alicloud::ecs::detail {

void write_fields(parameter_writer& w, const filter& f)
{
    w("Key", f.key);
    w("Value", f.value);
}

void read_members(object_reader& r, private_ip_set& out)
{
    r.read("PrivateIpAddress", out.private_ip_address);
    r.read("Primary", out.primary);
    r.read("PrivateDnsName", out.private_dns_name);
}

void read_members(object_reader& r, ipv6_set& out)
{
    r.read("Ipv6Address", out.ipv6_address);
    r.read("Primary", out.primary);
}

void read_members(object_reader& r, instance_network_interface& out)
{
    r.read("NetworkInterfaceId", out.network_interface_id);
    r.read("Type", out.type);
    r.read("MacAddress", out.mac_address);
    r.read("PrimaryIpAddress", out.primary_ip_address);
    r.read_objects("PrivateIpSets", "PrivateIpSet", out.private_ip_sets);
    r.read_objects("Ipv6Sets", "Ipv6Set", out.ipv6_sets);
}

void read_members(object_reader& r, instance_metadata_options& out)
{
    r.read("HttpEndpoint", out.http_endpoint);
    r.read("HttpTokens", out.http_tokens);
    r.read("HttpPutResponseHopLimit", out.http_put_response_hop_limit);
    r.read("InstanceMetadataTags", out.instance_metadata_tags);
}

void read_members(object_reader& r, instance_cpu_options& out)
{
    r.read("CoreCount", out.core_count);
    r.read("ThreadsPerCore", out.threads_per_core);
    r.read("Numa", out.numa);
    r.read("TopologyType", out.topology_type);
}

void read_members(object_reader& r, dedicated_instance_attribute& out)
{
    r.read("Tenancy", out.tenancy);
    r.read("Affinity", out.affinity);
}

void read_members(object_reader& r, ecs_capacity_reservation_attr& out)
{
    r.read("CapacityReservationId", out.capacity_reservation_id);
    r.read("CapacityReservationPreference", out.capacity_reservation_preference);
}

void read_members(object_reader& r, instance_additional_info& out)
{
    r.read("EnableHighDensityMode", out.enable_high_density_mode);
    r.read("ManagedHostId", out.managed_host_id);
    r.read("NodeSerialNumber", out.node_serial_number);
}

void read_members(object_reader& r, instance_clock_options& out)
{
    r.read("PtpStatus", out.ptp_status);
}

void read_members(object_reader& r, instance_hibernation_options& out)
{
    r.read("Configured", out.configured);
}

void read_members(object_reader& r, instance_image_options& out)
{
    r.read("LoginAsNonRoot", out.login_as_non_root);
    r.read("CurrentOSNVMeSupported", out.current_os_nvme_supported);
}

void read_members(object_reader& r, instance_private_dns_name_options& out)
{
    r.read("HostnameType", out.hostname_type);
    r.read("EnableInstanceIdDnsARecord", out.enable_instance_id_dns_a_record);
    r.read("EnableInstanceIdDnsAAAARecord", out.enable_instance_id_dns_aaaa_record);
    r.read("EnableIpDnsARecord", out.enable_ip_dns_a_record);
    r.read("EnableIpDnsPtrRecord", out.enable_ip_dns_ptr_record);
}

// In the order the documentation's sample (and the emulator) sends the members.
void read_members(object_reader& r, instance& out)
{
    read_instance_identity(r, out);
    r.read("InstanceType", out.instance_type);
    r.read("InstanceTypeFamily", out.instance_type_family);
    r.read("Cpu", out.cpu);
    r.read("Memory", out.memory);
    r.read("ImageId", out.image_id);
    r.read("OSType", out.os_type);
    r.read("OSName", out.os_name);
    r.read("OSNameEn", out.os_name_en);
    r.read("InstanceChargeType", out.instance_charge_type);
    r.read("InternetChargeType", out.internet_charge_type);
    r.read("InternetMaxBandwidthOut", out.internet_max_bandwidth_out);
    r.read("InternetMaxBandwidthIn", out.internet_max_bandwidth_in);
    r.read("InstanceNetworkType", out.instance_network_type);
    r.read("IoOptimized", out.io_optimized);
    r.read("SpotStrategy", out.spot_strategy);
    r.read("StoppedMode", out.stopped_mode);
    r.read("DeletionProtection", out.deletion_protection);
    r.read("CreationTime", out.creation_time);
    r.read("StartTime", out.start_time);
    r.read("ExpiredTime", out.expired_time);
    r.read("AutoReleaseTime", out.auto_release_time);
    r.read("SerialNumber", out.serial_number);
    r.read("ResourceGroupId", out.resource_group_id);
    r.read("KeyPairName", out.key_pair_name);
    r.read("DeploymentSetId", out.deployment_set_id);
    r.read("CreditSpecification", out.credit_specification);
    read_instance_addresses(r, out);
    r.read_objects("NetworkInterfaces", "NetworkInterface", out.network_interfaces);
    r.read_objects("Tags", "Tag", out.tags);
    r.read_objects("OperationLocks", "LockReason", out.operation_locks);
    r.read_object("MetadataOptions", out.metadata_options);
    r.read_object("CpuOptions", out.cpu_options);
    r.read_object("DedicatedHostAttribute", out.dedicated_host_attribute);
    r.read_object("DedicatedInstanceAttribute", out.dedicated_instance_attribute);
    r.read_object("EcsCapacityReservationAttr", out.ecs_capacity_reservation_attr);
    r.read("GPUAmount", out.gpu_amount);
    r.read("GPUSpec", out.gpu_spec);
    r.read("Recyclable", out.recyclable);
    r.read("DeviceAvailable", out.device_available);
    r.read("VlanId", out.vlan_id);
    r.read("ClusterId", out.cluster_id);
    r.read("HpcClusterId", out.hpc_cluster_id);
    // Not in the sample: the other members of the official model.
    r.read("SpotPriceLimit", out.spot_price_limit);
    r.read("SpotDuration", out.spot_duration);
    r.read("SpotInterruptionBehavior", out.spot_interruption_behavior);
    r.read("DeploymentSetGroupNo", out.deployment_set_group_no);
    r.read("EnableNVS", out.enable_nvs);
    r.read("ISP", out.isp);
    r.read("SaleCycle", out.sale_cycle);
    r.read("LocalStorageAmount", out.local_storage_amount);
    r.read("LocalStorageCapacity", out.local_storage_capacity);
    r.read_strings("RdmaIpAddress", "IpAddress", out.rdma_ip_addresses);
    r.read_object("AdditionalInfo", out.additional_info);
    r.read_object("ClockOptions", out.clock_options);
    r.read_object("HibernationOptions", out.hibernation_options);
    r.read_object("ImageOptions", out.image_options);
    r.read_object("PrivateDnsNameOptions", out.private_dns_name_options);
    r.read_object("SecurityOptions", out.security_options);
}

void read_members(object_reader& r, describe_instances_response& out)
{
    r.read("RequestId", out.request_id);
    r.read("TotalCount", out.total_count);
    r.read("PageNumber", out.page_number);
    r.read("PageSize", out.page_size);
    r.read("NextToken", out.next_token);
    r.read_objects("Instances", "Instance", out.instances);
}

void check_fields(request_checker& check, const describe_instances_request& request)
{
    check.required("RegionId", request.region_id)
        .json_array("InstanceIds", request.instance_ids, 100)
        .json_array("PrivateIpAddresses", request.private_ip_addresses, 100)
        .json_array("PublicIpAddresses", request.public_ip_addresses, 100)
        .json_array("InnerIpAddresses", request.inner_ip_addresses, 100)
        .json_array("EipAddresses", request.eip_addresses, 100)
        .key_values("Tag", request.tags, 20)
        .key_values("Filter", request.filters, 4)
        .in_range("PageNumber", request.page_number, 1)
        .in_range("PageSize", request.page_size, 1, 100)
        .in_range("MaxResults", request.max_results, 1, 100);
}

void write_fields(parameter_writer& w, const describe_instances_request& request)
{
    w("RegionId", request.region_id);
    w.json_array("InstanceIds", request.instance_ids);
    w.json_array("PrivateIpAddresses", request.private_ip_addresses);
    w.json_array("PublicIpAddresses", request.public_ip_addresses);
    w.json_array("InnerIpAddresses", request.inner_ip_addresses);
    w.json_array("EipAddresses", request.eip_addresses);
    w("ZoneId", request.zone_id);
    w("VpcId", request.vpc_id);
    w("VSwitchId", request.vswitch_id);
    w("SecurityGroupId", request.security_group_id);
    w("ImageId", request.image_id);
    w("InstanceType", request.instance_type);
    w("InstanceTypeFamily", request.instance_type_family);
    w("KeyPairName", request.key_pair_name);
    w("ResourceGroupId", request.resource_group_id);
    w("HpcClusterId", request.hpc_cluster_id);
    w("InstanceName", request.instance_name);
    w("Status", request.status);
    w("InstanceNetworkType", request.instance_network_type);
    w("InstanceChargeType", request.instance_charge_type);
    w("InternetChargeType", request.internet_charge_type);
    w("IoOptimized", request.io_optimized);
    w("LockReason", request.lock_reason);
    w("Tag", request.tags);
    w("Filter", request.filters);
    w("AdditionalAttributes", request.additional_attributes);
    w("Ipv6Address", request.ipv6_addresses);
    w("RdmaIpAddresses", request.rdma_ip_addresses);
    w("HttpEndpoint", request.http_endpoint);
    w("HttpTokens", request.http_tokens);
    w("HttpPutResponseHopLimit", request.http_put_response_hop_limit);
    w("DeviceAvailable", request.device_available);
    w("NeedSaleCycle", request.need_sale_cycle);
    w("DryRun", request.dry_run);
    w("PageNumber", request.page_number);
    w("PageSize", request.page_size);
    w("NextToken", request.next_token);
    w("MaxResults", request.max_results);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(describe_instances);
