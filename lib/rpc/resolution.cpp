#include "resolution.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <optional>

namespace alicloud::detail {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// What the resolver and the waiting coroutine share; touched only on the
// coroutine's executor.
struct pending_resolve {
    explicit pending_resolve(const asio::any_io_executor& ex) : signal(ex) {}
    asio::steady_timer signal;
    std::optional<tcp::resolver> resolver; // the system's; none with a hook
    resolution answer;

    void complete(error_code e, std::vector<tcp::endpoint> found)
    {
        if (answer.done)
            return;
        answer.done = true;
        answer.ec = e;
        answer.endpoints = std::move(found);
        signal.cancel();
    }
};

} // namespace

asio::awaitable<resolution> resolve(const std::string& host, std::uint16_t port,
                                    std::chrono::steady_clock::time_point deadline,
                                    const decltype(client_options::resolve)& hook)
{
    error_code not_literal;
    const auto address = asio::ip::make_address(host, not_literal);
    if (!not_literal)
        co_return resolution{.done = true, .literal = true, .ec = {}, .endpoints = {tcp::endpoint(address, port)}};

    auto ex = co_await asio::this_coro::executor;
    auto st = std::make_shared<pending_resolve>(ex);
    st->signal.expires_at(deadline);
    if (hook) {
        hook(host, [st, ex, port](error_code ec, std::vector<std::string> addresses) {
            std::vector<tcp::endpoint> found;
            for (const auto& text : addresses) {
                error_code bad;
                const auto a = asio::ip::make_address(text, bad);
                if (!bad)
                    found.emplace_back(a, port);
            }
            if (!ec && found.empty())
                ec = asio::error::host_not_found;
            asio::post(ex, [st, ec, found = std::move(found)]() mutable { st->complete(ec, std::move(found)); });
        });
    } else {
        st->resolver.emplace(ex);
        st->resolver->async_resolve(
            host, std::to_string(port),
            asio::bind_executor(ex, [st](error_code ec, const tcp::resolver::results_type& results) {
                std::vector<tcp::endpoint> found;
                for (const auto& r : results)
                    found.push_back(r.endpoint());
                st->complete(ec, std::move(found));
            }));
    }
    if (!st->answer.done)
        co_await st->signal.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!st->answer.done && st->resolver)
        st->resolver->cancel(); // the answer, whenever it comes, lands in `st` and is dropped with it
    co_return st->answer;
}

} // namespace alicloud::detail
