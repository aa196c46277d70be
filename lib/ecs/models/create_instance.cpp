#include "ecs/models/codec_definitions.hpp"
#include "ecs/models/launch_fields.hpp"

namespace alicloud::ecs::detail {
namespace {

// The shared disk models carry a few members that only RunInstances takes;
// sending them here would be ignored or refused by the service, so say so first.
void check_disks(request_checker& check, const create_instance_request& request)
{
    constexpr std::string_view operation = "CreateInstance (only of RunInstances)";
    if (request.system_disk)
        check.not_taken("SystemDisk.AutoSnapshotPolicyId", request.system_disk->auto_snapshot_policy_id.has_value(),
                        operation);
    for (std::size_t i = 0; i < request.data_disks.size(); ++i) {
        const data_disk& d = request.data_disks[i];
        const std::string prefix = "DataDisk." + std::to_string(i + 1) + ".";
        check.not_taken(prefix + "AutoSnapshotPolicyId", d.auto_snapshot_policy_id.has_value(), operation)
            .not_taken(prefix + "BurstingEnabled", d.bursting_enabled.has_value(), operation)
            .not_taken(prefix + "ProvisionedIops", d.provisioned_iops.has_value(), operation);
    }
}

} // namespace

void read_members(object_reader& r, create_instance_response& out)
{
    r.read("RequestId", out.request_id);
    r.read("InstanceId", out.instance_id);
    r.read("TradePrice", out.trade_price);
    r.read("OrderId", out.order_id);
}

void check_fields(request_checker& check, const create_instance_request& request)
{
    check_launch_fields(check, request);
    check.required("InstanceType", request.instance_type);
    if (!request.image_family)
        check.required("ImageId", request.image_id.value_or(""));
    check_disks(check, request);
}

void write_fields(parameter_writer& w, const create_instance_request& request)
{
    write_launch_fields(w, request);
    w("InnerIpAddress", request.inner_ip_address);
    w("VlanId", request.vlan_id);
    w("NodeControllerId", request.node_controller_id);
    w("ClusterId", request.cluster_id);
    w("UseAdditionalService", request.use_additional_service);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(create_instance);
