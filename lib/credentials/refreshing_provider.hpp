#ifndef ALICLOUD_LIB_CREDENTIALS_REFRESHING_PROVIDER_HPP
#define ALICLOUD_LIB_CREDENTIALS_REFRESHING_PROVIDER_HPP

// Credentials that expire, fetched again ahead of expiry - once, however many
// calls want them (single flight). A failed fetch keeps credentials that
// still work and is retried after a growing pause; calls that have none wait
// for the fetch in flight (each call bounds its own wait: call_driver.cpp).

#include <alicloud/credentials/provider.hpp>

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace alicloud::detail {

class refreshing_provider final : public credentials_provider,
                                  public std::enable_shared_from_this<refreshing_provider> {
public:
    // Fetches once: completes with credentials and their expiration, or an error and why.
    using fetch_function = std::function<void(handler)>;
    // What it compares expirations with and times its pauses by: wall-clock
    // time, as the services give expirations. Empty: system_clock::now.
    using clock_function = std::function<std::chrono::system_clock::time_point()>;

    refreshing_provider(std::string name, boost::asio::any_io_executor ex, fetch_function fetch,
                        std::chrono::seconds refresh_margin, clock_function time_source = {});

    std::string name() const override { return name_; }
    std::optional<credentials_result> try_get() const override;
    void async_get(const boost::asio::any_io_executor& ex, handler h) override;
    bool expired(const credentials& creds) override;

private:
    using clock = std::chrono::system_clock;
    struct waiter {
        boost::asio::any_io_executor ex;
        handler h;
    };

    clock::time_point current_time() const { return clock_ ? clock_() : clock::now(); }
    bool fresh(clock::time_point now) const;  // with the lock held: usable, not due for refresh
    bool usable(clock::time_point now) const; // with the lock held: not expired
    void start_fetch();                       // with the lock held, none in flight
    void fetched(error_code ec, credentials_result r);

    const std::string name_;
    const boost::asio::any_io_executor ex_;
    const fetch_function fetch_;
    const std::chrono::seconds margin_;
    const clock_function clock_;

    mutable std::mutex mutex_;
    std::optional<credentials_result> current_;
    bool fetching_ = false;
    std::vector<waiter> waiters_;
    unsigned failures_ = 0;
    clock::time_point next_try_{};
    std::string last_failure_;
};

} // namespace alicloud::detail

#endif
