#include "worker_pool.hpp"

#include <algorithm>

namespace alicloud::detail {

worker_pool::worker_pool() : ioc_(std::make_shared<boost::asio::io_context>()) {}

worker_pool::~worker_pool()
{
    stop();
    join();
}

boost::asio::any_io_executor worker_pool::executor() const
{
    return ioc_->get_executor();
}

void worker_pool::start(std::size_t threads)
{
    join();
    std::lock_guard lock(mutex_);
    ioc_->restart();
    guard_.emplace(ioc_->get_executor());
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        threads_.emplace_back([ioc = ioc_] { ioc->run(); });
}

void worker_pool::finish()
{
    std::lock_guard lock(mutex_);
    guard_.reset();
}

void worker_pool::stop()
{
    std::lock_guard lock(mutex_);
    guard_.reset();
    ioc_->stop();
}

void worker_pool::join()
{
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& t : threads) {
        if (t.get_id() == std::this_thread::get_id())
            t.detach();
        else
            t.join();
    }
}

bool worker_pool::running_in_this_thread() const
{
    return ioc_->get_executor().running_in_this_thread();
}

} // namespace alicloud::detail
