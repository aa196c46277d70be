#include "ecs/models/codec_definitions.hpp"
#include "ecs/models/launch_fields.hpp"

namespace alicloud::ecs::detail {

void write_fields(parameter_writer& w, const cpu_options& o)
{
    w("Core", o.core);
    w("ThreadsPerCore", o.threads_per_core);
    w("Numa", o.numa);
    w("TopologyType", o.topology_type);
}

void write_fields(parameter_writer& w, const security_options& o)
{
    w("TrustedSystemMode", o.trusted_system_mode);
    w("ConfidentialComputingMode", o.confidential_computing_mode);
}

void write_fields(parameter_writer& w, const scheduler_options& o)
{
    w("DedicatedHostClusterId", o.dedicated_host_cluster_id);
}

void write_fields(parameter_writer& w, const image_options& o)
{
    w("LoginAsNonRoot", o.login_as_non_root);
}

void write_fields(parameter_writer& w, const clock_options& o)
{
    w("PtpStatus", o.ptp_status);
}

void write_fields(parameter_writer& w, const network_options& o)
{
    w("EnableJumboFrame", o.enable_jumbo_frame);
    w("EnableNetworkEncryption", o.enable_network_encryption);
    w("BandwidthWeighting", o.bandwidth_weighting);
}

void write_fields(parameter_writer& w, const private_dns_name_options& o)
{
    w("HostnameType", o.hostname_type);
    w("EnableInstanceIdDnsARecord", o.enable_instance_id_dns_a_record);
    w("EnableInstanceIdDnsAAAARecord", o.enable_instance_id_dns_aaaa_record);
    w("EnableIpDnsARecord", o.enable_ip_dns_a_record);
    w("EnableIpDnsPtrRecord", o.enable_ip_dns_ptr_record);
}

void write_fields(parameter_writer& w, const network_interface& n)
{
    w("InstanceType", n.instance_type);
    w("NetworkInterfaceId", n.network_interface_id);
    w("VSwitchId", n.vswitch_id);
    w("NetworkInterfaceName", n.network_interface_name);
    w("Description", n.description);
    w("SecurityGroupId", n.security_group_id);
    w("SecurityGroupIds", n.security_group_ids);
    w("PrimaryIpAddress", n.primary_ip_address);
    w("SecondaryPrivateIpAddressCount", n.secondary_private_ip_address_count);
    w("Ipv6Address", n.ipv6_addresses);
    w("Ipv6AddressCount", n.ipv6_address_count);
    w("NetworkInterfaceTrafficMode", n.network_interface_traffic_mode);
    w("NetworkCardIndex", n.network_card_index);
    w("QueueNumber", n.queue_number);
    w("QueuePairNumber", n.queue_pair_number);
    w("RxQueueSize", n.rx_queue_size);
    w("TxQueueSize", n.tx_queue_size);
    w("DeleteOnRelease", n.delete_on_release);
    w("SourceDestCheck", n.source_dest_check);
}

void read_members(object_reader& r, run_instances_response& out)
{
    r.read("RequestId", out.request_id);
    r.read_strings("InstanceIdSets", "InstanceIdSet", out.instance_id_sets);
    r.read("TradePrice", out.trade_price);
    r.read("OrderId", out.order_id);
}

void check_fields(request_checker& check, const run_instances_request& request)
{
    check_launch_fields(check, request);
    const bool template_given = request.launch_template_id || request.launch_template_name;
    if (!template_given && !request.image_family)
        check.required("ImageId", request.image_id.value_or(""));
    if (!template_given)
        check.required("InstanceType", request.instance_type.value_or(""));
    check.in_range("Amount", request.amount, 1, 100)
        .in_range("MinAmount", request.min_amount, 1, 100)
        .not_both("SecurityGroupId", request.security_group_id.has_value(), "SecurityGroupIds",
                  !request.security_group_ids.empty())
        .not_both("HostName", request.host_name.has_value(), "HostNames", !request.host_names.empty());
}

void write_fields(parameter_writer& w, const run_instances_request& request)
{
    write_launch_fields(w, request);
    w("LaunchTemplateId", request.launch_template_id);
    w("LaunchTemplateName", request.launch_template_name);
    w("LaunchTemplateVersion", request.launch_template_version);
    w("SecurityGroupIds", request.security_group_ids);
    w("NetworkInterface", request.network_interfaces);
    w("NetworkInterfaceQueueNumber", request.network_interface_queue_number);
    w("Ipv6AddressCount", request.ipv6_address_count);
    w("Ipv6Address", request.ipv6_addresses);
    w("NetworkOptions", request.network_options);
    w("PrivateDnsNameOptions", request.private_dns_name_options);
    w("Amount", request.amount);
    w("MinAmount", request.min_amount);
    w("HostNames", request.host_names);
    w("UniqueSuffix", request.unique_suffix);
    w("AutoPay", request.auto_pay);
    w("Isp", request.isp);
    w("AutoReleaseTime", request.auto_release_time);
    w("SchedulerOptions", request.scheduler_options);
    w("CpuOptions", request.cpu_options);
    w("SecurityOptions", request.security_options);
    w("ImageOptions", request.image_options);
    w("ClockOptions", request.clock_options);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(run_instances);
