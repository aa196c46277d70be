#ifndef ALICLOUD_ADAPTERS_BLOCKER_HPP
#define ALICLOUD_ADAPTERS_BLOCKER_HPP

// The Go SDK's FooWithCallback: the completion token with_blocker(callback)
// runs `callback(error_code, Response)` when the call completes and makes the
// operation return a blocker. blocker::wait() returns 1 when the call
// succeeded and 0 when it failed (the Go SDK's meaning), and only after the
// callback has returned:
//
//     auto done = ecs.stop_instance(req, alicloud::with_blocker([](error_code ec, auto res) { ... }));
//     if (done.wait() == 0) { ... }
//
// The callback runs on the client's executor (no associated executor of its
// own is looked up). wait() blocks the calling thread: never call it on a
// thread that runs the client's executor. A call whose handler is destroyed
// without having run (an io_context destroyed with calls in flight) releases
// its blocker with 0 and never runs the callback. A callback that throws
// releases its blocker with 0; the exception leaves through the io_context's
// run(), as from any handler.

#include <alicloud/core/error.hpp>

#include <boost/asio/async_result.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <utility>

namespace alicloud {

class blocker {
public:
    explicit blocker(std::shared_future<int> result) : result_(std::move(result)) {}

    // 1: the call succeeded; 0: it failed. After the callback returned.
    int wait() const
    {
        try {
            return result_.get();
        } catch (const std::future_error&) {
            return 0; // the handler was destroyed without running
        }
    }

    // The result when it is there within `timeout`.
    template <class Rep, class Period>
    std::optional<int> wait_for(std::chrono::duration<Rep, Period> timeout) const
    {
        if (result_.wait_for(timeout) != std::future_status::ready)
            return std::nullopt;
        return wait();
    }

    bool ready() const { return result_.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }

private:
    std::shared_future<int> result_;
};

template <class Callback>
struct with_blocker_t {
    Callback callback{};
};

template <class Callback>
with_blocker_t<std::decay_t<Callback>> with_blocker(Callback&& callback)
{
    return {std::forward<Callback>(callback)};
}

namespace detail {

template <class Callback>
struct blocker_handler {
    Callback callback{};
    std::promise<int> result{}; // destroyed unset: the blocker reads 0

    template <class Response>
    void operator()(error_code ec, Response response)
    {
        try {
            std::move(callback)(ec, std::move(response));
        } catch (...) {
            result.set_value(0);
            throw;
        }
        result.set_value(ec ? 0 : 1);
    }
};

} // namespace detail
} // namespace alicloud

template <class Callback, class Response>
struct boost::asio::async_result<alicloud::with_blocker_t<Callback>, void(alicloud::error_code, Response)> {
    using return_type = alicloud::blocker;

    template <class Initiation, class Token, class... Args>
    static return_type initiate(Initiation&& initiation, Token&& token, Args&&... args)
    {
        alicloud::detail::blocker_handler<Callback> handler{std::forward<Token>(token).callback, {}};
        return_type out(handler.result.get_future().share());
        std::forward<Initiation>(initiation)(std::move(handler), std::forward<Args>(args)...);
        return out;
    }
};

#endif
