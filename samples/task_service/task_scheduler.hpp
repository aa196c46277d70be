#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_SCHEDULER_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_SCHEDULER_HPP

// Where tasks live: at most max_running jobs run and max_queued wait; each is
// bounded by its timeout; finished ones are kept for keep_finished, then
// forgotten. Everything here runs on the service's one thread.

#include "task.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace alicloud::ecs {
class client;
}

namespace task_service {

struct scheduler_limits {
    std::size_t max_running = 4;
    std::size_t max_queued = 64;
    std::chrono::milliseconds default_timeout{300'000};
    std::chrono::milliseconds max_timeout{3'600'000};
    std::chrono::milliseconds keep_finished{600'000};
    std::size_t max_finished = 10'000; // the oldest go first beyond it
};

class task_scheduler {
public:
    task_scheduler(boost::asio::any_io_executor ex, alicloud::ecs::client& ecs, scheduler_limits limits);

    struct admission {
        enum class verdict { accepted, full, shutting_down, bad_timeout } outcome;
        const task* accepted = nullptr;
        std::string problem; // for bad_timeout
    };
    admission submit(submission s);

    // nullptr when unknown (or forgotten).
    const task* find(std::string_view id);

    // Tasks in creation order after `after` (empty: from the first), at most
    // `limit`, only those of `status` when given; `next` is where the next page starts.
    std::vector<const task*> page(std::string_view after, std::size_t limit, std::optional<task_status> status,
                                  std::string& next);

    enum class cancellation { unknown, cancelled, cancelling, already_finished };
    cancellation cancel(std::string_view id);

    // Stops taking tasks; cancels the queued ones at once and the running ones
    // once `grace` has passed; completes when none runs.
    boost::asio::awaitable<void> shutdown(std::chrono::milliseconds grace);

    std::size_t running() const { return running_; }
    std::size_t queued() // the tasks still waiting (those that ended while they waited leave the queue)
    {
        drop_ended_from_queue();
        return queue_.size();
    }
    std::size_t known() const { return tasks_.size(); }

    // Called on every change of status (the service logs them).
    std::function<void(const task&)> on_status;

private:
    void start_next();
    void drop_ended_from_queue();
    boost::asio::awaitable<void> run(std::string id);
    void finish(task& t, task_status status);
    void expire_if_overdue(task& t);
    boost::asio::awaitable<void> sweep();

    boost::asio::any_io_executor ex_;
    alicloud::ecs::client& ecs_;
    scheduler_limits limits_;
    std::map<std::string, task, std::less<>> tasks_; // ids sort in creation order
    std::deque<std::string> queue_;
    std::size_t running_ = 0;
    std::uint64_t next_number_ = 1;
    bool stopping_ = false;
    boost::asio::steady_timer idle_;  // cancelled when the last running job ends
    boost::asio::steady_timer sweep_; // when to forget finished tasks next
};

} // namespace task_service

#endif
