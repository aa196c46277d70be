#ifndef ALICLOUD_LIB_CREDENTIALS_METADATA_CLIENT_HPP
#define ALICLOUD_LIB_CREDENTIALS_METADATA_CLIENT_HPP

// One plain-HTTP request to the instance metadata service (ecs-api.md §6.5),
// on a connection of its own: the service is link-local, asked once an hour
// at most, and must not share the API calls' pool or their TLS.

#include <alicloud/core/endpoint.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace alicloud::detail {

struct metadata_request {
    boost::beast::http::verb verb = boost::beast::http::verb::get;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
};

struct metadata_reply {
    bool connected = false; // the service was reached (else: no service there)
    std::string failure;    // why there is no answer; empty when there is one
    unsigned status = 0;
    std::string body;

    bool ok() const { return failure.empty() && status == 200; }
    // "HTTP 404", "connecting to 100.100.100.200:80 timed out"...: never the body.
    std::string describe() const { return failure.empty() ? "HTTP " + std::to_string(status) : failure; }
};

// Connecting (name resolution included) is bounded by `connect_timeout`, the
// exchange by `read_timeout`; answers beyond 64 KiB are refused. Await it on a
// strand or an executor of one thread (see rpc/resolution.hpp).
boost::asio::awaitable<metadata_reply> metadata_exchange(endpoint ep, metadata_request req,
                                                         std::chrono::milliseconds connect_timeout,
                                                         std::chrono::milliseconds read_timeout);

} // namespace alicloud::detail

#endif
