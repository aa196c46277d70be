// The Go SDK's asynchronous models on the ECS client: FooWithChan (a channel
// per call, and many calls fanning in to one channel) and FooWithCallback (a
// callback and its blocker), from coroutines and from plain threads.

#include "client_support.hpp"

#include <alicloud/adapters/blocker.hpp>
#include <alicloud/adapters/channel.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <set>
#include <thread>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::background_io;
using test::run_coroutine;

namespace {

client_options options_for(const running_emulator& emu)
{
    client_options o = test::options_for(emu);
    o.retry.max_attempts = 1;
    return o;
}

constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

} // namespace

TEST_CASE("as_channel: one result per call, received with co_await, then closed", "[go][channel]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        auto ch = ecs.describe_regions({}, as_channel);
        auto [ec, regions] = co_await ch.async_receive(as_tuple_awaitable);
        CHECK_FALSE(ec);
        CHECK_FALSE(regions.regions.empty());
        CHECK_FALSE(regions.request_id.empty());
        // Exactly one value: the next receive finds the channel closed.
        auto [again, nothing] = co_await ch.async_receive(as_tuple_awaitable);
        CHECK(again == asio::experimental::error::channel_closed);
    });
}

TEST_CASE("as_channel: a service error arrives through the channel with its diagnostics", "[go][channel]")
{
    running_emulator emu;
    background_io io;
    ecs::client ecs(io.ioc, options_for(emu));
    ecs::stop_instance_request req;
    req.instance_id = "i-nosuch";
    auto ch = ecs.stop_instance(req, as_channel); // from a plain thread
    auto [ec, res] = ch.receive();
    CHECK(ec == errc::not_found);
    CHECK(res.diag.server.code == "InvalidInstanceId.NotFound");
    CHECK_FALSE(res.diag.server.request_id.empty());
}

TEST_CASE("as_channel: a result that waits in the channel is still delivered and then the channel closes",
          "[go][channel]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    auto ch = ecs.describe_regions({}, as_channel);
    REQUIRE(test::run_until(ioc, [&] { return ch.ready(); })); // completed before anyone received
    // Received from a plain thread, while another runs the client.
    ioc.restart();
    auto work = asio::make_work_guard(ioc);
    std::thread runner([&] { ioc.run(); });
    auto [ec, regions] = ch.receive();
    CHECK_FALSE(ec);
    CHECK_FALSE(regions.regions.empty());
    auto [again, nothing] = ch.receive();
    CHECK(again == asio::experimental::error::channel_closed);
    work.reset();
    runner.join();
}

TEST_CASE("as_channel: a cancelled receive leaves the result for the next one", "[go][channel]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        auto ch = ecs.describe_regions({}, as_channel);
        asio::cancellation_signal give_up;
        error_code first_ec;
        bool first_done = false;
        ch.async_receive(asio::bind_cancellation_slot(give_up.slot(), [&](error_code ec, ecs::describe_regions_response) {
            first_ec = ec;
            first_done = true;
        }));
        give_up.emit(asio::cancellation_type::terminal); // long before the answer
        auto [ec, regions] = co_await ch.async_receive(as_tuple_awaitable);
        CHECK(first_done);
        CHECK(first_ec); // ended without the result...
        CHECK_FALSE(ec); // ...which the next receive gets
        CHECK_FALSE(regions.regions.empty());
    });
}

TEST_CASE("as_channel: a call that can never complete closes its channel", "[go][channel]")
{
    running_emulator emu;
    std::optional<result_channel<ecs::describe_regions_response>> ch;
    {
        asio::io_context ioc; // never run: destroyed with the call in flight
        ecs::client ecs(ioc, options_for(emu));
        ch.emplace(ecs.describe_regions({}, as_channel));
    }
    auto [ec, res] = ch->receive();
    CHECK(ec == asio::experimental::error::channel_closed);
}

TEST_CASE("to_channel: many calls fan in to one channel, each result exactly once", "[go][channel]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    // Capacity 2 for 30 results: the others wait in the channel until received.
    response_channel<ecs::describe_instance_attribute_response> results(ioc.get_executor(), 2);
    constexpr int calls = 30;
    for (int i = 0; i < calls; ++i) {
        ecs::describe_instance_attribute_request req;
        req.instance_id = "i-missing-" + std::to_string(i);
        ecs.describe_instance_attribute(req, to_channel(results));
    }
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        std::set<std::string> request_ids;
        for (int i = 0; i < calls; ++i) {
            auto result = co_await results.async_receive(); // the call's failure is a value, not a throw
            CHECK_FALSE(result);
            CHECK(result.ec == errc::not_found); // every one answered, none lost
            CHECK(result.response.diag.server.code == "InvalidInstanceId.NotFound");
            request_ids.insert(result.response.diag.server.request_id);
        }
        CHECK(request_ids.size() == calls); // distinct calls, none delivered twice
        CHECK_FALSE(results.ready());
    });
}

TEST_CASE("to_channel: a plain thread reads results one at a time, with their diagnostics", "[go][channel]")
{
    running_emulator emu;
    background_io io;
    ecs::client ecs(io.ioc, options_for(emu));
    response_channel<ecs::describe_instance_attribute_response> results(io.ioc.get_executor(), 1);
    ecs::describe_instance_attribute_request missing;
    missing.instance_id = "i-missing";
    ecs.describe_instance_attribute(missing, to_channel(results));
    ecs.describe_instance_attribute(missing, to_channel(results));

    for (int i = 0; i < 2; ++i) {
        auto result = results.receive(); // blocks this thread, not the io thread
        REQUIRE_FALSE(result);
        CHECK(result.response.diag.server.code == "InvalidInstanceId.NotFound");
        CHECK_FALSE(result.response.diag.server.request_id.empty());
        // value() turns the call's failure into the exception a coroutine would see.
        try {
            (void)std::move(result).value();
            FAIL("value() of a failed call did not throw");
        } catch (const error_with_diagnostics& e) {
            CHECK(e.code() == errc::not_found);
            CHECK(e.get_diagnostics().server.code == "InvalidInstanceId.NotFound");
        }
    }

    // A failure of the channel itself is not a call's: closed, a receive throws
    // system_error with channel_closed, from a plain thread and from a coroutine.
    results.close();
    try {
        (void)results.receive();
        FAIL("receive on a closed channel did not throw");
    } catch (const error_with_diagnostics&) {
        FAIL("a channel failure was reported as a call's");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == asio::experimental::error::channel_closed);
    }
    std::promise<error_code> awaited;
    asio::co_spawn(
        io.ioc,
        [&]() -> asio::awaitable<void> {
            auto [ec, result] = co_await results.async_receive(as_tuple_awaitable);
            awaited.set_value(ec);
        },
        asio::detached);
    auto f = awaited.get_future();
    REQUIRE(f.wait_for(10s) == std::future_status::ready);
    CHECK(f.get() == asio::experimental::error::channel_closed);
}

TEST_CASE("to_channel: a successful result is read with value()", "[go][channel]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, options_for(emu));
    response_channel<ecs::describe_regions_response> results(ioc.get_executor(), 4);
    ecs::describe_regions_request req;
    ecs.describe_regions(req, to_channel(results));
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        auto result = co_await results.async_receive();
        REQUIRE(result);
        CHECK(result.value().regions.size() >= 5);
    });
}

TEST_CASE("with_blocker: 1 after a successful call's callback returned, 0 after a failure", "[go][blocker]")
{
    running_emulator emu;
    background_io io;
    ecs::client ecs(io.ioc, options_for(emu));

    std::atomic<bool> callback_returned{false};
    std::promise<void> entered, release;
    auto released = release.get_future();
    auto ok = ecs.describe_zones({}, with_blocker([&](error_code ec, ecs::describe_zones_response res) {
                                     CHECK_FALSE(ec);
                                     CHECK_FALSE(res.zones.empty());
                                     entered.set_value();
                                     released.wait_for(10s); // until the test saw the blocker wait
                                     callback_returned = true;
                                 }));
    REQUIRE(entered.get_future().wait_for(10s) == std::future_status::ready);
    CHECK_FALSE(ok.ready()); // the callback is running: the blocker waits for it
    release.set_value();
    CHECK(ok.wait() == 1);
    CHECK(callback_returned);

    ecs::start_instance_request req;
    req.instance_id = "i-nosuch";
    error_code seen;
    auto failed = ecs.start_instance(req, with_blocker([&](error_code ec, ecs::start_instance_response) { seen = ec; }));
    CHECK(failed.wait() == 0);
    CHECK(seen == errc::not_found);
    CHECK(failed.ready());
}

TEST_CASE("with_blocker: released with 0 when the call can never complete", "[go][blocker]")
{
    running_emulator emu;
    std::optional<blocker> b;
    bool called = false;
    {
        asio::io_context ioc; // never run
        ecs::client ecs(ioc, options_for(emu));
        b.emplace(ecs.describe_regions({}, with_blocker([&](error_code, ecs::describe_regions_response) { called = true; })));
        CHECK_FALSE(b->wait_for(10ms).has_value());
    }
    CHECK(b->wait() == 0);
    CHECK_FALSE(called);
}
