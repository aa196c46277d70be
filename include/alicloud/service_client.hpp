#ifndef ALICLOUD_SERVICE_CLIENT_HPP
#define ALICLOUD_SERVICE_CLIENT_HPP

// What every product's client (ecs::client, vpc::client, sts::client,
// ram::client) is: one asynchronous member function per API operation, made
// from the product's generated operation list, on an rpc_client's
// connections.
//
//     alicloud::vpc::client vpc(ioc, {.region_id = "cn-hangzhou", .credentials_provider = creds});
//     auto made = co_await vpc.create_vpc({.region_id = "cn-hangzhou", .cidr_block = "10.0.0.0/16"});
//
// Every operation is an Asio asynchronous operation with the contract of
// rpc_client.hpp - read the token table there: the default token throws
// alicloud::error_with_diagnostics when awaited, an explicit asio::deferred
// completes with void(error_code, <name>_response), and in every form the
// response's `diag` says why a call failed (the service's HTTP status, Code,
// Message, RequestId, HostId, Recommend, or the client's reason). Beyond it:
//  - the request is copied: it need not outlive the call;
//  - bad input (a missing required field, PageSize 500...) is refused before
//    anything is sent, naming the field; only what is safe is retried
//    (Describe*/List*/Get*, or calls carrying a ClientToken, which the client
//    fills once per call when the request has none).
// A client made on an executor creates no thread; one made without owns a
// pool (the Go SDK's EnableAsync) - see rpc_client.hpp for enable_async,
// shutdown and the bound on calls in flight.
//
// Clients of several products share what they should by sharing their
// options' credentials_provider: one provider, one refresh, for all of them.
// Each keeps its own connections (the products have different hosts), its own
// pool and bound on calls in flight, and shuts down on its own.

#include <alicloud/detail/typed_call.hpp>
#include <alicloud/rpc_client.hpp>

#include <string_view>
#include <type_traits>

namespace alicloud {

// Which API a product client speaks, and where its endpoint comes from when
// the options name none.
struct product_identity {
    std::string_view code;        // "ecs": the endpoint tables' product code
    std::string_view api_version; // "2014-05-26"
    endpoint_rule rule = endpoint_rule::regional;
};

class service_client {
public:
    using executor_type = boost::asio::any_io_executor;

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

protected:
    // `options.endpoint`, or else the product's endpoint for
    // `options.region_id` (`options.product` and its rule, when left empty,
    // are the product's own).
    service_client(executor_type executor, client_options options, const product_identity& product);
    // By address: io_context stays incomplete here, and a reference would
    // make the call also ask whether it converts to executor_type.
    service_client(boost::asio::io_context* ioc, client_options options, const product_identity& product);
    // On threads of its own (see rpc_client's constructor of the same form).
    service_client(client_options options, const product_identity& product);

    rpc_client rpc_;
};

} // namespace alicloud

// One operation's pair of member functions, inside a product client's class
// in namespace alicloud::<product>, from its ALICLOUD_<P>_OPERATIONS list.
// The request's type is complete once its model is included:
//     #include <alicloud/vpc/models/create_vpc.hpp>
#define ALICLOUD_SERVICE_CLIENT_OPERATION(name)                                                               \
    template <class CompletionToken = ::alicloud::default_completion_token_t>                                 \
        requires(!std::is_same_v<std::decay_t<CompletionToken>, ::alicloud::call_options>) /* a named one */  \
    auto name(const name##_request& request, CompletionToken&& token = {})                                     \
    {                                                                                                         \
        return name(request, ::alicloud::call_options{}, std::forward<CompletionToken>(token));                \
    }                                                                                                         \
    template <class CompletionToken = ::alicloud::default_completion_token_t>                                 \
    auto name(const name##_request& request, const ::alicloud::call_options& options,                         \
              CompletionToken&& token = {})                                                                   \
    {                                                                                                         \
        return ::alicloud::detail::initiate_typed<name##_response>(                                           \
            rpc_.impl(), detail::name##_operation, request, options, std::forward<CompletionToken>(token));    \
    }

#endif
