// Go-style contexts bound to calls against the emulator, whose latency faults
// stand in for slow work (times scaled down): deadlines that end calls and the
// connections under them, parents that end their children, cancellation of
// many calls at once, values that reach the wire, and contexts that reach a
// whole coroutine through Asio's own cancellation.

#include "client_support.hpp"

#include <alicloud/adapters/context_binding.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::run_coroutine;
using clock_type = std::chrono::steady_clock;

namespace {

struct timed_result {
    error_code ec;
    ecs::describe_regions_response res;
    clock_type::duration took{};
};

timed_result regions_under(ecs::client& ecs, asio::io_context& ioc, const context& ctx)
{
    timed_result out;
    const auto start = clock_type::now();
    ecs.describe_regions({}, call_options{.context = ctx}, [&](error_code ec, ecs::describe_regions_response res) {
        out.ec = ec;
        out.res = std::move(res);
        out.took = clock_type::now() - start;
    });
    ioc.run_for(10s);
    ioc.restart();
    return out;
}

// An emulator and a client on `ioc` reaching it over plain HTTP, one attempt per call.
struct client_on_emulator {
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs{ioc, test::http_options_for(emu)};
};

} // namespace

TEST_CASE_METHOD(client_on_emulator, "context: a 300 ms call under a 500 ms context returns its result", "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 300);
    auto [ctx, cancel] = with_timeout(context{}, 500ms);
    const auto r = regions_under(ecs, ioc, ctx);
    CHECK_FALSE(r.ec);
    CHECK_FALSE(r.res.regions.empty());
    CHECK(r.took >= 300ms);
}

TEST_CASE_METHOD(client_on_emulator,
                 "context: an 800 ms call under a 500 ms context times out at 500 ms and its connection is closed",
                 "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 800);
    auto [ctx, cancel] = with_timeout(context{}, 500ms);
    const auto r = regions_under(ecs, ioc, ctx);
    CHECK(r.ec == errc::timeout);
    CHECK(r.res.diag.client_message.find("context's deadline") != std::string::npos);
    CHECK(r.took >= 450ms);
    CHECK(r.took < 750ms);
    CHECK(ecs.rpc().open_connections() == 0);
    CHECK(test::last_outcome(emu) == "client_closed"); // not left running
}

TEST_CASE_METHOD(client_on_emulator, "context: a child of 1 s under a parent of 200 ms ends at 200 ms", "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 800);
    auto [parent, cancel_parent] = with_timeout(context{}, 200ms);
    auto [child, cancel_child] = with_timeout(parent, 1s);
    const auto r = regions_under(ecs, ioc, child);
    CHECK(r.ec == errc::timeout);
    CHECK(r.took >= 180ms);
    CHECK(r.took < 600ms);
}

TEST_CASE_METHOD(client_on_emulator, "context: cancelling a parent ends its 100 calls in flight promptly", "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 5000);
    auto [parent, cancel_parent] = with_cancel(context{});
    constexpr int calls = 100;
    int completed = 0;
    int cancelled = 0;
    std::vector<cancel_function> children; // each call under a child context of its own
    for (int i = 0; i < calls; ++i) {
        auto [child, cancel_child] = with_cancel(parent);
        children.push_back(cancel_child);
        ecs.describe_regions({}, call_options{.context = child}, [&](error_code ec, ecs::describe_regions_response res) {
            ++completed;
            if (ec == errc::cancelled && res.diag.client_message.find("context") != std::string::npos)
                ++cancelled;
        });
    }
    // All sent (64, one per pooled connection) or waiting for a connection (36).
    REQUIRE(test::run_until_logged(ioc, emu, "DescribeRegions", 64));
    CHECK(completed == 0);
    const auto start = clock_type::now();
    cancel_parent(); // from outside the io_context's thread's work, as Go code would
    while (completed < calls && clock_type::now() - start < 5s)
        ioc.run_one_for(100ms);
    const auto took = clock_type::now() - start;
    CHECK(completed == calls);
    CHECK(cancelled == calls);
    CHECK(took < 1s);
    CHECK(test::run_until(ioc, [&] { return ecs.rpc().open_connections() == 0; }));
}

TEST_CASE_METHOD(client_on_emulator, "context: a cancellation that lands between the write and the read is not lost", "[context][go]")
{
    // Kept-alive connections make the write complete at once; the cancellation
    // then arrives before the call starts reading, where Asio would forget it.
    constexpr int calls = 20;
    for (int round = 0; round < 2; ++round) {
        auto [ctx, cancel] = with_cancel(context{});
        int completed = 0;
        int cancelled = 0;
        // Started from the io_context's own thread, as a request handler would:
        // each call runs at once up to its first wait, the write.
        asio::post(ioc, [&, ctx = ctx] {
            for (int i = 0; i < calls; ++i)
                ecs.describe_regions({}, call_options{.context = ctx}, [&](error_code ec, ecs::describe_regions_response) {
                    ++completed;
                    cancelled += ec == errc::cancelled ? 1 : 0;
                });
        });
        if (round == 1) // the first round only opens the connections
            asio::post(ioc, [c = cancel] { c(); });
        ioc.run_for(5s);
        ioc.restart();
        CHECK(completed == calls);
        CHECK(cancelled == (round == 1 ? calls : 0));
    }
}

TEST_CASE_METHOD(client_on_emulator, "context: a call under a cancelled or expired context ends before sending", "[context][go]")
{
    auto [cancelled_ctx, cancel] = with_cancel(context{});
    cancel();
    auto r = regions_under(ecs, ioc, cancelled_ctx);
    CHECK(r.ec == errc::cancelled);
    auto [expired, unused] = with_deadline(context{}, clock_type::now() - 1ms);
    r = regions_under(ecs, ioc, expired);
    CHECK(r.ec == errc::timeout);
    emulator::test::client ctl(emu.http);
    CHECK(ctl.requests().empty());
}

TEST_CASE_METHOD(client_on_emulator, "context: a header value reaches the request and the emulator's log and the failure's diagnostics",
                 "[context][go]")
{
    const context traced = with_header(with_value(context{}, "tenant", "blue"), "X-Trace-Id", "trace-42");
    bool threw = false;
    run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        ecs::stop_instance_request req;
        req.instance_id = "i-nosuch";
        call_options opts;
        opts.context = traced;
        try {
            co_await ecs.stop_instance(req, opts);
        } catch (const error_with_diagnostics& e) {
            threw = true;
            CHECK(e.get_diagnostics().context_headers == "x-trace-id=trace-42");
            CHECK(std::string(e.what()).find("x-trace-id=trace-42") != std::string::npos);
        }
    });
    CHECK(threw);
    emulator::test::client ctl(emu.http);
    const auto logged = ctl.requests().back().as_object();
    CHECK(logged.at("extra_headers").at("x-trace-id") == "trace-42");
    CHECK_FALSE(logged.at("extra_headers").as_object().contains("tenant")); // plain values stay local
}

TEST_CASE_METHOD(client_on_emulator, "context: a header that cannot be sent fails the call, naming it", "[context][go]")
{
    const auto r = regions_under(ecs, ioc, with_header(context{}, "x-trace-id", "bad\r\nvalue"));
    CHECK(r.ec == errc::invalid_parameter);
    CHECK(r.res.diag.field == "x-trace-id");
}

TEST_CASE_METHOD(client_on_emulator, "context: bound to a whole coroutine, its deadline ends the call the coroutine awaits", "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 5000);
    auto [ctx, cancel] = with_timeout(context{}, 300ms);
    context_binding bound(ctx, ioc.get_executor());
    std::exception_ptr failure;
    bool done = false;
    const auto start = clock_type::now();
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            const ecs::describe_regions_request req;
            co_await ecs.describe_regions(req); // no context of its own: the coroutine's cancellation reaches it
        },
        asio::bind_cancellation_slot(bound.slot(), [&](std::exception_ptr e) {
            failure = e;
            done = true;
        }));
    ioc.run_for(5s);
    REQUIRE(done);
    REQUIRE(failure);
    try {
        std::rethrow_exception(failure);
    } catch (const error_with_diagnostics& e) {
        CHECK(e.code() == errc::cancelled);
    }
    CHECK(clock_type::now() - start < 2s);
}

TEST_CASE_METHOD(client_on_emulator, "context: a parallel_group's cancellation ends the calls of the branch that lost", "[context][go]")
{
    test::add_latency(emu, "DescribeRegions", 5000);
    asio::steady_timer timer(ioc, 200ms);
    const auto start = clock_type::now();
    error_code call_ec;
    bool done = false;
    asio::experimental::make_parallel_group(ecs.describe_regions({}, asio::as_tuple(asio::deferred)),
                                            timer.async_wait(asio::deferred))
        .async_wait(asio::experimental::wait_for_one(),
                    [&](std::array<std::size_t, 2> order, std::tuple<error_code, ecs::describe_regions_response> call,
                        error_code) {
                        CHECK(order[0] == 1); // the timer won
                        call_ec = std::get<0>(call);
                        done = true;
                    });
    ioc.run_for(5s);
    REQUIRE(done);
    CHECK(call_ec == errc::cancelled);
    CHECK(clock_type::now() - start < 2s);
}
