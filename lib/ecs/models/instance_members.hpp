#ifndef ALICLOUD_LIB_ECS_MODELS_INSTANCE_MEMBERS_HPP
#define ALICLOUD_LIB_ECS_MODELS_INSTANCE_MEMBERS_HPP

// The members that an item of DescribeInstances and the body of
// DescribeInstanceAttribute share, under the same names and in the same order.
// The two models stay distinct types (IoOptimized alone differs in JSON type),
// so these are templates over either.

#include "ecs/models/json_reader.hpp"
#include "ecs/models/response_pieces.hpp"

namespace alicloud::ecs::detail {

template <class Instance>
void read_instance_identity(object_reader& r, Instance& out)
{
    r.read("InstanceId", out.instance_id);
    r.read("InstanceName", out.instance_name);
    r.read("HostName", out.host_name);
    r.read("Description", out.description);
    r.read("RegionId", out.region_id);
    r.read("ZoneId", out.zone_id);
    r.read("Status", out.status);
}

template <class Instance>
void read_instance_addresses(object_reader& r, Instance& out)
{
    r.read_object("VpcAttributes", out.vpc_attributes);
    r.read_strings("PublicIpAddress", "IpAddress", out.public_ip_addresses);
    r.read_strings("InnerIpAddress", "IpAddress", out.inner_ip_addresses);
    r.read_object("EipAddress", out.eip_address);
    r.read_strings("SecurityGroupIds", "SecurityGroupId", out.security_group_ids);
}

} // namespace alicloud::ecs::detail

#endif
