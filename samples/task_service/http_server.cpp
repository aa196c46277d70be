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

namespace task_service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

http_server::http_server(asio::any_io_executor ex, const tcp::endpoint& listen, task_scheduler& tasks)
    : acceptor_(ex, listen), tasks_(tasks)
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
    for (auto& c : connections_)
        if (!c.busy)
            c.stream->socket().close(ignored); // its pending read ends; the session closes
}

asio::awaitable<void> http_server::accept_loop()
{
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec || stopping_)
            co_return; // closed by stop()
        asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> http_server::serve(tcp::socket socket)
{
    beast::tcp_stream stream(std::move(socket));
    const auto self = connections_.insert(connections_.end(), connection{&stream});
    constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
    beast::flat_buffer buffer;
    while (!stopping_) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        stream.expires_after(60s); // an idle client does not hold a connection for ever
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow);
        http_response res;
        if (ec == http::error::body_limit) {
            res = error_response(parser.get(), http::status::payload_too_large, "BodyTooLarge",
                                 "a request body is at most 65536 bytes");
            res.keep_alive(false); // the rest of the body is still on its way
        } else if (ec) {
            break; // closed, reset, or not HTTP
        } else {
            self->busy = true;
            res = handle_request(tasks_, parser.get());
        }
        if (stopping_)
            res.keep_alive(false);
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
