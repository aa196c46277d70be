// One RPC call performed with Asio: the driver of call_machine. The machine
// decides; this file only does what it is told - waits for a slot, asks for
// credentials, signs, leases or opens a connection, writes and reads, sleeps -
// and reports how each step ended. Compiled once, behind the type-erased
// handler of detail::async_call; every public template funnels into it.
//
// A call is one object (call_op) on a strand of its own: its I/O completions,
// its timer, the gate's wake-up and every cancellation (the caller's slot, its
// context, the client's shutdown) are handlers on that strand, so the machine
// sees one event at a time. It has one timer, for whatever the current step
// waits for until a deadline: the attempt's deadline covers the resolve, the
// connect, the TLS handshake, the write and the reads together - not a timer
// per read as Beast's tcp_stream would arm.

#include "answer_parser.hpp"
#include "call_control.hpp"
#include "client_impl.hpp"
#include "resolution.hpp"
#include "core/detail/redaction.hpp"

#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/credentials/provider.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>

#include <optional>
#include <random>
#include <utility>

namespace alicloud::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using step = call_machine::step;

double random_unit()
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

std::string new_client_token()
{
    // A UUID-shaped value: ASCII, at most 64 characters, unique per logical call.
    const std::string hex = sansio::random_nonce();
    std::string out;
    out.reserve(36);
    out.append(hex, 0, 8).append("-").append(hex, 8, 4).append("-").append(hex, 12, 4).append("-");
    out.append(hex, 16, 4).append("-").append(hex, 20, 12);
    return out;
}

void serialize(const signed_request& req, const rpc_client_impl& impl, std::string& out)
{
    out.clear();
    out.reserve(256 + req.target.size() + req.body.size() + req.headers.size() * 64);
    out.append(to_string(req.method)).append(" ").append(req.target).append(" HTTP/1.1\r\n");
    for (const auto& h : req.headers)
        out.append(h.name).append(": ").append(h.value).append("\r\n");
    out.append("user-agent: ").append(impl.options.user_agent).append("\r\n");
    out.append("accept: application/json\r\n");
    if (req.method == http_method::post || !req.body.empty())
        out.append("content-length: ").append(std::to_string(req.body.size())).append("\r\n");
    out.append("\r\n").append(req.body);
}

std::string describe_headers(const std::vector<http_header>& headers)
{
    std::string out;
    for (const auto& h : headers)
        out.append(out.empty() ? "" : ", ").append(h.name).append("=").append(h.value);
    return out;
}

class call_op final : public call_control {
public:
    using strand_type = asio::strand<asio::any_io_executor>;

    call_op(std::shared_ptr<rpc_client_impl> impl, rpc_call call, rpc_handler handler)
        : impl_(std::move(impl)), strand_(asio::make_strand(impl_->executor)), call_(std::move(call)),
          handler_(std::move(handler)), handler_ex_(asio::get_associated_executor(handler_, impl_->executor)),
          slot_(asio::get_associated_cancellation_slot(handler_)), timer_(impl_->executor),
          machine_(call_plan{})
    {
    }

    // Connects the caller's slot and context: from here a cancellation is
    // posted to the strand, where it reaches the machine before or after it starts.
    void listen()
    {
        if (slot_.is_connected())
            slot_.assign([self = shared()](asio::cancellation_type type) { self->cancel(cancel_reason::caller, type); });
        if (const auto& ctx = call_.options.context) {
            context_header_list_ = ctx.headers(); // read once: sent with the call, and quoted when it fails
            context_headers_ = describe_headers(context_header_list_);
            context_subscription_ = ctx.on_cancel([weak = std::weak_ptr<call_control>(shared_from_this())] {
                if (auto c = weak.lock())
                    c->cancel(cancel_reason::context, asio::cancellation_type::terminal);
            });
        }
    }

    void launch(bool must_wait_for_slot)
    {
        must_wait_ = must_wait_for_slot;
        asio::post(strand_, [self = shared()] { self->begin(); });
    }

    // Refused by the gate: completes without running, never inside the
    // initiating function, on the handler's executor - or a system thread
    // rather than a pool that may be stopped.
    void refuse(call_machine::refusal why)
    {
        auto [ec, message] = call_machine::refused(why, impl_->gate.max_pending());
        rpc_response r;
        r.diag.client_message = std::move(message);
        asio::post(impl_->completion_fallback(), asio::append(std::move(handler_), ec, std::move(r)));
    }

    void undo_admission()
    {
        if (slot_.is_connected())
            slot_.clear();
        context_subscription_.reset();
        impl_->gate.release(*this);
        impl_->gate.finished(*this);
    }

    void cancel(cancel_reason why, asio::cancellation_type type) override
    {
        asio::post(strand_, [self = shared(), why, type] {
            if (self->machine_.cancel(why, type))
                self->stop(asio::error::operation_aborted);
        });
    }

    void wake() override
    {
        asio::post(strand_, [self = shared()] {
            if (self->step_ == step::wait_for_slot)
                self->settle_slot(false);
        });
    }

private:
    std::shared_ptr<call_op> shared() { return std::static_pointer_cast<call_op>(shared_from_this()); }

    template <class F>
    auto on_strand(F f)
    {
        return asio::bind_executor(strand_, std::move(f));
    }

    const client_options& opts() const { return impl_->options; }
    // The provider's, when there is one, else the client's own.
    const credentials& signing_credentials() const { return opts().credentials_provider ? provided_ : opts().creds; }
    static call_clock::time_point now() { return call_clock::now(); }

    // Everything the call needs that comes from its options and the client's,
    // read once; then the machine's first step.
    void begin()
    {
        const auto& o = opts();
        const auto& ctx = call_.options.context;
        const auto start = now();
        call_plan plan;
        plan.call_timeout = call_.options.timeout.value_or(o.timeouts.call);
        plan.deadline = start + plan.call_timeout;
        if (const auto d = ctx.deadline(); d && *d < plan.deadline) {
            plan.deadline = *d;
            plan.deadline_from_context = true;
        }
        plan.attempt_timeout = call_.options.attempt_timeout.value_or(o.timeouts.attempt);
        plan.retry = call_.options.retry.value_or(o.retry);
        plan.must_wait_for_slot = must_wait_;
        plan.has_provider = o.credentials_provider != nullptr;
        plan.decode_body = call_.parse_body;
        plan.max_response_bytes = o.max_response_bytes;
        plan.random_unit = &random_unit;
        plan.repeatable = call_.idempotent;
        if (plan.has_provider)
            plan.provider_name = o.credentials_provider->name();

        // Bad input found before anything is sent (an endpoint that does not parse).
        error_code bad;
        diagnostics why;
        if (call_.endpoint)
            endpoint_ = parse_endpoint(*call_.endpoint, bad, why);
        else if (impl_->default_endpoint)
            endpoint_ = *impl_->default_endpoint;
        else {
            bad = client_errc::invalid_endpoint;
            why = impl_->endpoint_error;
        }
        if (!bad) {
            plan.authority = endpoint_.authority;
            plan.host = endpoint_.host;
            if (!call_.client_token_parameter.empty()) {
                const auto* token = call_.params.find(call_.client_token_parameter);
                if (token == nullptr || token->empty())
                    call_.params.set(call_.client_token_parameter, new_client_token());
                plan.repeatable = true; // the service deduplicates by the token
            }
            request_.action = std::move(call_.action);
            request_.version = std::move(call_.version);
            request_.params = std::move(call_.params);
            request_.method = call_.method.value_or(http_method::post);
            request_.params_in = call_.params_in;
            request_.headers = std::move(call_.headers);
            for (auto& h : context_header_list_)
                if (std::none_of(request_.headers.begin(), request_.headers.end(),
                                 [&](const http_header& own) { return own.name == h.name; }))
                    request_.headers.push_back(std::move(h));
            pool_ = call_.endpoint ? &impl_->pool_for(endpoint_) : impl_->default_pool;
        }
        machine_.replan(std::move(plan));
        if (bad)
            return perform(machine_.refuse(bad, std::move(why)));
        perform(machine_.start(start, ctx.err()));
    }

    // Performs steps until one has to wait; the machine is told how each ended.
    void perform(call_machine::action a)
    {
        try {
            for (;;) {
                step_ = a.what;
                switch (a.what) {
                case step::wait_for_slot:
                    arm(a.deadline);
                    settle_slot(false); // goes on when the gate has answered already
                    return;
                case step::get_credentials:
                    if (auto got = opts().credentials_provider->try_get()) {
                        provided_ = std::move(got->creds);
                        a = machine_.credentials({}, {}, now());
                        continue;
                    }
                    return ask_for_credentials(a.deadline);
                case step::sign: a = sign(); continue;
                case step::lease: return lease(a.deadline);
                case step::exchange: return exchange(a.deadline);
                case step::ask_if_expired:
                    a = machine_.expired_answer(opts().credentials_provider->expired(provided_), now());
                    continue;
                case step::back_off:
                    timer_.expires_after(a.sleep);
                    timer_.async_wait(on_strand([self = shared(), gen = ++gen_](error_code) {
                        if (gen != self->gen_)
                            return; // ended early by stop()
                        self->end_step();
                        self->perform(self->machine_.backed_off(now()));
                    }));
                    armed_ = false; // the sleep is not a deadline
                    return;
                case step::complete: return finish();
                }
            }
        } catch (const std::exception& e) {
            // Only resource exhaustion and bugs throw in here; the caller still
            // gets exactly one completion.
            if (finished_)
                throw;
            release_resources();
            machine_.fail_internally(e.what());
            finish();
        }
    }

    // The current step is over: late completions of what it started are dropped.
    void end_step() { ++gen_; }

    // The current step's deadline; kept across steps that share it (an
    // attempt's open, write and reads).
    void arm(call_clock::time_point deadline)
    {
        if (armed_ && armed_until_ == deadline)
            return;
        armed_ = true;
        armed_until_ = deadline;
        timer_.expires_at(deadline);
        timer_.async_wait(on_strand([self = shared(), t = ++timer_gen_](error_code ec) {
            if (!ec && t == self->timer_gen_) {
                self->armed_ = false;
                self->stop(client_errc::timeout);
            }
        }));
    }

    void disarm()
    {
        if (!armed_)
            return;
        armed_ = false;
        ++timer_gen_;
        timer_.cancel();
    }

    // Ends the step in progress early: its deadline passed (timeout) or a
    // cancellation the machine honours arrived (operation_aborted).
    void stop(error_code why)
    {
        switch (step_) {
        case step::wait_for_slot: settle_slot(true); return;
        case step::get_credentials:
            end_step();
            disarm();
            return perform(machine_.credentials(why, {}, now()));
        case step::back_off:
            end_step();
            timer_.cancel();
            return perform(machine_.backed_off(now()));
        case step::lease:
            if (phase_ == attempt_phase::queue) {
                stopped_ = why;
                if (queue_timer_)
                    queue_timer_->cancel();
                return;
            }
            if (phase_ == attempt_phase::resolve) {
                end_step();
                disarm();
                pool_->release_slot();
                return perform(machine_.lease_failed(attempt_phase::resolve, why, now()));
            }
            [[fallthrough]];
        case step::exchange:
            // The operation in progress ends with operation_aborted and reports `why`.
            stopped_ = why;
            if (conn_) {
                error_code ignored;
                conn_->lowest().cancel(ignored);
            }
            return;
        case step::sign:
        case step::ask_if_expired:
        case step::complete: return; // not waiting: nothing to end
        }
    }

    // ---- wait_for_slot
    bool settle_slot(bool give_up)
    {
        const auto st = impl_->gate.settle(*this, give_up || now() >= armed_until_);
        if (st == slot_state::waiting)
            return false; // woken by the gate, the deadline or a cancellation
        disarm();
        const auto answer = st == slot_state::held      ? call_machine::slot_answer::granted
                            : st == slot_state::refused ? call_machine::slot_answer::refused
                                                        : call_machine::slot_answer::gave_up;
        perform(machine_.slot(answer, now()));
        return true;
    }

    // ---- get_credentials
    void ask_for_credentials(call_clock::time_point deadline)
    {
        arm(deadline);
        // The provider keeps the handler until it answers - maybe never (a
        // silent one), and it belongs to the client the call holds: a strong
        // reference here would keep both alive for ever. The armed deadline
        // keeps the call alive while it waits.
        opts().credentials_provider->async_get(
            strand_, on_strand([weak = std::weak_ptr<call_op>(shared()), gen = gen_](error_code ec, credentials_result r) {
                const auto self = weak.lock();
                if (!self || gen != self->gen_)
                    return; // the call stopped waiting
                self->end_step();
                self->disarm();
                if (!ec)
                    self->provided_ = std::move(r.creds);
                self->perform(self->machine_.credentials(ec, std::move(r.why), now()));
            }));
    }

    // ---- sign
    call_machine::action sign()
    {
        const credentials& creds = signing_credentials();
        auto& diag = machine_.result().second.diag;
        error_code ec;
        const signed_request s = sansio::sign_rpc_request(request_, creds, endpoint_.authority, impl_->make_stamp(),
                                                          {.version = opts().signature}, ec, diag);
        if (ec)
            return machine_.signing_failed(ec);
        serialize(s, *impl_, wire_);
        return machine_.signed_request(now());
    }

    // ---- lease: a pooled connection, a new one, or a place in the queue
    void lease(call_clock::time_point deadline)
    {
        attempt_deadline_ = deadline;
        phase_ = attempt_phase::queue;
        stopped_ = {};
        for (;;) {
            auto l = pool_->try_acquire();
            if (l.reused || l.may_open) {
                leave_queue();
                if (!l.reused)
                    return open(deadline);
                conn_ = std::move(l.reused);
                return perform(machine_.leased(now()));
            }
            if (queued_)
                break;
            // Queue first, then look again: a connection freed in between is not missed.
            queue_timer_ = std::make_shared<asio::steady_timer>(impl_->executor, deadline);
            queued_ = pool_->enqueue({strand_, queue_timer_});
        }
        queue_timer_->async_wait(on_strand([self = shared(), gen = gen_](error_code ec) {
            if (gen != self->gen_)
                return;
            if (!ec || self->stopped_) { // the deadline, or a cancellation
                const error_code why = self->stopped_ ? self->stopped_ : error_code(client_errc::timeout);
                self->leave_queue();
                self->end_step();
                return self->perform(self->machine_.lease_failed(attempt_phase::queue, why, now()));
            }
            self->queued_.reset(); // woken by the pool, which took it out of the queue: look again
            self->lease(self->queue_timer_->expiry());
        }));
    }

    void leave_queue()
    {
        if (queued_)
            pool_->dequeue(*queued_);
        queued_.reset();
    }

    // Resolve (skipped for literal addresses), connect, and for HTTPS the TLS
    // handshake with SNI and host-name verification.
    void open(call_clock::time_point deadline)
    {
        arm(deadline);
        phase_ = attempt_phase::resolve;
        if (auto literal = literal_endpoint(endpoint_.host, endpoint_.port)) {
            addresses_.assign(1, *literal);
            literal_ = true;
            return connect(0);
        }
        literal_ = false;
        // Weakly, as for credentials: a resolve hook may hold the answer's
        // function as long as it likes; the armed deadline keeps the call alive.
        start_resolve(endpoint_.host, endpoint_.port, opts().resolve, strand_,
                      [weak = std::weak_ptr<call_op>(shared()), gen = gen_](error_code ec,
                                                                            std::vector<tcp::endpoint> found) {
                          const auto self = weak.lock();
                          if (!self || gen != self->gen_)
                              return; // the call stopped waiting: dropped
                          if (ec)
                              return self->open_failed(attempt_phase::resolve, ec);
                          self->addresses_ = std::move(found);
                          self->connect(0);
                      });
    }

    void connect(std::size_t i)
    {
        phase_ = attempt_phase::connect;
        if (stopped_)
            return open_failed(phase_, stopped_);
        if (!conn_) {
            conn_ = std::make_unique<connection>();
            conn_->tcp = std::make_unique<tcp::socket>(impl_->executor);
            // The connect has a bound of its own (timeouts.connect), within the attempt's.
            arm(std::min(attempt_deadline_, now() + opts().timeouts.connect));
        }
        conn_->tcp->async_connect(addresses_[i], on_strand([self = shared(), i](error_code ec) {
            if (ec && !self->stopped_ && ec != asio::error::operation_aborted && i + 1 < self->addresses_.size()) {
                error_code ignored;
                self->conn_->tcp->close(ignored); // one address at a time
                return self->connect(i + 1);
            }
            if (ec)
                return self->open_failed(attempt_phase::connect, self->stopped_ ? self->stopped_ : ec);
            error_code ignored;
            self->conn_->tcp->set_option(tcp::no_delay(true), ignored);
            self->conn_->tcp->non_blocking(true, ignored); // written at once (write_plain), or by OpenSSL
            self->arm(self->attempt_deadline_);
            if (self->endpoint_.tls)
                return self->handshake();
            self->perform(self->machine_.leased(now()));
        }));
    }

    void handshake()
    {
        phase_ = attempt_phase::handshake;
        if (stopped_)
            return open_failed(phase_, stopped_);
        error_code ec;
        conn_->tls = new_tls_session(impl_->use_tls().native_handle(), conn_->tcp->native_handle(), endpoint_.host,
                                     literal_, opts().tls.verify_peer, ec);
        if (ec)
            return open_failed(phase_, ec);
        continue_handshake();
    }

    void continue_handshake()
    {
        const tls_step st = tls_handshake(conn_->tls.get());
        if (st.wait != tls_step::need::nothing)
            return when_ready(st.wait, [](call_op& self) { self.continue_handshake(); });
        if (st.ec)
            return open_failed(attempt_phase::handshake, st.ec);
        perform(machine_.leased(now()));
    }

    // Runs `then` once the socket is readable or writable - or reports the
    // step's end (a deadline or a cancellation closed it meanwhile).
    template <class Then>
    void when_ready(tls_step::need what, Then then)
    {
        const auto w = what == tls_step::need::readable ? tcp::socket::wait_read : tcp::socket::wait_write;
        conn_->tcp->async_wait(w, on_strand([self = shared(), then](error_code ec) {
                                   if (self->stopped_)
                                       ec = self->stopped_;
                                   if (!ec)
                                       return then(*self);
                                   if (self->phase_ == attempt_phase::handshake)
                                       return self->open_failed(attempt_phase::handshake, ec);
                                   if (self->phase_ == attempt_phase::write)
                                       return self->on_written(ec);
                                   self->on_read(ec, 0);
                               }));
    }

    void open_failed(attempt_phase phase, error_code ec)
    {
        end_step();
        disarm();
        if (conn_) {
            conn_->close();
            conn_.reset();
        }
        pool_->release_slot();
        perform(machine_.lease_failed(phase, ec, now()));
    }

    // ---- exchange: write the request, read the answer
    void exchange(call_clock::time_point deadline)
    {
        arm(deadline);
        phase_ = attempt_phase::write;
        report_ = {};
        report_.reused = conn_->requests > 0;
        waited_for_answer_ = false;
        interim_ = 0;
        if (conn_->tls)
            return write_tls();
        write_plain();
    }

    // HTTPS: the request as one record (SSL_write takes it whole).
    void write_tls()
    {
        const tls_step st = tls_write(conn_->tls.get(), wire_.data(), wire_.size());
        if (st.wait != tls_step::need::nothing)
            return when_ready(st.wait, [](call_op& self) { self.write_tls(); });
        on_written(st.ec);
    }

    // Plain HTTP: the socket is non-blocking, and a request (a kilobyte or
    // two) fits in the socket's send buffer, so it is written here and now,
    // with no operation queued and no handler to run; what does not fit goes
    // out asynchronously.
    void write_plain()
    {
        error_code ec;
        const std::size_t n = conn_->tcp->write_some(asio::buffer(wire_), ec);
        if (ec == asio::error::would_block)
            ec = {};
        if (ec || n == wire_.size())
            return on_written(ec);
        asio::async_write(*conn_->tcp, asio::buffer(wire_) + n,
                          on_strand([self = shared()](error_code e, std::size_t) { self->on_written(e); }));
    }

    void on_written(error_code ec)
    {
        if (ec)
            return exchange_failed(stopped_ ? stopped_ : ec);
        report_.written = true;
        // From here the service may act on the request: the machine says
        // whether a cancellation that came meanwhile still applies (total does not).
        if (!machine_.written())
            return exchange_failed(asio::error::operation_aborted);
        if (stopped_ == asio::error::operation_aborted)
            stopped_ = {};
        phase_ = attempt_phase::read;
        new_parser();
        read();
    }

    void new_parser()
    {
        parser_.emplace();
        parser_->eager(true);
        parser_->header_limit(static_cast<std::uint32_t>(max_head_bytes));
        parser_->body_limit(opts().max_response_bytes);
    }

    void read()
    {
        if (stopped_)
            return exchange_failed(stopped_);
        auto& buffer = conn_->buffer;
        // Sized to the answer: what the body still needs, at least 16 KiB.
        std::size_t want = 16 * 1024;
        if (parser_->is_header_done())
            if (const auto left = parser_->content_length_remaining())
                want = std::max<std::size_t>(want, static_cast<std::size_t>(*left));
        want = std::min(want, buffer.max_size() - buffer.size());
        if (want == 0)
            return exchange_failed(http::error::buffer_overflow);
        auto space = buffer.prepare(want);
        if (conn_->tls)
            return read_tls(space);
        // (Asio reads at once only when the socket had more than the last read
        // took: a connection back from the pool waits without a system call.)
        conn_->tcp->async_read_some(
            space, on_strand([self = shared()](error_code ec, std::size_t n) { self->on_read(ec, n); }));
    }

    void read_tls(asio::mutable_buffer space)
    {
        // Right after the request went out the answer cannot be there yet,
        // unless OpenSSL holds bytes already: wait first instead of a read
        // that would find nothing.
        if (interim_ == 0 && !report_.response_started && ::SSL_has_pending(conn_->tls.get()) == 0 &&
            !std::exchange(waited_for_answer_, true))
            return when_ready(tls_step::need::readable, [space](call_op& self) { self.read_tls(space); });
        const tls_step st = tls_read(conn_->tls.get(), space.data(), space.size());
        if (st.wait != tls_step::need::nothing)
            return when_ready(st.wait, [space](call_op& self) { self.read_tls(space); });
        on_read(st.ec, st.bytes);
    }

    void on_read(error_code ec, std::size_t n)
    {
        auto& buffer = conn_->buffer;
        buffer.commit(n);
        error_code pec;
        for (;;) {
            parse(pec);
            if (pec)
                return exchange_failed(pec);
            if (!parser_->is_done())
                break;
            report_.status = parser_->status;
            if (report_.status >= 200 || report_.status < 100 || report_.status == 101)
                return exchange_succeeded();
            // Interim answers (100 Continue, 103 Early Hints) are skipped, as HTTP
            // asks of a client; a server that sends nothing else is cut off.
            if (++interim_ == max_interim_answers) {
                report_.interim_only = true;
                return exchange_failed(client_errc::malformed_response);
            }
            new_parser();
        }
        if (ec) {
            if (stopped_)
                return exchange_failed(stopped_);
            if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
                if (!parser_->got_some() && !report_.response_started)
                    return exchange_failed(http::error::end_of_stream);
                parser_->put_eof(pec); // an answer that ends with the connection
                if (!pec && parser_->is_done()) {
                    report_.status = parser_->status;
                    return exchange_succeeded();
                }
                return exchange_failed(http::error::partial_message);
            }
            return exchange_failed(ec);
        }
        read();
    }

    // What the buffer holds, through the parser; `pec` set when it is not HTTP.
    void parse(error_code& pec)
    {
        auto& buffer = conn_->buffer;
        while (buffer.size() > 0 && !parser_->is_done()) {
            const auto used = parser_->put(buffer.data(), pec);
            buffer.consume(used);
            report_.response_started = report_.response_started || parser_->got_some();
            if (parser_->is_header_done())
                report_.status = parser_->status;
            if (pec == http::error::need_more) {
                pec = {};
                if (buffer.size() == buffer.max_size())
                    pec = http::error::buffer_overflow;
                return;
            }
            if (pec || used == 0)
                return;
        }
    }

    void exchange_succeeded()
    {
        report_.request_id = std::move(parser_->request_id);
        report_.body = std::move(parser_->body);
        report_.keep_alive = parser_->keep_alive();
        conn_->requests += 1;
        end_step();
        disarm();
        parser_.reset();
        pool_->release(std::move(conn_), report_.keep_alive);
        perform(machine_.exchanged(std::move(report_), now()));
    }

    void exchange_failed(error_code ec)
    {
        report_.ec = ec;
        report_.phase = phase_;
        end_step();
        disarm();
        parser_.reset();
        pool_->release(std::move(conn_), false); // failed or cancelled: never reused
        perform(machine_.exchanged(std::move(report_), now()));
    }

    // Whatever the call still holds, given back (a connection leased but not
    // used: the machine ended the call before writing).
    void release_resources()
    {
        disarm();
        leave_queue();
        if (conn_)
            pool_->release(std::move(conn_), false);
    }

    void finish()
    {
        finished_ = true;
        step_ = step::complete;
        end_step();
        if (conn_)
            pool_->release(std::move(conn_), true); // leased, then the call ended before writing
        release_resources();
        auto& [ec, response] = machine_.result();
        if (ec) {
            redact(response.diag, signing_credentials()); // the service may quote what was signed
            response.diag.context_headers = context_headers_;
        }
        asio::dispatch(handler_ex_, [self = shared()]() mutable {
            // However the handler returns (or throws), the call is over for the
            // gate: its slot freed, shutdown's count decremented.
            struct leave_gate {
                call_op& op;
                ~leave_gate() { op.impl_->gate.finished(op); }
            } leaving{*self};
            self->impl_->gate.release(*self);
            self->context_subscription_.reset();
            if (self->slot_.is_connected())
                self->slot_.clear();
            auto h = std::move(self->handler_);
            auto& result = self->machine_.result();
            std::move(h)(result.first, std::move(result.second));
        });
    }

    std::shared_ptr<rpc_client_impl> impl_;
    strand_type strand_;
    rpc_call call_;
    rpc_handler handler_;
    asio::any_completion_executor handler_ex_;
    asio::cancellation_slot slot_;
    std::vector<http_header> context_header_list_; // the context's headers, read once
    std::string context_headers_;                   // the same, as diagnostics quote them
    cancel_subscription context_subscription_;
    bool must_wait_ = false;
    bool finished_ = false;

    asio::steady_timer timer_;
    call_machine machine_;
    step step_ = step::sign;
    unsigned gen_ = 0;       // the step's number: completions of an earlier one are dropped
    unsigned timer_gen_ = 0; // the same for the timer's waits
    bool armed_ = false;
    call_clock::time_point armed_until_{};
    call_clock::time_point attempt_deadline_{};
    error_code stopped_; // why the step in progress was ended early

    endpoint endpoint_;
    connection_pool* pool_ = nullptr;
    rpc_request request_;
    credentials provided_; // from the provider, when there is one
    std::string wire_;     // the signed request, as sent

    attempt_phase phase_ = attempt_phase::queue;
    std::optional<std::uint64_t> queued_;
    std::shared_ptr<asio::steady_timer> queue_timer_;
    std::vector<tcp::endpoint> addresses_;
    bool literal_ = false;
    std::unique_ptr<connection> conn_;
    std::optional<answer_parser> parser_;
    unsigned interim_ = 0;
    bool waited_for_answer_ = false; // HTTPS: the first wait for the answer is done
    exchange_report report_;
};

} // namespace

void async_call(const std::shared_ptr<rpc_client_impl>& impl, rpc_call call, rpc_handler handler)
{
    // What may throw comes first, as far as it can (see undo below).
    auto op = std::make_shared<call_op>(impl, std::move(call), std::move(handler));

    bool must_wait = false;
    switch (impl->gate.admit(op)) {
    case admission_gate::verdict::accepted: break;
    case admission_gate::verdict::must_wait: must_wait = true; break;
    case admission_gate::verdict::full: return op->refuse(call_machine::refusal::full);
    case admission_gate::verdict::shut_down: return op->refuse(call_machine::refusal::shut_down);
    case admission_gate::verdict::not_started: return op->refuse(call_machine::refusal::not_started);
    }

    // Admitted, the call is counted until its handler returns. Should what
    // follows throw (memory exhausted), the initiating function throws and the
    // handler is never called, as Asio's contract has it - and the admission
    // is undone, or a shutdown would wait forever for a call that never ran.
    struct undo_admission {
        call_op& op;
        bool armed = true;
        ~undo_admission()
        {
            if (armed)
                op.undo_admission();
        }
    } undo{*op};
    op->listen();
    op->launch(must_wait);
    undo.armed = false; // the call runs: its completion leaves the gate
}

} // namespace alicloud::detail
