#include "ecs/models/codec_definitions.hpp"

namespace alicloud::ecs::detail {

void read_members(object_reader& r, resources_info& out)
{
    r.read("IoOptimized", out.io_optimized);
    // The element names really are lower camel case here.
    r.read_strings("InstanceTypes", "supportedInstanceType", out.instance_types);
    r.read_strings("SystemDiskCategories", "supportedSystemDiskCategory", out.system_disk_categories);
    r.read_strings("DataDiskCategories", "supportedDataDiskCategory", out.data_disk_categories);
    r.read_strings("NetworkTypes", "supportedNetworkCategory", out.network_types);
    r.read_strings("InstanceTypeFamilies", "supportedInstanceTypeFamily", out.instance_type_families);
    r.read_strings("InstanceGenerations", "supportedInstanceGeneration", out.instance_generations);
}

void read_members(object_reader& r, zone& out)
{
    r.read("ZoneId", out.zone_id);
    r.read("LocalName", out.local_name);
    r.read("ZoneType", out.zone_type);
    r.read_strings("AvailableResourceCreation", "ResourceTypes", out.available_resource_creation);
    r.read_strings("AvailableDiskCategories", "DiskCategories", out.available_disk_categories);
    r.read_strings("AvailableInstanceTypes", "InstanceTypes", out.available_instance_types);
    r.read_strings("AvailableVolumeCategories", "VolumeCategories", out.available_volume_categories);
    r.read_strings("AvailableDedicatedHostTypes", "DedicatedHostType", out.available_dedicated_host_types);
    r.read_strings("DedicatedHostGenerations", "DedicatedHostGeneration", out.dedicated_host_generations);
    r.read_objects("AvailableResources", "ResourcesInfo", out.available_resources);
}

void read_members(object_reader& r, describe_zones_response& out)
{
    r.read("RequestId", out.request_id);
    r.read_objects("Zones", "Zone", out.zones);
}

void check_fields(request_checker& check, const describe_zones_request& request)
{
    check.required("RegionId", request.region_id);
}

void write_fields(parameter_writer& w, const describe_zones_request& request)
{
    w("RegionId", request.region_id);
    w("AcceptLanguage", request.accept_language);
    w("InstanceChargeType", request.instance_charge_type);
    w("SpotStrategy", request.spot_strategy);
    w("Verbose", request.verbose);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(describe_zones);
