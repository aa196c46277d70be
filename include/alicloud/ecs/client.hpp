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

#include <alicloud/detail/awaitable_exception_fix.hpp>
#include <alicloud/detail/token_rule.hpp>
#include <alicloud/ecs/models.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/any_completion_handler.hpp>

#include <string_view>
#include <type_traits>

ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::describe_regions_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::describe_zones_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::describe_instances_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::describe_instance_status_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::describe_instance_attribute_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::run_instances_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::create_instance_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::start_instance_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::stop_instance_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::reboot_instance_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::delete_instance_response)
ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::ecs::delete_instances_response)

namespace alicloud::ecs {

inline constexpr std::string_view api_version = "2014-05-26";

namespace detail {

template <class Response>
using handler = boost::asio::any_completion_handler<void(error_code, Response)>;

#define ALICLOUD_ECS_OPERATION(name)                                                                        \
    void async_##name(const std::shared_ptr<alicloud::detail::rpc_client_impl>& impl, name##_request request, \
                      call_options options, handler<name##_response> h);
ALICLOUD_ECS_OPERATION(describe_regions)
ALICLOUD_ECS_OPERATION(describe_zones)
ALICLOUD_ECS_OPERATION(describe_instances)
ALICLOUD_ECS_OPERATION(describe_instance_status)
ALICLOUD_ECS_OPERATION(describe_instance_attribute)
ALICLOUD_ECS_OPERATION(run_instances)
ALICLOUD_ECS_OPERATION(create_instance)
ALICLOUD_ECS_OPERATION(start_instance)
ALICLOUD_ECS_OPERATION(stop_instance)
ALICLOUD_ECS_OPERATION(reboot_instance)
ALICLOUD_ECS_OPERATION(delete_instance)
ALICLOUD_ECS_OPERATION(delete_instances)
#undef ALICLOUD_ECS_OPERATION

} // namespace detail

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
        return alicloud::detail::initiate_call<void(error_code, name##_response)>(                           \
            [impl = rpc_.impl()](auto handler, name##_request r, call_options o) {                            \
                detail::async_##name(impl, std::move(r), std::move(o), std::move(handler));                   \
            },                                                                                                \
            std::forward<CompletionToken>(token), request, options);                                          \
    }
    ALICLOUD_ECS_MEMBER(describe_regions)
    ALICLOUD_ECS_MEMBER(describe_zones)
    ALICLOUD_ECS_MEMBER(describe_instances)
    ALICLOUD_ECS_MEMBER(describe_instance_status)
    ALICLOUD_ECS_MEMBER(describe_instance_attribute)
    ALICLOUD_ECS_MEMBER(run_instances)
    ALICLOUD_ECS_MEMBER(create_instance)
    ALICLOUD_ECS_MEMBER(start_instance)
    ALICLOUD_ECS_MEMBER(stop_instance)
    ALICLOUD_ECS_MEMBER(reboot_instance)
    ALICLOUD_ECS_MEMBER(delete_instance)
    ALICLOUD_ECS_MEMBER(delete_instances)
#undef ALICLOUD_ECS_MEMBER

private:
    rpc_client rpc_;
};

} // namespace alicloud::ecs

#endif
