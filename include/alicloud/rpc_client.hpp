#ifndef ALICLOUD_RPC_CLIENT_HPP
#define ALICLOUD_RPC_CLIENT_HPP

// A client for any RPC-style API of any product (the Go SDK's CommonRequest):
// action, version and parameters in, the decoded JSON answer out. The ECS
// client is a typed layer over it.
//
// Asynchronous operations follow one contract:
//  - any completion token; the default, asio::deferred, makes `co_await` work;
//  - completion signature void(error_code, rpc_response); completes exactly
//    once, never inside the initiating function, on the handler's associated
//    executor;
//  - the handler's cancellation slot is honoured at every phase: terminal and
//    partial cancellation always, total cancellation until the request has been
//    written. The call then completes with asio::error::operation_aborted and
//    its connection is closed, never reused;
//  - object lifetimes: the call keeps what it needs; the client may be
//    destroyed with calls in flight, which then complete normally.
//  - thread safety: calls may be started from any thread running the client's
//    executor, concurrently.

#include <alicloud/client_options.hpp>
#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace alicloud {

struct rpc_call {
    std::string action;  // e.g. "DescribeInstances"
    std::string version; // e.g. "2014-05-26"
    parameters params;
    std::optional<http_method> method;            // default: POST
    std::optional<parameter_location> params_in;  // default: as the signature version wants
    // Safe to repeat (Describe*): failed attempts may be retried.
    bool idempotent = false;
    // The operation's idempotency parameter ("ClientToken"), when it has one:
    // filled with a fresh token when the caller left it empty, the same on
    // every retry, which makes the call safe to repeat.
    std::string client_token_parameter;
    // Endpoint for this call only ("https://sts.aliyuncs.com"...).
    std::optional<std::string> endpoint;
    std::vector<http_header> headers;
    call_options options;
    // false: a successful answer is left as text in rpc_response::text, for a
    // caller that parses it itself (the typed clients, into their models).
    // Error answers are always decoded, into diag.
    bool parse_body = true;
};

struct rpc_response {
    unsigned http_status = 0;  // 0 when no answer arrived
    std::string request_id;
    boost::json::value body;   // the decoded answer (also on a service error)
    std::string text;          // the answer as received, when the call had parse_body = false
    diagnostics diag;          // why it failed: the service's Code, Message... or ours
    unsigned attempts = 0;
};

namespace detail {
class rpc_client_impl;
using rpc_handler = boost::asio::any_completion_handler<void(error_code, rpc_response)>;
void async_call(const std::shared_ptr<rpc_client_impl>& impl, rpc_call call, rpc_handler handler);
} // namespace detail

class rpc_client {
public:
    using executor_type = boost::asio::any_io_executor;

    // Creates no thread: everything runs on `executor`.
    rpc_client(executor_type executor, client_options options);
    rpc_client(boost::asio::io_context& ioc, client_options options);
    ~rpc_client();
    rpc_client(rpc_client&&) noexcept;
    rpc_client& operator=(rpc_client&&) noexcept;

    executor_type get_executor() const noexcept;
    const client_options& options() const noexcept;

    // Connections open to all hosts, idle or in use (monitoring, tests).
    std::size_t open_connections() const;

    template <class CompletionToken = boost::asio::deferred_t>
    auto async_call(rpc_call call, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, rpc_response)>(
            [impl = impl_](auto handler, rpc_call c) { detail::async_call(impl, std::move(c), std::move(handler)); },
            token, std::move(call));
    }

    const std::shared_ptr<detail::rpc_client_impl>& impl() const noexcept { return impl_; }

private:
    std::shared_ptr<detail::rpc_client_impl> impl_;
};

} // namespace alicloud

#endif
