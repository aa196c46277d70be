#include "resolution.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>

namespace alicloud::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::optional<tcp::endpoint> literal_endpoint(const std::string& host, std::uint16_t port)
{
    error_code not_literal;
    const auto address = asio::ip::make_address(host, not_literal);
    if (not_literal)
        return std::nullopt;
    return tcp::endpoint(address, port);
}

void start_resolve(const std::string& host, std::uint16_t port, const decltype(client_options::resolve)& hook,
                   const asio::any_io_executor& ex, resolved_handler done)
{
    if (hook) {
        // The hook may answer on any thread, or inside this call: the answer is
        // posted, never run here.
        hook(host, [ex, port, done = std::move(done)](error_code ec, std::vector<std::string> addresses) mutable {
            std::vector<tcp::endpoint> found;
            for (const auto& text : addresses) {
                error_code bad;
                const auto a = asio::ip::make_address(text, bad);
                if (!bad)
                    found.emplace_back(a, port);
            }
            if (!ec && found.empty())
                ec = asio::error::host_not_found;
            asio::post(ex, [ec, found = std::move(found), done = std::move(done)]() mutable { done(ec, std::move(found)); });
        });
        return;
    }
    auto resolver = std::make_shared<tcp::resolver>(ex);
    resolver->async_resolve(host, std::to_string(port),
                            asio::bind_executor(ex, [resolver, done = std::move(done)](
                                                        error_code ec, const tcp::resolver::results_type& results) {
                                std::vector<tcp::endpoint> found;
                                for (const auto& r : results)
                                    found.push_back(r.endpoint());
                                done(ec, std::move(found));
                            }));
}

asio::awaitable<resolution> resolve(const std::string& host, std::uint16_t port,
                                    std::chrono::steady_clock::time_point deadline,
                                    const decltype(client_options::resolve)& hook)
{
    if (auto literal = literal_endpoint(host, port))
        co_return resolution{.done = true, .literal = true, .ec = {}, .endpoints = {*literal}};
    // What the answer and the waiting coroutine share; touched only on its executor.
    struct pending {
        explicit pending(const asio::any_io_executor& ex) : signal(ex) {}
        asio::steady_timer signal;
        resolution answer;
    };
    auto ex = co_await asio::this_coro::executor;
    auto st = std::make_shared<pending>(ex);
    st->signal.expires_at(deadline);
    start_resolve(host, port, hook, ex, [st](error_code ec, std::vector<tcp::endpoint> found) {
        st->answer = {.done = true, .literal = false, .ec = ec, .endpoints = std::move(found)};
        st->signal.cancel();
    });
    if (!st->answer.done)
        co_await st->signal.async_wait(asio::as_tuple(asio::use_awaitable));
    resolution out = st->answer;
    co_return out;
}

} // namespace alicloud::detail
