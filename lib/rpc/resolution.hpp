#ifndef ALICLOUD_LIB_RPC_RESOLUTION_HPP
#define ALICLOUD_LIB_RPC_RESOLUTION_HPP

// A host name to addresses.
//
// getaddrinfo cannot be interrupted and Asio's resolver ignores per-operation
// cancellation: cancel() only takes effect once the lookup returns. So the
// caller does not wait on the lookup itself: the answer is posted to the
// caller's executor whenever it comes, and a caller that has moved on (its
// deadline passed, it was cancelled) drops it. A literal address is no lookup
// at all.

#include <alicloud/client_options.hpp>
#include <alicloud/core/error.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace alicloud::detail {

using resolved_handler = std::function<void(error_code, std::vector<boost::asio::ip::tcp::endpoint>)>;

// The endpoint of a host that is an IP address, or nullopt for a name.
std::optional<boost::asio::ip::tcp::endpoint> literal_endpoint(const std::string& host, std::uint16_t port);

// Resolves `host` with `hook` (client_options::resolve) when it is set, else
// the system's resolver; `done` runs once, on `ex`.
void start_resolve(const std::string& host, std::uint16_t port, const decltype(client_options::resolve)& hook,
                   const boost::asio::any_io_executor& ex, resolved_handler done);

// For coroutines (the instance metadata client): waits for the answer until
// `deadline` or a cancellation, on a strand or an executor of one thread.
struct resolution {
    bool done = false;    // false: the deadline passed or the caller cancelled first
    bool literal = false; // the host was an address, not a name
    error_code ec;
    std::vector<boost::asio::ip::tcp::endpoint> endpoints;
};
boost::asio::awaitable<resolution> resolve(const std::string& host, std::uint16_t port,
                                           std::chrono::steady_clock::time_point deadline,
                                           const decltype(client_options::resolve)& hook);

} // namespace alicloud::detail

#endif
