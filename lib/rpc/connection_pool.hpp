#ifndef ALICLOUD_LIB_RPC_CONNECTION_POOL_HPP
#define ALICLOUD_LIB_RPC_CONNECTION_POOL_HPP

// Kept-alive connections to one host, at most `max` of them at once.
//
// A caller asks for a lease: an idle connection (neither expired nor closed by
// the peer), or the right to open a new one, or a place in the queue. The queue
// is a list of timers, one per waiting call, each cancelled (on the waiter's own
// strand) when a connection or a slot frees up: no thread blocks, and a waiting
// call stays cancellable and bounded by its deadline.
//
// Thread-safe: calls on several threads share a pool.

#include "connection.hpp"

#include <alicloud/client_options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>

namespace alicloud::detail {

class connection_pool {
public:
    explicit connection_pool(const pool_options& opts) : opts_(opts) {}
    ~connection_pool();

    struct lease {
        std::unique_ptr<connection> reused; // an idle connection to use
        bool may_open = false;              // or: a slot to open a new one in
    };

    // Neither field set: the pool is full; wait (see waiter) and ask again.
    lease try_acquire();

    // Gives back a connection: kept for reuse when `reusable`, closed otherwise.
    void release(std::unique_ptr<connection> c, bool reusable);
    // Gives back a slot obtained with may_open that was not used (connect failed).
    void release_slot();

    struct waiter {
        boost::asio::any_io_executor strand; // where the timer lives
        std::shared_ptr<boost::asio::steady_timer> timer;
        std::uint64_t id = 0;
    };
    // Queues a waiter; returns its id.
    std::uint64_t enqueue(waiter w);
    // Leaves the queue. A waiter that was woken but leaves without taking what
    // freed up (it timed out or was cancelled meanwhile) passes the wake-up on.
    void dequeue(std::uint64_t id);

    std::size_t open_connections() const;
    std::size_t idle_connections() const;

private:
    void wake_one_locked();
    std::chrono::steady_clock::time_point current_time() const
    {
        return opts_.clock ? opts_.clock() : std::chrono::steady_clock::now();
    }

    pool_options opts_;
    mutable std::mutex mutex_;
    std::deque<std::unique_ptr<connection>> idle_;
    std::size_t open_ = 0; // idle + leased + being opened
    std::list<waiter> waiters_;
    std::uint64_t next_waiter_ = 1;
};

} // namespace alicloud::detail

#endif
