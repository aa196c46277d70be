#ifndef ALICLOUD_CORE_CONTEXT_HPP
#define ALICLOUD_CORE_CONTEXT_HPP

// Go-style contexts: a deadline, a cancellation and request-scoped values that
// travel with a unit of work and reach every SDK call made under it.
//
//     auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, 500ms);
//     auto traced = alicloud::with_header(ctx, "x-trace-id", trace_id);
//     co_await ecs.describe_instances(req, {.context = traced});
//
// Rules, as in Go:
//  - a derived context's deadline is never later than its parent's;
//  - cancelling a context cancels every context derived from it, never its parent;
//  - err() says why a context ended: asio::error::operation_aborted when it
//    was cancelled (== alicloud::errc::cancelled), client_errc::timeout when
//    its deadline passed; an empty error_code while it is live.
// A call bound to a context (call_options::context) ends at the context's
// deadline with client_errc::timeout, ends at once with operation_aborted when
// the context is cancelled, and sends the context's headers.
//
// Thread safety: contexts are immutable handles to shared state; copy them
// freely, use and cancel them from any thread.

#include <alicloud/core/error.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud {

namespace detail {
struct context_node;
struct cancel_state;
} // namespace detail

// Keeps a function registered with context::on_cancel; unregisters it when
// destroyed or reset, after which it is not called - unless a cancellation on
// another thread had already begun calling it.
class cancel_subscription {
public:
    cancel_subscription() = default;
    cancel_subscription(std::weak_ptr<detail::cancel_state> state, std::uint64_t id) noexcept
        : state_(std::move(state)), id_(id)
    {
    }
    cancel_subscription(cancel_subscription&& other) noexcept;
    cancel_subscription& operator=(cancel_subscription&& other) noexcept;
    ~cancel_subscription();

    void reset();

private:
    std::weak_ptr<detail::cancel_state> state_;
    std::uint64_t id_ = 0;
};

class context {
public:
    using clock = std::chrono::steady_clock;

    // The background context (Go's context.Background()): no deadline, never
    // cancelled, no values.
    context() = default;

    std::optional<clock::time_point> deadline() const;

    // Why the context ended, or an empty code while it is live.
    error_code err() const;
    bool done() const { return static_cast<bool>(err()); }

    // The value stored under `key` by with_value or with_header on this
    // context or the nearest ancestor that has one; nullptr when none does.
    const std::string* value(std::string_view key) const;

    // The headers set by with_header along the chain, nearest first winning
    // for the same name, in the order they were first set.
    std::vector<http_header> headers() const;

    // Calls `f` once when the context is cancelled - at once, on this thread,
    // when it already is - or never, once the subscription is destroyed. `f`
    // runs on the thread that cancels; keep it short (post work elsewhere).
    // Deadlines do not call it: whatever waits on a context arms its own timer.
    [[nodiscard]] cancel_subscription on_cancel(std::function<void()> f) const;

    // True for a context that can be cancelled or has a deadline or values.
    explicit operator bool() const noexcept { return node_ != nullptr; }

private:
    friend struct context_access;
    std::shared_ptr<const detail::context_node> node_;
};

// Cancels the context it came with (and every context derived from it); the
// first call decides, later ones do nothing.
class cancel_function {
public:
    cancel_function() = default;
    explicit cancel_function(std::shared_ptr<detail::cancel_state> state) noexcept : state_(std::move(state)) {}
    void operator()() const;

private:
    std::shared_ptr<detail::cancel_state> state_;
};

// What with_cancel, with_deadline and with_timeout return, for structured
// bindings: `auto [ctx, cancel] = with_timeout(parent, 500ms);`
struct cancellable_context {
    context ctx{};
    cancel_function cancel{};
};

cancellable_context with_cancel(const context& parent);
cancellable_context with_deadline(const context& parent, context::clock::time_point deadline);
cancellable_context with_timeout(const context& parent, context::clock::duration timeout);

// Request-scoped values. with_header's value is also sent, as the header
// `name` (lower-cased), by every call made under the context, and shown in the
// diagnostics of those that fail; a name or value that cannot be sent fails
// those calls with client_errc::invalid_field naming the header.
context with_value(const context& parent, std::string key, std::string value);
context with_header(const context& parent, std::string name, std::string value);

} // namespace alicloud

#endif
