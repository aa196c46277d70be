#ifndef ALICLOUD_LIB_RPC_ADMISSION_GATE_HPP
#define ALICLOUD_LIB_RPC_ADMISSION_GATE_HPP

// Which calls a client accepts, and when it has none left: the bound on
// calls in flight (async_options::max_pending) with its full-queue policy,
// and the open -> closed -> drained life of a client that is shut down.
//
// Every call that starts to run is registered here until its handler has
// returned, so that a shutdown can cancel what is left and knows when the
// last one is done - each call completes exactly once, none is dropped.

#include "call_control.hpp"

#include <alicloud/client_options.hpp>

#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

namespace alicloud::detail {

class admission_gate {
public:
    enum class state { not_started, open, closed };
    enum class verdict { accepted, must_wait, full, shut_down, not_started };

    admission_gate(state initial, const async_options& options);

    // Accepted and must_wait register the call (it will run and must call
    // finished()); the others leave nothing behind.
    verdict admit(const std::shared_ptr<call_control>& call);

    // For a call that waited, once awake: held (it may go on), refused (the
    // client is shutting down), or still waiting - then, with give_up, it is
    // taken out of the queue (cancelled, timed out) and none is returned.
    call_control::slot_state settle(call_control& call, bool give_up);

    // The call is done with its slot (the first waiting call gets it) - or
    // with its place in the queue, if it ended before it was given one.
    void release(call_control& call);

    // The call's handler has returned: it is no longer outstanding.
    void finished(call_control& call);

    // Stops admitting calls and refuses every waiting one. Returns the calls
    // still registered, for a shutdown that cancels them.
    std::vector<std::shared_ptr<call_control>> close();
    std::vector<std::shared_ptr<call_control>> registered_calls() const;

    // Calls `f` once the gate is closed and no call is outstanding: here and
    // now if that is already so, otherwise from the thread that ends the last call.
    void when_drained(std::function<void()> f);

    // Opens a closed and drained (or never opened) gate with a new bound.
    // False when calls of an earlier life are still outstanding, or already open.
    bool reopen(std::size_t max_pending);

    state current() const;
    std::size_t max_pending() const;

private:
    void leave_queue(call_control& call); // with the lock held
    void wake_next(std::unique_lock<std::mutex>& lock);
    std::vector<std::function<void()>> take_drain_callbacks(); // with the lock held

    mutable std::mutex mutex_;
    state state_;
    std::size_t max_pending_;
    async_options::when_full policy_;
    std::size_t in_flight_ = 0;    // calls holding a slot
    std::size_t outstanding_ = 0;  // calls registered: running, waiting or completing
    std::list<std::weak_ptr<call_control>> calls_;
    std::deque<std::shared_ptr<call_control>> waiting_;
    std::vector<std::function<void()>> on_drained_;
};

} // namespace alicloud::detail

#endif
