// Each cancellation type (total, partial, terminal) at each phase of a call:
// waiting for credentials, for a slot (max_pending), for a pooled connection,
// resolving, connecting, the TLS handshake, after the request was written,
// in the middle of the body, and in the backoff before a retry.
//
// The call is brought to its phase by watching the event itself (the
// provider or resolver was asked, the emulator logged the request, the
// stalling server took the connection), never by sleeping; then the signal
// is emitted and the test asserts what the call completed with, and how soon
// after the emission: long before the held answer would have come.
//
// The rule under test (rpc_client.hpp): terminal and partial end the call at
// every phase; total ends it only while nothing of it has reached the service.

#include "client_support.hpp"
#include "credentials_support.hpp"
#include "stalling_peers.hpp"

#include <alicloud/credentials/provider.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using clock_type = std::chrono::steady_clock;

namespace {

enum class phase { credentials, slot, pooled_connection, resolve, connect, tls_handshake, after_write, mid_body, backoff };

const char* name_of(phase p)
{
    switch (p) {
    case phase::credentials: return "credentials";
    case phase::slot: return "slot";
    case phase::pooled_connection: return "pooled connection";
    case phase::resolve: return "resolve";
    case phase::connect: return "connect";
    case phase::tls_handshake: return "TLS handshake";
    case phase::after_write: return "after the write";
    case phase::mid_body: return "mid-body";
    case phase::backoff: return "backoff";
    }
    return "?";
}

const char* name_of(asio::cancellation_type t)
{
    return t == asio::cancellation_type::total ? "total" : t == asio::cancellation_type::partial ? "partial" : "terminal";
}

// Runs the handlers that are ready, until none is: the call has gone as far
// as it can without an event from outside.
void settle(asio::io_context& ioc)
{
    for (int i = 0; i < 100; ++i) {
        ioc.restart();
        if (ioc.poll() == 0)
            return;
    }
}

rpc_call regions_call()
{
    rpc_call c{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
    return c;
}

struct held_call {
    int completions = 0;
    error_code ec;
    rpc_response response;
    clock_type::time_point completed_at;
};

void start(rpc_client& cl, asio::cancellation_signal& signal, held_call& out)
{
    cl.async_call(regions_call(), asio::bind_cancellation_slot(signal.slot(), [&out](error_code ec, rpc_response r) {
                      out.ec = ec;
                      out.response = std::move(r);
                      out.completed_at = clock_type::now();
                      ++out.completions;
                  }));
}

bool run_until_done(asio::io_context& ioc, const held_call& c, std::chrono::milliseconds limit)
{
    return test::run_until(ioc, [&] { return c.completions > 0; }, limit);
}

} // namespace

TEST_CASE("cancellation: each type at each phase ends the call as promised, and promptly", "[cancel][phases]")
{
    const auto at = GENERATE(phase::credentials, phase::slot, phase::pooled_connection, phase::resolve, phase::connect,
                             phase::tls_handshake, phase::after_write, phase::mid_body, phase::backoff);
    const auto type = GENERATE(asio::cancellation_type::total, asio::cancellation_type::partial,
                               asio::cancellation_type::terminal);
    INFO(name_of(type) << " cancellation " << name_of(at));

    running_emulator emu;
    asio::io_context ioc;
    client_options o = test::http_options_for(emu);
    o.timeouts.call = 30s;
    o.timeouts.attempt = 30s;
    o.timeouts.connect = 30s;
    // The answer every held phase would otherwise wait for, and how long.
    constexpr auto held_for = 2000ms;
    std::string partial;
    if (at == phase::mid_body)
        partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"RequestId\":\"";
    test::stalling_server stalling(ioc, partial);
    test::full_listener full(ioc);
    auto provider = std::make_shared<test::held_provider>();
    std::vector<client_options::resolve_done> unanswered;
    int resolutions = 0;

    switch (at) {
    case phase::credentials:
        o.creds = {};
        o.credentials_provider = provider;
        break;
    case phase::slot: o.async.max_pending = 1; [[fallthrough]];
    case phase::pooled_connection:
        o.pool.max_connections_per_host = 1;
        test::add_latency(emu, "DescribeRegions", static_cast<int>(held_for.count()));
        break;
    case phase::resolve:
    case phase::connect:
        o.endpoint = "http://held.example:" + std::to_string(full.acceptor.local_endpoint().port());
        o.resolve = [&](const std::string&, client_options::resolve_done done) {
            ++resolutions;
            if (at == phase::connect)
                done(error_code{}, {"127.0.0.1"});
            else
                unanswered.push_back(std::move(done));
        };
        break;
    case phase::tls_handshake: o.endpoint = stalling.url(true); break;
    case phase::after_write: test::add_latency(emu, "DescribeRegions", static_cast<int>(held_for.count())); break;
    case phase::mid_body:
        o.endpoint = stalling.url(false);
        o.timeouts.attempt = held_for; // what ends a stalled body that nobody cancels
        break;
    case phase::backoff: {
        emulator::test::client ctl(emu.http);
        ctl.add_fault(boost::json::parse(R"({"action":"DescribeRegions","kind":"throttling","times":1})"));
        o.retry = {.max_attempts = 2, .initial_backoff = held_for, .max_backoff = held_for, .jitter = false};
        break;
    }
    }
    rpc_client cl(ioc, o);

    // Another call holds what the cancelled one will wait for.
    held_call holder;
    asio::cancellation_signal holder_signal;
    if (at == phase::slot || at == phase::pooled_connection) {
        start(cl, holder_signal, holder);
        REQUIRE(test::run_until_logged(ioc, emu, "DescribeRegions", 1));
    }

    held_call call;
    asio::cancellation_signal signal;
    start(cl, signal, call);

    // Until the call is in its phase.
    switch (at) {
    case phase::credentials: REQUIRE(test::run_until(ioc, [&] { return provider->held.size() == 1; })); break;
    case phase::slot:
    case phase::pooled_connection: settle(ioc); break;
    case phase::resolve:
    case phase::connect:
        REQUIRE(test::run_until(ioc, [&] { return resolutions == 1; }));
        settle(ioc);
        break;
    case phase::tls_handshake:
        REQUIRE(test::run_until(ioc, [&] { return stalling.held.size() == 1; }));
        settle(ioc);
        break;
    case phase::after_write:
        REQUIRE(test::run_until_logged(ioc, emu, "DescribeRegions", 1));
        break;
    case phase::mid_body:
        REQUIRE(test::run_until(ioc, [&] { return stalling.partial_answers_sent == 1; }));
        settle(ioc);
        break;
    case phase::backoff:
        REQUIRE(test::run_until_logged(ioc, emu, {{"action", "DescribeRegions"}, {"count", 1}, {"error_code", "Throttling"}}));
        REQUIRE(test::count_logged(emu, "DescribeRegions", "Throttling") == 1);
        settle(ioc);
        break;
    }
    REQUIRE(call.completions == 0); // held where it should be

    const auto emitted = clock_type::now();
    signal.emit(type);
    REQUIRE(run_until_done(ioc, call, 10s));
    const auto took = call.completed_at - emitted;
    INFO("completed " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms after the emission: "
                      << call.ec.message() << " / " << call.response.diag.to_string());
    CHECK(call.completions == 1);

    // Total cancellation cannot be honoured once something reached the service.
    const bool sent = at == phase::after_write || at == phase::mid_body || at == phase::backoff;
    if (type != asio::cancellation_type::total || !sent) {
        CHECK(call.ec == asio::error::operation_aborted);
        CHECK_FALSE(call.response.diag.client_message.empty());
        CHECK(took < 500ms); // the held answer would have come after 2 s
    } else if (at == phase::after_write) {
        CHECK_FALSE(call.ec); // the answer, when it came
        CHECK(took > 1000ms);
    } else if (at == phase::mid_body) {
        CHECK(call.ec == errc::timeout); // nothing but the attempt's timeout ended it
        CHECK(took > 1000ms);
    } else {
        CHECK_FALSE(call.ec); // the retry after the backoff succeeded
        CHECK(took > 1000ms);
        CHECK(call.response.attempts == 2);
    }
    if (at == phase::after_write || at == phase::mid_body)
        CHECK(cl.open_connections() == (call.ec ? 0u : 1u)); // an ended exchange never goes back to the pool

    // Whatever held the call, let go of it now: nothing completes twice.
    for (auto& h : provider->held)
        std::move(h)(client_errc::credentials_unavailable, credentials_result{});
    provider->held.clear();
    for (auto& done : unanswered)
        done(error_code{}, {"127.0.0.1"});
    if (at == phase::slot || at == phase::pooled_connection) {
        holder_signal.emit(asio::cancellation_type::terminal);
        REQUIRE(run_until_done(ioc, holder, 10s));
        CHECK(holder.completions == 1);
    }
    settle(ioc);
    CHECK(call.completions == 1);
}
