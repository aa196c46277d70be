#include "refreshing_provider.hpp"

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>

namespace alicloud::detail {

namespace asio = boost::asio;

refreshing_provider::refreshing_provider(std::string name, asio::any_io_executor ex, fetch_function fetch,
                                         std::chrono::seconds refresh_margin, clock_function time_source)
    : name_(std::move(name)), ex_(std::move(ex)), fetch_(std::move(fetch)), margin_(refresh_margin),
      clock_(std::move(time_source))
{
}

bool refreshing_provider::usable(clock::time_point now) const
{
    return current_ && (!current_->expiration || now < *current_->expiration);
}

bool refreshing_provider::fresh(clock::time_point now) const
{
    return current_ && (!current_->expiration || now < *current_->expiration - margin_);
}

std::optional<credentials_result> refreshing_provider::try_get() const
{
    std::lock_guard lock(mutex_);
    if (fresh(current_time()))
        return current_;
    return std::nullopt; // due for refresh, or none: async_get
}

void refreshing_provider::async_get(const asio::any_io_executor& ex, handler h)
{
    std::unique_lock lock(mutex_);
    const auto now = current_time();
    const bool may_fetch = !fetching_ && now >= next_try_;
    if (usable(now)) {
        // Still good: answer now; fetch the next ones in the background when due.
        auto result = *current_;
        if (!fresh(now) && may_fetch)
            start_fetch();
        lock.unlock();
        asio::post(ex, asio::append(std::move(h), error_code{}, std::move(result)));
        return;
    }
    if (!fetching_ && !may_fetch) { // failed recently: not again before the pause is over
        credentials_result none;
        none.why = last_failure_;
        lock.unlock();
        asio::post(ex, asio::append(std::move(h), error_code(client_errc::credentials_unavailable), std::move(none)));
        return;
    }
    waiters_.push_back({ex, std::move(h)});
    if (!fetching_)
        start_fetch();
}

bool refreshing_provider::expired(const credentials& creds)
{
    std::lock_guard lock(mutex_);
    if (current_ && current_->creds.access_key_id == creds.access_key_id)
        current_.reset(); // the next async_get fetches (once)
    return true; // fetched anew, now or by the call that reset them first
}

void refreshing_provider::start_fetch()
{
    fetching_ = true;
    // Outside the caller's lock: the fetch may complete at once.
    asio::post(ex_, [self = shared_from_this()] {
        try {
            self->fetch_([self](error_code ec, credentials_result r) { self->fetched(ec, std::move(r)); });
        } catch (const std::exception& e) {
            // Starting the fetch failed (memory exhausted): nothing was started,
            // so this is its one answer - the waiters are told, none is left.
            credentials_result none;
            none.why = std::string("could not start fetching credentials: ") + e.what();
            self->fetched(client_errc::credentials_unavailable, std::move(none));
        }
    });
}

void refreshing_provider::fetched(error_code ec, credentials_result r)
{
    std::vector<waiter> waiting;
    std::optional<credentials_result> answer;
    std::string why;
    {
        std::lock_guard lock(mutex_);
        fetching_ = false;
        const auto now = current_time();
        if (!ec && r.expiration && now >= *r.expiration) {
            // Expired on arrival (clocks disagree?): a failure, not a reason to fetch again at once.
            ec = client_errc::credentials_unavailable;
            r.why = "the credentials fetched had already expired (is the clock right?)";
        }
        if (!ec) {
            current_ = std::move(r);
            failures_ = 0;
            // Due for refresh on arrival (a margin longer than their life):
            // use them, and fetch again only after a pause, not call after call.
            next_try_ = fresh(now) ? clock::time_point{} : now + std::chrono::seconds(60);
        } else {
            // Keep what still works; try again after 1, 2, 4 ... 60 s.
            ++failures_;
            next_try_ = now + std::chrono::seconds(std::min(60u, 1u << std::min(failures_ - 1, 6u)));
            last_failure_ = name_ + ": " + (r.why.empty() ? ec.message() : r.why);
        }
        if (usable(now))
            answer = current_;
        why = last_failure_;
        waiting.swap(waiters_);
    }
    for (auto& w : waiting) {
        if (answer) {
            asio::post(w.ex, asio::append(std::move(w.h), error_code{}, *answer));
        } else {
            credentials_result none;
            none.why = why;
            asio::post(w.ex, asio::append(std::move(w.h), error_code(client_errc::credentials_unavailable), none));
        }
    }
}

} // namespace alicloud::detail
