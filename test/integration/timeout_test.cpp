// The three timeouts: connect, per attempt, whole call; each reported as a
// timeout, never as a cancellation.

#include "harness.hpp"

#include <alicloud/rpc_client.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <list>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

TEST_CASE("a connect that does not complete in time is a timeout", "[timeout]")
{
    asio::io_context ioc;
    // A full accept queue on loopback: further connects stay pending.
    tcp::acceptor full(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    full.listen(0);
    std::list<tcp::socket> fillers;
    for (int i = 0; i < 4; ++i) {
        fillers.emplace_back(ioc);
        fillers.back().async_connect(full.local_endpoint(), [](error_code) {});
    }
    client_options o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(full.local_endpoint().port());
    o.creds = {"testid", "testsecret", ""};
    o.timeouts.connect = 200ms;
    o.retry.max_attempts = 1;
    rpc_client cl(ioc, o);
    int calls = 0;
    const auto start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration took{};
    cl.async_call({.action = "DescribeRegions", .version = "2014-05-26"}, [&](error_code ec, rpc_response r) {
        CHECK(ec == errc::timeout);
        CHECK(ec != errc::cancelled);
        CHECK(r.diag.client_message.find("connecting to") != std::string::npos);
        took = std::chrono::steady_clock::now() - start;
        ++calls;
    });
    while (calls == 0 && ioc.run_one_for(10s) != 0) {
    }
    CHECK(calls == 1);
    CHECK(took >= 200ms);
    CHECK(took < 2s);
}

TEST_CASE("a slow attempt times out and the retry succeeds within the call's deadline", "[timeout]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(boost::json::parse(R"({"action":"DescribeRegions","latency_ms":3000,"times":1})"));
    asio::io_context ioc;
    client_options o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    o.creds = {"testid", "testsecret", ""};
    o.retry.initial_backoff = 10ms;
    rpc_client cl(ioc, o);
    rpc_call call{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
    call.options.attempt_timeout = 300ms; // a per-call override of the client's default
    call.options.timeout = 5s;
    int calls = 0;
    cl.async_call(call, [&](error_code ec, rpc_response r) {
        CHECK_FALSE(ec);
        CHECK(r.attempts == 2);
        ++calls;
    });
    ioc.run_for(20s);
    CHECK(calls == 1);
    const auto log = ctl.requests();
    REQUIRE(log.size() == 2);
}
