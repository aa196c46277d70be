// enable_async and shutdown: the client's life, around the admission gate
// that every call passes (call_driver.cpp) and the threads a client may own.

#include "client_impl.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/system_executor.hpp>

#include <future>
#include <stdexcept>
#include <boost/system/system_error.hpp>

namespace alicloud::detail {

namespace asio = boost::asio;

void enable_async(rpc_client_impl& impl, std::size_t threads, std::size_t max_pending)
{
    if (!impl.workers)
        throw boost::system::system_error(error_code(client_errc::not_supported),
                                          "enable_async: this client runs on the executor it was made with and owns "
                                          "no threads (its bound on calls in flight is client_options::async.max_pending)");
    if (threads == 0)
        throw std::invalid_argument("enable_async: threads must be at least 1");
    if (!impl.gate.reopen(max_pending))
        throw boost::system::system_error(error_code(client_errc::async_already_enabled),
                                          impl.gate.current() == admission_gate::state::open
                                    ? "enable_async: called twice"
                                    : "enable_async: the previous shutdown has not completed");
    impl.workers->start(threads);
}

void async_shutdown(const std::shared_ptr<rpc_client_impl>& impl, shutdown_mode mode, std::chrono::milliseconds grace,
                    asio::any_completion_handler<void()> handler)
{
    auto calls = impl->gate.close();
    auto cancel_all = [](const std::vector<std::shared_ptr<call_control>>& list) {
        for (const auto& c : list)
            c->cancel(cancel_reason::shutdown, asio::cancellation_type::terminal);
    };

    // The grace period runs on a strand of the client's executor: whoever
    // drains the client last cancels the timer through the same strand.
    std::shared_ptr<asio::steady_timer> grace_timer;
    if (mode == shutdown_mode::abort) {
        cancel_all(calls);
    } else if (!calls.empty()) {
        grace_timer = std::make_shared<asio::steady_timer>(asio::make_strand(impl->executor), grace);
        grace_timer->async_wait([weak = std::weak_ptr<rpc_client_impl>(impl), cancel_all](error_code ec) {
            if (ec)
                return; // drained in time
            if (auto i = weak.lock())
                cancel_all(i->gate.registered_calls());
        });
    }
    calls.clear();

    // Held by pointer: when_drained takes a copyable function, the handler is move-only.
    auto h = std::make_shared<asio::any_completion_handler<void()>>(std::move(handler));
    impl->gate.when_drained([impl = std::weak_ptr<rpc_client_impl>(impl), grace_timer, h] {
        if (grace_timer)
            asio::post(grace_timer->get_executor(), [grace_timer] { grace_timer->cancel(); });
        if (auto i = impl.lock(); i && i->workers)
            i->workers->finish(); // the threads leave once what is posted here has run
        // Never inside the initiating function, never on the stopped threads:
        // on the handler's own executor, or else a system thread.
        asio::post(asio::system_executor(), std::move(*h));
    });
}

void shutdown(const std::shared_ptr<rpc_client_impl>& impl, shutdown_mode mode, std::chrono::milliseconds grace)
{
    if (impl->workers && impl->workers->running_in_this_thread())
        throw std::logic_error("shutdown: called on one of the client's own threads, which it would wait for; "
                               "use async_shutdown there");
    // Shared: the waker may still be inside set_value when this thread wakes.
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    async_shutdown(impl, mode, grace, [done] { done->set_value(); });
    finished.wait();
    if (impl->workers)
        impl->workers->join();
}

} // namespace alicloud::detail
