#ifndef ALICLOUD_LIB_ECS_MODELS_LAUNCH_FIELDS_HPP
#define ALICLOUD_LIB_ECS_MODELS_LAUNCH_FIELDS_HPP

// The parameters RunInstances and CreateInstance share: same names, same
// encoding, same limits. Templates over either request model; each operation
// adds its own parameters and checks.

#include "ecs/models/parameter_writer.hpp"
#include "ecs/models/request_checker.hpp"
#include "ecs/models/request_pieces.hpp"

namespace alicloud::ecs::detail {

// The limits stated for both: Tag.N 1-20, DataDisk.N 1-16, ClientToken.
template <class Launch>
void check_launch_fields(request_checker& check, const Launch& r)
{
    check.required("RegionId", r.region_id)
        .key_values("Tag", r.tags, 20)
        .count("DataDisk", r.data_disks, 16)
        .client_token(r.client_token);
}

template <class Launch>
void write_launch_fields(parameter_writer& w, const Launch& r)
{
    w("RegionId", r.region_id);
    w("InstanceType", r.instance_type);
    w("ImageId", r.image_id);
    w("ImageFamily", r.image_family);
    w("ZoneId", r.zone_id);
    w("VSwitchId", r.vswitch_id);
    w("SecurityGroupId", r.security_group_id);
    w("PrivateIpAddress", r.private_ip_address);
    w("InstanceName", r.instance_name);
    w("HostName", r.host_name);
    w("Description", r.description);
    w("Password", r.password);
    w("PasswordInherit", r.password_inherit);
    w("KeyPairName", r.key_pair_name);
    w("UserData", r.user_data);
    w("RamRoleName", r.ram_role_name);
    w("Arn", r.arns);
    w("SecurityEnhancementStrategy", r.security_enhancement_strategy);
    w("IoOptimized", r.io_optimized);
    w("InstanceChargeType", r.instance_charge_type);
    w("Period", r.period);
    w("PeriodUnit", r.period_unit);
    w("AutoRenew", r.auto_renew);
    w("AutoRenewPeriod", r.auto_renew_period);
    w("SpotStrategy", r.spot_strategy);
    w("SpotPriceLimit", r.spot_price_limit);
    w("SpotDuration", r.spot_duration);
    w("SpotInterruptionBehavior", r.spot_interruption_behavior);
    w("InternetChargeType", r.internet_charge_type);
    w("InternetMaxBandwidthOut", r.internet_max_bandwidth_out);
    w("InternetMaxBandwidthIn", r.internet_max_bandwidth_in);
    w("CreditSpecification", r.credit_specification);
    w("SystemDisk", r.system_disk);
    w("DataDisk", r.data_disks);
    w("StorageSetId", r.storage_set_id);
    w("StorageSetPartitionNumber", r.storage_set_partition_number);
    w("Tag", r.tags);
    w("ResourceGroupId", r.resource_group_id);
    w("DeletionProtection", r.deletion_protection);
    w("DeploymentSetId", r.deployment_set_id);
    w("DeploymentSetGroupNo", r.deployment_set_group_no);
    w("HpcClusterId", r.hpc_cluster_id);
    w("DedicatedHostId", r.dedicated_host_id);
    w("Affinity", r.affinity);
    w("Tenancy", r.tenancy);
    w("PrivatePoolOptions", r.private_pool_options);
    w("HibernationOptions", r.hibernation_options);
    w("HttpEndpoint", r.http_endpoint);
    w("HttpTokens", r.http_tokens);
    w("HttpPutResponseHopLimit", r.http_put_response_hop_limit);
    w("ClientToken", r.client_token);
    w("DryRun", r.dry_run);
}

} // namespace alicloud::ecs::detail

#endif
