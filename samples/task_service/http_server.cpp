#include "http_server.hpp"

#include "http_api.hpp"
#include "request_reading.hpp"

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
    beast::flat_buffer buffer(read_buffer_limit);
    while (!stopping_) {
        request_parser parser;
        set_limits(parser);
        stream.expires_after(60s); // an idle client does not hold a connection for ever
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow);
        http_response res;
        if (ec) {
            std::optional<http_response> refusal = answer_read_error(ec, parser, buffer);
            if (!refusal)
                break; // closed, reset or silent
            res = std::move(*refusal);
        } else {
            self->busy = true;
            http_response handled = co_await handle_request(tasks_, parser.get());
            res = std::move(handled);
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
