// The generic RPC client against the emulator over verified HTTPS: completion
// tokens, errors, retries, deadlines, cancellation, the connection pool.

#include "harness.hpp"

#include <alicloud/rpc_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace asio = boost::asio;
using boost::json::parse;
using namespace std::chrono_literals;

namespace {

client_options options_for(const running_emulator& emu)
{
    client_options o;
    o.endpoint = "https://127.0.0.1:" + std::to_string(emu.https.port());
    o.creds = {"testid", "testsecret", ""};
    o.tls.ca_pem = emu.ca_pem();
    o.retry.initial_backoff = 50ms;
    o.retry.max_backoff = 400ms;
    return o;
}

rpc_call describe_regions()
{
    return {.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
}

rpc_call run_instances()
{
    rpc_call c{.action = "RunInstances", .version = "2014-05-26", .client_token_parameter = "ClientToken"};
    c.params.set("RegionId", "cn-hangzhou").set("ImageId", "img").set("InstanceType", "ecs.g7.large");
    return c;
}

// Runs the io_context until the work is done, with a bound.
void run(asio::io_context& ioc, std::chrono::seconds limit = 30s)
{
    ioc.run_for(limit);
    REQUIRE(ioc.stopped());
}

template <class Awaitable>
void run_coroutine(asio::io_context& ioc, Awaitable a)
{
    std::exception_ptr failure;
    asio::co_spawn(ioc, std::move(a), [&](std::exception_ptr e) { failure = e; });
    run(ioc);
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace

TEST_CASE("rpc_client: co_await, callback, future, as_tuple, redirect_error, deferred", "[rpc][tokens]")
{
    running_emulator emu;
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));

    SECTION("co_await with the default token")
    {
        run_coroutine(ioc, [&]() -> asio::awaitable<void> {
            // An error would throw; success returns the response.
            const rpc_response r = co_await cl.async_call(describe_regions());
            CHECK(r.http_status == 200);
            CHECK(r.body.at("Regions").at("Region").as_array().size() >= 5);
            CHECK(r.request_id.size() == 36);
            CHECK(r.attempts == 1);
        }());
    }
    SECTION("use_awaitable")
    {
        run_coroutine(ioc, [&]() -> asio::awaitable<void> {
            auto [ec, r] = co_await cl.async_call(describe_regions(), asio::as_tuple(asio::use_awaitable));
            CHECK_FALSE(ec);
            CHECK(r.http_status == 200);
        }());
    }
    SECTION("a callback runs once, after the initiating function returned")
    {
        int calls = 0;
        bool initiated = false;
        cl.async_call(describe_regions(), [&](error_code ec, rpc_response r) {
            CHECK(initiated);
            CHECK_FALSE(ec);
            CHECK(r.http_status == 200);
            ++calls;
        });
        initiated = true;
        run(ioc);
        CHECK(calls == 1);
    }
    SECTION("use_future from a plain thread")
    {
        std::thread runner;
        auto work = asio::make_work_guard(ioc);
        runner = std::thread([&] { ioc.run(); });
        auto f = cl.async_call(describe_regions(), asio::use_future);
        REQUIRE(f.wait_for(20s) == std::future_status::ready);
        const rpc_response r = f.get();
        CHECK(r.http_status == 200);
        work.reset();
        runner.join();
    }
    SECTION("redirect_error and deferred composition")
    {
        run_coroutine(ioc, [&]() -> asio::awaitable<void> {
            error_code ec;
            auto r = co_await cl.async_call(describe_regions(), asio::redirect_error(asio::use_awaitable, ec));
            CHECK_FALSE(ec);
            CHECK(r.http_status == 200);

            // Two deferred calls chained: the second starts when the first is done.
            auto chained = cl.async_call(describe_regions(), asio::deferred([&](error_code, rpc_response first) {
                rpc_call next{.action = "DescribeZones", .version = "2014-05-26", .idempotent = true};
                next.params.set("RegionId", std::string(first.body.at("Regions").at("Region").at(0).at("RegionId").as_string()));
                return cl.async_call(std::move(next), asio::deferred);
            }));
            auto [ec2, zones] = co_await std::move(chained)(asio::as_tuple(asio::use_awaitable));
            CHECK_FALSE(ec2);
            CHECK(zones.body.at("Zones").at("Zone").at(0).at("ZoneId") == "cn-hangzhou-h");
        }());
    }
}

TEST_CASE("rpc_client: a service error carries the envelope and its condition", "[rpc][errors]")
{
    running_emulator emu;
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    rpc_call call{.action = "DescribeInstanceAttribute", .version = "2014-05-26", .idempotent = true};
    call.params.set("InstanceId", "i-nosuch");
    cl.async_call(call, [&](error_code ec, rpc_response r) {
        CHECK(ec == errc::not_found);
        CHECK(r.http_status == 404);
        CHECK(r.diag.server.code == "InvalidInstanceId.NotFound");
        CHECK(r.diag.server.message == "The specified InstanceId does not exist.");
        CHECK(r.diag.server.request_id == r.request_id);
        CHECK_FALSE(r.diag.server.host_id.empty());
        CHECK(r.diag.server.recommend.starts_with("https://api.aliyun.com/troubleshoot"));
        CHECK(r.attempts == 1); // a 404 is not retried
    });
    run(ioc);

    auto bad = client_options(options_for(emu));
    bad.creds.access_key_id.clear();
    rpc_client unsigned_client(ioc, bad);
    ioc.restart();
    unsigned_client.async_call(describe_regions(), [&](error_code ec, rpc_response r) {
        CHECK(ec == client_errc::missing_field);
        CHECK(r.diag.field == "AccessKeyId");
        CHECK(r.http_status == 0); // nothing was sent
    });
    run(ioc);
}

TEST_CASE("rpc_client: throttling and 5xx are retried with growing delays", "[rpc][retry]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","kind":"throttling","times":2})"));
    ctl.add_fault(parse(R"({"action":"DescribeRegions","kind":"http_error","times":1})"));
    asio::io_context ioc;
    auto opts = options_for(emu);
    opts.retry.max_attempts = 5;
    opts.retry.jitter = false; // exact delays: 50, 100, 200 ms
    rpc_client cl(ioc, opts);
    cl.async_call(describe_regions(), [&](error_code ec, rpc_response r) {
        CHECK_FALSE(ec);
        CHECK(r.attempts == 4);
    });
    run(ioc);

    const auto log = ctl.requests();
    REQUIRE(log.size() == 4);
    auto at = [&](std::size_t i) {
        const std::string text(log[i].at("time").as_string());
        std::tm tm{};
        int ms = 0;
        std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec, &ms);
        return std::chrono::seconds(tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) + std::chrono::milliseconds(ms);
    };
    const auto gap1 = at(1) - at(0), gap2 = at(2) - at(1), gap3 = at(3) - at(2);
    CHECK(gap1 >= 50ms);
    CHECK(gap2 >= 100ms);
    CHECK(gap3 >= 200ms);
    CHECK(gap3 > gap1);
}

TEST_CASE("rpc_client: an unsafe call without ClientToken is not retried", "[rpc][retry]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"StartInstance","kind":"http_error","times":1})"));
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    rpc_call call{.action = "StartInstance", .version = "2014-05-26"};
    call.params.set("InstanceId", "i-x");
    cl.async_call(call, [&](error_code ec, rpc_response r) {
        CHECK(ec == errc::server_error);
        CHECK(r.http_status == 503);
        CHECK(r.attempts == 1);
    });
    run(ioc);
    CHECK(ctl.requests().size() == 1);
}

TEST_CASE("rpc_client: a ClientToken is filled once and reused on every retry", "[rpc][retry]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"RunInstances","kind":"http_error","times":2})"));
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    cl.async_call(run_instances(), [&](error_code ec, rpc_response r) {
        CHECK_FALSE(ec);
        CHECK(r.attempts == 3);
    });
    run(ioc);
    const auto log = ctl.requests();
    REQUIRE(log.size() == 3);
    const auto token = log[0].at("client_token").as_string();
    CHECK(token.size() == 36);
    CHECK(log[1].at("client_token") == token);
    CHECK(log[2].at("client_token") == token);
    CHECK(log[2].at("status") == 200);
}

TEST_CASE("rpc_client: the deadline bounds the call, retries included", "[rpc][timeout]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":3000})"));
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    rpc_call call = describe_regions();
    call.options.timeout = 400ms;
    const auto start = std::chrono::steady_clock::now();
    cl.async_call(call, [&](error_code ec, rpc_response r) {
        CHECK(ec == client_errc::timeout);
        CHECK(ec == errc::timeout);
        CHECK(ec != errc::cancelled);
        CHECK(r.diag.client_message.find("deadline") != std::string::npos);
    });
    run(ioc);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(took >= 400ms);
    CHECK(took < 1500ms);
    CHECK(cl.impl() != nullptr);
}

TEST_CASE("rpc_client: cancellation while the answer is awaited", "[rpc][cancel]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":5000})"));
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    asio::cancellation_signal signal;
    const auto start = std::chrono::steady_clock::now();
    int calls = 0;
    cl.async_call(describe_regions(), asio::bind_cancellation_slot(signal.slot(), [&](error_code ec, rpc_response) {
                      CHECK(ec == asio::error::operation_aborted);
                      CHECK(ec == errc::cancelled);
                      ++calls;
                  }));
    asio::steady_timer t(ioc, 300ms);
    t.async_wait([&](error_code) { signal.emit(asio::cancellation_type::terminal); });
    run(ioc);
    CHECK(calls == 1);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("rpc_client: truncated and malformed answers are reported as such", "[rpc][errors]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","kind":"truncate_body","times":1})"));
    ctl.add_fault(parse(R"({"action":"DescribeZones","kind":"malformed_json","times":1})"));
    asio::io_context ioc;
    rpc_client cl(ioc, options_for(emu));
    cl.async_call(describe_regions(), [&](error_code ec, rpc_response r) {
        CHECK(ec == client_errc::malformed_response);
        CHECK(r.diag.server.http_status == 200);
        CHECK(r.diag.client_message.find("cut off") != std::string::npos);
        CHECK(r.attempts == 1); // the service acted: not a connection failure to retry
    });
    rpc_call zones{.action = "DescribeZones", .version = "2014-05-26", .idempotent = true};
    zones.params.set("RegionId", "cn-hangzhou");
    cl.async_call(zones, [&](error_code ec, rpc_response r) {
        CHECK(ec == client_errc::malformed_response);
        CHECK(r.http_status == 200);
        CHECK(r.diag.client_message.find("not JSON") != std::string::npos);
        CHECK_FALSE(r.diag.body_excerpt.empty());
    });
    run(ioc);
}

TEST_CASE("rpc_client: an answer larger than max_response_bytes is refused, its connection closed", "[rpc][errors]")
{
    running_emulator emu;
    asio::io_context ioc;
    auto opts = options_for(emu);
    opts.max_response_bytes = 100; // DescribeRegions answers with about 1 KB
    rpc_client cl(ioc, opts);
    int calls = 0;
    cl.async_call(describe_regions(), [&](error_code ec, rpc_response r) {
        CHECK(ec == client_errc::response_too_large);
        CHECK(r.diag.client_message.find("max_response_bytes") != std::string::npos);
        CHECK(r.attempts == 1);
        ++calls;
    });
    run(ioc);
    CHECK(calls == 1);
    CHECK(cl.open_connections() == 0);
}

TEST_CASE("rpc_client: a custom resolver pins a host name to addresses", "[rpc][resolve]")
{
    running_emulator emu;
    asio::io_context ioc;
    auto opts = options_for(emu);
    // A name, so that the resolver is asked (and TLS checks the certificate
    // against that name: the emulator's covers "localhost").
    opts.endpoint = "https://localhost:" + std::to_string(emu.https.port());
    opts.retry.max_attempts = 1; // a failed resolution is retried otherwise
    std::vector<std::string> asked;
    const bool fail = GENERATE(false, true);
    opts.resolve = [&](const std::string& host, client_options::resolve_done done) {
        asked.push_back(host);
        if (fail)
            done(asio::error::host_not_found, {});
        else
            done({}, {"not-an-address", "127.0.0.1"}); // text that is no address is skipped
    };
    rpc_client cl(ioc, opts);
    error_code ec;
    rpc_response r;
    cl.async_call(describe_regions(), [&](error_code e, rpc_response res) {
        ec = e;
        r = std::move(res);
    });
    run(ioc);
    REQUIRE(asked.size() == 1);
    CHECK(asked.front() == "localhost");
    if (fail) {
        CHECK(ec == asio::error::host_not_found);
        CHECK(r.diag.client_message.find("resolving localhost failed") != std::string::npos);
    } else {
        CHECK_FALSE(ec);
        CHECK(r.http_status == 200);
    }
}

TEST_CASE("rpc_client: TLS refuses a certificate for another name, or from a CA it does not trust", "[rpc][tls]")
{
    running_emulator emu;
    asio::io_context ioc;
    auto opts = options_for(emu);
    opts.retry.max_attempts = 1;
    const std::string port = std::to_string(emu.https.port());
    // The emulator's certificate covers localhost and 127.0.0.1 only.
    const auto way = GENERATE(as<std::string>{}, "another name", "untrusted CA", "unverified");
    if (way != "untrusted CA") { // a name the certificate does not hold, pinned to the emulator's address
        opts.endpoint = "https://ecs.example.com:" + port;
        opts.resolve = [](const std::string&, client_options::resolve_done done) { done({}, {"127.0.0.1"}); };
    }
    if (way == "untrusted CA") {
        running_emulator other; // its own CA, made when it starts
        REQUIRE(other.ca_pem() != emu.ca_pem());
        opts.tls.ca_pem = other.ca_pem();
    } else if (way == "unverified") {
        opts.tls.verify_peer = false; // what --insecure does: any certificate, for any name
    }
    INFO(way);
    error_code ec;
    rpc_response r;
    int calls = 0;
    rpc_client cl(ioc, opts);
    cl.async_call(describe_regions(), [&](error_code e, rpc_response res) {
        ec = e;
        r = std::move(res);
        ++calls;
    });
    run(ioc);
    CHECK(calls == 1);
    if (way == "unverified") {
        CHECK_FALSE(ec);
        return;
    }
    CHECK(ec);
    CHECK_THAT(r.diag.client_message, Catch::Contains("TLS handshake with"));
    CHECK_THAT(r.diag.client_message, Catch::Contains("certificate verify failed"));
}
