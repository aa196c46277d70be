// Sample 10: a network, two instances in it, an EIP - and nothing left behind.
//
// Creates a VPC and waits until it is Available, a vSwitch in one zone, a
// security group that lets SSH (22/tcp) in from one network, launches two
// instances into them and waits until they run, allocates an EIP and
// associates it with the first; prints the ids and the private and public
// addresses; then tears everything down in dependency order. The tear-down
// also runs when a step in the middle fails or the program is interrupted
// (SIGINT, SIGTERM): what was created is recorded the moment its id is known,
// and only that is deleted.
//
//   alicloud-sample-10-network-and-instance [ENDPOINT [CA_FILE]]
//   exit status 0: built and torn down; 1: a step failed or it was interrupted,
//   and everything it made was deleted; 3: something could not be deleted (named)

#include <alicloud/ecs.hpp>
#include <alicloud/ecs/models/authorize_security_group.hpp>
#include <alicloud/ecs/models/create_security_group.hpp>
#include <alicloud/ecs/models/delete_security_group.hpp>
#include <alicloud/vpc.hpp>

#include "sample_options.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
namespace vpc = alicloud::vpc;
using namespace std::chrono_literals;

namespace {

// What the program made, recorded as soon as each id is known: the tear-down
// deletes exactly this, whatever happened after.
struct made {
    std::string region;
    std::optional<std::string> vpc_id, vswitch_id, security_group_id, allocation_id;
    std::vector<std::string> instance_ids;
    bool eip_associated = false;
};

struct clients {
    ecs::client& ecs;
    vpc::client& vpc;
};

std::string env_or(const char* name, std::string fallback)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

// Polls `ready` every 200 ms, for at most `limit`; the timer keeps the thread
// free between polls, and a cancellation (SIGINT) ends the wait.
asio::awaitable<void> wait_until(std::string what, std::function<asio::awaitable<bool>()> ready,
                                 std::chrono::seconds limit = 300s)
{
    asio::steady_timer pause(co_await asio::this_coro::executor);
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        const bool done = co_await ready();
        if (done)
            co_return;
        if (std::chrono::steady_clock::now() >= until)
            throw std::runtime_error(what + ": not after " + std::to_string(limit.count()) + " s");
        pause.expires_after(200ms);
        co_await pause.async_wait(asio::deferred);
    }
}

asio::awaitable<void> build(clients c, made& m)
{
    // 1. The VPC, Available before anything goes in it.
    vpc::create_vpc_request network;
    network.region_id = m.region;
    network.cidr_block = "10.0.0.0/16";
    network.vpc_name = "sample-10";
    const auto created_vpc = co_await c.vpc.create_vpc(network);
    m.vpc_id = created_vpc.vpc_id;
    std::cout << "CreateVpc: " << *m.vpc_id << " 10.0.0.0/16\n";
    const auto vpc_available = [&]() -> asio::awaitable<bool> {
        vpc::describe_vpcs_request which;
        which.region_id = m.region;
        which.vpc_id = *m.vpc_id;
        const auto found = co_await c.vpc.describe_vpcs(which);
        co_return !found.vpcs.empty() && found.vpcs.front().status == "Available";
    };
    auto waiting_for_vpc = wait_until("the VPC to be Available", vpc_available);
    co_await std::move(waiting_for_vpc);
    std::cout << "DescribeVpcs: " << *m.vpc_id << " Available\n";

    // 2. A vSwitch in the first zone the region offers (or ALICLOUD_ZONE_ID).
    std::string zone = env_or("ALICLOUD_ZONE_ID", "");
    if (zone.empty()) {
        ecs::describe_zones_request zones_here;
        zones_here.region_id = m.region;
        const auto zones = co_await c.ecs.describe_zones(zones_here);
        if (zones.zones.empty())
            throw std::runtime_error("DescribeZones: no zone in " + m.region);
        zone = zones.zones.front().zone_id;
    }
    vpc::create_vswitch_request subnet;
    subnet.region_id = m.region;
    subnet.vpc_id = *m.vpc_id;
    subnet.zone_id = zone;
    subnet.cidr_block = "10.0.1.0/24";
    subnet.vswitch_name = "sample-10";
    const auto created_vswitch = co_await c.vpc.create_vswitch(subnet);
    m.vswitch_id = created_vswitch.vswitch_id;
    std::cout << "CreateVSwitch: " << *m.vswitch_id << " 10.0.1.0/24 in " << zone << "\n";
    const auto vswitch_available = [&]() -> asio::awaitable<bool> {
        vpc::describe_vswitches_request which;
        which.region_id = m.region;
        which.vswitch_id = *m.vswitch_id;
        const auto found = co_await c.vpc.describe_vswitches(which);
        co_return !found.vswitches.empty() && found.vswitches.front().status == "Available";
    };
    auto waiting_for_vswitch = wait_until("the vSwitch to be Available", vswitch_available);
    co_await std::move(waiting_for_vswitch);

    // 3. A security group in the VPC that lets SSH in from one network.
    ecs::create_security_group_request group;
    group.region_id = m.region;
    group.vpc_id = *m.vpc_id;
    group.security_group_name = "sample-10-ssh";
    const auto created_group = co_await c.ecs.create_security_group(group);
    m.security_group_id = created_group.security_group_id;
    const std::string admin_network = env_or("ALICLOUD_SSH_FROM", "203.0.113.0/24");
    ecs::authorize_security_group_request rule;
    rule.region_id = m.region;
    rule.security_group_id = *m.security_group_id;
    ecs::permission ssh;
    ssh.ip_protocol = "TCP";
    ssh.port_range = "22/22";
    ssh.source_cidr_ip = admin_network;
    ssh.policy = "accept";
    rule.permissions.push_back(ssh);
    co_await c.ecs.authorize_security_group(rule);
    std::cout << "CreateSecurityGroup: " << *m.security_group_id << ", ingress 22/tcp from " << admin_network << "\n";

    // 4. Two instances in the vSwitch, with the group. The client sends a
    //    ClientToken, so a retried RunInstances launches them once.
    ecs::run_instances_request launch;
    launch.region_id = m.region;
    launch.image_id = env_or("ALICLOUD_IMAGE_ID", "aliyun_3_x64_20G_alibase_20240528.vhd");
    launch.instance_type = env_or("ALICLOUD_INSTANCE_TYPE", "ecs.g7.large");
    launch.vswitch_id = *m.vswitch_id;
    launch.security_group_id = *m.security_group_id;
    launch.instance_name = "sample-10";
    launch.amount = 2;
    const auto launched = co_await c.ecs.run_instances(launch);
    m.instance_ids = launched.instance_id_sets;
    std::cout << "RunInstances: launched";
    for (const auto& id : m.instance_ids)
        std::cout << " " << id;
    std::cout << "\n";
    const auto all_running = [&]() -> asio::awaitable<bool> {
        ecs::describe_instance_status_request which;
        which.region_id = m.region;
        which.instance_ids = m.instance_ids;
        const auto statuses = co_await c.ecs.describe_instance_status(which);
        std::size_t running = 0;
        for (const auto& s : statuses.instance_statuses)
            if (s.status == "Running")
                ++running;
        co_return running == m.instance_ids.size();
    };
    auto waiting_for_instances = wait_until("the instances to be Running", all_running);
    co_await std::move(waiting_for_instances);
    std::cout << "DescribeInstanceStatus: " << m.instance_ids.size() << "/" << m.instance_ids.size() << " Running\n";

    // 5. An EIP for the first instance.
    vpc::allocate_eip_address_request eip;
    eip.region_id = m.region;
    eip.name = "sample-10";
    const auto allocated = co_await c.vpc.allocate_eip_address(eip);
    m.allocation_id = allocated.allocation_id;
    std::cout << "AllocateEipAddress: " << *m.allocation_id << " " << allocated.eip_address << "\n";
    vpc::associate_eip_address_request bind;
    bind.region_id = m.region;
    bind.allocation_id = *m.allocation_id;
    bind.instance_id = m.instance_ids.front();
    bind.instance_type = "EcsInstance";
    co_await c.vpc.associate_eip_address(bind);
    m.eip_associated = true;
    const auto eip_in_use = [&]() -> asio::awaitable<bool> {
        vpc::describe_eip_addresses_request which;
        which.region_id = m.region;
        which.allocation_id = *m.allocation_id;
        const auto found = co_await c.vpc.describe_eip_addresses(which);
        co_return !found.eip_addresses.empty() && found.eip_addresses.front().status == "InUse";
    };
    auto waiting_for_eip = wait_until("the EIP to be InUse", eip_in_use);
    co_await std::move(waiting_for_eip);
    std::cout << "AssociateEipAddress: " << allocated.eip_address << " -> " << m.instance_ids.front() << "\n";

    // 6. What a person needs to reach them.
    ecs::describe_instances_request these;
    these.region_id = m.region;
    these.instance_ids = m.instance_ids;
    const auto described = co_await c.ecs.describe_instances(these);
    std::cout << "\n  instance                  private         public           vSwitch\n";
    for (const auto& i : described.instances) {
        const auto& privates = i.vpc_attributes.private_ip_addresses;
        const std::string private_ip = privates.empty() ? "-" : privates.front();
        const std::string public_ip = i.eip_address.ip_address.empty() ? "-" : i.eip_address.ip_address;
        std::cout << "  " << i.instance_id << "  " << private_ip << "  " << public_ip << "  "
                  << i.vpc_attributes.vswitch_id << "\n";
    }
    std::cout << "  ssh root@" << allocated.eip_address << "   (from " << admin_network << ")\n\n";
}

// One deletion, retried while the service still sees a dependency going away
// (an instance being released holds its group and vSwitch for a while).
// Prints and counts a failure instead of throwing: the rest is still deleted.
asio::awaitable<void> remove(std::string what, std::function<asio::awaitable<void>()> call, int& failures)
{
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (int attempt = 1;; ++attempt) {
        try {
            co_await call();
            std::cout << "deleted " << what << "\n";
            co_return;
        } catch (const alicloud::error_with_diagnostics& e) {
            const auto& server = e.get_diagnostics().server;
            if (server.code.find("NotFound") != std::string::npos) { // gone already: nothing left
                std::cout << "deleted " << what << " (already gone)\n";
                co_return;
            }
            // Still in use, or in a state that will pass (an instance still
            // Pending: IncorrectInstanceStatus.Initializing): wait and repeat.
            const std::string& code = server.code;
            const bool settling = code.starts_with("DependencyViolation") ||
                                  (code.starts_with("Incorrect") && code.find("Status") != std::string::npos) ||
                                  code.find("OperationConflict") != std::string::npos ||
                                  code.find("Busy") != std::string::npos;
            if (!settling || attempt == 150) {
                std::cout << "could not delete " << what << ": " << e.what() << "\n";
                ++failures;
                co_return;
            }
        }
        pause.expires_after(200ms);
        co_await pause.async_wait(asio::deferred);
    }
}

// In dependency order: the EIP off the instance and released, the instances,
// then the group, the vSwitch and the VPC. Never cancelled: it must finish.
asio::awaitable<int> tear_down(clients c, made& m)
{
    int failures = 0;
    if (m.allocation_id && m.eip_associated) {
        const auto step = [&]() -> asio::awaitable<void> {
            vpc::unassociate_eip_address_request unbind;
            unbind.region_id = m.region;
            unbind.allocation_id = *m.allocation_id;
            unbind.instance_id = m.instance_ids.front();
            unbind.instance_type = "EcsInstance";
            co_await c.vpc.unassociate_eip_address(unbind);
        };
        auto removing = remove("the EIP's association", step, failures);
        co_await std::move(removing);
    }
    if (m.allocation_id) {
        const auto step = [&]() -> asio::awaitable<void> {
            vpc::release_eip_address_request release;
            release.region_id = m.region;
            release.allocation_id = *m.allocation_id;
            co_await c.vpc.release_eip_address(release);
        };
        auto removing = remove("EIP " + *m.allocation_id, step, failures);
        co_await std::move(removing);
    }
    if (!m.instance_ids.empty()) {
        const auto step = [&]() -> asio::awaitable<void> {
            ecs::delete_instances_request release;
            release.region_id = m.region;
            release.instance_ids = m.instance_ids;
            release.force = true; // no need to stop them first
            co_await c.ecs.delete_instances(release);
        };
        auto removing = remove("the instances", step, failures);
        co_await std::move(removing);
    }
    if (m.security_group_id) {
        const auto step = [&]() -> asio::awaitable<void> {
            ecs::delete_security_group_request drop;
            drop.region_id = m.region;
            drop.security_group_id = *m.security_group_id;
            co_await c.ecs.delete_security_group(drop);
        };
        auto removing = remove("security group " + *m.security_group_id, step, failures);
        co_await std::move(removing);
    }
    if (m.vswitch_id) {
        const auto step = [&]() -> asio::awaitable<void> {
            vpc::delete_vswitch_request drop;
            drop.region_id = m.region;
            drop.vswitch_id = *m.vswitch_id;
            co_await c.vpc.delete_vswitch(drop);
        };
        auto removing = remove("vSwitch " + *m.vswitch_id, step, failures);
        co_await std::move(removing);
    }
    if (m.vpc_id) {
        const auto step = [&]() -> asio::awaitable<void> {
            vpc::delete_vpc_request drop;
            drop.region_id = m.region;
            drop.vpc_id = *m.vpc_id;
            co_await c.vpc.delete_vpc(drop);
        };
        auto removing = remove("VPC " + *m.vpc_id, step, failures);
        co_await std::move(removing);
    }
    co_return failures;
}

} // namespace

int main(int argc, char** argv)
{
    std::cout << std::unitbuf; // each step shows as it happens, also through a pipe or into a file
    asio::io_context ioc;
    const alicloud::client_options options = samples::options_from(argc, argv);
    ecs::client ecs_client(ioc, options);
    vpc::client vpc_client(ioc, options);
    const clients c{ecs_client, vpc_client};
    made m;
    m.region = options.region_id;

    // SIGINT or SIGTERM cancels the build (the call or wait in progress ends
    // with operation_aborted); the tear-down that follows is not cancelled.
    asio::cancellation_signal interrupt;
    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    bool interrupted = false;
    signals.async_wait([&](boost::system::error_code ec, int signal) {
        if (ec)
            return;
        interrupted = true;
        std::cout << "signal " << signal << ": stopping, then tearing down what was made\n";
        interrupt.emit(asio::cancellation_type::terminal);
    });

    int status = 1;
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            bool built = false;
            try {
                auto building =
                    asio::co_spawn(ioc, build(c, m), asio::bind_cancellation_slot(interrupt.slot(), asio::use_awaitable));
                co_await std::move(building);
                built = true;
            } catch (const std::exception& e) {
                std::cout << (interrupted ? "interrupted: " : "failed: ") << e.what() << "\n";
            }
            std::cout << "tearing down\n";
            const int left = co_await tear_down(c, m);
            signals.cancel();
            if (left > 0) {
                std::cout << left << " resource(s) could not be deleted: see above\n";
                status = 3;
            } else {
                std::cout << "torn down: nothing left\n";
                status = built ? 0 : 1;
            }
        },
        asio::detached);
    ioc.run();
    return status;
}
