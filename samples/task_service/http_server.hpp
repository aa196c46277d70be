#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_HTTP_SERVER_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_HTTP_SERVER_HPP

// The listener and its connections (HTTP/1.1, keep-alive), on the service's
// one thread. Stopping closes the listener and every idle connection; a
// connection busy with a request answers it first, with Connection: close.
// A request past the limits (8 KiB of header, 64 KiB of body, 12 KiB of
// buffered framing) or not HTTP is answered 4xx and its connection closed.
// A failed accept (descriptors short) pauses the listener, never ends it.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <list>

namespace task_service {

class task_scheduler;

class http_server {
public:
    http_server(boost::asio::any_io_executor ex, const boost::asio::ip::tcp::endpoint& listen, task_scheduler& tasks);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void start();
    void stop();

private:
    struct connection {
        boost::beast::tcp_stream* stream;
        bool busy = false;
    };
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);

    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer accept_pause_; // after a failed accept
    task_scheduler& tasks_;
    std::list<connection> connections_;
    bool stopping_ = false;
};

} // namespace task_service

#endif
