// The emulator as a server under hostile or heavy input: malformed HTTP,
// oversized headers and bodies, silent clients, garbage, and 1,000 concurrent
// connections. It answers or closes each, and keeps serving.

#include "harness.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

struct exchange_result {
    std::string response; // everything the server sent before closing
    boost::system::error_code end; // how the read ended (eof when the server closed)
};

// Writes raw bytes, then reads until the server closes (bounded by the socket timeout).
exchange_result raw_exchange(const tcp::endpoint& at, std::string_view bytes,
                             std::chrono::milliseconds limit = std::chrono::seconds(5))
{
    asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(at);
    stream.expires_after(limit);
    exchange_result out;
    asio::write(stream, asio::buffer(bytes), out.end);
    if (out.end == asio::error::connection_reset || out.end == asio::error::broken_pipe)
        out.end = {}; // the server may close before taking everything; what it answered is still to read
    std::string data;
    auto buffer = asio::dynamic_buffer(data);
    for (;;) {
        boost::system::error_code ec;
        const auto n = stream.read_some(buffer.prepare(4096), ec);
        buffer.commit(n);
        if (ec) {
            out.end = ec;
            break;
        }
    }
    out.response = data;
    return out;
}

bool closed_by_server(const exchange_result& r)
{
    return r.end == asio::error::eof || r.end == asio::error::connection_reset;
}

void still_serving(const running_emulator& emu)
{
    client c(emu.http);
    CHECK(c.call("DescribeRegions").status == 200);
}

} // namespace

TEST_CASE("malformed HTTP gets a 400 and the connection closed", "[emulator][robustness]")
{
    running_emulator emu;
    for (std::string_view junk : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nNo-Colon-Here\r\n\r\n",
                                  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
                                  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n"}) {
        INFO(junk);
        auto r = raw_exchange(emu.http, junk);
        CHECK(r.response.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        CHECK(closed_by_server(r));
    }
    still_serving(emu);
}

TEST_CASE("oversized headers and bodies are refused", "[emulator][robustness]")
{
    running_emulator emu;
    const std::string big_header = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
    auto header = raw_exchange(emu.http, big_header);
    CHECK(header.response.starts_with("HTTP/1.1 431 "));
    CHECK(closed_by_server(header));

    const std::string big_body = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n" + std::string(2 * 1024 * 1024, 'b');
    auto body = raw_exchange(emu.http, big_body);
    CHECK(body.response.starts_with("HTTP/1.1 413 "));
    CHECK(closed_by_server(body));
    still_serving(emu);
}

TEST_CASE("a client that sends no header in time is disconnected", "[emulator][robustness]")
{
    auto opts = fast_options();
    opts.header_timeout = std::chrono::milliseconds(200);
    running_emulator emu(opts);
    const auto start = std::chrono::steady_clock::now();
    auto silent = raw_exchange(emu.http, "", std::chrono::seconds(5));
    CHECK(closed_by_server(silent));
    CHECK(silent.response.empty());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));

    auto slow = raw_exchange(emu.http, "GET / HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(5)); // never ends its header
    CHECK(closed_by_server(slow));
    still_serving(emu);
}

TEST_CASE("random garbage never crashes the server nor leaves connections behind", "[emulator][robustness]")
{
    running_emulator emu;
    std::mt19937 rng(12345);
    for (int i = 0; i < 200; ++i) {
        std::string junk(static_cast<std::size_t>(rng() % 2048) + 1, '\0');
        for (auto& ch : junk)
            ch = static_cast<char>(rng() & 0xFF);
        if (i % 3 == 0) // garbage after a plausible request line reaches the header parser
            junk = "POST / HTTP/1.1\r\n" + junk;
        raw_exchange(emu.http, junk, std::chrono::seconds(5));
    }
    client c(emu.http);
    // Every garbage connection is closed; the only one left is this client's.
    CHECK(c.wait({{"connections", 1}}, std::chrono::seconds(5)));
    CHECK(c.raw(http::verb::get, "/_emulator/health").json.at("connections") == 1);
    still_serving(emu);
}

TEST_CASE("1,000 concurrent connections are each answered", "[emulator][robustness]")
{
    running_emulator emu;
    client signer(emu.http);
    constexpr int connections = 1000;

    asio::io_context ioc;
    int ok = 0, failed = 0;
    std::vector<std::unique_ptr<boost::beast::tcp_stream>> streams;
    // Open all of them first, so that all 1,000 are open at the same time.
    for (int i = 0; i < connections; ++i) {
        streams.push_back(std::make_unique<boost::beast::tcp_stream>(ioc));
        streams.back()->connect(emu.http);
    }
    for (int i = 0; i < connections; ++i) {
        const auto signed_req = signer.sign("DescribeRegions");
        auto req = std::make_shared<http::request<http::string_body>>(http::verb::post, signed_req.target, 11);
        for (const auto& h : signed_req.headers)
            req->set(h.name, h.value);
        req->prepare_payload();
        asio::co_spawn(
            ioc,
            [&, req, stream = streams[static_cast<std::size_t>(i)].get()]() -> asio::awaitable<void> {
                constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
                stream->expires_after(std::chrono::seconds(60));
                auto [wec, wn] = co_await http::async_write(*stream, *req, nothrow);
                boost::beast::flat_buffer buffer;
                http::response<http::string_body> res;
                auto [rec, rn] = co_await http::async_read(*stream, buffer, res, nothrow);
                (!wec && !rec && res.result_int() == 200 ? ok : failed)++;
            },
            asio::detached);
    }
    ioc.run();
    CHECK(ok == connections);
    CHECK(failed == 0);
    streams.clear();
    still_serving(emu);
}

TEST_CASE("the request log and the nonce cache stay bounded", "[emulator][robustness]")
{
    auto opts = fast_options();
    opts.request_log_limit = 50;
    running_emulator emu(opts);
    client c(emu.http);
    for (int i = 0; i < 200; ++i)
        c.call("DescribeRegions", {}, {.creds = {"nosuch", "x", ""}}); // refused: logged, no nonce kept
    auto log = c.requests();
    CHECK(log.size() == 50);
    CHECK(log.front().at("sequence") == 151); // the oldest were dropped
    CHECK(c.raw(http::verb::get, "/_emulator/health").json.at("nonces") == 0);
}
