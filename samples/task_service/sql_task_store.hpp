#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_SQL_TASK_STORE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_SQL_TASK_STORE_HPP

// The task store in an SQL database (SQLite or PostgreSQL): one table of
// tasks, its schema created and migrated here (schema_version holds the
// versions applied), and every operation one statement or one short
// transaction, so that replicas sharing the database agree without talking
// to each other. Times are integer milliseconds since the epoch, as the
// replicas' clocks say (leases assume they agree within a lease's length).

#include "sql_database.hpp"
#include "task_store.hpp"

#include <memory>

namespace task_service {

class sql_task_store final : public task_store {
public:
    explicit sql_task_store(std::unique_ptr<sql_database> db);

    bool durable() const override { return true; }
    boost::asio::awaitable<void> open() override;
    boost::asio::awaitable<bool> insert(task t, std::size_t queue_limit) override;
    boost::asio::awaitable<std::optional<task>> find(std::string id, time_point now) override;
    boost::asio::awaitable<std::vector<task>> page(std::string after, std::size_t limit,
                                                   std::optional<task_status> status, time_point now,
                                                   bool& more) override;
    boost::asio::awaitable<std::vector<task>> claim(std::string owner, std::size_t n, time_point now,
                                                    time_point lease_until) override;
    boost::asio::awaitable<std::vector<held_task>> renew(std::string owner, std::vector<std::string> ids,
                                                         time_point lease_until) override;
    boost::asio::awaitable<bool> finish(task t, std::string owner) override;
    boost::asio::awaitable<bool> release(std::string id, std::string owner) override;
    boost::asio::awaitable<cancel_outcome> cancel(std::string id, time_point now) override;
    boost::asio::awaitable<std::size_t> purge(time_point cutoff, std::size_t max_finished) override;
    boost::asio::awaitable<std::vector<task>> cancel_queued(std::string why, time_point now) override;

    // The schema version this build writes.
    static int latest_schema_version();

private:
    boost::asio::awaitable<int> schema_version();
    bool postgresql() const { return db_->dialect() == sql_dialect::postgresql; }

    std::unique_ptr<sql_database> db_;
};

} // namespace task_service

#endif
