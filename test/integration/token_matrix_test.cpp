// Every ECS operation round-trips under every completion token: the same
// lifecycle scenario (regions, zones, run, create, describe, start, stop,
// reboot, delete) written once, driven through each token style in turn.

#include "client_support.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;

namespace {

enum class style { callback, use_future, use_awaitable, as_tuple, redirect_error, deferred_composed, default_co_await };

// Starts an operation with the token of `s` and blocks this (plain) thread
// until its response arrives; the io_context runs on another thread.
template <class Start>
auto call(asio::io_context& ioc, style s, Start start)
{
    using response = std::decay_t<decltype(start(asio::use_future).get())>;
    std::promise<response> result;
    auto fail = [&](error_code ec, const diagnostics& d) {
        result.set_exception(std::make_exception_ptr(error_with_diagnostics(ec, d)));
    };
    switch (s) {
    case style::callback:
        start([&](error_code ec, response r) { ec ? fail(ec, r.diag) : result.set_value(std::move(r)); });
        break;
    case style::use_future:
        return start(asio::use_future).get();
    case style::use_awaitable:
        asio::co_spawn(ioc, [&]() -> asio::awaitable<response> { co_return co_await start(asio::use_awaitable); },
                       [&](std::exception_ptr e, response r) { e ? result.set_exception(e) : result.set_value(std::move(r)); });
        break;
    case style::as_tuple:
        asio::co_spawn(
            ioc,
            [&]() -> asio::awaitable<void> {
                auto [ec, r] = co_await start(asio::as_tuple(asio::use_awaitable));
                ec ? fail(ec, r.diag) : result.set_value(std::move(r));
            },
            asio::detached);
        break;
    case style::redirect_error:
        asio::co_spawn(
            ioc,
            [&]() -> asio::awaitable<void> {
                error_code ec;
                auto r = co_await start(asio::redirect_error(asio::use_awaitable, ec));
                ec ? fail(ec, r.diag) : result.set_value(std::move(r));
            },
            asio::detached);
        break;
    case style::deferred_composed: {
        // A deferred operation, composed with a continuation before it is launched.
        auto op = start(asio::deferred([](error_code ec, response r) {
            return asio::deferred.values(ec, std::move(r));
        }));
        std::move(op)([&](error_code ec, response r) { ec ? fail(ec, r.diag) : result.set_value(std::move(r)); });
        break;
    }
    case style::default_co_await:
        asio::co_spawn(ioc, [&]() -> asio::awaitable<response> { co_return co_await start(default_completion_token_t{}); },
                       [&](std::exception_ptr e, response r) { e ? result.set_exception(e) : result.set_value(std::move(r)); });
        break;
    }
    auto f = result.get_future();
    REQUIRE(f.wait_for(30s) == std::future_status::ready);
    return f.get();
}

// Until the instances reach `status` (the emulator says when), then the
// client, in style `s`, sees it.
void wait_for(const running_emulator& emu, asio::io_context& ioc, style s, ecs::client& ecs,
              const std::vector<std::string>& ids, std::string_view status)
{
    INFO("instances reach " << status);
    REQUIRE(test::wait_for_instances(emu, ids, status));
    ecs::describe_instance_status_request req;
    req.instance_ids = ids;
    auto r = call(ioc, s, [&](auto token) { return ecs.describe_instance_status(req, token); });
    CHECK(std::all_of(r.instance_statuses.begin(), r.instance_statuses.end(),
                      [&](const auto& e) { return e.status == status; }));
    CHECK(r.instance_statuses.size() == ids.size());
}

} // namespace

TEST_CASE("every operation under every completion token", "[ecs][tokens]")
{
    const auto s = GENERATE(style::callback, style::use_future, style::use_awaitable, style::as_tuple,
                            style::redirect_error, style::deferred_composed, style::default_co_await);
    INFO("style " << static_cast<int>(s));
    running_emulator emu;
    asio::io_context ioc;
    client_options o;
    o.endpoint = "https://127.0.0.1:" + std::to_string(emu.https.port());
    o.region_id = "cn-hangzhou";
    o.creds = {"testid", "testsecret", ""};
    o.tls.ca_pem = emu.ca_pem();
    ecs::client ecs(ioc, o);
    auto work = asio::make_work_guard(ioc);
    std::thread runner([&] { ioc.run(); });

    CHECK(call(ioc, s, [&](auto t) { return ecs.describe_regions({}, t); }).regions.size() >= 5);
    CHECK(call(ioc, s, [&](auto t) { return ecs.describe_zones({}, t); }).zones.size() == 3);
    const ecs::run_instances_request run_req{.amount = 2, .image_id = "img", .instance_type = "ecs.g7.large"};
    const auto run = call(ioc, s, [&](auto t) { return ecs.run_instances(run_req, t); });
    REQUIRE(run.instance_id_sets.size() == 2);
    const ecs::create_instance_request create_req{.instance_type = "ecs.c7.large", .image_id = "img"};
    const auto created = call(ioc, s, [&](auto t) { return ecs.create_instance(create_req, t); });
    wait_for(emu, ioc, s, ecs, run.instance_id_sets, "Running");
    wait_for(emu, ioc, s, ecs, {created.instance_id}, "Stopped");

    CHECK(call(ioc, s, [&](auto t) { return ecs.describe_instances({}, t); }).total_count == 3);
    CHECK(call(ioc, s, [&](auto t) { return ecs.describe_instance_attribute({.instance_id = created.instance_id}, t); })
              .status == "Stopped");
    call(ioc, s, [&](auto t) { return ecs.start_instance({.instance_id = created.instance_id}, t); });
    call(ioc, s, [&](auto t) { return ecs.stop_instance({.instance_id = run.instance_id_sets[0]}, t); });
    call(ioc, s, [&](auto t) { return ecs.reboot_instance({.instance_id = run.instance_id_sets[1]}, t); });
    wait_for(emu, ioc, s, ecs, {run.instance_id_sets[0]}, "Stopped");
    call(ioc, s, [&](auto t) { return ecs.delete_instance({.instance_id = run.instance_id_sets[0]}, t); });
    const ecs::delete_instances_request remove{.instance_ids = {run.instance_id_sets[1], created.instance_id},
                                               .force = true};
    call(ioc, s, [&](auto t) { return ecs.delete_instances(remove, t); });
    CHECK(call(ioc, s, [&](auto t) { return ecs.describe_instances({}, t); }).total_count == 0);

    // And a failure, in the same style, carries the service's details.
    try {
        call(ioc, s, [&](auto t) { return ecs.describe_instance_attribute({.instance_id = "i-gone"}, t); });
        FAIL("no error");
    } catch (const error_with_diagnostics& e) {
        CHECK(e.code() == errc::not_found);
        CHECK(e.get_diagnostics().server.code == "InvalidInstanceId.NotFound");
    }
    work.reset();
    runner.join();
}
