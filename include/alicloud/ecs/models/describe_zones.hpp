#ifndef ALICLOUD_ECS_MODELS_DESCRIBE_ZONES_HPP
#define ALICLOUD_ECS_MODELS_DESCRIBE_ZONES_HPP

#include <alicloud/ecs/models/common.hpp>

namespace alicloud::ecs {

struct describe_zones_request {
    std::string region_id{};
    std::optional<std::string> accept_language{};
    std::optional<std::string> instance_charge_type{}; // PrePaid, PostPaid (default)
    std::optional<std::string> spot_strategy{};      // NoSpot, SpotWithPriceLimit, SpotAsPriceGo
    std::optional<bool> verbose{};                   // the service's default is true (full detail)
};

// AvailableResources.ResourcesInfo[]: what can be created in the zone, per I/O optimisation.
struct resources_info {
    bool io_optimized = false;
    std::vector<std::string> instance_generations{}; // InstanceGenerations.supportedInstanceGeneration[]
    std::vector<std::string> instance_type_families{}; // InstanceTypeFamilies.supportedInstanceTypeFamily[]
    std::vector<std::string> instance_types{};       // InstanceTypes.supportedInstanceType[]
    std::vector<std::string> network_types{};        // NetworkTypes.supportedNetworkCategory[]
    std::vector<std::string> system_disk_categories{}; // SystemDiskCategories.supportedSystemDiskCategory[]
    std::vector<std::string> data_disk_categories{}; // DataDiskCategories.supportedDataDiskCategory[]
};

struct zone {
    std::string zone_id{};
    std::string local_name{};
    std::string zone_type{};
    std::vector<std::string> available_resource_creation{};  // .ResourceTypes[]: Instance, Disk, VSwitch, ...
    std::vector<std::string> available_disk_categories{};    // .DiskCategories[]
    std::vector<std::string> available_instance_types{};     // .InstanceTypes[]
    std::vector<std::string> available_volume_categories{};  // .VolumeCategories[]
    std::vector<std::string> available_dedicated_host_types{}; // .DedicatedHostType[]
    std::vector<std::string> dedicated_host_generations{};   // .DedicatedHostGeneration[]
    std::vector<resources_info> available_resources{};
};

struct describe_zones_response {
    std::string request_id{};
    // On failure: the service's Code, Message, RequestId... or the client's reason.
    diagnostics diag{};
    std::vector<zone> zones{};
};

} // namespace alicloud::ecs

#endif
