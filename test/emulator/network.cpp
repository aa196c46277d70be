#include "network.hpp"

#include "responses.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace alicloud::emulator {
namespace {

template <class Map>
auto* find_in(Map& map, std::string_view id)
{
    auto it = map.find(id);
    return it == map.end() ? nullptr : it->second.get();
}

template <class Record, class Map>
std::vector<Record*> in_creation_order(Map& map)
{
    std::vector<Record*> out;
    out.reserve(map.size());
    for (auto& [id, r] : map)
        out.push_back(r.get());
    std::sort(out.begin(), out.end(), [](const Record* a, const Record* b) { return a->sequence < b->sequence; });
    return out;
}

} // namespace

bool security_group_rule::same_as(const security_group_rule& o) const
{
    return direction == o.direction && ip_protocol == o.ip_protocol && port_range == o.port_range &&
           source_cidr_ip == o.source_cidr_ip && dest_cidr_ip == o.dest_cidr_ip && source_group_id == o.source_group_id &&
           source_port_range == o.source_port_range && policy == o.policy && priority == o.priority &&
           nic_type == o.nic_type;
}

network_state::network_state(boost::asio::any_io_executor executor, std::chrono::milliseconds pending)
    : executor_(std::move(executor)), pending_(pending)
{
}

void network_state::reset()
{
    vpcs_.clear(); // destroying the timers cancels them; their handlers touch nothing then
    vswitches_.clear();
    security_groups_.clear();
    eips_.clear();
    next_sequence_ = 1;
    next_public_ = 1;
}

template <class Map>
std::string network_state::new_id(const Map& map, std::string_view prefix, std::string_view id_hint) const
{
    std::string id;
    do
        id = std::string(prefix) + "-" + std::string(id_hint) + random_text(20, "abcdefghijklmnopqrstuvwxyz0123456789");
    while (map.contains(id));
    return id;
}

std::string network_state::new_rule_id(std::string_view id_hint)
{
    return "sgr-" + std::string(id_hint) + random_text(20, "abcdefghijklmnopqrstuvwxyz0123456789");
}

void network_state::start_pending(network_resource& r, bool is_vpc)
{
    r.timer = std::make_unique<boost::asio::steady_timer>(executor_, pending_);
    // The handler names the resource by id: it may be gone (deleted, reset) by then.
    r.timer->async_wait([this, alive = std::weak_ptr<int>(lifetime_), id = r.id, is_vpc](const boost::system::error_code& ec) {
        if (ec || alive.expired())
            return;
        network_resource* found = is_vpc ? static_cast<network_resource*>(find_vpc(id)) : find_vswitch(id);
        if (found != nullptr)
            found->available = true;
        if (on_change)
            on_change();
    });
}

vpc_record& network_state::add_vpc(std::string_view region, std::string_view id_hint, cidr_block cidr)
{
    auto v = std::make_unique<vpc_record>();
    v->id = new_id(vpcs_, "vpc", id_hint);
    v->region_id = region;
    v->sequence = next_sequence_++;
    v->creation_time = std::chrono::system_clock::now();
    v->cidr = cidr;
    v->vrouter_id = "vrt-" + std::string(id_hint) + random_text(20, "abcdefghijklmnopqrstuvwxyz0123456789");
    v->route_table_id = "vtb-" + std::string(id_hint) + random_text(20, "abcdefghijklmnopqrstuvwxyz0123456789");
    v->resource_group_id = "rg-acfm" + random_text(11, "abcdefghijklmnopqrstuvwxyz0123456789");
    auto& ref = *v;
    vpcs_.emplace(v->id, std::move(v));
    start_pending(ref, true);
    return ref;
}

vswitch_record& network_state::add_vswitch(const vpc_record& vpc, std::string_view id_hint, std::string_view zone,
                                           cidr_block cidr)
{
    auto v = std::make_unique<vswitch_record>();
    v->id = new_id(vswitches_, "vsw", id_hint);
    v->region_id = vpc.region_id;
    v->sequence = next_sequence_++;
    v->creation_time = std::chrono::system_clock::now();
    v->vpc_id = vpc.id;
    v->zone_id = zone;
    v->cidr = cidr;
    auto& ref = *v;
    vswitches_.emplace(v->id, std::move(v));
    start_pending(ref, false);
    return ref;
}

security_group_record& network_state::add_security_group(std::string_view region, std::string_view id_hint)
{
    auto g = std::make_unique<security_group_record>();
    g->id = new_id(security_groups_, "sg", id_hint);
    g->region_id = region;
    g->sequence = next_sequence_++;
    g->creation_time = std::chrono::system_clock::now();
    auto& ref = *g;
    security_groups_.emplace(g->id, std::move(g));
    return ref;
}

eip_record& network_state::add_eip(std::string_view region, std::string_view id_hint)
{
    auto e = std::make_unique<eip_record>();
    e->allocation_id = new_id(eips_, "eip", id_hint);
    e->region_id = region;
    e->sequence = next_sequence_++;
    e->allocation_time = std::chrono::system_clock::now();
    // 47.98.0.0/16, one address each, never reused until reset: an address
    // released and allocated again is a different EIP.
    const std::uint32_t n = next_public_++;
    e->ip_address = format_ipv4(0x2F620000u + (n & 0xFFFF));
    auto& ref = *e;
    eips_.emplace(e->allocation_id, std::move(e));
    return ref;
}

vpc_record* network_state::find_vpc(std::string_view id) { return find_in(vpcs_, id); }

vswitch_record* network_state::find_vswitch(std::string_view id) { return find_in(vswitches_, id); }

security_group_record* network_state::find_security_group(std::string_view id) { return find_in(security_groups_, id); }

eip_record* network_state::find_eip(std::string_view id) { return find_in(eips_, id); }

eip_record* network_state::eip_of_instance(std::string_view instance_id)
{
    for (auto& [id, e] : eips_)
        if (e->instance_id == instance_id)
            return e.get();
    return nullptr;
}

std::vector<vpc_record*> network_state::vpcs() { return in_creation_order<vpc_record>(vpcs_); }
std::vector<vswitch_record*> network_state::vswitches() { return in_creation_order<vswitch_record>(vswitches_); }
std::vector<security_group_record*> network_state::security_groups()
{
    return in_creation_order<security_group_record>(security_groups_);
}
std::vector<eip_record*> network_state::eips() { return in_creation_order<eip_record>(eips_); }

bool network_state::address_available(const vswitch_record& vs, std::uint32_t address) const
{
    // Not the block's first address, nor its last three.
    return address > vs.cidr.base && address < vs.cidr.last() - 2 && !vs.addresses.contains(address);
}

std::uint32_t network_state::free_address(const vswitch_record& vs, std::uint32_t from) const
{
    if (vs.usable() == 0)
        return 0;
    for (std::uint32_t a = std::max(from, vs.cidr.base + 1); a < vs.cidr.last() - 2; ++a)
        if (!vs.addresses.contains(a))
            return a;
    return 0;
}

void network_state::forget_instance(std::string_view instance_id)
{
    for (auto& [id, vs] : vswitches_)
        std::erase_if(vs->addresses, [&](const auto& entry) { return entry.second == instance_id; });
    for (auto& [id, g] : security_groups_)
        g->instances.erase(std::string(instance_id));
    // The service disassociates an instance's EIP when it releases the
    // instance; the EIP stays allocated.
    if (eip_record* e = eip_of_instance(instance_id)) {
        e->instance_id.clear();
        e->instance_type.clear();
        e->private_ip.clear();
    }
}

boost::json::object network_state::to_json()
{
    boost::json::array vpcs_json, vswitches_json, groups_json, eips_json;
    for (const auto* v : vpcs())
        vpcs_json.push_back(boost::json::object{{"VpcId", v->id},
                                                {"RegionId", v->region_id},
                                                {"CidrBlock", v->cidr.to_string()},
                                                {"Status", v->status()}});
    for (const auto* v : vswitches()) {
        boost::json::object addresses;
        for (const auto& [address, instance] : v->addresses)
            addresses[format_ipv4(address)] = instance;
        vswitches_json.push_back(boost::json::object{{"VSwitchId", v->id},
                                                     {"VpcId", v->vpc_id},
                                                     {"ZoneId", v->zone_id},
                                                     {"CidrBlock", v->cidr.to_string()},
                                                     {"Status", v->status()},
                                                     {"PrivateIpAddresses", std::move(addresses)}});
    }
    for (const auto* g : security_groups()) {
        boost::json::array instances;
        for (const auto& i : g->instances)
            instances.emplace_back(i);
        groups_json.push_back(boost::json::object{{"SecurityGroupId", g->id},
                                                  {"VpcId", g->vpc_id},
                                                  {"RuleCount", g->rules.size()},
                                                  {"InstanceIds", std::move(instances)}});
    }
    for (const auto* e : eips())
        eips_json.push_back(boost::json::object{{"AllocationId", e->allocation_id},
                                                {"IpAddress", e->ip_address},
                                                {"Status", e->status()},
                                                {"InstanceId", e->instance_id}});
    return {{"vpcs", std::move(vpcs_json)},
            {"vswitches", std::move(vswitches_json)},
            {"security_groups", std::move(groups_json)},
            {"eips", std::move(eips_json)}};
}

} // namespace alicloud::emulator
