#include "ecs/models/codec_definitions.hpp"
#include "ecs/models/instance_members.hpp"

namespace alicloud::ecs::detail {

void read_members(object_reader& r, instance_network_options& out)
{
    r.read("BandwidthWeighting", out.bandwidth_weighting);
    r.read("EnableJumboFrame", out.enable_jumbo_frame);
    r.read("EnableNetworkEncryption", out.enable_network_encryption);
}

// In the order the documentation's sample (and the emulator) sends the members.
void read_members(object_reader& r, describe_instance_attribute_response& out)
{
    r.read("RequestId", out.request_id);
    read_instance_identity(r, out);
    r.read("StoppedMode", out.stopped_mode);
    r.read("InstanceType", out.instance_type);
    r.read("Cpu", out.cpu);
    r.read("Memory", out.memory);
    r.read("ImageId", out.image_id);
    r.read("InstanceNetworkType", out.instance_network_type);
    r.read("IoOptimized", out.io_optimized);
    r.read("InstanceChargeType", out.instance_charge_type);
    r.read("InternetChargeType", out.internet_charge_type);
    r.read("InternetMaxBandwidthOut", out.internet_max_bandwidth_out);
    r.read("InternetMaxBandwidthIn", out.internet_max_bandwidth_in);
    r.read("CreationTime", out.creation_time);
    r.read("ExpiredTime", out.expired_time);
    r.read("SerialNumber", out.serial_number);
    read_instance_addresses(r, out);
    r.read_objects("OperationLocks", "LockReason", out.operation_locks);
    r.read_object("DedicatedHostAttribute", out.dedicated_host_attribute);
    r.read("ClusterId", out.cluster_id);
    r.read("VlanId", out.vlan_id);
    r.read("CreditSpecification", out.credit_specification);
    r.read("EnableJumboFrame", out.enable_jumbo_frame);
    r.read("EnableNetworkEncryption", out.enable_network_encryption);
    r.read_object("NetworkOptions", out.network_options);
    r.read_object("SecurityOptions", out.security_options);
}

void check_fields(request_checker& check, const describe_instance_attribute_request& request)
{
    check.required("InstanceId", request.instance_id);
}

void write_fields(parameter_writer& w, const describe_instance_attribute_request& request)
{
    w("InstanceId", request.instance_id);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(describe_instance_attribute);
