#include "ecs/models/codec_definitions.hpp"

namespace alicloud::ecs::detail {

void read_members(object_reader& r, instance_status_entry& out)
{
    r.read("InstanceId", out.instance_id);
    r.read("Status", out.status);
}

void read_members(object_reader& r, describe_instance_status_response& out)
{
    r.read("RequestId", out.request_id);
    r.read("TotalCount", out.total_count);
    r.read("PageNumber", out.page_number);
    r.read("PageSize", out.page_size);
    r.read_objects("InstanceStatuses", "InstanceStatus", out.instance_statuses);
}

void check_fields(request_checker& check, const describe_instance_status_request& request)
{
    check.required("RegionId", request.region_id)
        .id_list("InstanceId", request.instance_ids, 100)
        .in_range("PageNumber", request.page_number, 1)
        .in_range("PageSize", request.page_size, 1, 50);
}

void write_fields(parameter_writer& w, const describe_instance_status_request& request)
{
    w("RegionId", request.region_id);
    w("ZoneId", request.zone_id);
    w("InstanceId", request.instance_ids);
    w("PageNumber", request.page_number);
    w("PageSize", request.page_size);
    w("ClusterId", request.cluster_id);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(describe_instance_status);
