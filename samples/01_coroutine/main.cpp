// Sample 01: the ECS client from one coroutine.
//
// Lists the regions, launches two instances, waits until they run, describes
// them and releases them: every call one `co_await`, every failure an exception.
//
//   alicloud-sample-01-coroutine [ENDPOINT [CA_FILE]]      exit status 0: every call succeeded

#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
using namespace std::chrono_literals;

namespace {

// GCC 12 miscompiles braced temporaries and converted string literals inside a
// co_await expression, so every request below is a named object built first.
asio::awaitable<void> tour(ecs::client& ecs)
{
    // 1. A call with nothing to say: DescribeRegions.
    const ecs::describe_regions_request all_regions;
    const auto regions = co_await ecs.describe_regions(all_regions);
    std::cout << "DescribeRegions: " << regions.regions.size() << " regions\n";
    for (const auto& r : regions.regions)
        std::cout << "  " << r.region_id << "  " << r.local_name << "\n";

    // 2. Launch two instances. RunInstances returns at once, with their IDs;
    //    the instances themselves are still Pending. (The real service also
    //    wants security_group_id and vswitch_id.)
    ecs::run_instances_request launch;
    launch.image_id = "aliyun_3_x64_20G_alibase_20240528.vhd";
    launch.instance_type = "ecs.g7.large";
    launch.amount = 2;
    const auto launched = co_await ecs.run_instances(launch);
    const std::vector<std::string>& ids = launched.instance_id_sets;
    std::cout << "RunInstances: launched";
    for (const auto& id : ids)
        std::cout << " " << id;
    std::cout << "\n";

    // 3. Poll DescribeInstanceStatus until both are Running. Polling is what
    //    the API offers; the timer keeps the thread free between the polls.
    ecs::describe_instance_status_request which;
    which.instance_ids = ids;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (int poll = 1;; ++poll) {
        const auto statuses = co_await ecs.describe_instance_status(which);
        const auto running = std::count_if(statuses.instance_statuses.begin(), statuses.instance_statuses.end(),
                                           [](const auto& s) { return s.status == "Running"; });
        std::cout << "DescribeInstanceStatus #" << poll << ": " << running << "/" << ids.size() << " Running\n";
        if (static_cast<std::size_t>(running) == ids.size())
            break;
        if (poll == 600) // 5 minutes: something is wrong
            throw std::runtime_error("the instances did not start");
        pause.expires_after(500ms);
        co_await pause.async_wait(asio::deferred);
    }

    // 4. The full description of the two.
    ecs::describe_instances_request these;
    these.instance_ids = ids;
    const auto described = co_await ecs.describe_instances(these);
    for (const auto& i : described.instances)
        std::cout << "DescribeInstances: " << i.instance_id << " " << i.status << " " << i.instance_type << " in "
                  << i.zone_id << ", " << i.cpu << " vCPU, " << i.memory << " MiB\n";

    // 5. Release them. force: no need to stop them first.
    ecs::delete_instances_request release;
    release.instance_ids = ids;
    release.force = true;
    const auto deleted = co_await ecs.delete_instances(release);
    std::cout << "DeleteInstances: done (RequestId " << deleted.request_id << ")\n";
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));

    // The completion handler sees the coroutine's outcome: nothing, or the
    // exception that ended it (alicloud::error_with_diagnostics for a failed
    // call: its what() has the service's Code, Message and RequestId).
    int status = 1;
    asio::co_spawn(ioc, tour(ecs), [&](std::exception_ptr e) {
        try {
            if (e)
                std::rethrow_exception(e);
            status = 0;
        } catch (const std::exception& failure) {
            std::cerr << "failed: " << failure.what() << "\n";
        }
    });
    ioc.run(); // returns when the coroutine is done: the client keeps no work of its own pending
    return status;
}
