// The typed ECS client against the emulator: every operation, every token,
// errors with their diagnostics.

#include "client_support.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::options_for;
using test::run_coroutine;

namespace {

// Until the instances reach `status` (the emulator says when; blocking this
// thread meanwhile is fine, the emulator has its own), then the client sees it.
asio::awaitable<void> wait_for(const running_emulator& emu, ecs::client& ecs, const std::vector<std::string>& ids,
                               std::string_view status)
{
    if (!test::wait_for_instances(emu, ids, status)) {
        const std::string never = "instances never reached " + std::string(status);
        FAIL(never);
    }
    ecs::describe_instance_status_request request;
    request.instance_ids = ids;
    request.page_size = 50;
    auto r = co_await ecs.describe_instance_status(request);
    const bool all = std::all_of(r.instance_statuses.begin(), r.instance_statuses.end(),
                                 [&](const auto& s) { return s.status == status; });
    CHECK(all);
    CHECK(r.instance_statuses.size() == ids.size());
}

// Named: GCC 12 rejects string literals converted inside co_await expressions.
constexpr std::string_view running = "Running";
constexpr std::string_view stopped = "Stopped";

} // namespace

TEST_CASE("ecs::client: every operation round-trips, co_await with the default token", "[ecs][client]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    // (No braced lists inside co_await expressions below: GCC 12 miscompiles the
    // array behind an initializer_list in a coroutine frame.)
    const ecs::run_instances_request run_request{.amount = 2,
                                                 .image_id = "aliyun_3_x64_20G_alibase_20240528.vhd",
                                                 .instance_type = "ecs.g7.large",
                                                 .tags = {{"env", "test"}}};
    const ecs::create_instance_request create_request{.instance_type = "ecs.c7.large", .image_id = "img"};
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        // Every request is a named object: GCC 12 mishandles temporaries that
        // live across a co_await (see README, "Compilers").
        const ecs::describe_regions_request all_regions;
        auto regions = co_await ecs.describe_regions(all_regions);
        CHECK(regions.regions.size() >= 5);
        const ecs::describe_zones_request default_region_zones;
        auto zones = co_await ecs.describe_zones(default_region_zones);
        CHECK(zones.zones.front().zone_id == std::string_view("cn-hangzhou-h"));

        auto run = co_await ecs.run_instances(run_request);
        REQUIRE(run.instance_id_sets.size() == 2);
        auto created = co_await ecs.create_instance(create_request);
        REQUIRE_FALSE(created.instance_id.empty());

        const std::vector<std::string> created_ids(1, created.instance_id);
        const std::vector<std::string> first(1, run.instance_id_sets[0]);
        co_await wait_for(emu, ecs, run.instance_id_sets, running);
        co_await wait_for(emu, ecs, created_ids, stopped);

        ecs::describe_instances_request page_request;
        page_request.page_size = 10;
        auto page = co_await ecs.describe_instances(page_request);
        CHECK(page.total_count == 3);
        CHECK(page.instances.size() == 3);
        ecs::describe_instance_attribute_request attr_request;
        attr_request.instance_id = created.instance_id;
        auto attr = co_await ecs.describe_instance_attribute(attr_request);
        CHECK(attr.io_optimized == std::string_view("optimized"));

        ecs::start_instance_request start;
        start.instance_id = created.instance_id;
        co_await ecs.start_instance(start);
        ecs::stop_instance_request stop;
        stop.instance_id = run.instance_id_sets[0];
        co_await ecs.stop_instance(stop);
        ecs::reboot_instance_request reboot;
        reboot.instance_id = run.instance_id_sets[1];
        co_await ecs.reboot_instance(reboot);
        co_await wait_for(emu, ecs, first, stopped);
        ecs::delete_instance_request remove_one;
        remove_one.instance_id = run.instance_id_sets[0];
        co_await ecs.delete_instance(remove_one);
        co_await wait_for(emu, ecs, created_ids, running);
        ecs::delete_instances_request remove;
        remove.force = true;
        remove.instance_ids.push_back(run.instance_id_sets[1]);
        remove.instance_ids.push_back(created.instance_id);
        co_await ecs.delete_instances(remove);
        const ecs::describe_instances_request all;
        auto none = co_await ecs.describe_instances(all);
        CHECK(none.total_count == 0);
    });
}

TEST_CASE("ecs::client: a failure carries the service's details in every style", "[ecs][client][errors]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    const ecs::describe_instance_attribute_request missing{.instance_id = "i-nosuch"};

    SECTION("co_await throws error_with_diagnostics")
    {
        run_coroutine(ioc, [&]() -> asio::awaitable<void> {
            try {
                co_await ecs.describe_instance_attribute(missing);
                const std::string why = "no exception";
                FAIL(why);
            } catch (const error_with_diagnostics& e) {
                CHECK(e.code() == errc::not_found);
                CHECK(e.get_diagnostics().server.code == std::string_view("InvalidInstanceId.NotFound"));
                CHECK(e.get_diagnostics().server.http_status == 404);
                CHECK(std::string(e.what()).find(std::string_view("InvalidInstanceId.NotFound")) != std::string::npos);
            }
        });
    }
    SECTION("a callback gets the code and the response's diag")
    {
        int calls = 0;
        ecs.describe_instance_attribute(missing, [&](error_code ec, ecs::describe_instance_attribute_response r) {
            CHECK(ec == errc::not_found);
            CHECK(r.diag.server.code == "InvalidInstanceId.NotFound");
            CHECK(r.diag.server.message == "The specified InstanceId does not exist.");
            CHECK_FALSE(r.diag.server.request_id.empty());
            CHECK_FALSE(r.diag.server.host_id.empty());
            CHECK_FALSE(r.diag.server.recommend.empty());
            ++calls;
        });
        ioc.run();
        CHECK(calls == 1);
    }
    SECTION("as_tuple and redirect_error")
    {
        run_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto [ec, r] = co_await ecs.describe_instance_attribute(missing, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::not_found);
            CHECK(r.diag.server.code == std::string_view("InvalidInstanceId.NotFound"));
            error_code ec2;
            auto r2 = co_await ecs.describe_instance_attribute(missing, asio::redirect_error(asio::use_awaitable, ec2));
            CHECK(ec2 == errc::not_found);
            CHECK(r2.diag.server.http_status == 404);
        });
    }
    SECTION("use_future from a plain thread throws error_with_diagnostics")
    {
        auto work = asio::make_work_guard(ioc);
        std::thread runner([&] { ioc.run(); });
        auto f = ecs.describe_instance_attribute(missing, asio::use_future);
        REQUIRE(f.wait_for(20s) == std::future_status::ready);
        try {
            f.get();
            FAIL("no exception");
        } catch (const error_with_diagnostics& e) {
            CHECK(e.get_diagnostics().server.code == "InvalidInstanceId.NotFound");
        }
        auto ok = ecs.describe_regions({}, asio::use_future);
        CHECK(ok.get().regions.size() >= 5);
        work.reset();
        runner.join();
    }
    SECTION("bad input is refused before sending, naming the field")
    {
        ecs.describe_instances({.page_size = 500}, [&](error_code ec, ecs::describe_instances_response r) {
            CHECK(ec == client_errc::invalid_field);
            CHECK(r.diag.field == "PageSize");
        });
        ioc.run();
        REQUIRE(emulator::test::client(emu.http).requests().empty());
    }
}

TEST_CASE("ecs::client: a const completion token works", "[ecs][client]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    int calls = 0;
    const auto handler = [&](error_code ec, ecs::describe_regions_response r) {
        CHECK_FALSE(ec);
        CHECK(r.regions.size() >= 5);
        ++calls;
    };
    ecs.describe_regions({}, handler);
    ioc.run_for(20s);
    CHECK(calls == 1);
}

TEST_CASE("ECS client: with no endpoint, the region's host from the official tables, an unknown region fails clearly",
          "[ecs][endpoint]")
{
    asio::io_context ioc;
    client_options o;
    o.region_id = "cn-hangzhou";
    o.creds = {"testid", "testsecret", ""};
    std::string resolved;
    o.resolve = [&](const std::string& host, client_options::resolve_done done) {
        resolved = host; // offline: nothing to reach, only the name asked for
        done(asio::error::host_not_found, {});
    };
    ecs::client hangzhou(ioc, o);
    error_code ec;
    hangzhou.describe_regions({}, [&](error_code e, ecs::describe_regions_response) { ec = e; });
    ioc.run();
    CHECK(resolved == "ecs-cn-hangzhou.aliyuncs.com");
    CHECK(ec == asio::error::host_not_found);

    o.region_id = "xx-nowhere-1";
    resolved.clear();
    ecs::client nowhere(ioc, o);
    ecs::describe_regions_response res;
    nowhere.describe_regions({}, [&](error_code e, ecs::describe_regions_response r) {
        ec = e;
        res = std::move(r);
    });
    ioc.restart();
    ioc.run();
    CHECK(ec == client_errc::invalid_endpoint);
    CHECK(res.diag.field == "region_id");
    CHECK(res.diag.client_message.find("unknown region 'xx-nowhere-1'") != std::string::npos);
    CHECK(resolved.empty()); // never sent anywhere
}
