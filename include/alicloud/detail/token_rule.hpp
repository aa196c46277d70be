#ifndef ALICLOUD_DETAIL_TOKEN_RULE_HPP
#define ALICLOUD_DETAIL_TOKEN_RULE_HPP

// The one token rule of every client (rpc_client.hpp has the table): a token
// that turns a failure into an exception - use_awaitable, use_future, also
// when wrapped in Asio's binders - is given with_diagnostics, so that what it
// throws is an error_with_diagnostics; every other token, an explicit
// asio::deferred included, sees the plain void(error_code, Response).
//
// The binders are unwrapped, the inner token adapted, and the binder put back
// around it: bind_cancellation_slot(slot, use_awaitable) becomes
// bind_cancellation_slot(slot, with_diagnostics(use_awaitable)), so the
// caller's slot, executor or allocator still reaches the handler.

#include <alicloud/with_diagnostics.hpp>

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <type_traits>
#include <utility>

namespace alicloud::detail {

// Whether a failure reaches the caller as an exception that Asio makes from
// the error_code alone.
template <class Token>
struct throws_on_error : std::false_type {};
template <class Executor>
struct throws_on_error<boost::asio::use_awaitable_t<Executor>> : std::true_type {};
template <class Allocator>
struct throws_on_error<boost::asio::use_future_t<Allocator>> : std::true_type {};
template <class Token, class Slot>
struct throws_on_error<boost::asio::cancellation_slot_binder<Token, Slot>> : throws_on_error<Token> {};
template <class Token, class Executor>
struct throws_on_error<boost::asio::executor_binder<Token, Executor>> : throws_on_error<Token> {};
template <class Token, class Allocator>
struct throws_on_error<boost::asio::allocator_binder<Token, Allocator>> : throws_on_error<Token> {};

// adapt(token) -> the token to initiate with; tokens are copied, so const and
// temporary ones work alike.
template <class Token, bool = throws_on_error<Token>::value>
struct token_adapter {
    static Token adapt(const Token& token) { return token; }
};
template <class Token>
struct token_adapter<Token, true> {
    static auto adapt(const Token& token) { return with_diagnostics(token); }
};
template <class Token, class Slot>
struct token_adapter<boost::asio::cancellation_slot_binder<Token, Slot>, true> {
    static auto adapt(const boost::asio::cancellation_slot_binder<Token, Slot>& b)
    {
        return boost::asio::bind_cancellation_slot(b.get_cancellation_slot(), token_adapter<Token>::adapt(b.get()));
    }
};
template <class Token, class Executor>
struct token_adapter<boost::asio::executor_binder<Token, Executor>, true> {
    static auto adapt(const boost::asio::executor_binder<Token, Executor>& b)
    {
        return boost::asio::bind_executor(b.get_executor(), token_adapter<Token>::adapt(b.get()));
    }
};
template <class Token, class Allocator>
struct token_adapter<boost::asio::allocator_binder<Token, Allocator>, true> {
    static auto adapt(const boost::asio::allocator_binder<Token, Allocator>& b)
    {
        return boost::asio::bind_allocator(b.get_allocator(), token_adapter<Token>::adapt(b.get()));
    }
};

// async_initiate under the token rule: the initiating function of every
// operation of every client goes through here.
template <class Signature, class Token, class Initiation, class... Args>
auto initiate_call(Initiation&& initiation, Token&& token, Args&&... args)
{
    if constexpr (throws_on_error<std::decay_t<Token>>::value) {
        auto adapted = token_adapter<std::decay_t<Token>>::adapt(token);
        return boost::asio::async_initiate<decltype(adapted), Signature>(std::forward<Initiation>(initiation), adapted,
                                                                         std::forward<Args>(args)...);
    } else {
        return boost::asio::async_initiate<Token, Signature>(std::forward<Initiation>(initiation), token,
                                                             std::forward<Args>(args)...);
    }
}

} // namespace alicloud::detail

#endif
