// The calls written the natural way, with temporaries that live across a
// co_await: designated-initializer requests, braced lists, string literals,
// call_options built inline, tokens built inline, a parallel_group of
// temporary operations. GCC 12 miscompiles these (the other tests name every
// such object), so this translation unit is compiled only by Clang - CI's
// ThreadSanitizer pass, built with clang-16, runs it.

#include "client_support.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::run_coroutine;

namespace {

struct client_on_emulator {
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs{ioc, test::options_for(emu)};
};

// True once every one of `ids` has `status` (the emulator says when), and the
// client sees it.
asio::awaitable<bool> reached(const running_emulator& emu, ecs::client& ecs, const std::vector<std::string>& ids,
                              std::string_view status)
{
    if (!test::wait_for_instances(emu, ids, status))
        co_return false;
    auto r = co_await ecs.describe_instance_status({.instance_ids = ids, .page_size = 50});
    co_return r.instance_statuses.size() == ids.size() &&
        std::all_of(r.instance_statuses.begin(), r.instance_statuses.end(), [&](const auto& s) { return s.status == status; });
}

} // namespace

TEST_CASE_METHOD(client_on_emulator, "temporaries: requests built inside co_await expressions round-trip",
                 "[clang][ecs]")
{
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        auto regions = co_await ecs.describe_regions({});
        CHECK(regions.regions.size() >= 5);

        auto zones = co_await ecs.describe_zones({.region_id = "cn-hangzhou"});
        REQUIRE_FALSE(zones.zones.empty());
        CHECK(zones.zones.front().zone_id == "cn-hangzhou-h");

        auto run = co_await ecs.run_instances({.amount = 2,
                                               .image_id = "aliyun_3_x64_20G_alibase_20240528.vhd",
                                               .instance_type = "ecs.g7.large",
                                               .tags = {{"env", "clang"}, {"team", "sdk"}}});
        REQUIRE(run.instance_id_sets.size() == 2);

        auto page = co_await ecs.describe_instances(
            {.region_id = "cn-hangzhou", .instance_ids = run.instance_id_sets, .page_size = 50});
        std::vector<std::string> listed;
        for (const auto& instance : page.instances)
            listed.push_back(instance.instance_id);
        std::sort(listed.begin(), listed.end());
        auto expected = run.instance_id_sets;
        std::sort(expected.begin(), expected.end());
        CHECK(listed == expected);

        CHECK(co_await reached(emu, ecs, run.instance_id_sets, "Running")); // a literal converted across co_await

        auto deleted = co_await ecs.delete_instances(
            {.region_id = "cn-hangzhou", .instance_ids = run.instance_id_sets, .force = true});
        CHECK_FALSE(deleted.request_id.empty());
    });
}

TEST_CASE_METHOD(client_on_emulator, "temporaries: call_options and tokens built inside co_await expressions",
                 "[clang][ecs]")
{
    test::add_latency(emu, "DescribeZones", 2000);
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        // Within its timeout: the result.
        auto regions = co_await ecs.describe_regions({}, call_options{.timeout = 5s});
        CHECK_FALSE(regions.regions.empty());
        auto braced = co_await ecs.describe_regions({}, {.timeout = 5s}); // the options' type deduced
        CHECK(braced.regions.size() == regions.regions.size());

        // A 300 ms timeout on a call the emulator holds for 2 s.
        const auto start = std::chrono::steady_clock::now();
        try {
            co_await ecs.describe_zones({.region_id = "cn-hangzhou"}, call_options{.timeout = 300ms});
            FAIL("a held call returned within a 300 ms timeout");
        } catch (const error_with_diagnostics& e) {
            CHECK(e.code() == errc::timeout);
        }
        CHECK(std::chrono::steady_clock::now() - start < 1500ms);

        // A token built inline: the failure and its diagnostics in the tuple.
        auto [ec, attribute] = co_await ecs.describe_instance_attribute({.instance_id = "i-missing"},
                                                                         asio::as_tuple(asio::use_awaitable));
        CHECK(ec);
        CHECK(attribute.diag.server.code == "InvalidInstanceId.NotFound");
    });
}

TEST_CASE_METHOD(client_on_emulator, "temporaries: a parallel_group of temporary operations", "[clang][ecs]")
{
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        auto [order, e1, instances, e2, zones, e3, missing] =
            co_await asio::experimental::make_parallel_group(
                ecs.describe_instances({.region_id = "cn-hangzhou", .page_size = 50}, asio::deferred),
                ecs.describe_zones({.region_id = "cn-beijing"}, call_options{.timeout = 5s}, asio::deferred),
                ecs.describe_instance_attribute({.instance_id = "i-missing"}, asio::deferred))
                .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
        CHECK(order.size() == 3);
        // `!e` holds for a success whether the slot is an error_code or an exception_ptr.
        CHECK(!e1);
        CHECK_FALSE(instances.request_id.empty());
        CHECK(!e2);
        REQUIRE_FALSE(zones.zones.empty());
        CHECK(zones.zones.front().zone_id.starts_with("cn-beijing-"));
        CHECK_FALSE(!e3);
        CHECK(missing.diag.server.code == "InvalidInstanceId.NotFound");
    });
}
