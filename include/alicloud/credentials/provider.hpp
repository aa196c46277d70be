#ifndef ALICLOUD_CREDENTIALS_PROVIDER_HPP
#define ALICLOUD_CREDENTIALS_PROVIDER_HPP

// Where a client's credentials come from: the environment, a profile file,
// the instance's RAM role, an assumed role... (ecs-api.md §6). A client asks
// its provider before signing every attempt; set one with
// client_options::credentials_provider (client_options::creds is the static
// case, needing none).

#include <alicloud/core/credentials.hpp>
#include <alicloud/core/error.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace alicloud {

struct credentials_result {
    credentials creds{};
    // When the credentials stop working; none for a long-term AccessKey.
    std::optional<std::chrono::system_clock::time_point> expiration{};
    // Why there are none (on failure): what the provider tried and what it
    // found - never a secret's value.
    std::string why{};
};

// Implementations are thread-safe: calls ask concurrently, from any thread.
class credentials_provider {
public:
    using handler = boost::asio::any_completion_handler<void(error_code, credentials_result)>;

    virtual ~credentials_provider() = default;

    // What it is, for messages: "env", "profile", "static"...
    virtual std::string name() const = 0;

    // Credentials at hand, valid now and not about to expire - the path of
    // almost every call, which then needs no asynchronous step.
    virtual std::optional<credentials_result> try_get() const = 0;

    // Completes (never inside this function, on the handler's executor or
    // else `ex`) with credentials, or client_errc::credentials_unavailable and
    // credentials_result::why.
    virtual void async_get(const boost::asio::any_io_executor& ex, handler h) = 0;

    // The service refused `creds` as expired (its clock, or a revocation,
    // disagreeing with their Expiration): a provider that can refresh stops
    // handing them out and returns true, and the call asks again and retries
    // once. False (the default): it has nothing newer, and the call fails
    // rather than send the same credentials again.
    virtual bool expired(const credentials& creds)
    {
        (void)creds;
        return false;
    }
};

} // namespace alicloud

#endif
