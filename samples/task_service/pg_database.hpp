#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_PG_DATABASE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_PG_DATABASE_HPP

// A PostgreSQL database as an sql_database: a few pg_connections on the
// service's thread (a statement waits for a free one), made again when one
// breaks, and one more connection that LISTENs. While the server is away
// every call fails at once as unavailable (at most one connection attempt
// per quarter second), so that a submission gets its 503 without waiting.

#include "pg_connection.hpp"

#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>

namespace task_service {

class pg_database final : public sql_database {
public:
    pg_database(boost::asio::any_io_executor ex, std::string conninfo, std::size_t connections);
    ~pg_database() override;

    sql_dialect dialect() const override { return sql_dialect::postgresql; }
    boost::asio::awaitable<void> connect() override;
    boost::asio::awaitable<std::vector<sql_row>> query(sql_statement s) override;
    boost::asio::awaitable<std::vector<std::vector<sql_row>>> transaction(std::vector<sql_statement> s) override;
    void listen(std::string channel, std::function<void(const std::string&)> notice) override;

private:
    // A connection taken from the pool; given back when it goes, unless the
    // pool went first (the service's loop ended with a statement in flight).
    class lease {
    public:
        lease(pg_database& db, std::size_t index) : db_(&db), alive_(db.alive_), index_(index) {}
        lease(lease&& other) noexcept;
        ~lease();
        pg_connection& operator*() const { return *db_->connections_[index_]; }

    private:
        pg_database* db_;
        std::weak_ptr<bool> alive_;
        std::size_t index_;
    };

    boost::asio::awaitable<lease> acquire();
    boost::asio::awaitable<void> reconnect(pg_connection& c);
    boost::asio::awaitable<void> listen_loop();

    boost::asio::any_io_executor ex_;
    std::string conninfo_;
    std::vector<std::unique_ptr<pg_connection>> connections_;
    std::vector<bool> busy_;
    boost::asio::steady_timer freed_; // cancelled when a connection is given back
    pg_connection listener_;
    std::string channel_;
    std::function<void(const std::string&)> notice_;
    std::chrono::steady_clock::time_point next_attempt_{};
    std::string last_failure_;
    bool closing_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace task_service

#endif
