#ifndef ALICLOUD_LIB_RPC_CALL_CONTROL_HPP
#define ALICLOUD_LIB_RPC_CALL_CONTROL_HPP

// What the admission gate and the client's shutdown see of a call in flight:
// its place in the gate, and the two things they may do to it - wake it when
// a slot frees up, cancel it. The call (call_driver.cpp) does both on its own
// strand, where its state machine hears of them.

#include "call_machine.hpp"

#include <boost/asio/cancellation_type.hpp>

#include <list>
#include <memory>

namespace alicloud::detail {

struct call_control : std::enable_shared_from_this<call_control> {
    virtual ~call_control() = default;

    // Admission (guarded by the gate's mutex): is the call waiting for a slot,
    // holding one, or refused one; where it is in the gate's list of calls.
    enum class slot_state : unsigned char { none, waiting, held, refused } slot = slot_state::none;
    std::list<std::weak_ptr<call_control>>::iterator registered;
    bool is_registered = false;

    // From any thread.
    virtual void cancel(cancel_reason why, boost::asio::cancellation_type type) = 0;
    // Wakes the call if it sleeps waiting for a slot (it then asks the gate).
    virtual void wake() = 0;
};

} // namespace alicloud::detail

#endif
