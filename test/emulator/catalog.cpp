#include "catalog.hpp"

#include <algorithm>

namespace alicloud::emulator {

const std::vector<region_info>& regions()
{
    static const std::vector<region_info> table = {
        {"cn-hangzhou", "华东1（杭州）", "China (Hangzhou)", "bp",
         {{"cn-hangzhou-h", "杭州 可用区H", "Hangzhou Zone H"},
          {"cn-hangzhou-i", "杭州 可用区I", "Hangzhou Zone I"},
          {"cn-hangzhou-j", "杭州 可用区J", "Hangzhou Zone J"}}},
        {"cn-shanghai", "华东2（上海）", "China (Shanghai)", "uf",
         {{"cn-shanghai-e", "上海 可用区E", "Shanghai Zone E"}, {"cn-shanghai-f", "上海 可用区F", "Shanghai Zone F"}}},
        {"cn-beijing", "华北2（北京）", "China (Beijing)", "2ze",
         {{"cn-beijing-g", "北京 可用区G", "Beijing Zone G"}, {"cn-beijing-h", "北京 可用区H", "Beijing Zone H"}}},
        {"cn-shenzhen", "华南1（深圳）", "China (Shenzhen)", "wz",
         {{"cn-shenzhen-d", "深圳 可用区D", "Shenzhen Zone D"}, {"cn-shenzhen-e", "深圳 可用区E", "Shenzhen Zone E"}}},
        {"cn-qingdao", "华北1（青岛）", "China (Qingdao)", "m5",
         {{"cn-qingdao-b", "青岛 可用区B", "Qingdao Zone B"}, {"cn-qingdao-c", "青岛 可用区C", "Qingdao Zone C"}}},
        {"ap-southeast-1", "新加坡", "Singapore", "t4",
         {{"ap-southeast-1a", "新加坡 可用区A", "Singapore Zone A"},
          {"ap-southeast-1b", "新加坡 可用区B", "Singapore Zone B"}}},
        {"us-west-1", "美国（硅谷）", "US (Silicon Valley)", "rj",
         {{"us-west-1a", "美国硅谷 可用区A", "Silicon Valley Zone A"},
          {"us-west-1b", "美国硅谷 可用区B", "Silicon Valley Zone B"}}},
        {"eu-central-1", "德国（法兰克福）", "Germany (Frankfurt)", "gw",
         {{"eu-central-1a", "法兰克福 可用区A", "Frankfurt Zone A"},
          {"eu-central-1b", "法兰克福 可用区B", "Frankfurt Zone B"}}},
    };
    return table;
}

const region_info* find_region(std::string_view id)
{
    const auto& all = regions();
    auto it = std::find_if(all.begin(), all.end(), [&](const region_info& r) { return r.id == id; });
    return it == all.end() ? nullptr : &*it;
}

const zone_info* find_zone(const region_info& region, std::string_view zone_id)
{
    auto it = std::find_if(region.zones.begin(), region.zones.end(), [&](const zone_info& z) { return z.id == zone_id; });
    return it == region.zones.end() ? nullptr : &*it;
}

const std::vector<instance_type_info>& instance_types()
{
    static const std::vector<instance_type_info> table = {
        {"ecs.t6-c1m1.large", "ecs.t6", 2, 2048},  {"ecs.t6-c1m2.large", "ecs.t6", 2, 4096},
        {"ecs.c7.large", "ecs.c7", 2, 4096},       {"ecs.c7.xlarge", "ecs.c7", 4, 8192},
        {"ecs.g7.large", "ecs.g7", 2, 8192},       {"ecs.g7.xlarge", "ecs.g7", 4, 16384},
        {"ecs.g7.2xlarge", "ecs.g7", 8, 32768},    {"ecs.r7.large", "ecs.r7", 2, 16384},
        {"ecs.g8i.large", "ecs.g8i", 2, 8192},     {"ecs.c8i.large", "ecs.c8i", 2, 4096},
    };
    return table;
}

const instance_type_info* find_instance_type(std::string_view name)
{
    const auto& all = instance_types();
    auto it = std::find_if(all.begin(), all.end(), [&](const instance_type_info& t) { return t.name == name; });
    return it == all.end() ? nullptr : &*it;
}

} // namespace alicloud::emulator
