#include "task_scheduler.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdio>
#include <random>

namespace task_service {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using clock_type = std::chrono::system_clock;

task_scheduler::task_scheduler(asio::any_io_executor ex, alicloud::ecs::client& ecs, scheduler_limits limits)
    : ex_(ex), ecs_(ecs), limits_(limits), idle_(ex), sweep_(ex)
{
    asio::co_spawn(ex_, sweep(), asio::detached);
}

task_scheduler::admission task_scheduler::submit(submission s)
{
    if (stopping_)
        return {admission::verdict::shutting_down};
    const auto timeout = s.timeout.value_or(limits_.default_timeout);
    if (timeout > limits_.max_timeout)
        return {admission::verdict::bad_timeout, nullptr,
                "'timeout_ms' must be at most " + std::to_string(limits_.max_timeout.count())};
    if (queue_.size() >= limits_.max_queued)
        drop_ended_from_queue(); // a place taken by a task that ended while it waited is free
    const bool start_now = running_ < limits_.max_running && queue_.empty();
    if (!start_now && queue_.size() >= limits_.max_queued)
        return {admission::verdict::full};

    // A sequence number first, so that ids sort in creation order; a random
    // part, so that they are not guessed.
    static thread_local std::mt19937 random{std::random_device{}()};
    char id[32];
    std::snprintf(id, sizeof id, "t-%010llx-%08x", static_cast<unsigned long long>(next_number_++),
                  static_cast<unsigned>(random()));
    task& t = tasks_[id];
    t.id = id;
    t.job = std::move(s.job);
    t.created_at = clock_type::now();
    t.timeout = timeout;
    auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, timeout);
    t.ctx = std::move(ctx);
    t.cancel = std::move(cancel);
    if (on_status)
        on_status(t);
    queue_.push_back(t.id);
    start_next(); // starts it at once when a slot is free
    return {admission::verdict::accepted, &t};
}

void task_scheduler::drop_ended_from_queue()
{
    std::erase_if(queue_, [&](const std::string& id) {
        const auto it = tasks_.find(id);
        if (it == tasks_.end())
            return true;
        expire_if_overdue(it->second);
        return it->second.status != task_status::queued;
    });
}

void task_scheduler::start_next()
{
    while (!stopping_ && running_ < limits_.max_running && !queue_.empty()) {
        const std::string id = std::move(queue_.front());
        queue_.pop_front();
        const auto it = tasks_.find(id);
        if (it == tasks_.end())
            continue;
        task& t = it->second;
        expire_if_overdue(t);
        if (t.status != task_status::queued) // cancelled or timed out while it waited
            continue;
        t.status = task_status::running;
        t.started_at = clock_type::now();
        ++running_;
        if (on_status)
            on_status(t);
        asio::co_spawn(ex_, run(id), asio::detached);
    }
}

asio::awaitable<void> task_scheduler::run(std::string id)
{
    task* t = &tasks_.at(id); // running tasks are never forgotten
    job_outcome outcome;
    try {
        outcome = co_await run_job(ecs_, t->job, t->ctx);
    } catch (const std::exception& e) {
        outcome.ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
        outcome.diag.client_message = std::string("internal error: ") + e.what();
    }
    t = &tasks_.at(id);
    t->result = std::move(outcome.result);
    task_status status = task_status::succeeded;
    if (outcome.ec) {
        const auto why = t->ctx.err();
        const auto& server = outcome.diag.server;
        if (why == alicloud::client_errc::timeout) {
            status = task_status::timed_out;
            t->error = task_error{"Timeout", "the job's timeout (" + std::to_string(t->timeout.count()) + " ms) passed",
                                  server.request_id};
        } else if (why) {
            status = task_status::cancelled;
            t->error = task_error{"Cancelled", t->cancel_reason, server.request_id};
        } else {
            status = task_status::failed;
            const std::string text = outcome.diag.to_string();
            t->error = task_error{server.code.empty() ? "ClientError" : server.code,
                                  server.code.empty() ? outcome.ec.message() + (text.empty() ? "" : ": " + text)
                                                      : server.message,
                                  server.request_id};
        }
    }
    --running_;
    finish(*t, status);
    if (running_ == 0)
        idle_.cancel(); // a shutdown may be waiting
    start_next();
}

void task_scheduler::finish(task& t, task_status status)
{
    t.status = status;
    t.finished_at = clock_type::now();
    t.cancel = {}; // nothing left to cancel
    if (on_status)
        on_status(t);
}

void task_scheduler::expire_if_overdue(task& t)
{
    if (t.status == task_status::queued && t.ctx.err() == alicloud::client_errc::timeout) {
        t.error = task_error{"Timeout", "the job's timeout (" + std::to_string(t.timeout.count()) +
                                            " ms) passed before it could start",
                             ""};
        finish(t, task_status::timed_out);
    }
}

const task* task_scheduler::find(std::string_view id)
{
    const auto it = tasks_.find(id);
    if (it == tasks_.end())
        return nullptr;
    expire_if_overdue(it->second);
    return &it->second;
}

std::vector<const task*> task_scheduler::page(std::string_view after, std::size_t limit,
                                              std::optional<task_status> status, std::string& next)
{
    std::vector<const task*> out;
    next.clear();
    for (auto it = after.empty() ? tasks_.begin() : tasks_.upper_bound(after); it != tasks_.end(); ++it) {
        expire_if_overdue(it->second);
        if (status && it->second.status != *status)
            continue;
        if (out.size() == limit) {
            next = out.back()->id;
            break;
        }
        out.push_back(&it->second);
    }
    return out;
}

task_scheduler::cancellation task_scheduler::cancel(std::string_view id)
{
    const auto it = tasks_.find(id);
    if (it == tasks_.end())
        return cancellation::unknown;
    task& t = it->second;
    expire_if_overdue(t);
    if (is_finished(t.status))
        return cancellation::already_finished;
    if (t.status == task_status::queued) {
        t.error = task_error{"Cancelled", "cancelled (DELETE) before it started", ""};
        t.cancel();
        finish(t, task_status::cancelled); // start_next skips it
        return cancellation::cancelled;
    }
    t.cancel_reason = "cancelled (DELETE) while running";
    t.cancel(); // its call in flight ends now; run() records the status
    return cancellation::cancelling;
}

asio::awaitable<void> task_scheduler::shutdown(std::chrono::milliseconds grace)
{
    stopping_ = true;
    sweep_.cancel();
    for (const auto& id : queue_)
        if (const auto it = tasks_.find(id); it != tasks_.end() && it->second.status == task_status::queued) {
            it->second.error = task_error{"Cancelled", "the service shut down before it started", ""};
            it->second.cancel();
            finish(it->second, task_status::cancelled);
        }
    queue_.clear();
    if (running_ > 0) {
        idle_.expires_after(grace);
        co_await idle_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (running_ > 0) { // the grace period is over
        for (auto& [id, t] : tasks_)
            if (t.status == task_status::running) {
                t.cancel_reason = "the service shut down before it finished";
                t.cancel();
            }
        while (running_ > 0) {
            idle_.expires_at(asio::steady_timer::time_point::max());
            co_await idle_.async_wait(asio::as_tuple(asio::use_awaitable));
        }
    }
}

asio::awaitable<void> task_scheduler::sweep()
{
    const auto every = std::clamp<std::chrono::milliseconds>(limits_.keep_finished / 4, 50ms, 5000ms);
    while (!stopping_) {
        sweep_.expires_after(every);
        co_await sweep_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (stopping_)
            break;
        const auto now = clock_type::now();
        std::size_t finished = 0;
        for (auto it = tasks_.begin(); it != tasks_.end();) {
            const auto& t = it->second;
            if (t.finished_at && *t.finished_at + limits_.keep_finished <= now) {
                it = tasks_.erase(it);
                continue;
            }
            if (t.finished_at)
                ++finished;
            ++it;
        }
        // Beyond the cap, the oldest finished go first (ids sort by creation).
        for (auto it = tasks_.begin(); finished > limits_.max_finished && it != tasks_.end();) {
            if (it->second.finished_at) {
                it = tasks_.erase(it);
                --finished;
            } else {
                ++it;
            }
        }
    }
}

} // namespace task_service
