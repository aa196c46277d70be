#ifndef ALICLOUD_ADAPTERS_CONTEXT_BINDING_HPP
#define ALICLOUD_ADAPTERS_CONTEXT_BINDING_HPP

// A context bound to a whole coroutine (or any Asio operation) through Asio's
// own cancellation: when the context is cancelled or its deadline passes, the
// slot receives terminal cancellation, and so does every SDK call the
// coroutine is awaiting at that moment.
//
//     alicloud::context_binding bound(ctx, strand);
//     asio::co_spawn(strand, handle_request(ctx), asio::bind_cancellation_slot(bound.slot(), token));
//
// Pass the context on to the calls as well (call_options::context) for its
// headers, and for a deadline reported as client_errc::timeout rather than
// operation_aborted. The binding must outlive the operation; the cancellation
// is emitted on `ex`, which must be the executor the operation runs on (a
// strand when several threads run it). Make the binding and start the
// operation on `ex` (in one of its handlers, or before anything runs it): a
// cancellation due at once is then emitted after the operation is connected.

#include <alicloud/core/context.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>

#include <memory>

namespace alicloud {

class context_binding {
public:
    context_binding(const context& ctx, boost::asio::any_io_executor ex);
    ~context_binding();
    context_binding(const context_binding&) = delete;
    context_binding& operator=(const context_binding&) = delete;

    boost::asio::cancellation_slot slot();

private:
    struct state;
    std::shared_ptr<state> state_;
};

} // namespace alicloud

#endif
