#include "http_server.hpp"

#include "http_api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iostream>

namespace task_service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t header_limit = 8 * 1024;
constexpr std::uint64_t body_limit = 64 * 1024;

// A client that went away or stayed silent gets no answer; one that sent
// something that is not HTTP, or too much of it, does (as the emulator does).
bool went_away(const boost::system::error_code& ec, const beast::flat_buffer& buffer)
{
    return ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
           ec == asio::error::operation_aborted || ec == asio::error::connection_reset || buffer.size() == 0;
}

} // namespace

http_server::http_server(asio::any_io_executor ex, const tcp::endpoint& listen, task_scheduler& tasks)
    : acceptor_(ex, listen), accept_pause_(ex), tasks_(tasks)
{
}

void http_server::start()
{
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
}

void http_server::stop()
{
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    accept_pause_.cancel();
    for (auto& c : connections_)
        if (!c.busy)
            c.stream->socket().close(ignored); // its pending read ends; the session closes
}

asio::awaitable<void> http_server::accept_loop()
{
    constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
    // Accepting fails while descriptors are short (EMFILE, ENFILE) or when a
    // client gave up in the backlog (ECONNABORTED): none of it is for good.
    // Pause (10 ms doubling to 1 s) while connections end and give theirs back.
    auto pause = 10ms;
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(nothrow);
        if (stopping_)
            co_return; // closed by stop()
        if (!ec) {
            pause = 10ms;
            asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket)), asio::detached);
            continue;
        }
        if (pause == 10ms)
            std::cerr << "accepting a connection failed: " << ec.message() << "; trying again after a pause\n";
        accept_pause_.expires_after(pause);
        co_await accept_pause_.async_wait(nothrow);
        pause = std::min(pause * 2, std::chrono::milliseconds(1s));
    }
}

asio::awaitable<void> http_server::serve(tcp::socket socket)
{
    beast::tcp_stream stream(std::move(socket));
    const auto self = connections_.insert(connections_.end(), connection{&stream});
    constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
    // Every byte a client sends counts against a bound: the header and the body
    // have the parser's limits, and what lies between - chunk sizes and their
    // extensions, trailers - must fit in the buffer with what is unparsed.
    beast::flat_buffer buffer(header_limit + 4096);
    while (!stopping_) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(header_limit);
        parser.body_limit(body_limit);
        stream.expires_after(60s); // an idle client does not hold a connection for ever
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow);
        http_response res;
        if (ec == http::error::body_limit) {
            res = error_response(parser.get(), http::status::payload_too_large, "BodyTooLarge",
                                 "a request body is at most 65536 bytes");
        } else if (ec == http::error::header_limit) {
            res = error_response(parser.get(), http::status::request_header_fields_too_large, "HeaderTooLarge",
                                 "a request header is at most 8192 bytes");
        } else if (ec && !went_away(ec, buffer)) {
            res = error_response(parser.get(), http::status::bad_request, "MalformedRequest",
                                 "the request is not valid HTTP/1.1: " + ec.message());
        } else if (ec) {
            break; // closed, reset or silent
        } else {
            self->busy = true;
            res = handle_request(tasks_, parser.get());
        }
        if (ec || stopping_)
            res.keep_alive(false); // after an error, the rest of the request is still on its way
        stream.expires_after(30s);
        auto [wec, written] = co_await http::async_write(stream, res, nothrow);
        self->busy = false;
        if (wec || !res.keep_alive())
            break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
    connections_.erase(self);
}

} // namespace task_service
