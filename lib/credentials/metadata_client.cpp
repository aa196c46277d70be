#include "metadata_client.hpp"

#include "rpc/resolution.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>


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

    // Resolving and connecting share one deadline.
    const auto deadline = std::chrono::steady_clock::now() + connect_timeout;
    const auto found = co_await resolve(ep.host, ep.port, deadline, {});
    if (!found.done || found.ec) {
        out.failure = "resolving " + ep.host + (!found.done ? " timed out" : " failed: " + found.ec.message());
        co_return out;
    }

    beast::tcp_stream stream(ex);
    stream.expires_at(deadline);
    auto [cec, peer] = co_await stream.async_connect(found.endpoints, nothrow);
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
