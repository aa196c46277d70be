#ifndef ALICLOUD_TEST_INTEGRATION_HOSTILE_SERVER_HPP
#define ALICLOUD_TEST_INTEGRATION_HOSTILE_SERVER_HPP

// A plain-HTTP server that misbehaves on purpose, on the test's io_context:
// it reads each request's head, then plays a script against the connection -
// silence, a trickle, a head or chunk framing that never ends, a body cut
// short... It counts what it sent and whether the client hung up, so that a
// test can bound what the client was made to buffer: everything the client
// took before hanging up, less what sat in the sockets' buffers, is all it
// can have held.

#include <alicloud/core/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace alicloud::test {

class hostile_server {
public:
    using socket = boost::asio::ip::tcp::socket;
    // What the server does once it has read a request's head.
    using script = std::function<boost::asio::awaitable<void>(hostile_server&, socket&)>;

    hostile_server(boost::asio::io_context& ioc, script s)
        : acceptor_(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}), script_(std::move(s))
    {
        boost::asio::co_spawn(ioc, accept_loop(), boost::asio::detached);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }

    // Writes `data`; false once the client has hung up (which is then recorded).
    boost::asio::awaitable<bool> send(socket& s, std::string_view data)
    {
        auto [ec, n] = co_await boost::asio::async_write(s, boost::asio::buffer(data.data(), data.size()),
                                                         boost::asio::as_tuple(boost::asio::use_awaitable));
        bytes_sent += n;
        if (ec)
            client_hung_up = true;
        co_return !ec;
    }

    // Writes `unit` again and again until the client hangs up, or `cap` bytes
    // went out (a client without a bound would take them all).
    boost::asio::awaitable<void> send_forever(socket& s, std::string_view unit, std::size_t cap = 512u << 20)
    {
        std::string block;
        while (block.size() < 64 * 1024)
            block.append(unit);
        while (bytes_sent < cap)
            if (!co_await send(s, block))
                co_return;
    }

    // Waits `d` on the connection's executor.
    static boost::asio::awaitable<void> pause(socket& s, std::chrono::milliseconds d)
    {
        boost::asio::steady_timer t(s.get_executor(), d);
        co_await t.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    }

    // Holds the connection open, unanswered, until the client goes.
    static boost::asio::awaitable<void> hold(socket& s)
    {
        char byte;
        co_await s.async_read_some(boost::asio::buffer(&byte, 1), boost::asio::as_tuple(boost::asio::use_awaitable));
    }

    std::size_t requests = 0;
    std::size_t bytes_sent = 0;
    bool client_hung_up = false;

private:
    boost::asio::awaitable<void> accept_loop()
    {
        for (;;) {
            auto [ec, s] = co_await acceptor_.async_accept(boost::asio::as_tuple(boost::asio::use_awaitable));
            if (ec)
                co_return;
            boost::asio::co_spawn(acceptor_.get_executor(), serve(std::move(s)), boost::asio::detached);
        }
    }

    boost::asio::awaitable<void> serve(socket s)
    {
        boost::asio::streambuf request;
        auto [ec, n] = co_await boost::asio::async_read_until(s, request, "\r\n\r\n",
                                                              boost::asio::as_tuple(boost::asio::use_awaitable));
        if (ec)
            co_return;
        ++requests;
        co_await script_(*this, s);
        co_await hold(s); // the script is done: keep it open until the client goes
    }

    boost::asio::ip::tcp::acceptor acceptor_;
    script script_;
};

} // namespace alicloud::test

#endif
