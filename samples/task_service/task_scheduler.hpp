#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_SCHEDULER_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_SCHEDULER_HPP

// Runs the tasks of a task store on this replica: at most max_running at
// once, claimed from the store (whichever replica took the submission), each
// bounded by its timeout. A heartbeat renews the leases of the tasks it runs
// (a replica that dies stops renewing, and another takes its tasks over once
// the lease passes); a DELETE reaches the runner through the store. Finished
// tasks are purged after keep_finished. Everything here runs on the
// service's one thread; the store's work does not block it.

#include "task_store.hpp"

#include <alicloud/core/context.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
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
    std::size_t max_queued = 64; // over every replica of the store
    std::chrono::milliseconds default_timeout{300'000};
    std::chrono::milliseconds max_timeout{3'600'000};
    std::chrono::milliseconds keep_finished{600'000};
    std::size_t max_finished = 10'000; // the oldest go first beyond it
    // How long a claimed task stays this replica's without a heartbeat (one
    // every third of it), and how often to look for tasks other replicas
    // took or left (those submitted here are claimed at once).
    std::chrono::milliseconds lease{30'000};
    std::chrono::milliseconds claim_interval{1'000};
};

class task_scheduler {
public:
    // `replica`: this replica's name in the store (who holds a task).
    task_scheduler(boost::asio::any_io_executor ex, alicloud::ecs::client& ecs, task_store& store,
                   scheduler_limits limits, std::string replica);

    // Starts claiming tasks, the heartbeat and the purge.
    void start();

    struct admission {
        enum class verdict { accepted, full, shutting_down, bad_timeout, store_failed } outcome;
        std::optional<task> accepted;
        std::string problem;           // bad_timeout, store_failed
        bool store_unavailable = false; // store_failed: for now (503) or for good
    };
    // Durable once accepted: the store has the task before this returns.
    boost::asio::awaitable<admission> submit(submission s);

    // The next two throw store_error.
    boost::asio::awaitable<std::optional<task>> find(std::string id);
    // `next` is where the next page starts (empty: none).
    boost::asio::awaitable<std::vector<task>> page(std::string after, std::size_t limit,
                                                   std::optional<task_status> status, std::string& next);
    // Throws store_error. A running task ends through its runner, here or on
    // another replica.
    boost::asio::awaitable<cancel_outcome> cancel(std::string id);

    // Stops claiming; running jobs get `grace`, then are interrupted. A
    // durable store keeps queued tasks queued and gets interrupted ones back
    // in the queue (the next replica or restart runs them, with the same
    // ClientToken); the memory store ends them cancelled. Completes when
    // none runs.
    boost::asio::awaitable<void> shutdown(std::chrono::milliseconds grace);

    std::size_t running() const { return running_.size(); }
    std::size_t max_queued() const { return limits_.max_queued; }

    // Called on every change of status this replica makes (the service logs them).
    std::function<void(const task&)> on_status;

private:
    struct local_run {
        alicloud::cancel_function cancel;
        std::string cancel_reason;
        std::uint64_t claimed_in = 0; // the claim pass it came from, counted as it committed
        bool taken_over = false;      // another replica holds it now: record nothing
        bool ending = false;          // its end is being recorded: no longer renewed
    };

    boost::asio::awaitable<void> claim_loop();
    boost::asio::awaitable<void> heartbeat_loop();
    boost::asio::awaitable<void> purge_loop();
    boost::asio::awaitable<void> run(task t);
    boost::asio::awaitable<void> record_end(task t, bool back_to_queue);
    void interrupt(const std::string& id, std::string reason);
    void wake_claimer();
    void report(const task& t);
    void store_failed(const char* doing, const store_error& e);

    boost::asio::any_io_executor ex_;
    alicloud::ecs::client& ecs_;
    task_store& store_;
    scheduler_limits limits_;
    std::string replica_;
    std::map<std::string, local_run, std::less<>> running_;
    std::uint64_t next_number_ = 1;
    std::uint64_t claim_passes_ = 0;
    bool stopping_ = false;
    bool claim_wanted_ = false;
    bool store_down_ = false; // logged once per outage
    boost::asio::steady_timer claim_timer_;
    boost::asio::steady_timer heartbeat_timer_;
    boost::asio::steady_timer purge_timer_;
    boost::asio::steady_timer idle_; // cancelled when the last running job ends
};

} // namespace task_service

#endif
