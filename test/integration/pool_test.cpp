// The connection pool under load and abuse: no socket leaks after 1,000 calls
// that time out, are cancelled or are reset; reuse and limits; concurrent calls
// from several threads on one io_context (run under ThreadSanitizer in CI).

#include "harness.hpp"
#include "manual_clock.hpp"

#include <alicloud/rpc_client.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <set>
#include <thread>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace asio = boost::asio;
using boost::json::parse;
using namespace std::chrono_literals;

namespace {

std::size_t open_descriptors()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

client_options http_options(const running_emulator& emu)
{
    client_options o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    o.creds = {"testid", "testsecret", ""};
    o.retry.max_attempts = 1;
    return o;
}

rpc_call call_of(std::string action)
{
    return {.action = std::move(action), .version = "2014-05-26", .idempotent = true};
}

// Waits until the emulator (on its own thread) has closed every connection
// but the control one.
void wait_for_emulator_to_close_connections(client& ctl)
{
    if (!ctl.wait({{"connections", 1}}))
        FAIL("the emulator still holds connections");
}

} // namespace

TEST_CASE("1,000 calls ending in timeouts, cancellations and resets leak no socket", "[pool][leaks]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeZones","latency_ms":2000})"));          // -> timeouts
    ctl.add_fault(parse(R"({"action":"DescribeInstances","latency_ms":60000})"));     // -> cancellations
    ctl.add_fault(parse(R"({"action":"DescribeRegions","kind":"reset_before_headers"})")); // -> resets
    wait_for_emulator_to_close_connections(ctl);
    const std::size_t before = open_descriptors();

    std::size_t timeouts = 0, cancelled = 0, resets = 0, other = 0;
    {
        asio::io_context ioc;
        auto opts = http_options(emu);
        opts.pool.max_connections_per_host = 1024; // each call on its own connection, none queued
        opts.timeouts.connect = 30s; // 1,000 connects at once to a one-thread server can be slow
        // Only the deadline of the first kind may end a call by time: on a
        // loaded machine the cancellation below can come late (seen at ~20 s,
        // when the default attempt timeout ended some calls first).
        opts.timeouts.attempt = 90s;
        opts.timeouts.call = 90s;
        rpc_client cl(ioc, opts);
        std::vector<std::unique_ptr<asio::cancellation_signal>> signals;
        for (int i = 0; i < 1000; ++i) {
            rpc_call c = call_of(i % 3 == 0 ? "DescribeZones" : i % 3 == 1 ? "DescribeInstances" : "DescribeRegions");
            c.params.set("RegionId", "cn-hangzhou");
            // Only the first kind ends by its deadline; the others by cancellation or reset.
            c.options.timeout = i % 3 == 0 ? 150ms : 90s;
            signals.push_back(std::make_unique<asio::cancellation_signal>());
            cl.async_call(std::move(c), asio::bind_cancellation_slot(signals.back()->slot(), [&](error_code ec, rpc_response) {
                              if (ec == errc::timeout)
                                  ++timeouts;
                              else if (ec == errc::cancelled)
                                  ++cancelled;
                              else if (ec == asio::error::connection_reset || ec == asio::error::eof)
                                  ++resets;
                              else
                                  ++other;
                          }));
        }
        // Cancel once every one of those calls reached the emulator (a signal
        // emitted before an operation has begun cancels nothing), or after 10 s
        // on a slow machine: by then every call has begun, whatever its phase.
        // (Asked from a thread of its own: the calls go on meanwhile.)
        std::thread watcher([&] {
            client waiter(emu.http);
            waiter.wait({{"logged", {{"action", "DescribeInstances"}, {"count", 333}}}}, 10s);
            asio::post(ioc, [&] {
                for (std::size_t i = 1; i < signals.size(); i += 3)
                    signals[i]->emit(asio::cancellation_type::terminal);
            });
        });
        ioc.run_for(80s);
        watcher.join();
        REQUIRE(ioc.stopped());
        CHECK(cl.open_connections() == 0); // none of those connections may be reused
    }
    CHECK(timeouts == 334);
    CHECK(cancelled == 333);
    CHECK(resets == 333);
    CHECK(other == 0);
    wait_for_emulator_to_close_connections(ctl);
    CHECK(open_descriptors() == before);
}

TEST_CASE("kept-alive connections are reused, up to the limit", "[pool]")
{
    running_emulator emu;
    client ctl(emu.http);
    asio::io_context ioc;
    auto opts = http_options(emu);
    opts.pool.max_connections_per_host = 4;
    rpc_client cl(ioc, opts);
    int ok = 0;
    for (int i = 0; i < 40; ++i)
        cl.async_call(call_of("DescribeRegions"), [&](error_code ec, rpc_response) { ok += ec ? 0 : 1; });
    ioc.run_for(30s);
    CHECK(ok == 40);
    CHECK(cl.open_connections() <= 4);
    std::set<std::uint64_t> connections;
    for (const auto& r : ctl.requests())
        connections.insert(r.at("connection_id").to_number<std::uint64_t>());
    CHECK(connections.size() <= 4); // 40 calls, at most 4 connections
}

TEST_CASE("a kept-alive connection the server closed is replaced without failing the call", "[pool]")
{
    auto opts = fast_options();
    opts.idle_timeout = 200ms; // the emulator drops idle connections quickly
    running_emulator emu(opts);
    asio::io_context ioc;
    test::manual_clock clock;
    auto client_opts = http_options(emu);
    client_opts.pool.clock = clock.steady();
    rpc_client cl(ioc, client_opts);
    int ok = 0;
    cl.async_call(call_of("DescribeRegions"), [&](error_code ec, rpc_response) { ok += ec ? 0 : 1; });
    ioc.run_for(10s);
    ioc.restart();
    REQUIRE(ok == 1);
    REQUIRE(cl.open_connections() == 1);
    // The server closes the idle connection meanwhile. Idle under a second, the
    // pool does not probe it and the failed attempt is retried on a fresh one;
    // longer, the probe finds the closed connection first.
    client ctl(emu.http);
    REQUIRE(ctl.wait({{"connections", 1}})); // only the control connection is left
    const auto idle = GENERATE(0ms, 1300ms);
    CAPTURE(idle.count());
    clock.advance(idle);
    // A non-idempotent call: it must not be lost to the stale connection.
    rpc_call start{.action = "StartInstance", .version = "2014-05-26"};
    start.params.set("InstanceId", "i-nosuch");
    cl.async_call(std::move(start), [&](error_code ec, rpc_response) { ok += ec == errc::not_found ? 1 : 0; });
    ioc.run_for(10s);
    CHECK(ok == 2);
}

TEST_CASE("a kept-alive connection idle for idle_timeout is closed, not reused", "[pool]")
{
    running_emulator emu;
    client ctl(emu.http);
    asio::io_context ioc;
    test::manual_clock clock;
    auto opts = http_options(emu);
    opts.pool.idle_timeout = 30s;
    opts.pool.clock = clock.steady();
    rpc_client cl(ioc, opts);
    const auto call_once = [&] {
        bool ok = false;
        cl.async_call(call_of("DescribeRegions"), [&](error_code ec, rpc_response) { ok = !ec; });
        ioc.restart();
        ioc.run_for(10s);
        return ok;
    };
    REQUIRE(call_once());
    clock.advance(29s);
    REQUIRE(call_once()); // reused
    clock.advance(30s);
    REQUIRE(call_once()); // on a new connection
    CHECK(cl.open_connections() == 1);
    std::vector<std::uint64_t> connections;
    for (const auto& r : ctl.requests())
        connections.push_back(r.at("connection_id").to_number<std::uint64_t>());
    REQUIRE(connections.size() == 3);
    CHECK(connections[0] == connections[1]);
    CHECK(connections[1] != connections[2]);
}

TEST_CASE("concurrent calls from several threads on one io_context", "[pool][concurrency]")
{
    running_emulator emu;
    asio::io_context ioc;
    auto opts = http_options(emu);
    opts.pool.max_connections_per_host = 8;
    rpc_client cl(ioc, opts);
    std::atomic<int> ok{0}, failed{0}, completed{0};
    std::promise<void> all_done;
    auto work = asio::make_work_guard(ioc);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] { ioc.run(); });
    std::vector<std::thread> starters;
    for (int t = 0; t < 4; ++t)
        starters.emplace_back([&] {
            for (int i = 0; i < 100; ++i)
                cl.async_call(call_of("DescribeRegions"), [&](error_code ec, rpc_response r) {
                    (ec || r.http_status != 200 ? failed : ok)++;
                    if (completed.fetch_add(1) + 1 == 400)
                        all_done.set_value();
                });
        });
    for (auto& s : starters)
        s.join();
    // The calls complete on the pool threads; the last one says so.
    CHECK(all_done.get_future().wait_for(60s) == std::future_status::ready);
    work.reset();
    for (auto& t : threads)
        t.join();
    CHECK(ok == 400);
    CHECK(failed == 0);
    CHECK(cl.open_connections() <= 8);
}

TEST_CASE("a request reset on a kept-alive connection is not sent again as it was", "[pool]")
{
    running_emulator emu;
    client ctl(emu.http);
    asio::io_context ioc;
    rpc_client cl(ioc, http_options(emu));
    int first = 0;
    cl.async_call(call_of("DescribeRegions"), [&](error_code ec, rpc_response) { first += ec ? 100 : 1; });
    ioc.run_for(10s);
    ioc.restart();
    REQUIRE(first == 1);
    REQUIRE(cl.open_connections() == 1);

    // The next request reaches the service on the kept-alive connection, which
    // is then reset before any answer: it may have been acted on. A call that
    // may not be repeated fails; it is not replayed with the same nonce.
    ctl.add_fault(parse(R"({"action":"StartInstance","kind":"reset_before_headers","times":1})"));
    rpc_call start{.action = "StartInstance", .version = "2014-05-26"};
    start.params.set("InstanceId", "i-nosuch");
    error_code ec;
    std::string server_code = "none";
    cl.async_call(std::move(start), [&](error_code e, rpc_response r) {
        ec = e;
        server_code = r.diag.server.code;
    });
    ioc.run_for(10s);
    CHECK(ec);
    CHECK(ec != errc::not_found);
    CHECK(server_code.empty()); // a connection failure, not the service's SignatureNonceUsed
    std::size_t starts = 0;
    for (const auto& e : ctl.requests())
        starts += e.at("action").as_string() == "StartInstance" ? 1u : 0u;
    CHECK(starts == 1);
}
