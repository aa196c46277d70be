#ifndef ALICLOUD_ECS_CLIENT_HPP
#define ALICLOUD_ECS_CLIENT_HPP

// The ECS client: one asynchronous operation per API operation.
//
//     alicloud::ecs::client ecs(ioc, {.region_id = "cn-hangzhou", .creds = {...}});
//     auto page = co_await ecs.describe_instances({.region_id = "cn-hangzhou", .page_size = 50});
//
// Every operation is an Asio asynchronous operation with the contract of
// rpc_client.hpp - read the token table there: the default token throws
// alicloud::error_with_diagnostics when awaited, an explicit asio::deferred
// completes with void(error_code, <name>_response), and in every form the
// response's `diag` says why a call failed (the service's HTTP status, Code,
// Message, RequestId, HostId, Recommend, or the client's reason). Beyond it:
//  - the request is copied: it need not outlive the call;
//  - bad input (a missing RegionId, PageSize 500...) is refused before
//    anything is sent, naming the field; retries only what is safe
//    (Describe*, or calls carrying a ClientToken, which the client fills once
//    per call when the request has none).
// A client made on an executor creates no thread; one made without owns a
// pool (the Go SDK's EnableAsync) - see rpc_client.hpp for enable_async,
// shutdown and the bound on calls in flight.

#include <alicloud/detail/typed_call.hpp>
#include <alicloud/ecs/models.hpp>
#include <alicloud/ecs/operations.hpp>
#include <alicloud/rpc_client.hpp>

#include <string_view>
#include <type_traits>

namespace alicloud::ecs {

inline constexpr std::string_view api_version = "2014-05-26";

class client {
public:
    using executor_type = boost::asio::any_io_executor;

    // `options.endpoint`, or else the regional endpoint of `options.region_id`.
    client(executor_type executor, client_options options);
    client(boost::asio::io_context& ioc, client_options options);
    // On threads of its own (see rpc_client's constructor of the same form).
    explicit client(client_options options);

    executor_type get_executor() const noexcept { return rpc_.get_executor(); }
    const client_options& options() const noexcept { return rpc_.options(); }

    // The generic call (any action of any RPC API) on this client's connections.
    rpc_client& rpc() noexcept { return rpc_; }

    void enable_async(std::size_t threads, std::size_t max_pending) { rpc_.enable_async(threads, max_pending); }
    template <class CompletionToken = boost::asio::deferred_t>
    auto async_shutdown(shutdown_mode mode, std::chrono::milliseconds grace, CompletionToken&& token = {})
    {
        return rpc_.async_shutdown(mode, grace, std::forward<CompletionToken>(token));
    }
    void shutdown(shutdown_mode mode = shutdown_mode::graceful,
                  std::chrono::milliseconds grace = std::chrono::seconds(30))
    {
        rpc_.shutdown(mode, grace);
    }

    // One pair per operation (operations.hpp lists them all). The request's
    // type is complete once its model is included:
    //     #include <alicloud/ecs/models/describe_security_groups.hpp>
#define ALICLOUD_ECS_MEMBER(name)                                                                             \
    template <class CompletionToken = default_completion_token_t>                                             \
        requires(!std::is_same_v<std::decay_t<CompletionToken>, call_options>) /* a named, non-const one */    \
    auto name(const name##_request& request, CompletionToken&& token = {})                                     \
    {                                                                                                         \
        return name(request, call_options{}, std::forward<CompletionToken>(token));                           \
    }                                                                                                         \
    template <class CompletionToken = default_completion_token_t>                                             \
    auto name(const name##_request& request, const call_options& options, CompletionToken&& token = {})        \
    {                                                                                                         \
        return alicloud::detail::initiate_typed<name##_response>(rpc_.impl(), detail::name##_operation, request, \
                                                                 options, std::forward<CompletionToken>(token)); \
    }
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_ECS_MEMBER)
#undef ALICLOUD_ECS_MEMBER

private:
    rpc_client rpc_;
};

} // namespace alicloud::ecs

#endif
