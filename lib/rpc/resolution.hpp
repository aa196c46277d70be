#ifndef ALICLOUD_LIB_RPC_RESOLUTION_HPP
#define ALICLOUD_LIB_RPC_RESOLUTION_HPP

// A host name to addresses, within a deadline and a caller's cancellation.
//
// getaddrinfo cannot be interrupted and Asio's resolver ignores per-operation
// cancellation: cancel() only takes effect once the lookup returns. So the
// caller waits on a timer instead; the answer cancels the timer, and so do
// the deadline and the caller's cancellation - after which the answer,
// whenever it comes, lands in shared state and is dropped. A literal address
// is no lookup at all.

#include <alicloud/client_options.hpp>
#include <alicloud/core/error.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace alicloud::detail {

struct resolution {
    bool done = false;    // false: the deadline passed or the caller cancelled first
    bool literal = false; // the host was an address, not a name
    error_code ec;
    std::vector<boost::asio::ip::tcp::endpoint> endpoints;
};

// Resolves `host` with `hook` (client_options::resolve) when it is set, else
// the system's resolver. Await it on a strand, or an executor of one thread:
// the answer is delivered to the awaiting coroutine's executor.
boost::asio::awaitable<resolution> resolve(const std::string& host, std::uint16_t port,
                                           std::chrono::steady_clock::time_point deadline,
                                           const decltype(client_options::resolve)& hook);

} // namespace alicloud::detail

#endif
