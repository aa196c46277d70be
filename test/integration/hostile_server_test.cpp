// The client against servers that misbehave on purpose (hostile_server.hpp).
// Each case: a clear error (or, for what HTTP allows, the answer) within the
// call's timeout, bounded buffering (the client hung up long before the
// server ran out of bytes to send), and no connection left open.

#include "client_support.hpp"
#include "hostile_server.hpp"

#include <alicloud/rpc_client.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using test::hostile_server;
using socket_type = hostile_server::socket;

// g++ says __SANITIZE_ADDRESS__; clang 16 says it through __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALICLOUD_CLANG_ASAN 1
#endif
#endif
#ifndef ALICLOUD_CLANG_ASAN
#define ALICLOUD_CLANG_ASAN 0
#endif

namespace {

constexpr const char* chunked_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

struct outcome {
    int completions = 0;
    error_code ec;
    rpc_response response;
    std::chrono::steady_clock::duration took{};
};

// One call (one attempt, `attempt_timeout`) against the server; runs the
// io_context until it completes, at most 30 s.
outcome call(asio::io_context& ioc, hostile_server& server, std::size_t& open_after,
             std::chrono::milliseconds attempt_timeout = 2000ms, std::size_t max_response_bytes = 1u << 20)
{
    client_options o;
    o.endpoint = server.url();
    o.creds = {"testid", "testsecret", ""};
    o.retry.max_attempts = 1;
    o.timeouts.attempt = attempt_timeout;
    o.max_response_bytes = max_response_bytes;
    rpc_client cl(ioc, o);
    outcome out;
    const auto start = std::chrono::steady_clock::now();
    rpc_call c{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
    cl.async_call(std::move(c), [&](error_code ec, rpc_response r) {
        out.ec = ec;
        out.response = std::move(r);
        out.took = std::chrono::steady_clock::now() - start;
        ++out.completions;
    });
    REQUIRE(test::run_until(ioc, [&] { return out.completions > 0; }, 30s));
    open_after = cl.open_connections();
    return out;
}

// The client took what a bound allows and hung up: far less than the server
// would have sent (512 MiB), a few MiB at most with the sockets' buffers.
void check_bounded(asio::io_context& ioc, const hostile_server& server)
{
    // The server learns of the hang-up at its next write.
    CHECK(test::run_until(ioc, [&] { return server.client_hung_up; }, 10s));
    CHECK(server.bytes_sent < (24u << 20));
}

void check_malformed(const outcome& o, std::string_view says)
{
    CHECK(o.completions == 1);
    CHECK(o.ec == client_errc::malformed_response);
    CHECK_THAT(o.response.diag.client_message, Catch::Contains(std::string(says)));
}

} // namespace

TEST_CASE("hostile server: silence ends at the attempt's timeout", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server&, socket_type&) -> asio::awaitable<void> { co_return; });
    std::size_t open = 1;
    const auto o = call(ioc, server, open, 300ms);
    CHECK(o.ec == errc::timeout);
    CHECK(o.took < 2s);
    CHECK(open == 0);
}

TEST_CASE("hostile server: a trickle of bytes ends at the attempt's timeout, not at the last byte", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
        for (char byte : answer) {
            if (!co_await h.send(s, std::string_view(&byte, 1)))
                co_return;
            co_await hostile_server::pause(s, 50ms);
        }
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open, 500ms);
    CHECK(o.ec == errc::timeout);
    CHECK(o.took < 2s);
    CHECK(open == 0);
}

// Framing that never ends: what comes first, then what repeats forever.
struct endless_framing {
    const char* what;
    std::string start;
    std::string repeated;
    const char* says; // in the client's message
};

TEST_CASE("hostile server: a head, chunk extension, chunk size or trailer that never ends is cut off at its bound",
          "[hostile]")
{
    const auto framing = GENERATE(
        endless_framing{"head", "HTTP/1.1 200 OK\r\nX-Filler: ", "a", "head of the answer"},
        endless_framing{"chunk extension", std::string(chunked_head) + "1;ext=", "x", "chunk framing or trailer"},
        endless_framing{"chunk size padded with zeros", chunked_head, "0", "chunk framing or trailer"},
        endless_framing{"trailer", std::string(chunked_head) + "2\r\n{}\r\n0\r\nX-Trailer: ", "t",
                        "chunk framing or trailer"});
    INFO("an endless " << framing.what);
    asio::io_context ioc;
    hostile_server server(ioc, [&framing](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        if (co_await h.send(s, framing.start))
            co_await h.send_forever(s, framing.repeated);
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    check_malformed(o, framing.says);
    check_bounded(ioc, server);
    CHECK(open == 0);
}

TEST_CASE("hostile server: an endless chunked body stops at max_response_bytes", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        if (co_await h.send(s, chunked_head))
            co_await h.send_forever(s, "10\r\n0123456789abcdef\r\n");
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK(o.ec == client_errc::response_too_large);
    CHECK_THAT(o.response.diag.client_message, Catch::Contains("max_response_bytes"));
    check_bounded(ioc, server);
    CHECK(open == 0);
}

TEST_CASE("hostile server: a Content-Length beyond max_response_bytes is refused before the body", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        if (co_await h.send(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\n"))
            co_await h.send_forever(s, "[");
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK(o.ec == client_errc::response_too_large);
    check_bounded(ioc, server);
    CHECK(open == 0);
}

TEST_CASE("hostile server: a Content-Length larger than what follows is a cut-off answer", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        co_await h.send(s, "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"RequestId\":\"");
        s.close();
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    check_malformed(o, "cut off");
    CHECK(open == 0);
}

TEST_CASE("hostile server: bodies that are not the JSON promised are malformed answers", "[hostile]")
{
    const auto body = GENERATE(std::string("{\"RequestId\": \"x\", \"Regions\": "), // not JSON
                               std::string(100'000, '['),                              // nested past any depth
                               std::string("{\"RequestId\":\"\xff\xfe\"}"),            // invalid UTF-8
                               std::string("<html>Bad gateway</html>"));
    asio::io_context ioc;
    hostile_server server(ioc, [&body](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        co_await h.send(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body);
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK(o.completions == 1);
    CHECK(o.ec == client_errc::malformed_response);
    CHECK_FALSE(o.response.diag.client_message.empty());
    CHECK(o.response.diag.server.http_status == 200);
    CHECK(o.took < 2s);
}

TEST_CASE("hostile server: a redirect is not followed and says where it pointed", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        co_await h.send(s, "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.example/\r\nContent-Length: 0\r\n\r\n");
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK(o.completions == 1);
    CHECK(o.ec);
    CHECK(o.response.diag.server.http_status == 302);
    CHECK(server.requests == 1);
}

TEST_CASE("hostile server: duplicated, conflicting Content-Length headers are refused", "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        co_await h.send(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK(o.ec);
    CHECK(o.ec != errc::timeout);
    CHECK(open == 0);
}

TEST_CASE("hostile server: HTTP/1.0 with the body ending at close is an answer, and the connection is not kept",
          "[hostile]")
{
    asio::io_context ioc;
    hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        co_await h.send(s, "HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n"
                           "{\"RequestId\":\"r-1\",\"Regions\":{\"Region\":[]}}");
        s.close();
    });
    std::size_t open = 1;
    const auto o = call(ioc, server, open);
    CHECK_FALSE(o.ec);
    CHECK(o.response.request_id == "r-1");
    CHECK(open == 0);
}

TEST_CASE("hostile server: interim 1xx answers are skipped, and nothing but interim answers is malformed", "[hostile]")
{
    SECTION("100 Continue and 103 Early Hints, then the answer")
    {
        asio::io_context ioc;
        hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
            co_await h.send(s, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                               "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"RequestId\":\"r\"}");
        });
        std::size_t open = 0;
        const auto o = call(ioc, server, open);
        INFO(o.response.diag.to_string());
        CHECK_FALSE(o.ec);
        CHECK(o.response.http_status == 200);
        CHECK(o.response.request_id == "r");
        CHECK(open == 1); // a whole answer: the connection is kept
    }
    SECTION("nothing but 100 Continue")
    {
        asio::io_context ioc;
        hostile_server server(ioc, [](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
            co_await h.send_forever(s, "HTTP/1.1 100 Continue\r\n\r\n");
        });
        std::size_t open = 1;
        const auto o = call(ioc, server, open);
        check_malformed(o, "interim answers");
        check_bounded(ioc, server);
        CHECK(open == 0);
    }
}

TEST_CASE("hostile server: a valid 60 MiB answer is held about once", "[hostile][memory]")
{
    // ctest runs each case in a process of its own: the peak RSS before the
    // call is the process's start-up, and what the call adds is the answer.
    constexpr std::size_t data_bytes = 60u << 20;
    const std::string prefix = "{\"RequestId\":\"r-big\",\"Data\":\"";
    const std::string suffix = "\"}";
    asio::io_context ioc;
    hostile_server server(ioc, [&](hostile_server& h, socket_type& s) -> asio::awaitable<void> {
        const std::string block(64 * 1024, 'a');
        if (!co_await h.send(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                    std::to_string(prefix.size() + data_bytes + suffix.size()) + "\r\n\r\n" + prefix))
            co_return;
        for (std::size_t sent = 0; sent < data_bytes; sent += block.size())
            if (!co_await h.send(s, block))
                co_return;
        co_await h.send(s, suffix);
    });
    const long before_kib = test::peak_rss_kib();
    std::size_t open = 0;
    const auto o = call(ioc, server, open, 20000ms, 128u << 20);
    const long grew_mib = (test::peak_rss_kib() - before_kib) / 1024;
    INFO("peak RSS grew by " << grew_mib << " MiB for a 60 MiB answer");
    REQUIRE_FALSE(o.ec);
    CHECK(o.response.body.at("Data").as_string().size() == data_bytes);
    // The answer as received (60) and the decoded value holding the same text
    // (60), and nothing more: no copy of the text, no buffer grown to hold it.
#if defined(__SANITIZE_ADDRESS__) || ALICLOUD_CLANG_ASAN
    CHECK(grew_mib < 250); // AddressSanitizer's redzones and quarantine come on top
#else
    CHECK(grew_mib < 150);
#endif
}
