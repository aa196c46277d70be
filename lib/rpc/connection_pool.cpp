#include "connection_pool.hpp"

#include <boost/asio/post.hpp>

namespace alicloud::detail {
namespace {
constexpr std::chrono::milliseconds probe_after{1000};
}

connection_pool::~connection_pool()
{
    for (auto& c : idle_)
        c->close();
}

connection_pool::lease connection_pool::try_acquire()
{
    std::vector<std::unique_ptr<connection>> stale;
    lease out;
    {
        std::lock_guard lock(mutex_);
        const auto now = current_time();
        // Most recently used first: the likeliest to be alive, and it lets the
        // least used ones age out.
        while (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            // The peek for a FIN costs a system call; a connection used moments ago
            // skips it, and if the server did close it, the call's one retry on a
            // fresh connection (nothing reached the server) covers that.
            const auto idle = now - c->idle_since;
            if (idle >= opts_.idle_timeout || (idle >= probe_after && c->closed_by_peer())) {
                --open_;
                stale.push_back(std::move(c));
                continue;
            }
            out.reused = std::move(c);
            break;
        }
        if (!out.reused && open_ < opts_.max_connections_per_host) {
            ++open_;
            out.may_open = true;
        }
    }
    for (auto& c : stale)
        c->close();
    return out;
}

void connection_pool::release(std::unique_ptr<connection> c, bool reusable)
{
    if (!reusable)
        c->close();
    std::lock_guard lock(mutex_);
    if (reusable) {
        c->idle_since = current_time();
        idle_.push_back(std::move(c));
    } else {
        --open_;
    }
    wake_one_locked();
}

void connection_pool::release_slot()
{
    std::lock_guard lock(mutex_);
    --open_;
    wake_one_locked();
}

void connection_pool::wake_one_locked()
{
    if (waiters_.empty())
        return;
    auto w = std::move(waiters_.front());
    waiters_.pop_front();
    // The timer belongs to the waiter's strand; cancelling it there wakes it.
    boost::asio::post(w.strand, [timer = std::move(w.timer)] { timer->cancel(); });
}

std::uint64_t connection_pool::enqueue(waiter w)
{
    std::lock_guard lock(mutex_);
    w.id = next_waiter_++;
    waiters_.push_back(std::move(w));
    return waiters_.back().id;
}

void connection_pool::dequeue(std::uint64_t id)
{
    std::lock_guard lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end(); ++it)
        if (it->id == id) {
            waiters_.erase(it);
            return;
        }
    wake_one_locked(); // it was woken: hand the wake-up to the next in line
}

std::size_t connection_pool::open_connections() const
{
    std::lock_guard lock(mutex_);
    return open_;
}

std::size_t connection_pool::idle_connections() const
{
    std::lock_guard lock(mutex_);
    return idle_.size();
}

} // namespace alicloud::detail
