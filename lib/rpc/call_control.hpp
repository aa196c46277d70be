#ifndef ALICLOUD_LIB_RPC_CALL_CONTROL_HPP
#define ALICLOUD_LIB_RPC_CALL_CONTROL_HPP

// What one call shares with everyone who may end it early - its caller's
// cancellation slot, its context, the client's shutdown - and with the
// admission gate that counts it. They all cancel the call the same way: by
// emitting on its own signal, on its strand.

#include <alicloud/core/context.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <list>
#include <memory>
#include <optional>

namespace alicloud::detail {

enum class cancel_reason : unsigned char { none, caller, context, shutdown };

struct call_control : std::enable_shared_from_this<call_control> {
    explicit call_control(boost::asio::strand<boost::asio::any_io_executor> s) : strand(std::move(s)) {}

    boost::asio::strand<boost::asio::any_io_executor> strand;

    // On the strand only: the call's coroutine listens to this signal from the
    // moment it runs until it ends; an emission outside that window would race
    // with co_spawn connecting to the signal, so the coroutine reads `reason`
    // when it starts instead.
    boost::asio::cancellation_signal signal;
    bool running = false;

    // Who cancelled (first, or the client's shutdown); read when the call ends to say why.
    std::atomic<cancel_reason> reason{cancel_reason::none};
    // Every cancellation type asked for. Asio forgets a cancellation that
    // lands between two operations once the coroutine resets its cancellation
    // state; the call looks here after each reset (asked_to_cancel).
    std::atomic<unsigned> requested{0};
    cancel_subscription context_subscription;

    // Admission (guarded by the gate's mutex): is the call waiting for a slot,
    // holding one, or refused one; where it is in the gate's list of calls.
    enum class slot_state : unsigned char { none, waiting, held, refused } slot = slot_state::none;
    std::list<std::weak_ptr<call_control>>::iterator registered;
    bool is_registered = false;
    // On the strand only: what a waiting call sleeps on until given a slot.
    std::optional<boost::asio::steady_timer> slot_timer;

    void cancel(cancel_reason why, boost::asio::cancellation_type type)
    {
        // The first reason stands, except that a shutdown is always told as one.
        auto expected = cancel_reason::none;
        if (why == cancel_reason::shutdown)
            reason.store(why);
        else
            reason.compare_exchange_strong(expected, why);
        requested.fetch_or(static_cast<unsigned>(type));
        boost::asio::post(strand, [self = shared_from_this(), type] {
            if (self->running)
                self->signal.emit(type);
        });
    }

    // Whether a cancellation of one of the `accepted` types was asked for.
    bool asked_to_cancel(boost::asio::cancellation_type accepted) const noexcept
    {
        return (requested.load() & static_cast<unsigned>(accepted)) != 0;
    }

    // Wakes the call if it sleeps waiting for a slot (it then reads `slot`).
    void wake()
    {
        boost::asio::post(strand, [self = shared_from_this()] {
            if (self->slot_timer)
                self->slot_timer->cancel();
        });
    }
};

} // namespace alicloud::detail

#endif
