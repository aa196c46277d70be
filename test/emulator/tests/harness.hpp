#ifndef ALICLOUD_EMULATOR_TESTS_HARNESS_HPP
#define ALICLOUD_EMULATOR_TESTS_HARNESS_HPP

// An emulator on its own thread, and a blocking client that signs requests
// with alicloud::core, for the emulator's tests.

#include "emulator.hpp"

#include <alicloud/core.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <thread>

namespace alicloud::emulator::test {

// Short lifecycle timings, short server timeouts.
options fast_options();

class running_emulator {
public:
    explicit running_emulator(options opts = fast_options());
    ~running_emulator();

    boost::asio::ip::tcp::endpoint http;  // plain HTTP listener
    boost::asio::ip::tcp::endpoint https; // TLS listener
    const std::string& ca_pem() const { return emu_.ca_certificate_pem(); }

private:
    boost::asio::io_context ioc_{1};
    emulator emu_;
    std::thread thread_;
};

struct response {
    unsigned status = 0;
    boost::beast::http::fields headers;
    std::string body;
    boost::json::value json; // null when the body is not JSON

    std::string code() const;  // the error Code, or ""
    std::string message() const;
};

struct call_options {
    signature_version signature = signature_version::v3;
    http_method method = http_method::post;
    std::optional<parameter_location> params_in;
    credentials creds{"testid", "testsecret", ""};
    std::optional<sansio::request_stamp> stamp; // default: now, a random nonce
    std::string format = "JSON";
    std::vector<http_header> headers;
    std::string version = "2014-05-26"; // "2015-04-01": STS
};

// One keep-alive connection to the emulator's plain HTTP listener.
class client {
public:
    explicit client(const boost::asio::ip::tcp::endpoint& at);

    // Signs and sends an RPC call.
    response call(std::string_view action, const parameters& params = {}, const call_options& opts = {});
    // Signs, without sending (to tamper with, or to send twice).
    signed_request sign(std::string_view action, const parameters& params = {}, const call_options& opts = {});
    // Sends a signed request as it is.
    response send(const signed_request& req);
    // Anything at all.
    response raw(boost::beast::http::verb method, std::string_view target, std::string body = {},
                 const std::vector<http_header>& headers = {});

    // The control API.
    std::uint64_t add_fault(const boost::json::value& rule);
    boost::json::array requests();
    void clear_requests();
    void reset();
    // Moves the emulator's clock (its credentials' and tokens' lifetimes) forward.
    void advance_clock(std::chrono::milliseconds by);
    // Holds until the emulator reaches `condition` (wait_conditions.hpp): true,
    // or false when `limit` passed first.
    bool wait(boost::json::object condition, std::chrono::milliseconds limit = std::chrono::seconds(10));

    // Waits until every id has `status`, and DescribeInstanceStatus says so; false after `limit`.
    bool wait_for_status(const std::string& region, const std::vector<std::string>& ids, std::string_view status,
                         std::chrono::milliseconds limit = std::chrono::seconds(10));

private:
    response exchange(boost::beast::http::request<boost::beast::http::string_body>& req);

    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::endpoint at_;
    std::optional<boost::beast::tcp_stream> stream_;
};

} // namespace alicloud::emulator::test

#endif
