#ifndef ALICLOUD_CLIENT_OPTIONS_HPP
#define ALICLOUD_CLIENT_OPTIONS_HPP

// How a client reaches the service: where, as whom, how patiently.

#include <alicloud/core/context.hpp>
#include <alicloud/core/credentials.hpp>
#include <alicloud/core/endpoint.hpp>
#include <alicloud/core/rpc_request.hpp>
#include <alicloud/core/sansio/retry_policy.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace alicloud {

class credentials_provider; // <alicloud/credentials/provider.hpp>

struct timeout_options {
    // TCP connect (after name resolution), per connection.
    std::chrono::milliseconds connect{5'000};
    // One attempt: leasing a connection, TLS, writing, reading the answer.
    std::chrono::milliseconds attempt{20'000};
    // The whole call, retries and backoff included.
    std::chrono::milliseconds call{60'000};
};

struct pool_options {
    // Connections to one host; callers beyond it wait (cancellably) for one.
    std::size_t max_connections_per_host = 64;
    // A kept-alive connection unused this long is closed instead of reused.
    std::chrono::milliseconds idle_timeout{30'000};
    // What idle time is measured with. Injectable so that tests advance time
    // instead of waiting for it (as client_options::clock); default: the steady clock.
    std::function<std::chrono::steady_clock::time_point()> clock{};
};

struct tls_options {
    // Certificate verification (chain, host name) is on unless this says
    // otherwise; turning it off exposes credentials to anyone on the path.
    bool verify_peer = true;
    // PEM file of trusted CAs; empty means the system store.
    std::string ca_file{};
    // PEM text of trusted CAs, in addition to ca_file (tests, the emulator).
    std::string ca_pem{};
    // The oldest protocol the client accepts, enforced by the client itself
    // whatever the system's OpenSSL configuration allows.
    enum class version { tls1_2, tls1_3 } min_version = version::tls1_2;
};

// The Go SDK's EnableAsync settings (GoRoutinePoolSize, MaxTaskQueueSize);
// its Timeout is timeouts.call.
struct async_options {
    // Threads of the client's own pool. Only a client made without an
    // executor owns threads; 0 leaves starting them to enable_async().
    std::size_t threads = 0;
    // Calls accepted and not yet finished, on any client; 0: no bound.
    std::size_t max_pending = 0;
    // What a call made while max_pending calls are in flight does: wait for
    // one to finish (cancellably, within its deadline), or fail at once with
    // client_errc::queue_full.
    enum class when_full { wait, fail } policy = when_full::wait;
};

struct client_options {
    // "host", "host:port" or "http(s)://host[:port]"; when empty, the
    // product's endpoint for region_id (endpoint_host_for), over HTTPS.
    std::string endpoint{};
    // Default RegionId for operations that take one and were given none.
    std::string region_id{};
    // The product whose endpoint to use when `endpoint` is empty ("ecs",
    // "sts"...); the product clients set their own.
    std::string product{};
    // How that product's endpoint is chosen: per region, or one central host
    // (RAM) - as its official SDK does; the product clients set it.
    endpoint_rule product_endpoint_rule = endpoint_rule::regional;
    endpoint_network network = endpoint_network::public_internet;
    credentials creds{};
    // Where credentials come from when they are not fixed (the environment, a
    // profile, a role: <alicloud/credentials/providers.hpp>); asked before
    // every attempt. When set, `creds` is not used.
    std::shared_ptr<::alicloud::credentials_provider> credentials_provider{};
    signature_version signature = signature_version::v3;

    timeout_options timeouts{};
    retry_policy retry{};
    pool_options pool{};
    tls_options tls{};
    async_options async{};

    // Answers larger than this fail with client_errc::response_too_large.
    std::size_t max_response_bytes = 64 * 1024 * 1024;
    std::string user_agent = "alicloud-asio/0.1";

    // Name resolution. Empty: the system resolver (getaddrinfo, on Asio's
    // resolver thread). Set it to pin hosts to addresses or to use your own
    // DNS: it gets the host name and calls `done` exactly once, from any
    // thread, with IP addresses as text ("10.0.0.7", "::1") or an error. A call
    // cancelled or timed out meanwhile completes at once and ignores the answer.
    using resolve_done = std::function<void(error_code, std::vector<std::string> addresses)>;
    std::function<void(const std::string& host, resolve_done done)> resolve{};

    // Injectable for tests; defaults: the system clock, random nonces.
    std::function<std::chrono::system_clock::time_point()> clock{};
    std::function<std::string()> nonce{};
};

// Per-call overrides of the client's defaults.
struct call_options {
    std::optional<std::chrono::milliseconds> timeout{};       // whole call
    std::optional<std::chrono::milliseconds> attempt_timeout{}; // each attempt
    std::optional<retry_policy> retry{};
    // The Go-style context the call runs under: its deadline bounds the call
    // (client_errc::timeout), its cancellation ends it (operation_aborted),
    // its headers (with_header) are sent. Default: the background context.
    ::alicloud::context context{};
};

} // namespace alicloud

#endif
