#ifndef ALICLOUD_TEST_INTEGRATION_STALLING_PEERS_HPP
#define ALICLOUD_TEST_INTEGRATION_STALLING_PEERS_HPP

// Peers that hold a call in one phase, on the test's own io_context: a server
// that accepts and then stalls, and a listener whose connects never complete.

#include <alicloud/core/error.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <list>
#include <memory>
#include <string>

namespace alicloud::test {

// Accepts connections, and then never answers (a TLS peer that stalls the
// handshake) - or, with `partial_answer`, reads the request and sends the
// head and the first bytes of a longer body, then stalls.
struct stalling_server {
    explicit stalling_server(boost::asio::io_context& ioc, std::string partial = {})
        : acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}), partial_answer(std::move(partial))
    {
        accept();
    }
    void accept()
    {
        acceptor.async_accept([this](error_code ec, boost::asio::ip::tcp::socket s) {
            if (ec)
                return;
            held.push_back(std::move(s));
            if (!partial_answer.empty())
                answer_in_part(held.back());
            accept();
        });
    }
    void answer_in_part(boost::asio::ip::tcp::socket& s)
    {
        auto request = std::make_shared<boost::asio::streambuf>();
        boost::asio::async_read_until(s, *request, "\r\n\r\n", [this, &s, request](error_code ec, std::size_t) {
            if (ec)
                return;
            boost::asio::async_write(s, boost::asio::buffer(partial_answer), [this](error_code wec, std::size_t) {
                if (!wec)
                    ++partial_answers_sent;
            });
        });
    }
    std::string url(bool tls) const
    {
        return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
    }
    boost::asio::ip::tcp::acceptor acceptor;
    std::string partial_answer;
    std::list<boost::asio::ip::tcp::socket> held;
    int partial_answers_sent = 0;
};

// A listener whose accept queue is full: further SYNs go unanswered, so a
// connect stays pending (on loopback: no traffic leaves the machine).
struct full_listener {
    explicit full_listener(boost::asio::io_context& ioc) : acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0})
    {
        acceptor.listen(0);
        for (int i = 0; i < 4; ++i) {
            fillers.emplace_back(ioc);
            fillers.back().async_connect(acceptor.local_endpoint(), [](error_code) {});
        }
    }
    boost::asio::ip::tcp::acceptor acceptor;
    std::list<boost::asio::ip::tcp::socket> fillers;
};

} // namespace alicloud::test

#endif
