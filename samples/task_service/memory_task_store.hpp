#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_MEMORY_TASK_STORE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_MEMORY_TASK_STORE_HPP

// The task store of one process, in its memory: nothing survives it. For
// tests, and for a service that needs no durability. Runs on the service's
// thread; every operation completes without waiting.

#include "task_store.hpp"

#include <map>

namespace task_service {

class memory_task_store final : public task_store {
public:
    bool durable() const override { return false; }
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

private:
    void expire_if_overdue(task& t, time_point now);

    std::map<std::string, task, std::less<>> tasks_; // ids sort in creation order
    std::size_t queued_ = 0;
};

} // namespace task_service

#endif
