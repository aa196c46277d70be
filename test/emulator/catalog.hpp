#ifndef ALICLOUD_EMULATOR_CATALOG_HPP
#define ALICLOUD_EMULATOR_CATALOG_HPP

// The fixed world the emulator serves: regions, their zones, instance types.

#include <string_view>
#include <vector>

namespace alicloud::emulator {

struct zone_info {
    std::string_view id;
    std::string_view name_zh;
    std::string_view name_en;
};

struct region_info {
    std::string_view id;
    std::string_view name_zh;
    std::string_view name_en;
    std::string_view id_hint; // second segment of resource ids, e.g. "bp" for cn-hangzhou
    std::vector<zone_info> zones;
};

struct instance_type_info {
    std::string_view name;
    std::string_view family;
    int cpu;
    int memory_mib;
};

const std::vector<region_info>& regions();
const region_info* find_region(std::string_view id);
const zone_info* find_zone(const region_info& region, std::string_view zone_id);

const std::vector<instance_type_info>& instance_types();
const instance_type_info* find_instance_type(std::string_view name);

} // namespace alicloud::emulator

#endif
