#include <alicloud/adapters/context_binding.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <optional>

namespace alicloud {

namespace asio = boost::asio;

// Shared with the posted emissions and the deadline timer's handler, which may
// run after the binding is gone (they then find `bound` false and do nothing).
struct context_binding::state : std::enable_shared_from_this<state> {
    explicit state(asio::any_io_executor e) : ex(std::move(e)), deadline(ex) {}

    asio::any_io_executor ex;
    asio::cancellation_signal signal; // emitted on ex only
    asio::steady_timer deadline;      // touched on ex only
    cancel_subscription subscription;
    bool bound = true;                // on ex only

    void emit()
    {
        asio::post(ex, [self = shared_from_this()] {
            if (self->bound)
                self->signal.emit(asio::cancellation_type::terminal);
        });
    }
};

context_binding::context_binding(const context& ctx, asio::any_io_executor ex)
    : state_(std::make_shared<state>(std::move(ex)))
{
    if (const auto d = ctx.deadline()) {
        asio::post(state_->ex, [s = state_, at = *d] {
            s->deadline.expires_at(at);
            s->deadline.async_wait([weak = std::weak_ptr<state>(s)](boost::system::error_code ec) {
                if (auto st = weak.lock(); st && !ec && st->bound)
                    st->signal.emit(asio::cancellation_type::terminal);
            });
        });
    }
    state_->subscription = ctx.on_cancel([weak = std::weak_ptr<state>(state_)] {
        if (auto s = weak.lock())
            s->emit();
    });
}

context_binding::~context_binding()
{
    state_->subscription.reset();
    asio::post(state_->ex, [s = state_] {
        s->bound = false;
        s->deadline.cancel();
    });
}

asio::cancellation_slot context_binding::slot()
{
    return state_->signal.slot();
}

} // namespace alicloud
