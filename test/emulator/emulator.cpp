#include "emulator.hpp"

#include "session.hpp"
#include "state.hpp"
#include "tls_identity.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace alicloud::emulator {
namespace detail {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

asio::awaitable<void> accept_loop(std::shared_ptr<state> s, tcp::acceptor& acceptor, bool tls)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (s->stopped || ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec) {
            // Out of descriptors and the like: back off briefly instead of spinning.
            asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(10));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        if (s->connections.size() >= s->opts.max_connections) {
            boost::system::error_code ignored;
            socket.close(ignored);
            continue;
        }
        start_session(s, std::move(socket), tls);
    }
}

} // namespace

state::state(boost::asio::any_io_executor ex, options o)
    : executor(ex),
      opts(std::move(o)),
      nonces(std::chrono::duration_cast<std::chrono::seconds>(opts.timestamp_tolerance * 2)),
      auth(keys, nonces, opts.timestamp_tolerance, clock),
      ecs(ex, opts),
      sts(keys, opts, clock),
      metadata(sts, opts, clock),
      log(opts.request_log_limit)
{
    for (const auto& k : opts.access_keys)
        keys.add(k);
    ecs.on_change = [this] { changed(); };
    ecs.networks().on_change = [this] { changed(); };
}

void state::reset()
{
    clock.reset();
    ecs.reset();
    metadata.reset();
    nonces.clear();
    faults.clear();
    log.clear();
    keys.clear();
    for (const auto& k : opts.access_keys)
        keys.add(k);
}

response_plan state::handle(const http_request& req, std::uint64_t connection_id)
{
    const std::string_view target(req.target().data(), req.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    if (path.starts_with("/_emulator/")) {
        response_plan plan;
        plan.response = control(*this, req, path, plan.wait);
        changed(); // a reset, a clock advanced, a log cleared
        return plan;
    }
    response_plan plan = path.starts_with("/latest/") ? handle_metadata(*this, req, path, connection_id)
                                                      : handle_api(*this, req, connection_id);
    changed(); // logged
    return plan;
}

void state::changed()
{
    auto waking = std::move(waiters);
    waiters.clear();
    for (auto& w : waking)
        if (auto timer = w.lock())
            timer->cancel();
}

void state::finished(const response_plan& plan, std::string_view outcome)
{
    if (plan.log_sequence) {
        log.set_outcome(*plan.log_sequence, outcome);
        changed();
    }
}

void state::stop()
{
    if (stopped)
        return;
    stopped = true;
    boost::system::error_code ignored;
    for (auto& a : acceptors)
        a->close(ignored);
    for (auto& [id, socket] : connections)
        socket->close(ignored);
    ecs.reset();
    changed(); // the waits answer now
}

} // namespace detail

emulator::emulator(boost::asio::any_io_executor executor, options opts, std::optional<tls_files> tls)
    : state_(std::make_shared<detail::state>(executor, std::move(opts)))
{
    if (tls) {
        state_->tls.use_certificate_chain(boost::asio::buffer(tls->certificate_chain_pem));
        state_->tls.use_private_key(boost::asio::buffer(tls->private_key_pem), boost::asio::ssl::context::pem);
    } else {
        const tls_identity identity = make_self_signed_identity();
        use_identity(state_->tls, identity);
        state_->ca_pem = identity.ca_certificate_pem;
    }
}

emulator::~emulator()
{
    state_->stop();
}

boost::asio::ip::tcp::endpoint emulator::listen(const boost::asio::ip::tcp::endpoint& at, bool tls)
{
    auto acceptor = std::make_unique<boost::asio::ip::tcp::acceptor>(state_->executor);
    acceptor->open(at.protocol());
    acceptor->set_option(boost::asio::socket_base::reuse_address(true));
    acceptor->bind(at);
    acceptor->listen(boost::asio::socket_base::max_listen_connections);
    const auto bound = acceptor->local_endpoint();
    auto& ref = *acceptor;
    state_->acceptors.push_back(std::move(acceptor));
    boost::asio::co_spawn(state_->executor, detail::accept_loop(state_, ref, tls), boost::asio::detached);
    return bound;
}

void emulator::stop()
{
    state_->stop();
}

const std::string& emulator::ca_certificate_pem() const
{
    return state_->ca_pem;
}

std::size_t emulator::open_connections() const
{
    return state_->connections.size();
}

} // namespace alicloud::emulator
