#ifndef ALICLOUD_EMULATOR_NETWORK_HPP
#define ALICLOUD_EMULATOR_NETWORK_HPP

// What a launch needs besides the instance: VPCs, vSwitches, security groups
// and elastic IP addresses, kept by the emulator as the service keeps them
// (ids, CIDR blocks, who uses what). VPCs and vSwitches go Pending, then
// Available on a timer, as instances go Pending, then Running. Not
// thread-safe: the emulator calls it from one executor only.

#include "cidr.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace alicloud::emulator {

using tag_list = std::vector<std::pair<std::string, std::string>>;

// Pending until its timer fires, then Available.
struct network_resource {
    std::string id;
    std::string region_id;
    std::uint64_t sequence = 0; // creation order, for listings
    bool available = false;
    std::chrono::system_clock::time_point creation_time;
    std::unique_ptr<boost::asio::steady_timer> timer;

    std::string_view status() const noexcept { return available ? "Available" : "Pending"; }
};

struct vpc_record : network_resource {
    cidr_block cidr;
    std::string name;
    std::string description;
    std::string vrouter_id;
    std::string route_table_id;
    std::string resource_group_id;
    tag_list tags;
};

struct vswitch_record : network_resource {
    std::string vpc_id;
    std::string zone_id;
    cidr_block cidr;
    std::string name;
    std::string description;
    // Allocated private addresses, and the instance each is for.
    std::map<std::uint32_t, std::string> addresses;

    // The first address and the last three of a block are the service's.
    std::uint64_t usable() const noexcept { return cidr.size() > 4 ? cidr.size() - 4 : 0; }
};

struct security_group_rule {
    std::string id;        // sgr-...
    std::string direction; // ingress or egress
    std::string ip_protocol;
    std::string port_range;
    std::string source_cidr_ip;
    std::string dest_cidr_ip;
    std::string source_group_id;
    std::string source_port_range;
    std::string policy = "Accept";
    std::string priority = "1";
    std::string nic_type = "intranet";
    std::string description;
    std::chrono::system_clock::time_point creation_time;

    // Two rules are the same rule when they match on everything but id, time and description.
    bool same_as(const security_group_rule& other) const;
};

struct security_group_record {
    std::string id;
    std::string region_id;
    std::string vpc_id; // empty: none given
    std::string name;
    std::string description;
    std::string type = "normal";
    std::string resource_group_id;
    tag_list tags;
    std::uint64_t sequence = 0;
    std::chrono::system_clock::time_point creation_time;
    std::vector<security_group_rule> rules;
    std::set<std::string> instances; // the instances that use it
};

struct eip_record {
    std::string allocation_id;
    std::string region_id;
    std::string ip_address;
    std::string name;
    std::string description;
    std::string bandwidth = "5";
    std::string internet_charge_type = "PayByBandwidth";
    std::string isp = "BGP";
    std::string resource_group_id;
    std::uint64_t sequence = 0;
    std::chrono::system_clock::time_point allocation_time;
    // Associated: the instance, its type (EcsInstance, ...), its private address.
    std::string instance_id;
    std::string instance_type;
    std::string private_ip;

    std::string_view status() const noexcept { return instance_id.empty() ? "Available" : "InUse"; }
};

class network_state {
public:
    network_state(boost::asio::any_io_executor executor, std::chrono::milliseconds pending);
    network_state(const network_state&) = delete;
    network_state& operator=(const network_state&) = delete;

    // Forgets everything (cancelling the Pending timers).
    void reset();

    // Called when a VPC or vSwitch becomes Available (a timer).
    std::function<void()> on_change;

    vpc_record& add_vpc(std::string_view region, std::string_view id_hint, cidr_block cidr);
    vswitch_record& add_vswitch(const vpc_record& vpc, std::string_view id_hint, std::string_view zone, cidr_block cidr);
    security_group_record& add_security_group(std::string_view region, std::string_view id_hint);
    eip_record& add_eip(std::string_view region, std::string_view id_hint);

    vpc_record* find_vpc(std::string_view id);
    vswitch_record* find_vswitch(std::string_view id);
    security_group_record* find_security_group(std::string_view id);
    eip_record* find_eip(std::string_view id);
    eip_record* eip_of_instance(std::string_view instance_id);

    void erase_vpc(std::string_view id) { erase(vpcs_, id); }
    void erase_vswitch(std::string_view id) { erase(vswitches_, id); }
    void erase_security_group(std::string_view id) { erase(security_groups_, id); }
    void erase_eip(std::string_view id) { erase(eips_, id); }

    // In creation order.
    std::vector<vpc_record*> vpcs();
    std::vector<vswitch_record*> vswitches();
    std::vector<security_group_record*> security_groups();
    std::vector<eip_record*> eips();

    // The next free private address of `vs` from `from` on (its first usable
    // one when 0), or 0 when there is none.
    std::uint32_t free_address(const vswitch_record& vs, std::uint32_t from = 0) const;
    // Whether `address` is one an instance may have in `vs` (usable and free).
    bool address_available(const vswitch_record& vs, std::uint32_t address) const;

    // An instance is gone: its private address, security groups and EIP let go of it.
    void forget_instance(std::string_view instance_id);

    std::string new_rule_id(std::string_view id_hint);

    // Everything, for the control API's state view.
    boost::json::object to_json();

private:
    template <class Map>
    static void erase(Map& map, std::string_view id)
    {
        if (auto it = map.find(id); it != map.end())
            map.erase(it);
    }
    template <class Map>
    std::string new_id(const Map& map, std::string_view prefix, std::string_view id_hint) const;
    void start_pending(network_resource& r, bool is_vpc);

    boost::asio::any_io_executor executor_;
    std::chrono::milliseconds pending_;
    std::uint64_t next_sequence_ = 1;
    std::uint32_t next_public_ = 1;
    std::map<std::string, std::unique_ptr<vpc_record>, std::less<>> vpcs_;
    std::map<std::string, std::unique_ptr<vswitch_record>, std::less<>> vswitches_;
    std::map<std::string, std::unique_ptr<security_group_record>, std::less<>> security_groups_;
    std::map<std::string, std::unique_ptr<eip_record>, std::less<>> eips_;
    // Timer handlers hold a weak reference: a completion queued before this
    // state was destroyed must not touch it.
    std::shared_ptr<int> lifetime_ = std::make_shared<int>(0);
};

} // namespace alicloud::emulator

#endif
