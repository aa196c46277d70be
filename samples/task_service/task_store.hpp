#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_STORE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_STORE_HPP

// Where tasks are kept, behind one interface: in memory (one process, lost
// on exit), SQLite (one replica, durable) or PostgreSQL (several replicas).
// The scheduler asks; every change of a task is one call here, made before
// anyone is told of it (a 202 follows the insert).
//
// Every operation is a coroutine on the caller's executor and never blocks
// it: the SQL stores do their work on a thread of their own (SQLite) or on
// a nonblocking socket (PostgreSQL). A failure throws store_error.

#include "task.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace task_service {

// `unavailable`: the database cannot be reached now (a new submission gets
// 503 and the caller may try again later); otherwise it refused what it was
// asked (corrupt, read-only, a bug).
class store_error : public std::runtime_error {
public:
    store_error(const std::string& what, bool unavailable) : std::runtime_error(what), unavailable_(unavailable) {}
    bool unavailable() const noexcept { return unavailable_; }

private:
    bool unavailable_;
};

enum class cancellation { unknown, cancelled, cancelling, already_finished };

struct cancel_outcome {
    cancellation outcome = cancellation::unknown;
    std::optional<task> now; // the task after the DELETE, when known
};

// A task this replica holds, as its heartbeat found it.
struct held_task {
    std::string id;
    bool cancel_requested = false;
};

class task_store {
public:
    virtual ~task_store() = default;

    // Whether tasks outlive the process (the scheduler leaves queued tasks
    // queued at shutdown, for the next replica, instead of cancelling them).
    virtual bool durable() const = 0;

    // Creates or migrates the schema; throws store_error naming what failed.
    virtual boost::asio::awaitable<void> open() = 0;

    // Adds `t` (queued) unless `queue_limit` tasks already wait, counted over
    // every replica sharing the store; false when full.
    virtual boost::asio::awaitable<bool> insert(task t, std::size_t queue_limit) = 0;

    // Queued tasks past their deadline become timed_out first, so that a
    // reader never sees a task waiting beyond it.
    virtual boost::asio::awaitable<std::optional<task>> find(std::string id, time_point now) = 0;

    // At most `limit` tasks in id order after `after` (empty: from the first),
    // only those of `status` when given; `more` says whether others follow.
    virtual boost::asio::awaitable<std::vector<task>> page(std::string after, std::size_t limit,
                                                           std::optional<task_status> status, time_point now,
                                                           bool& more) = 0;

    // Takes up to `n` tasks for `owner` until `lease_until`: the oldest
    // queued, and running ones whose runner's lease has passed (it died);
    // rows another replica is claiming at the same moment are skipped.
    virtual boost::asio::awaitable<std::vector<task>> claim(std::string owner, std::size_t n, time_point now,
                                                            time_point lease_until) = 0;

    // The heartbeat: extends the lease of the tasks `ids` that `owner` runs;
    // those it still holds (one missing was taken over while this replica
    // could not renew it). Only those named: a task this replica gave up
    // must not stay leased to it.
    virtual boost::asio::awaitable<std::vector<held_task>> renew(std::string owner, std::vector<std::string> ids,
                                                                 time_point lease_until) = 0;

    // Records the end of a task `owner` ran: status, finished_at, result and
    // error from `t`. False when `owner` no longer holds it.
    virtual boost::asio::awaitable<bool> finish(task t, std::string owner) = 0;

    // Puts a task `owner` holds back in the queue (a shutdown interrupted it),
    // keeping its ClientToken for the next run.
    virtual boost::asio::awaitable<bool> release(std::string id, std::string owner) = 0;

    // DELETE: a queued task ends cancelled at once; a running one is marked,
    // and its runner told through on_cancel_requested (on whichever replica).
    virtual boost::asio::awaitable<cancel_outcome> cancel(std::string id, time_point now) = 0;

    // Forgets tasks finished at or before `cutoff`, and the oldest finished
    // beyond `max_finished`; how many went.
    virtual boost::asio::awaitable<std::size_t> purge(time_point cutoff, std::size_t max_finished) = 0;

    // Ends every queued task as cancelled with `why` (a shutdown of a store
    // that does not outlive the process); those it ended.
    virtual boost::asio::awaitable<std::vector<task>> cancel_queued(std::string why, time_point now) = 0;

    // Told of a cancel requested by any replica, with the task's id. A store
    // shared by several replicas listens for them (PostgreSQL: LISTEN); the
    // others call it from cancel() itself.
    std::function<void(const std::string&)> on_cancel_requested;
};

} // namespace task_service

#endif
