// Cancellation injected at every phase of a call: resolve, connect, TLS handshake,
// write, read, backoff, waiting for a pooled connection. Each time the call
// completes promptly with operation_aborted, and the connection it had is
// closed, never reused.

#include "client_support.hpp"
#include "stalling_peers.hpp"

#include <alicloud/rpc_client.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>


using namespace alicloud;
using namespace alicloud::emulator::test;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::json::parse;
using namespace std::chrono_literals;

namespace {

struct outcome {
    int completions = 0;
    error_code ec;
    std::chrono::steady_clock::duration took{};
};

// Starts the call, emits `type` after `after`, runs until it completes.
outcome cancel_after(asio::io_context& ioc, rpc_client& cl, rpc_call call, std::chrono::milliseconds after,
                     asio::cancellation_type type = asio::cancellation_type::terminal)
{
    outcome out;
    asio::cancellation_signal signal;
    const auto start = std::chrono::steady_clock::now();
    cl.async_call(std::move(call), asio::bind_cancellation_slot(signal.slot(), [&](error_code ec, rpc_response) {
                      out.ec = ec;
                      ++out.completions;
                      out.took = std::chrono::steady_clock::now() - start;
                  }));
    asio::steady_timer timer(ioc, after);
    timer.async_wait([&](error_code) { signal.emit(type); });
    // Runs until the call is done; the silent server's pending accept is what
    // remains, so stop once the handler ran.
    while (out.completions == 0 && ioc.run_one_for(10s) != 0) {
    }
    return out;
}

rpc_call regions_call()
{
    return {.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
}

client_options base_options(std::string endpoint)
{
    client_options o;
    o.endpoint = std::move(endpoint);
    o.creds = {"testid", "testsecret", ""};
    return o;
}

void check_aborted_promptly(const outcome& o)
{
    CHECK(o.completions == 1);
    CHECK(o.ec == asio::error::operation_aborted);
    CHECK(o.ec == errc::cancelled);
    CHECK(o.took < 5s); // generous: under AddressSanitizer signing 16 MiB alone takes about 2 s
}

} // namespace

TEST_CASE("cancellation while the host name is being resolved", "[cancel][phases]")
{
    // A resolver that answers only when told: the call must not wait for it
    // (getaddrinfo cannot be interrupted either).
    asio::io_context ioc;
    std::vector<client_options::resolve_done> unanswered;
    std::vector<std::string> asked;
    auto opts = base_options("http://slow-dns.example:8080");
    opts.resolve = [&](const std::string& host, client_options::resolve_done done) {
        asked.push_back(host);
        unanswered.push_back(std::move(done));
    };
    rpc_client cl(ioc, opts);
    const auto type = GENERATE(asio::cancellation_type::terminal, asio::cancellation_type::total);
    const auto o = cancel_after(ioc, cl, regions_call(), 200ms, type);
    check_aborted_promptly(o);
    REQUIRE(asked.size() == 1);
    CHECK(asked.front() == "slow-dns.example");
    CHECK(cl.open_connections() == 0);
    // The answer arriving afterwards is dropped: no second completion, no connection.
    unanswered.front()(error_code{}, {"127.0.0.1"});
    ioc.restart();
    ioc.poll();
    CHECK(o.completions == 1);
    CHECK(cl.open_connections() == 0);
}

TEST_CASE("a resolution slower than the deadline is a timeout", "[cancel][timeout]")
{
    asio::io_context ioc;
    std::vector<client_options::resolve_done> unanswered;
    auto opts = base_options("http://slow-dns.example:8080");
    opts.resolve = [&](const std::string&, client_options::resolve_done done) { unanswered.push_back(std::move(done)); };
    opts.timeouts.attempt = 200ms;
    opts.retry.max_attempts = 1;
    rpc_client cl(ioc, opts);
    const auto o = cancel_after(ioc, cl, regions_call(), 5s); // the cancellation comes too late to matter
    CHECK(o.completions == 1);
    CHECK(o.ec == errc::timeout);
    CHECK(o.took < 2s);
}

TEST_CASE("cancellation while connecting", "[cancel][phases]")
{
    asio::io_context ioc;
    test::full_listener full(ioc);
    auto opts = base_options("http://127.0.0.1:" + std::to_string(full.acceptor.local_endpoint().port()));
    opts.timeouts.connect = 30s;
    rpc_client cl(ioc, opts);
    const auto o = cancel_after(ioc, cl, regions_call(), 200ms);
    check_aborted_promptly(o);
    CHECK(cl.open_connections() == 0);
}

TEST_CASE("cancellation during the TLS handshake", "[cancel][phases]")
{
    asio::io_context ioc;
    test::stalling_server server(ioc); // accepts, then never reads nor writes
    rpc_client cl(ioc, base_options(server.url(true)));
    // Nothing of the request was sent yet: even total cancellation applies.
    const auto o = cancel_after(ioc, cl, regions_call(), 200ms, asio::cancellation_type::total);
    check_aborted_promptly(o);
    CHECK(server.held.size() == 1); // it got as far as the handshake
    CHECK(cl.open_connections() == 0);
}

TEST_CASE("cancellation while the request is being written", "[cancel][phases]")
{
    asio::io_context ioc;
    test::stalling_server server(ioc); // accepts, then never reads nor writes
    rpc_client cl(ioc, base_options(server.url(false)));
    rpc_call big = regions_call();
    big.params.set("Padding", std::string(16 * 1024 * 1024, 'x')); // more than the socket buffers hold
    // Terminal: once some bytes are written, total cancellation (which promises
    // no side effects) is no longer possible, and Asio's write refuses it.
    const auto o = cancel_after(ioc, cl, std::move(big), 300ms);
    check_aborted_promptly(o);
    CHECK(cl.open_connections() == 0);
}

TEST_CASE("cancellation while the answer is awaited closes the connection", "[cancel][phases]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":5000})"));
    asio::io_context ioc;
    rpc_client cl(ioc, base_options("http://127.0.0.1:" + std::to_string(emu.http.port())));

    SECTION("terminal cancellation aborts")
    {
        const auto o = cancel_after(ioc, cl, regions_call(), 300ms);
        check_aborted_promptly(o);
        CHECK(cl.open_connections() == 0);
        // The emulator saw the client leave instead of answering 5 s later.
        CHECK(test::last_outcome(emu) == "client_closed");
    }
    SECTION("total cancellation is refused once the request was written")
    {
        ctl.raw(boost::beast::http::verb::delete_, "/_emulator/faults");
        ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":600})"));
        const auto o = cancel_after(ioc, cl, regions_call(), 200ms, asio::cancellation_type::total);
        CHECK(o.completions == 1);
        CHECK_FALSE(o.ec); // it ran to completion
    }
}

TEST_CASE("cancellation during the backoff before a retry", "[cancel][phases]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","kind":"throttling"})"));
    asio::io_context ioc;
    auto opts = base_options("http://127.0.0.1:" + std::to_string(emu.http.port()));
    opts.retry = {.max_attempts = 3, .initial_backoff = 10s, .max_backoff = 10s, .jitter = false};
    rpc_client cl(ioc, opts);
    const auto o = cancel_after(ioc, cl, regions_call(), 500ms);
    check_aborted_promptly(o);
    CHECK(ctl.requests().size() == 1); // the first attempt, then the wait that was cancelled
    CHECK(cl.open_connections() == 1); // the first answer was whole: its connection is kept
}

TEST_CASE("cancellation while waiting for a pooled connection", "[cancel][phases]")
{
    running_emulator emu;
    client ctl(emu.http);
    ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":800,"times":1})"));
    asio::io_context ioc;
    auto opts = base_options("http://127.0.0.1:" + std::to_string(emu.http.port()));
    opts.pool.max_connections_per_host = 1;
    rpc_client cl(ioc, opts);

    int first_done = 0;
    cl.async_call(regions_call(), [&](error_code ec, rpc_response) {
        CHECK_FALSE(ec);
        ++first_done;
    });
    const auto o = cancel_after(ioc, cl, regions_call(), 200ms); // queued behind the first
    check_aborted_promptly(o);
    CHECK(o.took < 700ms); // it did not wait for the first call to finish
    while (first_done == 0 && ioc.run_one_for(10s) != 0) {
    }
    CHECK(first_done == 1);
    CHECK(ctl.requests().size() == 1); // the cancelled one never reached the service

    // And a waiter that is not cancelled gets the connection once it is free.
    int later = 0;
    ctl.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":300,"times":1})"));
    cl.async_call(regions_call(), [&](error_code ec, rpc_response) { later += ec ? 100 : 1; });
    cl.async_call(regions_call(), [&](error_code ec, rpc_response) { later += ec ? 100 : 1; });
    ioc.restart();
    ioc.run_for(10s);
    CHECK(later == 2);
    CHECK(cl.open_connections() == 1);
}
