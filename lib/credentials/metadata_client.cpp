#include "metadata_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <memory>

namespace alicloud::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

asio::awaitable<metadata_reply> metadata_exchange(endpoint ep, metadata_request req,
                                                  std::chrono::milliseconds connect_timeout,
                                                  std::chrono::milliseconds read_timeout)
{
    constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
    metadata_reply out;
    const std::string where = ep.host + ":" + std::to_string(ep.port);
    const auto ex = co_await asio::this_coro::executor;

    // The resolver has no deadline of its own: a timer cancels it (and keeps
    // it alive, should the timer fire as the answer arrives).
    const auto resolver = std::make_shared<tcp::resolver>(ex);
    asio::steady_timer resolve_guard(ex, connect_timeout);
    resolve_guard.async_wait([resolver](boost::system::error_code ec) {
        if (!ec)
            resolver->cancel();
    });
    const std::string port = std::to_string(ep.port);
    auto [rec, addresses] = co_await resolver->async_resolve(ep.host, port, nothrow);
    resolve_guard.cancel();
    if (rec) {
        out.failure = "resolving " + ep.host + (rec == asio::error::operation_aborted ? " timed out" : " failed: " + rec.message());
        co_return out;
    }

    beast::tcp_stream stream(ex);
    stream.expires_after(connect_timeout);
    auto [cec, peer] = co_await stream.async_connect(addresses, nothrow);
    (void)peer;
    if (cec) {
        out.failure = "connecting to " + where + (cec == beast::error::timeout ? " timed out" : " failed: " + cec.message());
        co_return out;
    }
    out.connected = true;

    http::request<http::empty_body> request{req.verb, req.target, 11};
    request.set(http::field::host, ep.authority);
    for (const auto& [name, value] : req.headers)
        request.set(name, value);
    stream.expires_after(read_timeout);
    auto [wec, written] = co_await http::async_write(stream, request, nothrow);
    (void)written;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    boost::system::error_code ec = wec;
    if (!ec) {
        auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, nothrow);
        (void)read;
        ec = read_ec;
    }
    if (ec) {
        out.failure = req.target + " on " + where + (ec == beast::error::timeout ? ": no answer in time" : ": " + ec.message());
        co_return out;
    }
    out.status = parser.get().result_int();
    out.body = std::move(parser.get().body());
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return out;
}

} // namespace alicloud::detail
