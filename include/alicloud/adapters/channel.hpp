#ifndef ALICLOUD_ADAPTERS_CHANNEL_HPP
#define ALICLOUD_ADAPTERS_CHANNEL_HPP

// The Go SDK's FooWithChan, on Asio's experimental channels. Two completion
// tokens, for any operation whose signature is void(error_code, Response):
//
//  - alicloud::as_channel: the operation returns a result_channel<Response>
//    that delivers exactly one (error_code, Response) and then closes.
//    Receive it with co_await in a coroutine, or block on it from a plain
//    thread:
//
//        auto ch = ecs.describe_instances(req, alicloud::as_channel);
//        auto [ec, res] = co_await ch.async_receive(asio::as_tuple(asio::deferred));
//        auto [ec, res] = ch.receive(); // a thread that is not running the client
//
//  - alicloud::to_channel(ch): the operation sends its result into a
//    response_channel<Response> the caller owns, so that many calls fan in to
//    one channel. Results wait in the channel until received, in the order
//    they completed: a channel with small capacity holds back the sends, and
//    nothing is dropped unless the caller closes the channel. Each result is
//    read as a call_result (the call's error_code and response, diagnostics
//    included), apart from the channel's own failures:
//
//        alicloud::response_channel<ecs::describe_instances_response> all(ex, 16);
//        ecs.describe_instances(req, alicloud::to_channel(all));   // many times
//        auto r = co_await all.async_receive();   // throws only if the channel failed
//        auto r = all.receive();                  // the same from a plain thread
//        if (!r) std::cerr << r.response.diag.to_string();        // or r.value() throws error_with_diagnostics
//
//    to_channel also takes any Asio experimental channel of signature
//    void(error_code, Response), which then carries the call's error_code.
//
// Every call still completes exactly once: when its handler is destroyed
// without having run (an io_context destroyed with calls in flight), the
// channel of as_channel is closed, so a receiver never waits forever; it gets
// asio::experimental::error::channel_closed.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>
#include <alicloud/detail/forwarding_associator.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associator.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/system/system_error.hpp>

#include <cstddef>
#include <future>
#include <memory>
#include <type_traits>
#include <utility>

namespace alicloud {

// What one call completed with, as one value.
template <class Response>
struct call_result {
    error_code ec{};
    Response response{};

    explicit operator bool() const noexcept { return !ec; }

    // The response of a call that succeeded; for one that failed, throws
    // error_with_diagnostics (the service's Code, Message, RequestId... or the
    // client's reason).
    Response& value() &
    {
        check();
        return response;
    }
    Response&& value() &&
    {
        check();
        return std::move(response);
    }

private:
    void check() const
    {
        if (ec)
            throw error_with_diagnostics(ec, response.diag);
    }
};

namespace detail {

// Blocks the calling thread until `start(handler)` calls the handler with
// (error_code, Value); returns what it got.
template <class Value, class Start>
std::pair<error_code, Value> wait_for_receive(Start start)
{
    // (Boost 1.81 has no as_tuple(use_future); a promise of our own instead,
    // shared: the handler may still be inside set_value when get() returns.)
    auto result = std::make_shared<std::promise<std::pair<error_code, Value>>>();
    auto arrived = result->get_future();
    start([result](error_code ec, Value value) { result->set_value({ec, std::move(value)}); });
    return arrived.get();
}

} // namespace detail

// A thread-safe channel that many calls send their results into
// (to_channel), read one result at a time.
template <class Response>
class response_channel {
public:
    using executor_type = boost::asio::any_io_executor;
    using value_type = call_result<Response>;

    // `capacity`: results held without a receiver waiting; further calls'
    // results wait for room (none is dropped). A receive's handler without
    // an associated executor runs on `executor`.
    response_channel(executor_type executor, std::size_t capacity) : channel_(std::move(executor), capacity) {}

    executor_type get_executor() { return channel_.get_executor(); }

    // Completes with void(error_code, call_result<Response>): the next call's
    // result, in the order the calls completed. The error_code is the
    // channel's own - experimental::error::channel_closed once closed,
    // operation_aborted for a receive cancelled through its slot (the result
    // then stays for the next receive) - never the call's, which is in the
    // call_result. So `co_await ch.async_receive()` throws only when the
    // channel failed.
    template <class CompletionToken = boost::asio::deferred_t>
    auto async_receive(CompletionToken&& token = {})
    {
        return channel_.async_receive(std::forward<CompletionToken>(token));
    }

    // Blocks the calling thread until the next result is there; throws
    // boost::system::system_error when the channel fails (closed). Never call
    // it on a thread that runs the calls' executor: it would wait for itself.
    call_result<Response> receive()
    {
        auto [ec, result] = detail::wait_for_receive<call_result<Response>>(
            [this](auto handler) { this->async_receive(std::move(handler)); });
        if (ec)
            throw boost::system::system_error(ec, "response_channel::receive");
        return std::move(result);
    }

    // A result is waiting.
    bool ready() const noexcept { return channel_.ready(); }

    // Ends the channel: waiting receives, and results not yet received, get
    // experimental::error::channel_closed.
    void close() { channel_.close(); }

    // What to_channel's handler calls: waits in the channel while it is full;
    // lost only if the channel was closed.
    void send_result(error_code ec, Response response)
    {
        channel_.async_send(error_code{}, call_result<Response>{ec, std::move(response)}, [](error_code) {});
    }

private:
    boost::asio::experimental::concurrent_channel<void(error_code, call_result<Response>)> channel_;
};

namespace detail {

// What as_channel's channel carries: the call's (error_code, Response) as one
// value, so that the channel's own error code (a receive cancelled, the
// channel closed) is never mistaken for the call's.
template <class Response>
struct call_outcome {
    error_code ec{};
    Response response{};
};

template <class Response>
using outcome_channel = boost::asio::experimental::concurrent_channel<void(error_code, call_outcome<Response>)>;

template <class Response, class Handler>
struct close_after_receive;

} // namespace detail

// One call's result: a single (error_code, Response), then closed.
template <class Response>
class result_channel {
public:
    explicit result_channel(std::shared_ptr<detail::outcome_channel<Response>> channel) : channel_(std::move(channel))
    {
    }

    // Completes with the call's result, once; later receives complete with
    // experimental::error::channel_closed, and so does a receive when the
    // call can never complete. A receive cancelled through its slot leaves
    // the result for the next one. A handler without an associated executor
    // runs on the system executor.
    template <class CompletionToken = boost::asio::deferred_t>
    auto async_receive(CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, Response)>(
            [channel = channel_](auto handler) {
                channel->async_receive(
                    detail::close_after_receive<Response, decltype(handler)>{channel, std::move(handler)});
            },
            token);
    }

    // Blocks the calling thread until the result is there. Never call it on a
    // thread that runs the client's executor: it would wait for itself.
    std::pair<error_code, Response> receive()
    {
        return detail::wait_for_receive<Response>([this](auto handler) { this->async_receive(std::move(handler)); });
    }

    // The result arrived and was not yet received.
    bool ready() const noexcept { return channel_->ready(); }

private:
    std::shared_ptr<detail::outcome_channel<Response>> channel_;
};

struct as_channel_t {
    constexpr as_channel_t() = default;
};
inline constexpr as_channel_t as_channel;

template <class Channel>
struct to_channel_t {
    Channel* channel{};
};

// `channel`: a response_channel<Response>, or any Asio experimental channel
// (concurrent_channel for several threads) of signature
// void(error_code, Response). The caller keeps it alive until every call sent
// to it completed.
template <class Channel>
to_channel_t<Channel> to_channel(Channel& channel)
{
    return {&channel};
}

namespace detail {

// The one result was received: close the channel, so that a later receive
// says so instead of waiting. (Not from the sending side: a Boost 1.81
// channel drops its buffered value when closed.)
template <class Response, class Handler>
struct close_after_receive {
    std::shared_ptr<outcome_channel<Response>> channel{};
    Handler handler{};

    void operator()(error_code channel_ec, call_outcome<Response> outcome)
    {
        if (channel_ec) { // no value: cancelled (the result stays for the next receive) or closed
            std::move(handler)(channel_ec, Response{});
            return;
        }
        channel->close();
        std::move(handler)(outcome.ec, std::move(outcome.response));
    }
};

template <class Response>
class send_once_handler {
public:
    explicit send_once_handler(std::shared_ptr<outcome_channel<Response>> channel) : channel_(std::move(channel)) {}
    send_once_handler(send_once_handler&&) noexcept = default;
    send_once_handler& operator=(send_once_handler&&) = delete;
    ~send_once_handler()
    {
        if (channel_) // never invoked: release the receiver
            channel_->close();
    }

    void operator()(error_code ec, Response response)
    {
        auto channel = std::move(channel_);
        // Capacity 1 and the only sender: the value is buffered at once.
        channel->try_send(error_code{}, call_outcome<Response>{ec, std::move(response)});
    }

private:
    std::shared_ptr<outcome_channel<Response>> channel_;
};

template <class Channel>
struct send_to_handler {
    Channel* channel{};

    template <class Response>
    void operator()(error_code ec, Response response)
    {
        // Waits in the channel while it is full; fails only if it was closed.
        if constexpr (std::is_same_v<Channel, response_channel<Response>>)
            channel->send_result(ec, std::move(response));
        else
            channel->async_send(ec, std::move(response), [](error_code) {});
    }
};

} // namespace detail
} // namespace alicloud

// The receive handler keeps the executor, allocator and cancellation slot of
// the handler it wraps.
template <template <class, class> class Associator, class Response, class Handler, class DefaultCandidate>
struct boost::asio::associator<Associator, alicloud::detail::close_after_receive<Response, Handler>, DefaultCandidate>
    : alicloud::detail::forwarding_associator<Associator, alicloud::detail::close_after_receive<Response, Handler>,
                                              Handler, DefaultCandidate> {};

template <class Response>
struct boost::asio::async_result<alicloud::as_channel_t, void(alicloud::error_code, Response)> {
    using return_type = alicloud::result_channel<Response>;

    template <class Initiation, class... Args>
    static return_type initiate(Initiation&& initiation, alicloud::as_channel_t, Args&&... args)
    {
        auto channel = std::make_shared<alicloud::detail::outcome_channel<Response>>(boost::asio::system_executor(), 1);
        return_type out(channel);
        std::forward<Initiation>(initiation)(alicloud::detail::send_once_handler<Response>(std::move(channel)),
                                             std::forward<Args>(args)...);
        return out;
    }
};

template <class Channel, class Response>
struct boost::asio::async_result<alicloud::to_channel_t<Channel>, void(alicloud::error_code, Response)> {
    using return_type = void;

    template <class Initiation, class... Args>
    static void initiate(Initiation&& initiation, alicloud::to_channel_t<Channel> token, Args&&... args)
    {
        std::forward<Initiation>(initiation)(alicloud::detail::send_to_handler<Channel>{token.channel},
                                             std::forward<Args>(args)...);
    }
};

#endif
