#ifndef ALICLOUD_RPC_CLIENT_HPP
#define ALICLOUD_RPC_CLIENT_HPP

// A client for any RPC-style API of any product (the Go SDK's CommonRequest):
// action, version and parameters in, the decoded JSON answer out. The ECS
// client is a typed layer over it.
//
// Asynchronous operations - here and in every product client - follow one
// contract:
//  - any completion token; completes exactly once, never inside the initiating
//    function, on the handler's associated executor;
//  - the token decides the form of the result (the token rule, the same for
//    every client):
//
//    token                                   completes with           a failure is
//    --------------------------------------  -----------------------  ----------------------------------------
//    none (default_completion_token_t)       void(exception_ptr, R)   thrown by co_await: error_with_diagnostics
//    asio::deferred, asio::deferred(fn)      void(error_code, R)      ec, and r.diag
//    asio::use_awaitable, asio::use_future   R, or throws             thrown: error_with_diagnostics
//    bind_cancellation_slot, bind_executor,  as the token it wraps    as with the token it wraps
//      bind_allocator around any token
//    with_diagnostics(token)                 void(exception_ptr, R)   error_with_diagnostics in the exception_ptr
//    a callback, as_tuple(...),              void(error_code, R)      ec, and r.diag
//      redirect_error(...), as_channel,
//      to_channel(ch), detached
//
//    (R: rpc_response here, <operation>_response in a product client; its
//    `diag` is filled on failure in every form.)
//  - the handler's cancellation slot is honoured at every phase: terminal and
//    partial cancellation always, total cancellation until the request has been
//    written. The call then completes promptly with
//    asio::error::operation_aborted and its connection is closed, never
//    reused. An answer that arrived whole before the cancellation is
//    delivered as it is: a cancellation that came too late changes nothing;
//  - object lifetimes: the call keeps what it needs; the client may be
//    destroyed with calls in flight, which then complete normally - except
//    on a client that owns its threads, whose destructor aborts them and waits
//    for their handlers (do not destroy it on a thread one of them needs).
//  - thread safety: calls may be started from any thread running the client's
//    executor, concurrently (from any thread at all for a client that owns
//    its threads).
//
// Life cycle (the Go SDK's EnableAsync / Shutdown), on every client:
//  - client_options::async.max_pending bounds the calls in flight; a call
//    beyond it waits for a slot or fails with client_errc::queue_full;
//  - shutdown stops accepting calls (later ones complete at once with
//    client_errc::shut_down), lets the accepted ones finish - up to a grace
//    period, after which, or at once with shutdown_mode::abort, they are
//    cancelled and complete with client_errc::shut_down - and completes when
//    every call's handler has returned.
// A client made without an executor owns a pool of threads: started by
// client_options::async.threads or enable_async(), stopped by shutdown once
// the work on them is done (or by the destructor, which aborts what is left).
// Its calls complete on those threads unless their handler has an executor of
// its own.

#include <alicloud/client_options.hpp>
#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>
#include <alicloud/detail/awaitable_exception_fix.hpp>
#include <alicloud/detail/token_rule.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace alicloud {

struct rpc_call {
    std::string action{};  // e.g. "DescribeInstances"
    std::string version{}; // e.g. "2014-05-26"
    parameters params{};
    std::optional<http_method> method{};          // default: POST
    std::optional<parameter_location> params_in{};  // default: as the signature version wants
    // Safe to repeat (Describe*): failed attempts may be retried.
    bool idempotent = false;
    // The operation's idempotency parameter ("ClientToken"), when it has one:
    // filled with a fresh token when the caller left it empty, the same on
    // every retry, which makes the call safe to repeat.
    std::string client_token_parameter{};
    // Endpoint for this call only ("https://sts.aliyuncs.com"...).
    std::optional<std::string> endpoint{};
    std::vector<http_header> headers{};
    call_options options{};
    // false: a successful answer is left as text in rpc_response::text, for a
    // caller that parses it itself (the typed clients, into their models).
    // Error answers are always decoded, into diag.
    bool parse_body = true;
};

enum class shutdown_mode {
    graceful, // finish what was accepted, within the grace period
    abort,    // cancel every call now
};

struct rpc_response {
    unsigned http_status = 0;  // 0 when no answer arrived
    std::string request_id{};
    boost::json::value body{}; // the decoded answer (also on a service error)
    std::string text{};        // the answer as received, when the call had parse_body = false
    diagnostics diag{};        // why it failed: the service's Code, Message... or ours
    unsigned attempts = 0;
};

namespace detail {
class rpc_client_impl;
using rpc_handler = boost::asio::any_completion_handler<void(error_code, rpc_response)>;
void async_call(const std::shared_ptr<rpc_client_impl>& impl, rpc_call call, rpc_handler handler);
void enable_async(rpc_client_impl& impl, std::size_t threads, std::size_t max_pending);
void async_shutdown(const std::shared_ptr<rpc_client_impl>& impl, shutdown_mode mode, std::chrono::milliseconds grace,
                    boost::asio::any_completion_handler<void()> handler);
void shutdown(const std::shared_ptr<rpc_client_impl>& impl, shutdown_mode mode, std::chrono::milliseconds grace);
} // namespace detail

class rpc_client {
public:
    using executor_type = boost::asio::any_io_executor;

    // Creates no thread: everything runs on `executor`.
    rpc_client(executor_type executor, client_options options);
    rpc_client(boost::asio::io_context& ioc, client_options options);
    // On threads of its own: options.async.threads of them now, or none
    // until enable_async (calls before fail with client_errc::async_not_enabled).
    explicit rpc_client(client_options options);
    // A client that owns threads aborts its calls and joins its threads.
    ~rpc_client();
    rpc_client(rpc_client&&) noexcept;
    rpc_client& operator=(rpc_client&&) noexcept;

    executor_type get_executor() const noexcept;
    const client_options& options() const noexcept;

    // Connections open to all hosts, idle or in use (monitoring, tests).
    std::size_t open_connections() const;

    template <class CompletionToken = default_completion_token_t>
    auto async_call(rpc_call call, CompletionToken&& token = {})
    {
        return detail::initiate_call<void(error_code, rpc_response)>(
            [impl = impl_](auto handler, rpc_call c) { detail::async_call(impl, std::move(c), std::move(handler)); },
            std::forward<CompletionToken>(token), std::move(call));
    }

    // Starts the client's own pool (Go's EnableAsync(poolSize, queueSize)):
    // `threads` threads, at most `max_pending` calls in flight (0: no bound;
    // the policy stays client_options::async.policy). Throws boost::system::system_error with
    // client_errc::async_already_enabled while the pool runs or is still
    // shutting down, client_errc::not_supported on a client made on an
    // executor, std::invalid_argument for 0 threads.
    void enable_async(std::size_t threads, std::size_t max_pending)
    {
        detail::enable_async(*impl_, threads, max_pending);
    }

    // Completes with void() once every call has completed (see above); its
    // handler runs on its own executor, or a system thread. Calling it again
    // is harmless; an abort after a graceful shutdown cuts the grace short.
    template <class CompletionToken = boost::asio::deferred_t>
    auto async_shutdown(shutdown_mode mode, std::chrono::milliseconds grace, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void()>(
            [impl = impl_, mode, grace](auto handler) { detail::async_shutdown(impl, mode, grace, std::move(handler)); },
            token);
    }

    // The same for a plain thread: returns when every call has completed and
    // the client's own threads have stopped. Not from one of those threads
    // (std::logic_error), nor from the only thread running the executor the
    // client was made on (which the calls need to finish).
    void shutdown(shutdown_mode mode = shutdown_mode::graceful,
                  std::chrono::milliseconds grace = std::chrono::seconds(30))
    {
        detail::shutdown(impl_, mode, grace);
    }

    const std::shared_ptr<detail::rpc_client_impl>& impl() const noexcept { return impl_; }

private:
    std::shared_ptr<detail::rpc_client_impl> impl_;
};

} // namespace alicloud

ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::rpc_response)

#endif
