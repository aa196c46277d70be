#ifndef ALICLOUD_WITH_DIAGNOSTICS_HPP
#define ALICLOUD_WITH_DIAGNOSTICS_HPP

// A completion token adapter: an operation completing with
// void(error_code, Response), where Response carries `diag`, completes the
// adapted token with void(std::exception_ptr, Response) instead, the exception
// being an error_with_diagnostics that carries the service's Code, Message,
// RequestId... So a coroutine, or a future, sees the whole story when it
// catches:
//
//     try { co_await client.describe_instances(req, with_diagnostics(asio::deferred)); }
//     catch (const alicloud::error_with_diagnostics& e) { e.get_diagnostics().server.code ... }
//
// Every client applies it by itself where Asio would throw a bare
// system_error (use_awaitable, use_future, also inside Asio's binders) and to
// its default token, default_completion_token_t; see the token table in
// rpc_client.hpp.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/detail/forwarding_associator.hpp>

#include <boost/asio/associator.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>

#include <exception>
#include <type_traits>
#include <utility>

namespace alicloud {

template <class Token>
struct with_diagnostics_t {
    Token token{};
};

template <class Token>
with_diagnostics_t<std::decay_t<Token>> with_diagnostics(Token&& token)
{
    return {std::forward<Token>(token)};
}

// The default token of every operation: asio::deferred, with a failure thrown
// as error_with_diagnostics when awaited (`co_await client.op(req)`). An
// explicit asio::deferred is Asio's own: void(error_code, Response).
using default_completion_token_t = with_diagnostics_t<boost::asio::deferred_t>;

namespace detail {

// Turns (ec, response) into (exception_ptr, response) for the wrapped handler.
template <class Handler>
struct diagnostics_handler {
    Handler handler{};

    template <class Response>
    void operator()(error_code ec, Response response)
    {
        std::exception_ptr e;
        if (ec)
            e = std::make_exception_ptr(error_with_diagnostics(ec, response.diag));
        std::move(handler)(e, std::move(response));
    }
};

// Asio's binders (bind_cancellation_slot...) around a with_diagnostics token
// ask for the return type of what they wrap; it is the wrapped token's.
template <class Inner, class = void>
struct with_diagnostics_return_type {};
template <class Inner>
struct with_diagnostics_return_type<Inner, std::void_t<typename Inner::return_type>> {
    using return_type = typename Inner::return_type;
};

} // namespace detail
} // namespace alicloud

namespace boost::asio {

// The adapter is transparent to the executor, allocator and cancellation slot
// of the handler it wraps.
template <template <class, class> class Associator, class Handler, class DefaultCandidate>
struct associator<Associator, alicloud::detail::diagnostics_handler<Handler>, DefaultCandidate>
    : alicloud::detail::forwarding_associator<Associator, alicloud::detail::diagnostics_handler<Handler>, Handler,
                                              DefaultCandidate> {};

template <class Token, class Response>
struct async_result<alicloud::with_diagnostics_t<Token>, void(alicloud::error_code, Response)>
    : alicloud::detail::with_diagnostics_return_type<async_result<Token, void(std::exception_ptr, Response)>> {
    template <class Initiation, class RawToken, class... Args>
    static auto initiate(Initiation&& initiation, RawToken&& token, Args&&... args)
    {
        return async_initiate<Token, void(std::exception_ptr, Response)>(
            [init = std::forward<Initiation>(initiation)](auto handler, auto&&... a) mutable {
                std::move(init)(alicloud::detail::diagnostics_handler<decltype(handler)>{std::move(handler)},
                                std::forward<decltype(a)>(a)...);
            },
            token.token, std::forward<Args>(args)...); // async_initiate wants the token as an lvalue
    }
};

} // namespace boost::asio

#endif
