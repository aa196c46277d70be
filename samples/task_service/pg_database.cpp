#include "pg_database.hpp"

#include "task_store.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>

namespace task_service {

namespace asio = boost::asio;
using namespace std::chrono_literals;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr auto connect_timeout = 5s;
constexpr auto statement_timeout = 15s;
constexpr auto retry_after = 250ms;

pg_database::lease::lease(lease&& other) noexcept
    : db_(other.db_), alive_(std::move(other.alive_)), index_(other.index_)
{
    other.db_ = nullptr;
}

pg_database::lease::~lease()
{
    if (db_ == nullptr || alive_.expired())
        return;
    db_->busy_[index_] = false;
    db_->freed_.cancel();
}

pg_database::pg_database(asio::any_io_executor ex, std::string conninfo, std::size_t connections)
    : ex_(ex), conninfo_(std::move(conninfo)), freed_(ex), listener_(ex)
{
    for (std::size_t i = 0; i < std::max<std::size_t>(connections, 1); ++i)
        connections_.push_back(std::make_unique<pg_connection>(ex));
    busy_.assign(connections_.size(), false);
    freed_.expires_at(asio::steady_timer::time_point::max());
}

pg_database::~pg_database()
{
    closing_ = true;
    listener_.close();
}

asio::awaitable<void> pg_database::reconnect(pg_connection& c)
{
    // While the server is away, fail at once instead of trying on every call.
    if (std::chrono::steady_clock::now() < next_attempt_)
        throw store_error("PostgreSQL: unreachable (" + last_failure_ + ")", true);
    try {
        co_await c.connect(conninfo_, connect_timeout);
    } catch (const store_error& e) {
        last_failure_ = e.what();
        next_attempt_ = std::chrono::steady_clock::now() + retry_after;
        throw;
    }
}

asio::awaitable<pg_database::lease> pg_database::acquire()
{
    for (;;) {
        for (std::size_t i = 0; i < connections_.size(); ++i)
            if (!busy_[i]) {
                busy_[i] = true;
                lease taken(*this, i);
                if (!connections_[i]->usable())
                    co_await reconnect(*connections_[i]); // the lease gives it back if this throws
                co_return taken;
            }
        co_await freed_.async_wait(nothrow); // every waiter wakes; the first ones find a free connection
    }
}

asio::awaitable<void> pg_database::connect()
{
    auto first = co_await acquire();
    if (!channel_.empty())
        asio::co_spawn(ex_, listen_loop(), asio::detached);
}

asio::awaitable<std::vector<sql_row>> pg_database::query(sql_statement s)
{
    auto c = co_await acquire();
    auto rows = co_await (*c).exec(s, statement_timeout);
    co_return rows;
}

asio::awaitable<std::vector<std::vector<sql_row>>> pg_database::transaction(std::vector<sql_statement> s)
{
    auto c = co_await acquire();
    std::vector<std::vector<sql_row>> results;
    std::optional<store_error> failed;
    try {
        const sql_statement begin{"BEGIN", {}};
        co_await (*c).exec(begin, statement_timeout);
        for (const auto& statement : s) {
            auto rows = co_await (*c).exec(statement, statement_timeout);
            results.push_back(std::move(rows));
        }
        const sql_statement commit{"COMMIT", {}};
        co_await (*c).exec(commit, statement_timeout);
    } catch (const store_error& e) {
        failed = e;
    }
    if (!failed)
        co_return results;
    if ((*c).connected()) {
        try {
            const sql_statement rollback{"ROLLBACK", {}};
            co_await (*c).exec(rollback, statement_timeout);
        } catch (const store_error&) {
            (*c).close(); // in an unknown state: made anew next time
        }
    }
    throw *failed;
}

void pg_database::listen(std::string channel, std::function<void(const std::string&)> notice)
{
    channel_ = std::move(channel);
    notice_ = std::move(notice);
}

// Notifications are lost while the listener is away; the scheduler's
// heartbeat finds the cancels it missed (cancel_requested) within a third
// of a lease.
asio::awaitable<void> pg_database::listen_loop()
{
    const std::weak_ptr<bool> alive = alive_;
    asio::steady_timer pause(ex_);
    bool was_down = false;
    while (!alive.expired() && !closing_) {
        std::optional<store_error> failed;
        try {
            if (!listener_.connected()) {
                co_await listener_.connect(conninfo_, connect_timeout);
                const sql_statement listen{"LISTEN " + channel_, {}};
                co_await listener_.exec(listen, statement_timeout);
                if (was_down)
                    std::cerr << "task store: listening for cancels again\n";
                was_down = false;
            }
            auto payloads = co_await listener_.notifications();
            if (alive.expired() || closing_)
                co_return;
            for (const auto& p : payloads)
                notice_(p);
        } catch (const store_error& e) {
            failed = e;
        }
        if (!failed)
            continue;
        if (alive.expired() || closing_)
            co_return;
        if (!was_down)
            std::cerr << "task store: listening for cancels failed: " << failed->what() << "; trying again\n";
        was_down = true;
        pause.expires_after(500ms);
        co_await pause.async_wait(nothrow);
    }
}

} // namespace task_service
