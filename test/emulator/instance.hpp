#ifndef ALICLOUD_EMULATOR_INSTANCE_HPP
#define ALICLOUD_EMULATOR_INSTANCE_HPP

// One emulated ECS instance and its two renderings (DescribeInstances' item and
// DescribeInstanceAttribute's flat body), field for field as ecs-api.md §4.4/4.13.

#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alicloud::emulator {

enum class instance_status { pending, starting, running, stopping, stopped };

std::string_view to_string(instance_status s) noexcept;
bool parse_status(std::string_view text, instance_status& out) noexcept;

struct instance {
    std::uint64_t sequence = 0; // creation order; NextToken pages by it
    std::string id;
    std::string name;
    std::string host_name;
    std::string description;
    std::string region_id;
    std::string zone_id;
    std::string instance_type;
    std::string instance_type_family;
    int cpu = 0;
    int memory_mib = 0;
    std::string image_id;
    std::string vpc_id;
    std::string vswitch_id;
    std::vector<std::string> security_group_ids;
    std::vector<std::pair<std::string, std::string>> tags;
    std::string instance_charge_type = "PostPaid";
    std::string internet_charge_type = "PayByTraffic";
    std::string spot_strategy = "NoSpot";
    std::string stopped_mode = "Not-applicable";
    std::string key_pair_name;
    std::string resource_group_id;
    int internet_max_bandwidth_out = 0;
    int internet_max_bandwidth_in = 100;
    bool deletion_protection = false;
    std::string private_ip;
    std::string public_ip;
    std::string serial_number;
    std::string mac_address;
    std::string network_interface_id;
    std::chrono::system_clock::time_point creation_time;
    std::chrono::system_clock::time_point start_time;

    instance_status status = instance_status::pending;
    // The states still to come, each after its delay; the timer runs the first.
    std::deque<std::pair<std::chrono::milliseconds, instance_status>> plan;
    std::unique_ptr<boost::asio::steady_timer> timer;
    // Bumped whenever the plan changes, so that a timer completion already queued
    // when the plan changed is recognised as stale.
    std::uint64_t plan_generation = 0;
};

boost::json::object describe_instances_item(const instance& i);
boost::json::object describe_instance_attribute_body(const instance& i);

} // namespace alicloud::emulator

#endif
