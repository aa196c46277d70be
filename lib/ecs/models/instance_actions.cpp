// The lifecycle actions: StartInstance, StopInstance, RebootInstance,
// DeleteInstance and DeleteInstances. Each answers with its RequestId alone.

#include "ecs/models/codec_definitions.hpp"

#include <concepts>

namespace alicloud::ecs::detail {

// The single-instance actions name their instance by ID alone, without RegionId.
template <class Request>
concept single_instance_action =
    std::same_as<Request, start_instance_request> || std::same_as<Request, stop_instance_request> ||
    std::same_as<Request, reboot_instance_request> || std::same_as<Request, delete_instance_request>;

template <class Response>
concept acknowledgement =
    std::same_as<Response, start_instance_response> || std::same_as<Response, stop_instance_response> ||
    std::same_as<Response, reboot_instance_response> || std::same_as<Response, delete_instance_response> ||
    std::same_as<Response, delete_instances_response>;

template <single_instance_action Request>
void check_fields(request_checker& check, const Request& request)
{
    check.required("InstanceId", request.instance_id);
}

template <acknowledgement Response>
void read_members(object_reader& r, Response& out)
{
    r.read("RequestId", out.request_id);
}

void write_fields(parameter_writer& w, const start_instance_request& request)
{
    w("InstanceId", request.instance_id);
    w("InitLocalDisk", request.init_local_disk);
    w("DryRun", request.dry_run);
}

void write_fields(parameter_writer& w, const stop_instance_request& request)
{
    w("InstanceId", request.instance_id);
    w("ForceStop", request.force_stop);
    w("StoppedMode", request.stopped_mode);
    w("ConfirmStop", request.confirm_stop);
    w("Hibernate", request.hibernate);
    w("DryRun", request.dry_run);
}

void write_fields(parameter_writer& w, const reboot_instance_request& request)
{
    w("InstanceId", request.instance_id);
    w("ForceStop", request.force_stop);
    w("DryRun", request.dry_run);
}

void write_fields(parameter_writer& w, const delete_instance_request& request)
{
    w("InstanceId", request.instance_id);
    w("Force", request.force);
    w("ForceStop", request.force_stop);
    w("TerminateSubscription", request.terminate_subscription);
    w("DryRun", request.dry_run);
}

void check_fields(request_checker& check, const delete_instances_request& request)
{
    check.required("RegionId", request.region_id)
        .id_list("InstanceId", request.instance_ids, 100, true)
        .client_token(request.client_token);
}

void write_fields(parameter_writer& w, const delete_instances_request& request)
{
    w("RegionId", request.region_id);
    w("InstanceId", request.instance_ids);
    w("Force", request.force);
    w("ForceStop", request.force_stop);
    w("TerminateSubscription", request.terminate_subscription);
    w("ClientToken", request.client_token);
    w("DryRun", request.dry_run);
}

} // namespace alicloud::ecs::detail

ALICLOUD_ECS_DEFINE_CODEC(start_instance);
ALICLOUD_ECS_DEFINE_CODEC(stop_instance);
ALICLOUD_ECS_DEFINE_CODEC(reboot_instance);
ALICLOUD_ECS_DEFINE_CODEC(delete_instance);
ALICLOUD_ECS_DEFINE_CODEC(delete_instances);
