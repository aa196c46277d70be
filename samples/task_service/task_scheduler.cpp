#include "task_scheduler.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <random>
#include <set>

namespace task_service {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using clock_type = std::chrono::system_clock;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

std::mt19937_64& random_bits()
{
    static thread_local std::mt19937_64 bits{(std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}()};
    return bits;
}

// The time first (milliseconds), so that ids sort in creation order across
// replicas; then this replica's count and a random part, so that two
// replicas never make the same id and ids are not guessed.
std::string new_task_id(std::uint64_t number)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now().time_since_epoch()).count();
    char id[48];
    std::snprintf(id, sizeof id, "t-%012llx%04x-%08x", static_cast<unsigned long long>(ms),
                  static_cast<unsigned>(number & 0xffff), static_cast<unsigned>(random_bits()() & 0xffffffff));
    return id;
}

// 32 hex digits: ECS takes up to 64 printable ASCII characters.
std::string new_client_token()
{
    char token[40];
    std::snprintf(token, sizeof token, "%016llx%016llx", static_cast<unsigned long long>(random_bits()()),
                  static_cast<unsigned long long>(random_bits()()));
    return token;
}

} // namespace

task_scheduler::task_scheduler(asio::any_io_executor ex, alicloud::ecs::client& ecs, task_store& store,
                               scheduler_limits limits, std::string replica)
    : ex_(ex), ecs_(ecs), store_(store), limits_(limits), replica_(std::move(replica)), claim_timer_(ex),
      heartbeat_timer_(ex), purge_timer_(ex), idle_(ex)
{
    store_.on_cancel_requested = [this](const std::string& id) { interrupt(id, "cancelled (DELETE) while running"); };
}

void task_scheduler::start()
{
    asio::co_spawn(ex_, claim_loop(), asio::detached);
    asio::co_spawn(ex_, heartbeat_loop(), asio::detached);
    asio::co_spawn(ex_, purge_loop(), asio::detached);
}

void task_scheduler::report(const task& t)
{
    if (on_status)
        on_status(t);
}

void task_scheduler::store_failed(const char* doing, const store_error& e)
{
    if (!store_down_)
        std::cerr << "task store: " << doing << " failed: " << e.what() << "; trying again\n";
    store_down_ = true;
}

void task_scheduler::wake_claimer()
{
    claim_wanted_ = true;
    claim_timer_.cancel();
}

asio::awaitable<task_scheduler::admission> task_scheduler::submit(submission s)
{
    if (stopping_)
        co_return admission{admission::verdict::shutting_down};
    const auto timeout = s.timeout.value_or(limits_.default_timeout);
    if (timeout > limits_.max_timeout)
        co_return admission{admission::verdict::bad_timeout, std::nullopt,
                            "'timeout_ms' must be at most " + std::to_string(limits_.max_timeout.count())};
    task t;
    t.id = new_task_id(next_number_++);
    t.job = std::move(s.job);
    t.created_at = clock_type::now();
    t.timeout = timeout;
    t.client_token = new_client_token();
    // A task this replica can start at once needs no place in the queue.
    const std::size_t free_here = limits_.max_running - std::min(limits_.max_running, running_.size());
    bool inserted = false;
    try {
        const std::size_t queue_limit = limits_.max_queued + free_here;
        inserted = co_await store_.insert(t, queue_limit);
    } catch (const store_error& e) {
        co_return admission{admission::verdict::store_failed, std::nullopt, e.what(), e.unavailable()};
    }
    if (!inserted)
        co_return admission{admission::verdict::full};
    store_down_ = false;
    report(t);
    wake_claimer();
    co_return admission{admission::verdict::accepted, std::move(t)};
}

asio::awaitable<std::optional<task>> task_scheduler::find(std::string id)
{
    const auto now = clock_type::now();
    auto found = co_await store_.find(std::move(id), now);
    co_return found;
}

asio::awaitable<std::vector<task>> task_scheduler::page(std::string after, std::size_t limit,
                                                        std::optional<task_status> status, std::string& next)
{
    bool more = false;
    const auto now = clock_type::now();
    auto tasks = co_await store_.page(std::move(after), limit, status, now, more);
    next = more && !tasks.empty() ? tasks.back().id : std::string();
    co_return tasks;
}

asio::awaitable<cancel_outcome> task_scheduler::cancel(std::string id)
{
    const auto now = clock_type::now();
    auto outcome = co_await store_.cancel(id, now);
    if (outcome.outcome == cancellation::cancelled && outcome.now)
        report(*outcome.now);
    // Running here: ended now, whether or not the store's notice comes back.
    if (outcome.outcome == cancellation::cancelling)
        interrupt(id, "cancelled (DELETE) while running");
    co_return outcome;
}

void task_scheduler::interrupt(const std::string& id, std::string reason)
{
    const auto it = running_.find(id);
    if (it == running_.end() || !it->second.cancel_reason.empty())
        return;
    it->second.cancel_reason = std::move(reason);
    it->second.cancel(); // its call in flight ends now; run() records the end
}

asio::awaitable<void> task_scheduler::claim_loop()
{
    while (!stopping_) {
        claim_wanted_ = false;
        if (running_.size() < limits_.max_running) {
            const auto now = clock_type::now();
            try {
                const std::size_t wanted = limits_.max_running - running_.size();
                const auto lease_until = now + limits_.lease;
                auto claimed = co_await store_.claim(replica_, wanted, now, lease_until);
                store_down_ = false;
                const std::uint64_t pass = ++claim_passes_; // counted once it has committed
                for (auto& t : claimed) {
                    running_[t.id].claimed_in = pass;
                    asio::co_spawn(ex_, run(std::move(t)), asio::detached);
                }
            } catch (const store_error& e) {
                store_failed("claiming tasks", e);
            }
        }
        if (claim_wanted_ || stopping_)
            continue;
        claim_timer_.expires_after(limits_.claim_interval);
        co_await claim_timer_.async_wait(nothrow);
    }
}

asio::awaitable<void> task_scheduler::heartbeat_loop()
{
    const auto every = std::max<std::chrono::milliseconds>(limits_.lease / 3, 10ms);
    while (!stopping_ || !running_.empty()) {
        heartbeat_timer_.expires_after(every);
        co_await heartbeat_timer_.async_wait(nothrow);
        if (running_.empty())
            continue;
        // A claim that commits while this renewal is on its way may be
        // missing from its answer: only tasks of claims that had committed
        // before it can be missing because another replica took them.
        const std::uint64_t passes_before = claim_passes_;
        std::vector<std::string> ids;
        for (const auto& [id, run] : running_)
            if (!run.ending)
                ids.push_back(id);
        try {
            const auto lease_until = clock_type::now() + limits_.lease;
            auto held = co_await store_.renew(replica_, std::move(ids), lease_until);
            std::set<std::string, std::less<>> still;
            for (const auto& h : held) {
                still.insert(h.id);
                if (h.cancel_requested) // a notice this replica missed (it reconnected)
                    interrupt(h.id, "cancelled (DELETE) while running");
            }
            for (auto& [id, run] : running_)
                if (run.claimed_in <= passes_before && !run.ending && !still.contains(id) && !run.taken_over) {
                    std::cerr << "task " << id << ": another replica took it over (this one's lease passed)\n";
                    run.taken_over = true;
                    interrupt(id, "taken over by another replica");
                }
        } catch (const store_error& e) {
            store_failed("renewing leases", e);
        }
    }
}

asio::awaitable<void> task_scheduler::purge_loop()
{
    const auto every = std::clamp<std::chrono::milliseconds>(limits_.keep_finished / 4, 50ms, 5000ms);
    while (!stopping_) {
        purge_timer_.expires_after(every);
        co_await purge_timer_.async_wait(nothrow);
        if (stopping_)
            break;
        try {
            const auto cutoff = clock_type::now() - limits_.keep_finished;
            co_await store_.purge(cutoff, limits_.max_finished);
        } catch (const store_error& e) {
            store_failed("purging finished tasks", e);
        }
    }
}

asio::awaitable<void> task_scheduler::run(task t)
{
    const auto left = std::max(t.deadline() - clock_type::now(), clock_type::duration::zero());
    auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, std::chrono::duration_cast<std::chrono::milliseconds>(left));
    auto& entry = running_[t.id];
    entry.cancel = std::move(cancel);
    if (!entry.cancel_reason.empty()) // interrupted between its claim and now
        entry.cancel();
    report(t);
    if (t.cancel_requested) // DELETEd while its last runner held it
        interrupt(t.id, "cancelled (DELETE) while running");

    job_outcome outcome;
    try {
        outcome = co_await run_job(ecs_, t.job, ctx, t.client_token);
    } catch (const std::exception& e) {
        outcome.ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
        outcome.diag.client_message = std::string("internal error: ") + e.what();
    }
    const local_run mine = running_.at(t.id);
    if (mine.taken_over) {
        running_.erase(t.id);
        wake_claimer();
        if (running_.empty())
            idle_.cancel();
        co_return;
    }
    t.result = std::move(outcome.result);
    t.status = task_status::succeeded;
    bool back_to_queue = false;
    if (outcome.ec) {
        const auto why = ctx.err();
        const auto& server = outcome.diag.server;
        if (why == alicloud::client_errc::timeout) {
            t.status = task_status::timed_out;
            t.error = task_error{"Timeout", "the job's timeout (" + std::to_string(t.timeout.count()) + " ms) passed",
                                 server.request_id};
        } else if (why) {
            t.status = task_status::cancelled;
            t.error = task_error{"Cancelled", mine.cancel_reason, server.request_id};
            // Interrupted by a shutdown, not by a user: a durable store runs it again.
            back_to_queue = stopping_ && store_.durable() && !t.cancel_requested &&
                            mine.cancel_reason == "the service shut down before it finished";
        } else {
            t.status = task_status::failed;
            const std::string text = outcome.diag.to_string();
            t.error = task_error{server.code.empty() ? "ClientError" : server.code,
                                 server.code.empty() ? outcome.ec.message() + (text.empty() ? "" : ": " + text)
                                                     : server.message,
                                 server.request_id};
        }
    }
    t.finished_at = clock_type::now();
    running_.at(t.id).ending = true;
    co_await record_end(std::move(t), back_to_queue);
    wake_claimer();
    if (running_.empty())
        idle_.cancel(); // a shutdown may be waiting
}

// The end is written until the store takes it: a store that is away now
// gets it when it is back, and meanwhile the heartbeat keeps the lease.
asio::awaitable<void> task_scheduler::record_end(task t, bool back_to_queue)
{
    asio::steady_timer pause(ex_);
    auto wait = 100ms;
    std::optional<clock_type::time_point> give_up;
    for (;;) {
        try {
            bool held = false;
            if (back_to_queue) {
                held = co_await store_.release(t.id, replica_);
                t.status = task_status::queued;
                t.finished_at.reset();
                t.error.reset();
                t.result = nullptr;
            } else {
                held = co_await store_.finish(t, replica_);
            }
            store_down_ = false;
            if (held)
                report(t);
            else
                std::cerr << "task " << t.id << ": another replica took it over; its end here is not recorded\n";
            break;
        } catch (const store_error& e) {
            store_failed("recording a task's end", e);
        }
        // Stopping with the store away: not for ever. The lease passes and
        // another replica runs the task again, with the same ClientToken.
        if (stopping_ && !give_up)
            give_up = clock_type::now() + 5s;
        if (give_up && clock_type::now() >= *give_up) {
            std::cerr << "task " << t.id << ": its end could not be recorded before the shutdown; it will run again\n";
            break;
        }
        pause.expires_after(wait);
        co_await pause.async_wait(nothrow);
        wait = std::min<std::chrono::milliseconds>(wait * 2, 2s);
    }
    running_.erase(t.id);
}

asio::awaitable<void> task_scheduler::shutdown(std::chrono::milliseconds grace)
{
    stopping_ = true;
    claim_timer_.cancel();
    purge_timer_.cancel();
    if (!store_.durable()) {
        try {
            const auto now = clock_type::now();
            auto ended = co_await store_.cancel_queued("the service shut down before it started", now);
            for (const auto& t : ended)
                report(t);
        } catch (const store_error& e) {
            store_failed("cancelling queued tasks", e);
        }
    }
    if (!running_.empty()) {
        idle_.expires_after(grace);
        co_await idle_.async_wait(nothrow);
    }
    if (!running_.empty()) { // the grace period is over
        std::vector<std::string> ids;
        for (const auto& [id, run] : running_)
            ids.push_back(id);
        for (const auto& id : ids)
            interrupt(id, "the service shut down before it finished");
        while (!running_.empty()) {
            idle_.expires_at(asio::steady_timer::time_point::max());
            co_await idle_.async_wait(nothrow);
        }
    }
    heartbeat_timer_.cancel();
}

} // namespace task_service
