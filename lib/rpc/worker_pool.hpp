#ifndef ALICLOUD_LIB_RPC_WORKER_POOL_HPP
#define ALICLOUD_LIB_RPC_WORKER_POOL_HPP

// The threads of a client made without an executor (the Go SDK's goroutine
// pool): one io_context, run by N threads between enable_async and shutdown.
// The io_context outlives any one run, so the client's executor never changes.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace alicloud::detail {

class worker_pool {
public:
    worker_pool();
    ~worker_pool();

    boost::asio::any_io_executor executor() const;

    // Joins the threads of an earlier run, then starts `threads` new ones.
    void start(std::size_t threads);
    // Lets the threads return once the work queued on them is done (from any
    // thread, theirs included): what a drained client posts still runs.
    void finish();
    // Makes them return now, abandoning queued work (the destructor's last resort).
    void stop();
    // Waits for the threads to return; the calling thread, if it is one of
    // them, is detached instead (it returns as soon as its handler does).
    void join();

    bool running_in_this_thread() const;

private:
    // Shared with every thread, so that the last to leave run() may be the one
    // that destroys it, never while run() is on its stack.
    std::shared_ptr<boost::asio::io_context> ioc_;
    mutable std::mutex mutex_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard_;
    std::vector<std::thread> threads_;
};

} // namespace alicloud::detail

#endif
