#include "ecs/models/request_pieces.hpp"

namespace alicloud::ecs::detail {

void write_fields(parameter_writer& w, const tag& t)
{
    w("Key", t.key);
    if (!t.value.empty())
        w("Value", t.value);
}

void write_fields(parameter_writer& w, const system_disk& d)
{
    w("Category", d.category);
    w("Size", d.size);
    w("PerformanceLevel", d.performance_level);
    w("DiskName", d.disk_name);
    w("Description", d.description);
    w("AutoSnapshotPolicyId", d.auto_snapshot_policy_id);
}

void write_fields(parameter_writer& w, const data_disk& d)
{
    w("Size", d.size);
    w("Category", d.category);
    w("SnapshotId", d.snapshot_id);
    w("DeleteWithInstance", d.delete_with_instance);
    w("PerformanceLevel", d.performance_level);
    w("Encrypted", d.encrypted);
    w("EncryptAlgorithm", d.encrypt_algorithm);
    w("KMSKeyId", d.kms_key_id);
    w("DiskName", d.disk_name);
    w("Description", d.description);
    w("Device", d.device);
    w("StorageClusterId", d.storage_cluster_id);
    w("AutoSnapshotPolicyId", d.auto_snapshot_policy_id);
    w("BurstingEnabled", d.bursting_enabled);
    w("ProvisionedIops", d.provisioned_iops);
}

void write_fields(parameter_writer& w, const role_arn& a)
{
    w("Rolearn", a.rolearn);
    w("RoleType", a.role_type);
    w("AssumeRoleFor", a.assume_role_for);
}

void write_fields(parameter_writer& w, const hibernation_options& o)
{
    w("Configured", o.configured);
}

void write_fields(parameter_writer& w, const private_pool_options& o)
{
    w("MatchCriteria", o.match_criteria);
    w("Id", o.id);
}

} // namespace alicloud::ecs::detail
