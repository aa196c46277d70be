// Sample 05: many calls at once, one result each.
//
// No single ECS call lists the instances of every region: this sample asks
// every region at once, one DescribeInstances call each, gathered by
// asio::experimental::make_parallel_group. It adds a region that does not
// exist: with wait_for_all, that failure cancels nothing, and each call
// reports its own outcome.
//
//   alicloud-sample-05-fan-out [ENDPOINT [CA_FILE]]
//
// Exit status 0 when every real region answered and the made-up one did not.

#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <iostream>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
using namespace std::chrono_literals;

namespace {

asio::awaitable<bool> fan_out(ecs::client& ecs)
{
    // Named objects, not temporaries, in co_await expressions (GCC 12).
    const ecs::describe_regions_request all_regions;
    const auto listed = co_await ecs.describe_regions(all_regions);
    std::vector<std::string> regions;
    for (const auto& r : listed.regions)
        regions.push_back(r.region_id);
    regions.push_back("xx-nowhere-1");

    // 1. One deferred operation per region: a description of the call, nothing
    //    sent yet. One deadline for all: they start together and each may take
    //    5 s at most, retries included.
    const alicloud::call_options deadline{.timeout = 5s};
    using describe_call = decltype(ecs.describe_instances({}, deadline, asio::deferred));
    std::vector<describe_call> calls;
    for (const auto& region : regions) {
        ecs::describe_instances_request in_region;
        in_region.region_id = region;
        in_region.page_size = 100;
        calls.push_back(ecs.describe_instances(in_region, deadline, asio::deferred));
    }

    // 2. Start them all and wait for the last. The group completes with the
    //    completion order, then one error_code and one response per call, in
    //    the order of `calls` (as with any Asio operation given asio::deferred;
    //    a failed call's response says why in its `diag`).
    const auto start = std::chrono::steady_clock::now();
    auto group = asio::experimental::make_parallel_group(std::move(calls));
    const asio::experimental::wait_for_all all;
    const auto [order, errors, pages] = co_await group.async_wait(all, asio::deferred);
    std::cout << regions.size() << " DescribeInstances calls in " << (std::chrono::steady_clock::now() - start) / 1ms
              << " ms, completed in the order";
    for (const auto i : order)
        std::cout << " " << i;
    std::cout << "\n";

    // 3. One line per region.
    std::size_t answered = 0;
    bool made_up_not_found = false;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        std::cout << "  " << regions[i] << ": ";
        if (errors[i]) {
            const auto& diag = pages[i].diag;
            const std::string& code = diag.server.code; // empty when the service never answered
            std::cout << "failed: " << (code.empty() ? diag.to_string() : code) << "\n";
            made_up_not_found = i + 1 == regions.size() && errors[i] == alicloud::errc::not_found;
            continue;
        }
        std::cout << pages[i].total_count << " instances";
        for (const auto& instance : pages[i].instances)
            std::cout << " " << instance.instance_id << " (" << instance.status << ")";
        std::cout << "\n";
        ++answered;
    }
    co_return answered + 1 == regions.size() && made_up_not_found;
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));
    bool as_expected = false;
    asio::co_spawn(ioc, fan_out(ecs), [&](std::exception_ptr e, bool ok) {
        try {
            if (e)
                std::rethrow_exception(e);
            as_expected = ok;
        } catch (const std::exception& failure) {
            std::cerr << "failed: " << failure.what() << "\n";
        }
    });
    ioc.run(); // one thread: the calls are concurrent, not parallel
    return as_expected ? 0 : 1;
}
