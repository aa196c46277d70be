// The Go SDK's EnableAsync and Shutdown on a client: its own threads, the
// bound on calls in flight under each full-queue policy, graceful and abort
// shutdown in both forms, and calls racing a shutdown from many threads -
// every call completing exactly once, whatever happens.

#include "client_support.hpp"

#include <alicloud/adapters/blocker.hpp>
#include <alicloud/adapters/channel.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/co_spawn.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using clock_type = std::chrono::steady_clock;

namespace {

// Outcomes of calls made with callbacks, from any thread; each call must
// complete exactly once.
struct outcomes {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<error_code> codes;
    std::atomic<int> completed{0};
    std::atomic<int> repeated{0}; // completions of a call after its first

    // Catch's assertions are not for other threads: counted there, checked here.
    ~outcomes() { CHECK(repeated.load() == 0); }

    auto callback()
    {
        auto once = std::make_shared<std::atomic<int>>(0);
        return [this, once](error_code ec, const ecs::describe_regions_response&) {
            if (once->fetch_add(1) != 0)
                repeated.fetch_add(1);
            // Notified under the lock: the test may destroy this object as soon
            // as it sees the count, and the notifier must be done with it by then.
            std::lock_guard lock(mutex);
            codes.push_back(ec);
            completed.fetch_add(1);
            changed.notify_all();
        };
    }

    // Until `n` calls completed (true), or `limit` passed.
    bool wait_for(int n, std::chrono::milliseconds limit = 10s)
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, limit, [&] { return completed.load() >= n; });
        return completed.load() == n;
    }

    int count(const error_code& expected)
    {
        std::lock_guard lock(mutex);
        return static_cast<int>(std::count(codes.begin(), codes.end(), expected));
    }
};

} // namespace

TEST_CASE("enable_async: a client of its own threads is enabled once and again only after shutdown", "[go][lifecycle]")
{
    running_emulator emu;
    ecs::client ecs(test::http_options_for(emu)); // no executor: it owns its threads
    outcomes before;
    ecs.describe_regions({}, before.callback());
    REQUIRE(before.wait_for(1));
    CHECK(before.codes[0] == client_errc::async_not_enabled);

    ecs.enable_async(4, 100);
    auto ch = ecs.describe_regions({}, as_channel); // from this plain thread, as in Go
    auto [ec, regions] = ch.receive();
    CHECK_FALSE(ec);
    CHECK_FALSE(regions.regions.empty());

    try {
        ecs.enable_async(2, 10);
        FAIL("a second enable_async must fail");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == client_errc::async_already_enabled);
        INFO(e.what());
        CHECK(std::string(e.what()).find("enable_async: called twice") != std::string::npos);
    }

    ecs.shutdown();
    outcomes after;
    const auto start = clock_type::now();
    ecs.describe_regions({}, after.callback());
    REQUIRE(after.wait_for(1));
    CHECK(after.codes[0] == errc::shut_down);
    CHECK(clock_type::now() - start < 1s);

    ecs.enable_async(2, 10); // works again after shutdown
    auto again = ecs.describe_regions({}, as_channel).receive();
    CHECK_FALSE(again.first);
}

TEST_CASE("enable_async: refused on a client made on an executor", "[go][lifecycle]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs::client ecs(ioc, test::http_options_for(emu));
    try {
        ecs.enable_async(2, 10);
        FAIL("enable_async on an executor client must fail");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == client_errc::not_supported);
    }
    client_options with_threads = test::http_options_for(emu);
    with_threads.async.threads = 2;
    CHECK_THROWS_AS(ecs::client(ioc, with_threads), std::invalid_argument);
    ecs::client owned(test::http_options_for(emu));
    CHECK_THROWS_AS(owned.enable_async(0, 10), std::invalid_argument);
}

TEST_CASE("max_pending with the fail policy: calls beyond the bound fail at once with queue_full", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 400);
    client_options o = test::http_options_for(emu);
    o.async = {.threads = 2, .max_pending = 2, .policy = async_options::when_full::fail};
    ecs::client ecs(o);
    outcomes out;
    const auto start = clock_type::now();
    for (int i = 0; i < 5; ++i)
        ecs.describe_regions({}, out.callback());
    REQUIRE(out.wait_for(3, 300ms)); // the three refused ones, long before any answer
    CHECK(out.count(client_errc::queue_full) == 3);
    CHECK(clock_type::now() - start < 350ms);
    REQUIRE(out.wait_for(5));
    CHECK(out.count(error_code()) == 2);
    // Slots come back: a call after those is accepted.
    auto later = ecs.describe_regions({}, as_channel).receive();
    CHECK_FALSE(later.first);
}

TEST_CASE("max_pending with the wait policy: calls beyond the bound wait for a slot", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 300);
    client_options o = test::http_options_for(emu);
    o.async = {.threads = 2, .max_pending = 2, .policy = async_options::when_full::wait};
    ecs::client ecs(o);

    SECTION("all of them run, two at a time")
    {
        outcomes out;
        const auto start = clock_type::now();
        for (int i = 0; i < 6; ++i)
            ecs.describe_regions({}, out.callback());
        REQUIRE(out.wait_for(6));
        CHECK(out.count(error_code()) == 6);
        CHECK(clock_type::now() - start >= 850ms); // three rounds of 300 ms
    }
    SECTION("a waiting call keeps its deadline")
    {
        outcomes slow;
        ecs.describe_regions({}, slow.callback());
        ecs.describe_regions({}, slow.callback());
        std::promise<std::pair<error_code, std::string>> waited;
        const auto start = clock_type::now();
        ecs.describe_regions({}, call_options{.timeout = 100ms}, [&](error_code ec, ecs::describe_regions_response r) {
            waited.set_value({ec, r.diag.client_message});
        });
        const auto [ec, message] = waited.get_future().get();
        CHECK(ec == errc::timeout);
        CHECK(message.find("waiting for a slot") != std::string::npos);
        CHECK(clock_type::now() - start < 280ms);
        REQUIRE(slow.wait_for(2));
        CHECK(slow.count(error_code()) == 2);
    }
    SECTION("a call that ends before its turn does not take a slot with it")
    {
        outcomes slow;
        ecs.describe_regions({}, slow.callback());
        ecs.describe_regions({}, slow.callback());
        auto [done_ctx, cancel] = with_cancel(context{});
        cancel(); // queued behind the two, then over before it waited
        outcomes gone;
        ecs.describe_regions({}, call_options{.context = done_ctx}, gone.callback());
        REQUIRE(gone.wait_for(1));
        CHECK(gone.count(error_code(asio::error::operation_aborted)) == 1);
        REQUIRE(slow.wait_for(2));
        // Both slots came back: two more calls run side by side, in one round of 300 ms.
        outcomes next;
        const auto start = clock_type::now();
        ecs.describe_regions({}, next.callback());
        ecs.describe_regions({}, next.callback());
        REQUIRE(next.wait_for(2, 3s));
        CHECK(next.count(error_code()) == 2);
        CHECK(clock_type::now() - start < 550ms);
    }
    SECTION("a waiting call can be cancelled through its context")
    {
        outcomes slow;
        ecs.describe_regions({}, slow.callback());
        ecs.describe_regions({}, slow.callback());
        auto [ctx, cancel] = with_cancel(context{});
        auto b = ecs.describe_regions({}, call_options{.context = ctx}, with_blocker([](error_code ec, auto) {
                                          CHECK(ec == errc::cancelled);
                                      }));
        REQUIRE(test::wait_logged(emu, "DescribeRegions", 2)); // both slots taken
        cancel();
        CHECK(b.wait_for(200ms) == std::optional<int>(0));
        REQUIRE(slow.wait_for(2));
        CHECK(test::count_logged(emu, "DescribeRegions") == 2); // the cancelled one was never sent
    }
}

TEST_CASE("graceful shutdown: accepted calls finish and later ones fail at once", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 300);
    client_options o = test::http_options_for(emu);
    o.async.threads = 2;
    ecs::client ecs(o);
    outcomes out;
    for (int i = 0; i < 5; ++i)
        ecs.describe_regions({}, out.callback());
    REQUIRE(test::wait_logged(emu, "DescribeRegions", 5)); // all of them in flight
    const auto start = clock_type::now();
    ecs.shutdown(shutdown_mode::graceful, 5s);
    CHECK(out.completed.load() == 5); // shutdown returned after every callback did
    CHECK(out.count(error_code()) == 5);
    CHECK(clock_type::now() - start < 1s);
}

TEST_CASE("graceful shutdown: what outlives the grace period is cancelled", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 5000);
    client_options o = test::http_options_for(emu);
    o.async = {.threads = 2, .max_pending = 3};
    ecs::client ecs(o);
    outcomes out;
    for (int i = 0; i < 5; ++i) // three in flight, two waiting for a slot
        ecs.describe_regions({}, out.callback());
    REQUIRE(test::wait_logged(emu, "DescribeRegions", 3));
    const auto start = clock_type::now();
    ecs.shutdown(shutdown_mode::graceful, 200ms);
    const auto took = clock_type::now() - start;
    CHECK(out.completed.load() == 5);
    CHECK(out.count(client_errc::shut_down) == 5);
    CHECK(took >= 150ms);
    CHECK(took < 1500ms);
    CHECK(ecs.rpc().open_connections() == 0);
}

TEST_CASE("abort shutdown: channels get the error and close, callbacks run, blockers are released", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 5000);
    client_options o = test::http_options_for(emu);
    o.async.threads = 2;
    ecs::client ecs(o);
    auto ch = ecs.describe_regions({}, as_channel);
    std::atomic<bool> called{false};
    auto b = ecs.describe_regions({}, with_blocker([&](error_code ec, auto) {
                                      CHECK(ec == errc::shut_down);
                                      called = true;
                                  }));
    REQUIRE(test::wait_logged(emu, "DescribeRegions", 2)); // both in flight
    const auto start = clock_type::now();
    ecs.shutdown(shutdown_mode::abort);
    CHECK(clock_type::now() - start < 1s);
    auto [ec, res] = ch.receive();
    CHECK(ec == errc::shut_down);
    CHECK(res.diag.client_message.find("shut down") != std::string::npos);
    CHECK(b.wait() == 0);
    CHECK(called);
}

TEST_CASE("async_shutdown: a coroutine awaits it on a client made on its executor", "[go][lifecycle]")
{
    running_emulator emu;
    test::add_latency(emu, "DescribeRegions", 200);
    asio::io_context ioc;
    ecs::client ecs(ioc, test::http_options_for(emu));
    outcomes out;
    for (int i = 0; i < 3; ++i)
        ecs.describe_regions({}, out.callback());
    test::run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        co_await ecs.async_shutdown(shutdown_mode::graceful, 5s);
        CHECK(out.completed.load() == 3);
        CHECK(out.count(error_code()) == 3);
        // Later calls fail at once; a second shutdown completes at once too.
        auto [ec, res] = co_await ecs.describe_regions({}, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::shut_down);
        co_await ecs.async_shutdown(shutdown_mode::abort, 0ms);
    });
}

TEST_CASE("shutdown: the blocking form refuses to run on the client's own threads", "[go][lifecycle]")
{
    running_emulator emu;
    client_options o = test::http_options_for(emu);
    o.async.threads = 1;
    ecs::client ecs(o);
    std::promise<std::string> refused;
    asio::post(ecs.get_executor(), [&] {
        try {
            ecs.shutdown();
            refused.set_value("");
        } catch (const std::logic_error& e) {
            refused.set_value(e.what());
        }
    });
    CHECK(refused.get_future().get().find("async_shutdown") != std::string::npos);
}

TEST_CASE("8 threads of calls race shutdown and enable_async: each call completes exactly once",
          "[go][lifecycle][concurrency]")
{
    running_emulator emu;
    client_options o = test::http_options_for(emu);
    o.async = {.threads = 2, .max_pending = 16, .policy = async_options::when_full::wait};
    ecs::client ecs(o);
    constexpr int rounds = 12;
    std::atomic<long> issued{0};
    std::atomic<long> completed{0};
    std::atomic<long> twice{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable changed; // completed moved
    // Until `n` more calls complete (at most 10 s): the race moves on by what
    // the calls do, not by guessed pauses.
    const auto wait_for_completions = [&](long n) {
        std::unique_lock lock(mutex);
        const long from = completed.load();
        changed.wait_for(lock, 10s, [&] { return completed.load() >= from + n; });
    };

    std::vector<std::thread> callers;
    for (int t = 0; t < 8; ++t)
        callers.emplace_back([&, t] {
            for (int i = 0; !stop.load(); ++i) {
                auto once = std::make_shared<std::atomic<int>>(0);
                auto on_done = [&, once](error_code, const ecs::describe_regions_response&) {
                    if (once->fetch_add(1) != 0)
                        twice.fetch_add(1);
                    {
                        std::lock_guard lock(mutex);
                        completed.fetch_add(1);
                    }
                    changed.notify_all();
                };
                issued.fetch_add(1);
                if (i % 3 == 0) {
                    auto [ctx, cancel] = with_timeout(context{}, std::chrono::milliseconds(1 + (i + t) % 20));
                    ecs.describe_regions({}, call_options{.context = ctx}, on_done);
                } else {
                    ecs.describe_regions({}, on_done);
                }
                if (i % 8 == 0)
                    std::this_thread::sleep_for(1ms); // a pace, not a wait: the callers must not starve the client's threads
            }
        });

    for (int r = 0; r < rounds; ++r) {
        wait_for_completions(8); // calls in flight, completing
        ecs.shutdown(r % 2 == 0 ? shutdown_mode::abort : shutdown_mode::graceful, 10ms);
        // Every call accepted before is done; calls made now fail at once.
        wait_for_completions(8);
        ecs.enable_async(2, 16);
    }
    stop = true;
    for (auto& c : callers)
        c.join();
    ecs.shutdown(shutdown_mode::graceful, 2s);

    {
        std::unique_lock lock(mutex); // refusals complete on system threads
        changed.wait_for(lock, 10s, [&] { return completed.load() >= issued.load(); });
    }
    CHECK(issued.load() > 100);
    CHECK(completed.load() == issued.load());
    CHECK(twice.load() == 0);
}
