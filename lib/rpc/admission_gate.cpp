#include "admission_gate.hpp"

#include <algorithm>

namespace alicloud::detail {

admission_gate::admission_gate(state initial, const async_options& options)
    : state_(initial), max_pending_(options.max_pending), policy_(options.policy)
{
}

admission_gate::verdict admission_gate::admit(const std::shared_ptr<call_control>& call)
{
    std::lock_guard lock(mutex_);
    if (state_ == state::not_started)
        return verdict::not_started;
    if (state_ == state::closed)
        return verdict::shut_down;
    const bool has_room = max_pending_ == 0 || in_flight_ < max_pending_;
    if (!has_room && policy_ == async_options::when_full::fail)
        return verdict::full;
    call->registered = calls_.insert(calls_.end(), call);
    call->is_registered = true;
    ++outstanding_;
    if (has_room) {
        ++in_flight_;
        call->slot = call_control::slot_state::held;
        return verdict::accepted;
    }
    call->slot = call_control::slot_state::waiting;
    waiting_.push_back(call);
    return verdict::must_wait;
}

call_control::slot_state admission_gate::settle(call_control& call, bool give_up)
{
    std::lock_guard lock(mutex_);
    if (call.slot == call_control::slot_state::waiting && give_up)
        leave_queue(call);
    return call.slot;
}

void admission_gate::release(call_control& call)
{
    std::unique_lock lock(mutex_);
    if (call.slot == call_control::slot_state::waiting) {
        // Ended before it waited (cancelled, its context done): out of the
        // queue, or a slot would later be handed to a call that is gone.
        leave_queue(call);
        return;
    }
    if (call.slot != call_control::slot_state::held)
        return;
    call.slot = call_control::slot_state::none;
    wake_next(lock);
}

// A waiting call that no longer waits: out of the queue, with no slot.
void admission_gate::leave_queue(call_control& call)
{
    std::erase_if(waiting_, [&](const std::shared_ptr<call_control>& w) { return w.get() == &call; });
    call.slot = call_control::slot_state::none;
}

// Hands the freed slot to the first call still waiting, or gives it back.
void admission_gate::wake_next(std::unique_lock<std::mutex>& lock)
{
    while (!waiting_.empty()) {
        auto next = std::move(waiting_.front());
        waiting_.pop_front();
        if (next->slot != call_control::slot_state::waiting)
            continue;
        next->slot = call_control::slot_state::held;
        lock.unlock();
        next->wake();
        return;
    }
    --in_flight_;
}

void admission_gate::finished(call_control& call)
{
    std::vector<std::function<void()>> drained;
    {
        std::lock_guard lock(mutex_);
        if (!call.is_registered)
            return;
        calls_.erase(call.registered);
        call.is_registered = false;
        --outstanding_;
        if (state_ == state::closed && outstanding_ == 0)
            drained = take_drain_callbacks();
    }
    for (auto& f : drained)
        f();
}

std::vector<std::shared_ptr<call_control>> admission_gate::close()
{
    std::vector<std::shared_ptr<call_control>> refused;
    {
        std::lock_guard lock(mutex_);
        state_ = state::closed;
        for (auto& w : waiting_) {
            if (w->slot == call_control::slot_state::waiting) {
                w->slot = call_control::slot_state::refused;
                refused.push_back(std::move(w));
            }
        }
        waiting_.clear();
    }
    for (auto& call : refused)
        call->wake();
    return registered_calls();
}

std::vector<std::shared_ptr<call_control>> admission_gate::registered_calls() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<call_control>> out;
    out.reserve(calls_.size());
    for (const auto& w : calls_)
        if (auto c = w.lock())
            out.push_back(std::move(c));
    return out;
}

void admission_gate::when_drained(std::function<void()> f)
{
    {
        std::lock_guard lock(mutex_);
        if (state_ != state::closed || outstanding_ != 0) {
            on_drained_.push_back(std::move(f));
            return;
        }
    }
    f();
}

std::vector<std::function<void()>> admission_gate::take_drain_callbacks()
{
    std::vector<std::function<void()>> out;
    out.swap(on_drained_);
    return out;
}

bool admission_gate::reopen(std::size_t max_pending)
{
    std::lock_guard lock(mutex_);
    if (state_ == state::open || outstanding_ != 0)
        return false;
    state_ = state::open;
    max_pending_ = max_pending;
    in_flight_ = 0;
    return true;
}

std::size_t admission_gate::max_pending() const
{
    std::lock_guard lock(mutex_);
    return max_pending_;
}

admission_gate::state admission_gate::current() const
{
    std::lock_guard lock(mutex_);
    return state_;
}

} // namespace alicloud::detail
