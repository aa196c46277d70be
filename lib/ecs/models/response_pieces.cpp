#include "ecs/models/response_pieces.hpp"

namespace alicloud::ecs::detail {

void read_members(object_reader& r, tag& out)
{
    r.read("TagKey", out.key);
    r.read("TagValue", out.value);
}

void read_members(object_reader& r, vpc_attributes& out)
{
    r.read("VpcId", out.vpc_id);
    r.read("VSwitchId", out.vswitch_id);
    r.read("NatIpAddress", out.nat_ip_address);
    r.read_strings("PrivateIpAddress", "IpAddress", out.private_ip_addresses);
}

void read_members(object_reader& r, eip_address& out)
{
    r.read("AllocationId", out.allocation_id);
    r.read("IpAddress", out.ip_address);
    r.read("InternetChargeType", out.internet_charge_type);
    r.read("Bandwidth", out.bandwidth);
    r.read("IsSupportUnassociate", out.is_support_unassociate);
}

void read_members(object_reader& r, operation_lock& out)
{
    r.read("LockReason", out.lock_reason);
    r.read("LockMsg", out.lock_msg);
}

void read_members(object_reader& r, dedicated_host_attribute& out)
{
    r.read("DedicatedHostId", out.dedicated_host_id);
    r.read("DedicatedHostName", out.dedicated_host_name);
    r.read("DedicatedHostClusterId", out.dedicated_host_cluster_id);
}

void read_members(object_reader& r, instance_security_options& out)
{
    r.read("EnableSecureBoot", out.enable_secure_boot);
}

} // namespace alicloud::ecs::detail
