// One connection: (TLS handshake), then requests read under a header timeout and
// size limits, answered as the emulator's plan says (latency, faults), kept
// alive while the client wants. Malformed HTTP gets a 4xx and the connection
// closed; nothing a client sends can make it crash or grow without bound.

#include "session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <sys/socket.h>

namespace alicloud::emulator::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using tcp = asio::ip::tcp;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// Removes the connection from the registry however the coroutine ends.
struct registration {
    std::shared_ptr<state> s;
    std::uint64_t id;
    ~registration()
    {
        s->connections.erase(id);
        if (!s->stopped) // (stopped: the io_context may be going away with its timers)
            s->changed();
    }
};

void reset_connection(tcp::socket& socket)
{
    boost::system::error_code ignored;
    socket.set_option(asio::socket_base::linger(true, 0), ignored); // close() now sends RST
    socket.close(ignored);
}

// True when the peer has closed (EOF or reset) without sending anything more.
bool peer_closed(tcp::socket& socket)
{
    char byte;
    const auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

// Waits out a fault's latency, unless the client goes away first.
awaitable<bool> wait_latency(tcp::socket& socket, std::chrono::milliseconds latency)
{
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(socket.get_executor(), latency);
    auto result = co_await (timer.async_wait(nothrow) || socket.async_wait(tcp::socket::wait_read, nothrow));
    if (result.index() == 0)
        co_return true;
    if (peer_closed(socket))
        co_return false;
    // Pipelined bytes (or TLS records) arrived: the client is still there.
    co_await timer.async_wait(nothrow);
    co_return true;
}

// Holds a /_emulator/wait until its condition holds (true) or its deadline
// passes (false), checking again each time the state changes (state::changed).
awaitable<bool> wait_until(state& s, const wait_condition& w)
{
    auto timer = std::make_shared<asio::steady_timer>(s.executor, w.deadline);
    while (!w.reached()) {
        if (s.stopped || std::chrono::steady_clock::now() >= w.deadline)
            co_return false;
        s.waiters.push_back(timer);
        co_await timer->async_wait(nothrow);
    }
    co_return true;
}

http_response plain_error(unsigned version, http::status status, std::string_view text)
{
    http_response res{status, version};
    res.set(http::field::server, "alicloud-ecs-emulator");
    res.set(http::field::content_type, "text/plain");
    res.keep_alive(false);
    res.body() = std::string(text) + "\n";
    res.prepare_payload();
    return res;
}

template <class Stream>
tcp::socket& socket_of(Stream& stream)
{
    return beast::get_lowest_layer(stream).socket();
}

template <class Stream>
awaitable<void> close_gracefully(Stream& stream)
{
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
        co_await stream.async_shutdown(nothrow);
    }
    boost::system::error_code ignored;
    socket_of(stream).shutdown(tcp::socket::shutdown_send, ignored);
    socket_of(stream).close(ignored);
}

// Answers one request as planned; false when the connection is finished.
template <class Stream>
awaitable<bool> answer(state& s, Stream& stream, response_plan& plan)
{
    auto& socket = socket_of(stream);
    if (plan.latency.count() > 0) {
        // (Not folded into one condition: GCC 12 mishandles co_await inside &&.)
        const bool still_there = co_await wait_latency(socket, plan.latency);
        if (!still_there) {
            s.finished(plan, "client_closed");
            reset_connection(socket);
            co_return false;
        }
    }

    switch (plan.fault) {
    case fault_kind::reset_before_headers:
        s.finished(plan, "reset");
        reset_connection(socket);
        co_return false;
    case fault_kind::reset_after_headers: {
        http::response_serializer<http::string_body> sr(plan.response);
        co_await http::async_write_header(stream, sr, nothrow);
        s.finished(plan, "reset");
        reset_connection(socket);
        co_return false;
    }
    case fault_kind::truncate_body: {
        // The header promises the whole body (Content-Length); half of it follows.
        http::response_serializer<http::string_body> sr(plan.response);
        auto [ec, n] = co_await http::async_write_header(stream, sr, nothrow);
        const auto& body = plan.response.body();
        if (!ec)
            co_await asio::async_write(stream, asio::buffer(body.data(), body.size() / 2), nothrow);
        s.finished(plan, "truncated");
        co_await close_gracefully(stream);
        co_return false;
    }
    default: {
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await http::async_write(stream, plan.response, nothrow);
        s.finished(plan, ec ? "write_failed" : "answered");
        if (ec)
            co_return false;
        if (!plan.response.keep_alive()) {
            co_await close_gracefully(stream);
            co_return false;
        }
        co_return true;
    }
    }
}

template <class Stream>
awaitable<void> serve(std::shared_ptr<state> s, Stream stream, std::uint64_t id)
{
    registration guard{s, id};
    s->connections[id] = &socket_of(stream);

    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        beast::get_lowest_layer(stream).expires_after(s->opts.header_timeout);
        auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, nothrow);
        if (ec)
            co_return;
    }

    beast::flat_buffer buffer(s->opts.header_limit + 4096);
    for (bool first = true;; first = false) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(s->opts.header_limit));
        parser.body_limit(s->opts.body_limit);

        beast::get_lowest_layer(stream).expires_after(first ? s->opts.header_timeout : s->opts.idle_timeout);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow);
        if (s->stopped)
            co_return;
        if (ec) {
            // A client that went away or stayed silent gets nothing; one that sent
            // something that is not HTTP, or too much of it, is told so.
            http::status status = http::status::bad_request;
            if (ec == http::error::header_limit)
                status = http::status::request_header_fields_too_large;
            else if (ec == http::error::body_limit)
                status = http::status::payload_too_large;
            else if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
                     ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
                     ec == asio::ssl::error::stream_truncated || buffer.size() == 0)
                co_return;
            auto res = plain_error(11, status, ec.message());
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
            co_await http::async_write(stream, res, nothrow);
            co_await close_gracefully(stream);
            co_return;
        }
        beast::get_lowest_layer(stream).expires_never();

        response_plan plan = s->handle(parser.get(), id);
        if (plan.wait) {
            const bool reached = co_await wait_until(*s, *plan.wait); // (named: GCC 12 and && around co_await)
            if (!reached)
                plan.response = wait_timed_out(parser.get());
        }
        if (!co_await answer(*s, stream, plan))
            co_return;
    }
}

} // namespace

void start_session(std::shared_ptr<state> s, tcp::socket socket, bool tls)
{
    const std::uint64_t id = s->next_connection_id++;
    auto ex = socket.get_executor();
    if (tls)
        asio::co_spawn(ex, serve(s, beast::ssl_stream<beast::tcp_stream>(std::move(socket), s->tls), id),
                       asio::detached);
    else
        asio::co_spawn(ex, serve(s, beast::tcp_stream(std::move(socket)), id), asio::detached);
}

} // namespace alicloud::emulator::detail
