// The token rule (the table in rpc_client.hpp and the README), row by row,
// for the generic rpc_client and the typed ecs::client alike: with each
// token, a call that fails (InvalidInstanceId.NotFound) shows its
// diagnostics where the table says, and a call that succeeds gives its
// response.

#include "client_support.hpp"

#include <alicloud/adapters/channel.hpp>
#include <alicloud/ecs.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <memory>
#include <type_traits>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;

namespace {

// The same two calls on each client: one that fails, one that succeeds.
struct on_rpc_client {
    using client_type = rpc_client;
    using response = rpc_response;
    static rpc_call missing_instance()
    {
        rpc_call c{.action = "DescribeInstanceAttribute", .version = "2014-05-26", .idempotent = true};
        c.params.set("InstanceId", "i-gone");
        return c;
    }
    template <class... Token>
    static auto fail(client_type& cl, Token&&... token)
    {
        return cl.async_call(missing_instance(), std::forward<Token>(token)...);
    }
    template <class... Token>
    static auto succeed(client_type& cl, Token&&... token)
    {
        rpc_call c{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
        return cl.async_call(std::move(c), std::forward<Token>(token)...);
    }
    static bool succeeded(const response& r) { return r.body.at("Regions").at("Region").as_array().size() >= 5; }
};

struct on_ecs_client {
    using client_type = ecs::client;
    using response = ecs::describe_instance_attribute_response;
    template <class... Token>
    static auto fail(client_type& cl, Token&&... token)
    {
        ecs::describe_instance_attribute_request req;
        req.instance_id = "i-gone";
        return cl.describe_instance_attribute(req, std::forward<Token>(token)...);
    }
    template <class... Token>
    static auto succeed(client_type& cl, Token&&... token)
    {
        ecs::describe_regions_request req;
        return cl.describe_regions(req, std::forward<Token>(token)...);
    }
    static bool succeeded(const ecs::describe_regions_response& r) { return r.regions.size() >= 5; }
};

void check_missing(error_code ec, const diagnostics& d)
{
    CHECK(ec == errc::not_found);
    CHECK(d.server.http_status == 404);
    CHECK(d.server.code == "InvalidInstanceId.NotFound");
    CHECK_FALSE(d.server.message.empty());
    CHECK(d.server.request_id.size() == 36);
}

// Runs `body` as a coroutine on `ioc` to its end; rethrows what escaped it.
template <class Body>
void in_coroutine(asio::io_context& ioc, Body body)
{
    test::run_coroutine(ioc, body, std::chrono::seconds(30));
}

// Catches what `f()` throws: it must be an error_with_diagnostics.
template <class F>
asio::awaitable<void> expect_diagnostics_thrown(F f)
{
    try {
        co_await f();
        FAIL("no exception");
    } catch (const error_with_diagnostics& e) {
        check_missing(e.code(), e.get_diagnostics());
    } catch (const std::exception& e) {
        FAIL("a failure without its diagnostics: " << e.what());
    }
}

} // namespace

TEMPLATE_TEST_CASE("token rule: every row of the table", "[tokens][rule]", on_rpc_client, on_ecs_client)
{
    using T = TestType;
    running_emulator emu;
    asio::io_context ioc;
    client_options o = test::options_for(emu);
    o.retry.max_attempts = 1;
    typename T::client_type cl(ioc, o);

    SECTION("no token: co_await throws error_with_diagnostics, or returns the response")
    {
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto ok = co_await T::succeed(cl);
            CHECK(T::succeeded(ok));
            co_await expect_diagnostics_thrown([&] { return T::fail(cl); });
        });
    }
    SECTION("asio::deferred: Asio's own, void(error_code, R)")
    {
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            // Composed with a continuation that sees (error_code, R).
            auto composed = T::fail(cl, asio::deferred) | asio::deferred([](error_code call_ec, typename T::response r) {
                                return asio::deferred.values(call_ec, std::move(r.diag));
                            });
            auto [ec, d] = co_await std::move(composed)(asio::as_tuple(asio::use_awaitable));
            check_missing(ec, d);

            // asio::deferred(fn) likewise.
            auto mapped = T::fail(cl, asio::deferred([](error_code call_ec, typename T::response r) {
                return asio::deferred.values(call_ec, r.diag.server.code);
            }));
            auto [ec2, code] = co_await std::move(mapped)(asio::as_tuple(asio::use_awaitable));
            CHECK(ec2 == errc::not_found);
            CHECK(code == "InvalidInstanceId.NotFound");

            // In a parallel_group, each branch completes with its error_code and response.
            auto group = asio::experimental::make_parallel_group(T::fail(cl, asio::deferred), T::succeed(cl, asio::deferred));
            auto [order, fail_ec, failed, ok_ec, ok] =
                co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
            CHECK(order.size() == 2);
            check_missing(fail_ec, failed.diag);
            CHECK_FALSE(ok_ec);
            CHECK(T::succeeded(ok));
            static_assert(std::is_same_v<std::decay_t<decltype(fail_ec)>, error_code>);
        });
    }
    SECTION("use_awaitable: throws error_with_diagnostics")
    {
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto ok = co_await T::succeed(cl, asio::use_awaitable);
            CHECK(T::succeeded(ok));
            co_await expect_diagnostics_thrown([&] { return T::fail(cl, asio::use_awaitable); });
        });
    }
    SECTION("use_future: get() throws error_with_diagnostics")
    {
        test::background_io io;
        typename T::client_type threaded(io.ioc, o);
        CHECK(T::succeeded(T::succeed(threaded, asio::use_future).get()));
        auto failing = T::fail(threaded, asio::use_future);
        try {
            failing.get();
            FAIL("no exception");
        } catch (const error_with_diagnostics& e) {
            check_missing(e.code(), e.get_diagnostics());
        }
        // Wrapped in a binder, the same.
        auto bound = T::fail(threaded, asio::bind_executor(io.ioc.get_executor(), asio::use_future));
        try {
            bound.get();
            FAIL("no exception");
        } catch (const error_with_diagnostics& e) {
            check_missing(e.code(), e.get_diagnostics());
        }
    }
    SECTION("Asio's binders around use_awaitable keep the diagnostics, and what they bind")
    {
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            asio::cancellation_signal signal;
            co_await expect_diagnostics_thrown(
                [&] { return T::fail(cl, asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable)); });
            auto strand = asio::make_strand(ioc);
            co_await expect_diagnostics_thrown([&] { return T::fail(cl, asio::bind_executor(strand, asio::use_awaitable)); });
            co_await expect_diagnostics_thrown(
                [&] { return T::fail(cl, asio::bind_allocator(std::allocator<void>(), asio::use_awaitable)); });
            co_await expect_diagnostics_thrown([&] {
                return T::fail(cl, asio::bind_cancellation_slot(signal.slot(), asio::bind_executor(strand, asio::use_awaitable)));
            });
        });
        // The bound slot still cancels: a held call ends with operation_aborted, with its reason.
        test::add_latency(emu, "DescribeRegions", 5000);
        asio::cancellation_signal signal;
        std::string thrown;
        error_code thrown_code;
        asio::co_spawn(
            ioc,
            [&]() -> asio::awaitable<void> {
                try {
                    co_await T::succeed(cl, asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
                } catch (const error_with_diagnostics& e) {
                    thrown_code = e.code();
                    thrown = e.get_diagnostics().client_message;
                }
            },
            asio::detached);
        REQUIRE(test::run_until_logged(ioc, emu, "DescribeRegions", 1));
        signal.emit(asio::cancellation_type::terminal);
        REQUIRE(test::run_until(ioc, [&] { return !thrown.empty(); }, 2s));
        CHECK(thrown_code == asio::error::operation_aborted);
    }
    SECTION("with_diagnostics(token): void(exception_ptr, R)")
    {
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto [e, r] = co_await T::fail(cl, with_diagnostics(asio::as_tuple(asio::use_awaitable)));
            REQUIRE(e);
            try {
                std::rethrow_exception(e);
            } catch (const error_with_diagnostics& x) {
                check_missing(x.code(), x.get_diagnostics());
            }
            co_await expect_diagnostics_thrown([&] { return T::fail(cl, with_diagnostics(asio::deferred)); });
        });
    }
    SECTION("a callback, as_tuple, redirect_error: (error_code, R) with r.diag")
    {
        int called = 0;
        T::fail(cl, [&](error_code ec, typename T::response r) {
            check_missing(ec, r.diag);
            ++called;
        });
        REQUIRE(test::run_until(ioc, [&] { return called == 1; }));
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto [ec, r] = co_await T::fail(cl, asio::as_tuple(asio::use_awaitable));
            check_missing(ec, r.diag);
            error_code redirected;
            auto r2 = co_await T::fail(cl, asio::redirect_error(asio::use_awaitable, redirected));
            check_missing(redirected, r2.diag);
        });
    }
    SECTION("as_channel and to_channel: the call's error_code and response, with r.diag")
    {
        auto ch = T::fail(cl, as_channel);
        response_channel<typename T::response> fan_in(ioc.get_executor(), 2);
        T::fail(cl, to_channel(fan_in));
        in_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto [ec, r] = co_await ch.async_receive(asio::as_tuple(asio::use_awaitable));
            check_missing(ec, r.diag);
            auto result = co_await fan_in.async_receive();
            check_missing(result.ec, result.response.diag);
        });
    }
    SECTION("detached: the call is made, its result dropped")
    {
        T::fail(cl, asio::detached);
        REQUIRE(test::run_until_logged(ioc, emu, "DescribeInstanceAttribute", 1));
        CHECK(test::count_logged(emu, "DescribeInstanceAttribute") == 1);
    }
}
