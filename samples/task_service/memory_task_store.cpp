#include "memory_task_store.hpp"

#include "task_outcomes.hpp"

#include <algorithm>

namespace task_service {

namespace asio = boost::asio;

void memory_task_store::expire_if_overdue(task& t, time_point now)
{
    if (t.status == task_status::queued && t.deadline() <= now) {
        end_unstarted(t, task_status::timed_out, timed_out_waiting(t), now);
        --queued_;
    }
}

asio::awaitable<void> memory_task_store::open()
{
    co_return;
}

asio::awaitable<bool> memory_task_store::insert(task t, std::size_t queue_limit)
{
    if (queued_ >= queue_limit)
        co_return false;
    const std::string id = t.id;
    tasks_.emplace(id, std::move(t));
    ++queued_;
    co_return true;
}

asio::awaitable<std::optional<task>> memory_task_store::find(std::string id, time_point now)
{
    const auto it = tasks_.find(id);
    if (it == tasks_.end())
        co_return std::nullopt;
    expire_if_overdue(it->second, now);
    co_return it->second;
}

asio::awaitable<std::vector<task>> memory_task_store::page(std::string after, std::size_t limit,
                                                           std::optional<task_status> status, time_point now,
                                                           bool& more)
{
    std::vector<task> out;
    more = false;
    for (auto it = after.empty() ? tasks_.begin() : tasks_.upper_bound(after); it != tasks_.end(); ++it) {
        expire_if_overdue(it->second, now);
        if (status && it->second.status != *status)
            continue;
        if (out.size() == limit) {
            more = true;
            break;
        }
        out.push_back(it->second);
    }
    co_return out;
}

asio::awaitable<std::vector<task>> memory_task_store::claim(std::string owner, std::size_t n, time_point now,
                                                            time_point lease_until)
{
    std::vector<task> out;
    for (auto it = tasks_.begin(); it != tasks_.end() && out.size() < n; ++it) {
        task& t = it->second;
        expire_if_overdue(t, now);
        const bool lapsed = t.status == task_status::running && t.lease_until && *t.lease_until < now;
        if (t.status != task_status::queued && !lapsed)
            continue;
        if (t.status == task_status::queued)
            --queued_;
        t.status = task_status::running;
        if (!t.started_at)
            t.started_at = now;
        t.owner = owner;
        t.lease_until = lease_until;
        ++t.attempts;
        out.push_back(t);
    }
    co_return out;
}

asio::awaitable<std::vector<held_task>> memory_task_store::renew(std::string owner, std::vector<std::string> ids,
                                                                 time_point lease_until)
{
    std::vector<held_task> held;
    for (const auto& id : ids)
        if (const auto it = tasks_.find(id);
            it != tasks_.end() && it->second.status == task_status::running && it->second.owner == owner) {
            it->second.lease_until = lease_until;
            held.push_back({id, it->second.cancel_requested});
        }
    co_return held;
}

asio::awaitable<bool> memory_task_store::finish(task done, std::string owner)
{
    const auto it = tasks_.find(done.id);
    if (it == tasks_.end() || it->second.status != task_status::running || it->second.owner != owner)
        co_return false;
    task& t = it->second;
    t.status = done.status;
    t.finished_at = done.finished_at;
    t.result = std::move(done.result);
    t.error = std::move(done.error);
    t.owner.clear();
    t.lease_until.reset();
    co_return true;
}

asio::awaitable<bool> memory_task_store::release(std::string id, std::string owner)
{
    const auto it = tasks_.find(id);
    if (it == tasks_.end() || it->second.status != task_status::running || it->second.owner != owner)
        co_return false;
    it->second.status = task_status::queued;
    it->second.owner.clear();
    it->second.lease_until.reset();
    ++queued_;
    co_return true;
}

asio::awaitable<cancel_outcome> memory_task_store::cancel(std::string id, time_point now)
{
    const auto it = tasks_.find(id);
    if (it == tasks_.end())
        co_return cancel_outcome{};
    task& t = it->second;
    expire_if_overdue(t, now);
    if (is_finished(t.status))
        co_return cancel_outcome{cancellation::already_finished, t};
    if (t.status == task_status::queued) {
        end_unstarted(t, task_status::cancelled, cancelled_waiting(), now);
        --queued_;
        co_return cancel_outcome{cancellation::cancelled, t};
    }
    t.cancel_requested = true;
    if (on_cancel_requested)
        on_cancel_requested(id);
    co_return cancel_outcome{cancellation::cancelling, t};
}

asio::awaitable<std::size_t> memory_task_store::purge(time_point cutoff, std::size_t max_finished)
{
    std::size_t gone = 0, finished = 0;
    for (auto it = tasks_.begin(); it != tasks_.end();) {
        const auto& t = it->second;
        if (t.finished_at && *t.finished_at <= cutoff) {
            it = tasks_.erase(it);
            ++gone;
            continue;
        }
        if (t.finished_at)
            ++finished;
        ++it;
    }
    // Beyond the cap, the oldest finished go first (ids sort by creation).
    for (auto it = tasks_.begin(); finished > max_finished && it != tasks_.end();) {
        if (it->second.finished_at) {
            it = tasks_.erase(it);
            --finished;
            ++gone;
        } else {
            ++it;
        }
    }
    co_return gone;
}

asio::awaitable<std::vector<task>> memory_task_store::cancel_queued(std::string why, time_point now)
{
    std::vector<task> ended;
    for (auto& [id, t] : tasks_)
        if (t.status == task_status::queued) {
            end_unstarted(t, task_status::cancelled, task_error{"Cancelled", why, ""}, now);
            --queued_;
            ended.push_back(t);
        }
    co_return ended;
}

} // namespace task_service
