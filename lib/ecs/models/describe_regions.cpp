#include "ecs/models/codec_definitions.hpp"

namespace alicloud::ecs::detail {

void read_members(object_reader& r, region& out)
{
    r.read("RegionId", out.region_id);
    r.read("LocalName", out.local_name);
    r.read("RegionEndpoint", out.region_endpoint);
    r.read("Status", out.status);
}

void read_members(object_reader& r, describe_regions_response& out)
{
    r.read("RequestId", out.request_id);
    r.read_objects("Regions", "Region", out.regions);
}

// Every parameter is optional, and the service owns the lists of their values.
void check_fields(request_checker&, const describe_regions_request&) {}

void write_fields(parameter_writer& w, const describe_regions_request& request)
{
    w("AcceptLanguage", request.accept_language);
    w("InstanceChargeType", request.instance_charge_type);
    w("ResourceType", request.resource_type);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(describe_regions);
