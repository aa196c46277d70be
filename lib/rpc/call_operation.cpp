// One RPC call: credentials -> sign -> lease a connection -> write -> read ->
// decode -> maybe back off and retry. Compiled once, behind the type-erased
// handler of detail::async_call; every public template funnels into it.
//
// It runs as a coroutine on a strand of its own (timers of a waiting call are
// touched only there), with Asio's per-operation cancellation: total
// cancellation is accepted until the request is written, partial and terminal
// always.

#include "call_control.hpp"
#include "client_impl.hpp"
#include "resolution.hpp"
#include "core/detail/redaction.hpp"

#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/credentials/provider.hpp>
#include <alicloud/core/sansio/response_decoder.hpp>
#include <alicloud/core/sansio/retry_policy.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <openssl/ssl.h>

#include <optional>
#include <random>

namespace alicloud::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

struct attempt_result {
    error_code ec;
    unsigned status = 0;
    std::string body;
    std::string request_id_header;
    bool written = false;           // the whole request went out: the service may act on it
    bool connection_failed = false; // could not connect, or the connection broke
    bool response_started = false;  // some of the answer arrived
    bool keep_alive = false;        // the connection may serve another request
    bool interim_only = false;      // nothing but 1xx answers came
};

// Interim (1xx) answers skipped before the call gives up on a server.
constexpr unsigned max_interim_answers = 8;

// The cancellation types a call honours. Total cancellation promises that
// nothing happened: it applies only while no attempt has reached the service.
asio::cancellation_type honoured(bool sent)
{
    return sent ? asio::cancellation_type::terminal | asio::cancellation_type::partial : asio::cancellation_type::all;
}

awaitable<bool> cancelled()
{
    const auto state = co_await asio::this_coro::cancellation_state;
    co_return state.cancelled() != asio::cancellation_type::none;
}

std::string describe(std::string_view what, const endpoint& ep, const error_code& ec)
{
    return std::string(what) + " " + ep.authority + ": " + ec.message();
}

// Credentials the call can walk away from, like a resolution (resolution.hpp):
// the provider answers into this shared state (on the call's strand), and the
// call waits on a timer that the answer, the deadline or a cancellation ends.
struct pending_credentials {
    explicit pending_credentials(const asio::any_io_executor& ex) : signal(ex) {}
    asio::steady_timer signal;
    bool done = false;
    error_code ec;
    credentials_result result;
};

awaitable<std::shared_ptr<pending_credentials>> wait_for_credentials(credentials_provider& provider,
                                                                     clock_type::time_point deadline)
{
    auto strand = co_await asio::this_coro::executor;
    auto st = std::make_shared<pending_credentials>(strand);
    st->signal.expires_at(deadline);
    provider.async_get(strand, asio::bind_executor(strand, [st](error_code ec, credentials_result r) {
                           st->done = true;
                           st->ec = ec;
                           st->result = std::move(r);
                           st->signal.cancel();
                       }));
    if (!st->done)
        co_await st->signal.async_wait(nothrow);
    co_return st;
}

// Resolve (skipped for literal addresses), connect, and for HTTPS the TLS
// handshake with SNI and host-name verification.
awaitable<std::pair<error_code, std::unique_ptr<connection>>> open_connection(rpc_client_impl& impl,
                                                                             const endpoint& ep,
                                                                             clock_type::time_point deadline,
                                                                             diagnostics& diag)
{
    auto ex = co_await asio::this_coro::executor;
    std::pair<error_code, std::unique_ptr<connection>> out;
    auto& ec = out.first;

    // On the call's strand, as resolve() needs.
    const auto found = co_await resolve(ep.host, ep.port, deadline, impl.options.resolve);
    if (!found.done) {
        const bool aborted = co_await cancelled();
        ec = aborted ? error_code(asio::error::operation_aborted) : error_code(client_errc::timeout);
        diag.client_message = aborted ? "cancelled while resolving " + ep.host : "resolving " + ep.host + " timed out";
        co_return out;
    }
    if (found.ec) {
        ec = found.ec;
        diag.client_message = "resolving " + ep.host + " failed: " + found.ec.message();
        co_return out;
    }

    auto c = std::make_unique<connection>();
    c->tcp = std::make_unique<beast::tcp_stream>(ex);
    c->tcp->expires_at(std::min(deadline, clock_type::now() + impl.options.timeouts.connect));
    // One address at a time: the single-endpoint connect is the one whose
    // cancellation reaches the socket in Boost 1.81.
    error_code cec = asio::error::host_not_found;
    for (const auto& target : found.endpoints) {
        auto [attempt_ec] = co_await c->tcp->async_connect(target, nothrow);
        cec = attempt_ec;
        if (!cec || cec == asio::error::operation_aborted || cec == beast::error::timeout)
            break;
    }
    if (cec) {
        ec = cec == beast::error::timeout ? error_code(client_errc::timeout) : cec;
        diag.client_message = describe("connecting to", ep, cec);
        co_return out;
    }
    c->tcp->socket().set_option(tcp::no_delay(true));

    if (ep.tls) {
        c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(std::move(*c->tcp), impl.use_tls());
        c->tcp.reset();
        if (!found.literal) // SNI takes names, not addresses (SSL_set_tlsext_host_name, without its C cast)
            SSL_ctrl(c->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     const_cast<char*>(ep.host.c_str()));
        if (impl.options.tls.verify_peer)
            c->tls->set_verify_callback(asio::ssl::host_name_verification(ep.host));
        beast::get_lowest_layer(*c->tls).expires_at(deadline);
        auto [hec] = co_await c->tls->async_handshake(asio::ssl::stream_base::client, nothrow);
        if (hec) {
            ec = hec == beast::error::timeout ? error_code(client_errc::timeout) : hec;
            diag.client_message = describe("TLS handshake with", ep, hec);
            co_return out;
        }
    }
    out.second = std::move(c);
    co_return out;
}

// A connection from the pool, a new one, or - when the pool is full - the next
// one freed, bounded by the deadline.
awaitable<std::pair<error_code, std::unique_ptr<connection>>> lease_connection(rpc_client_impl& impl,
                                                                              connection_pool& pool,
                                                                              const endpoint& ep,
                                                                              clock_type::time_point deadline,
                                                                              diagnostics& diag)
{
    auto strand = co_await asio::this_coro::executor;
    std::optional<std::uint64_t> queued;
    std::shared_ptr<asio::steady_timer> timer;
    for (;;) {
        auto lease = pool.try_acquire();
        if (lease.reused || lease.may_open) {
            if (queued)
                pool.dequeue(*queued);
            if (lease.reused)
                co_return std::pair{error_code{}, std::move(lease.reused)};
            auto opened = co_await open_connection(impl, ep, deadline, diag);
            if (opened.first)
                pool.release_slot();
            co_return opened;
        }
        if (!queued) {
            // Queue first, then look again: a connection freed in between is not missed.
            timer = std::make_shared<asio::steady_timer>(strand, deadline);
            queued = pool.enqueue({strand, timer});
            continue;
        }
        auto [ec] = co_await timer->async_wait(nothrow);
        const bool was_cancelled = co_await cancelled();
        if (!ec || was_cancelled) {
            pool.dequeue(*queued);
            const bool aborted = ec && was_cancelled;
            diag.client_message = aborted ? "cancelled while waiting for a connection to " + ep.authority
                                          : "timed out waiting for a connection to " + ep.authority;
            co_return std::pair{aborted ? error_code(asio::error::operation_aborted) : error_code(client_errc::timeout),
                                std::unique_ptr<connection>()};
        }
        // Woken by the pool: no longer queued; look again.
        queued.reset();
    }
}

std::string serialize(const signed_request& req, const rpc_client_impl& impl)
{
    std::string out;
    out.reserve(256 + req.target.size() + req.body.size() + req.headers.size() * 64);
    out.append(to_string(req.method)).append(" ").append(req.target).append(" HTTP/1.1\r\n");
    for (const auto& h : req.headers)
        out.append(h.name).append(": ").append(h.value).append("\r\n");
    out.append("user-agent: ").append(impl.options.user_agent).append("\r\n");
    out.append("accept: application/json\r\n");
    if (req.method == http_method::post || !req.body.empty())
        out.append("content-length: ").append(std::to_string(req.body.size())).append("\r\n");
    out.append("\r\n").append(req.body);
    return out;
}

template <class Stream>
awaitable<attempt_result> exchange(Stream& stream, connection& c, const std::string& request,
                                   std::size_t body_limit, const call_control& ctl)
{
    attempt_result r;
    auto [wec, written] = co_await asio::async_write(stream, asio::buffer(request), nothrow);
    if (wec) {
        r.ec = wec;
        r.connection_failed = true;
        co_return r;
    }
    r.written = true;
    // From here the service may act on the request: total cancellation, which
    // promises no side effects, no longer applies. Partial does, and so does
    // terminal; Beast's read reacts to terminal only, so both reach it as
    // terminal - the connection is closed either way.
    co_await asio::this_coro::reset_cancellation_state(
        asio::enable_partial_cancellation(), [](asio::cancellation_type t) {
            return t == asio::cancellation_type::none ? t : asio::cancellation_type::terminal;
        });
    if (ctl.asked_to_cancel(asio::cancellation_type::terminal | asio::cancellation_type::partial)) {
        r.ec = asio::error::operation_aborted; // while the write completed: the connection is not reused
        co_return r;
    }

    // Interim answers (100 Continue, 103 Early Hints) are skipped, as HTTP asks
    // of a client; a server that sends nothing else is cut off after a few.
    std::optional<http::response_parser<http::string_body>> parser;
    for (unsigned interim = 0;; ++interim) {
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(max_head_bytes));
        parser->body_limit(body_limit);
        auto [rec, n] = co_await http::async_read(stream, c.buffer, *parser, nothrow);
        r.response_started = r.response_started || parser->got_some();
        if (parser->is_header_done())
            r.status = parser->get().result_int();
        if (rec) {
            r.ec = rec;
            r.connection_failed = !r.response_started || rec == http::error::partial_message;
            co_return r;
        }
        if (r.status < 100 || r.status >= 200 || r.status == 101)
            break;
        if (interim + 1 == max_interim_answers) {
            r.ec = client_errc::malformed_response;
            r.interim_only = true;
            co_return r;
        }
    }
    auto& res = parser->get();
    r.status = res.result_int();
    if (auto id = res.find("x-acs-request-id"); id != res.end())
        r.request_id_header = id->value();
    r.body = std::move(res.body());
    r.keep_alive = res.keep_alive();
    c.requests += 1;
    co_return r;
}

awaitable<attempt_result> run_attempt(rpc_client_impl& impl, connection_pool& pool, const endpoint& ep,
                                      const signed_request& req, clock_type::time_point deadline, diagnostics& diag,
                                      const call_control& ctl, bool sent_before)
{
    const std::string request = serialize(req, impl);
    const auto accepted = honoured(sent_before);
    // A kept-alive connection the server closed is replaced once, when nothing
    // reached the server (the write itself failed).
    for (int fresh_tries = 0;; ++fresh_tries) {
        // Until the whole request is written the service cannot act on it, so
        // every kind of cancellation may abort the call (total too, when no
        // earlier attempt was sent); the operations underneath (resolve,
        // connect, TLS handshake, write) only honour terminal.
        co_await asio::this_coro::reset_cancellation_state(
            [accepted](asio::cancellation_type t) { return t & accepted; },
            [](asio::cancellation_type t) {
                return t == asio::cancellation_type::none ? t : asio::cancellation_type::terminal;
            });
        if (ctl.asked_to_cancel(accepted)) {
            attempt_result r;
            r.ec = asio::error::operation_aborted;
            co_return r;
        }
        auto [lec, c] = co_await lease_connection(impl, pool, ep, deadline, diag);
        if (lec) {
            attempt_result r;
            r.ec = lec;
            r.connection_failed = lec != error_code(asio::error::operation_aborted) && lec != client_errc::timeout;
            co_return r;
        }
        const bool reused = c->requests > 0;
        c->lowest().expires_at(deadline);
        attempt_result r;
        if (c->tls)
            r = co_await exchange(*c->tls, *c, request, impl.options.max_response_bytes, ctl);
        else
            r = co_await exchange(*c->tcp, *c, request, impl.options.max_response_bytes, ctl);
        if (!r.ec) {
            c->lowest().expires_never();
            pool.release(std::move(c), r.keep_alive);
            co_return r;
        }
        pool.release(std::move(c), false); // failed or cancelled: never reused
        if (r.ec == beast::error::timeout) {
            r.ec = client_errc::timeout;
        } else if (r.interim_only) {
            diag.server.http_status = r.status;
            diag.client_message = "malformed response: " + ep.authority + " sent " +
                                  std::to_string(max_interim_answers) + " interim answers (HTTP " +
                                  std::to_string(r.status) + ") and no final one";
            r.connection_failed = false;
        } else if (r.ec == http::error::header_limit || r.ec == http::error::buffer_overflow) {
            // A head, a chunk extension, a chunk size or a trailer that never ends.
            if (r.status != 0)
                diag.server.http_status = r.status;
            diag.client_message = std::string("malformed response: the ") +
                                  (r.ec == http::error::header_limit ? "head" : "chunk framing or trailer") +
                                  " of the answer from " + ep.authority + " is longer than " +
                                  std::to_string((r.ec == http::error::header_limit ? max_head_bytes : max_buffered_bytes) / 1024) +
                                  " KiB";
            r.ec = client_errc::malformed_response;
            r.connection_failed = false;
        } else if (r.ec == http::error::body_limit) {
            r.ec = client_errc::response_too_large;
            r.connection_failed = false;
            diag.client_message = "the answer from " + ep.authority + " is larger than max_response_bytes (" +
                                  std::to_string(impl.options.max_response_bytes) + ")";
        } else if (r.response_started && r.status != 0) {
            // The header arrived, then the connection ended: a truncated answer.
            diag.server.http_status = r.status;
            diag.client_message = "malformed response: HTTP " + std::to_string(r.status) +
                                  ", the body was cut off (" + r.ec.message() + ")";
            r.ec = client_errc::malformed_response;
            r.connection_failed = false;
        }
        const bool was_cancelled = co_await cancelled();
        // Only when the server cannot have acted on it: the request did not go
        // out, or the server had closed the idle connection (a clean end of
        // stream before any byte: a server that took a request answers it). A
        // reset is not that: the request may have been acted on, and sending it
        // again would repeat it, with the same nonce (refused as a replay); a
        // repeatable call retries as a new, newly signed attempt instead.
        const bool not_acted_on = !r.written || r.ec == http::error::end_of_stream;
        if (reused && not_acted_on && !r.response_started && r.connection_failed && fresh_tries == 0 &&
            !was_cancelled && r.ec != client_errc::timeout)
            continue;
        if (diag.client_message.empty())
            diag.client_message = describe(r.response_started ? "reading the answer from" : "exchanging with", ep, r.ec);
        co_return r;
    }
}

double random_unit()
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

std::string new_client_token()
{
    // A UUID-shaped value: ASCII, at most 64 characters, unique per logical call.
    const std::string hex = sansio::random_nonce();
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

using call_result = std::pair<error_code, rpc_response>;

// A call admitted while max_pending calls were in flight waits here, on its
// slot timer, until the gate hands it a slot - or refuses it (shutdown), or
// its deadline passes, or it is cancelled. Returns false when it must end.
awaitable<bool> wait_for_slot(rpc_client_impl& impl, call_control& ctl, clock_type::time_point deadline,
                              error_code& ec, diagnostics& diag)
{
    auto st = impl.gate.settle(ctl, false);
    if (st == call_control::slot_state::waiting) {
        ctl.slot_timer.emplace(co_await asio::this_coro::executor, deadline);
        // Looked at again once the timer exists: a wake-up posted before it did is not lost.
        while ((st = impl.gate.settle(ctl, false)) == call_control::slot_state::waiting) {
            co_await ctl.slot_timer->async_wait(nothrow);
            const bool give_up = co_await cancelled() || clock_type::now() >= deadline;
            st = impl.gate.settle(ctl, give_up);
            if (st != call_control::slot_state::waiting)
                break;
        }
        ctl.slot_timer.reset();
    }
    if (st == call_control::slot_state::refused) {
        ec = client_errc::shut_down;
        diag.client_message = "the client was shut down while the call waited for a slot (async_options::max_pending)";
        co_return false;
    }
    if (st != call_control::slot_state::held || co_await cancelled()) {
        const bool aborted = co_await cancelled();
        ec = aborted ? error_code(asio::error::operation_aborted) : error_code(client_errc::timeout);
        diag.client_message = std::string(aborted ? "cancelled" : "timed out") +
                              " while waiting for a slot: async_options::max_pending calls were in flight";
        co_return false;
    }
    co_return true;
}

awaitable<call_result> run_call(std::shared_ptr<rpc_client_impl> impl, rpc_call call, std::shared_ptr<call_control> ctl)
{
    // From here to the end the call listens to its signal (see call_control).
    ctl->running = true;
    struct stop_listening {
        call_control& c;
        ~stop_listening() { c.running = false; }
    } listening{*ctl};

    co_await asio::this_coro::throw_if_cancelled(false);
    co_await asio::this_coro::reset_cancellation_state(
        asio::enable_total_cancellation(),
        [](asio::cancellation_type t) { return t == asio::cancellation_type::none ? t : asio::cancellation_type::terminal; });

    call_result out;
    auto& [ec, response] = out;
    auto& diag = response.diag;
    const auto& opts = impl->options;
    const auto& ctx = call.options.context;
    const auto start = clock_type::now();
    auto deadline = start + call.options.timeout.value_or(opts.timeouts.call);
    bool context_deadline = false;
    if (const auto d = ctx.deadline(); d && *d < deadline) {
        deadline = *d;
        context_deadline = true;
    }
    const auto attempt_timeout = call.options.attempt_timeout.value_or(opts.timeouts.attempt);
    const retry_policy policy = call.options.retry.value_or(opts.retry);

    // Ended before it began: a cancellation sent before the coroutine ran
    // never reached its signal, so it is read here.
    if (const auto why = ctx.err(); why || ctl->reason.load() != cancel_reason::none) {
        ec = why ? why : error_code(asio::error::operation_aborted);
        diag.client_message = ec == client_errc::timeout ? "the call's context had passed its deadline before the call began"
                                                         : "the call was cancelled before it began";
        co_return out;
    }
    if (!co_await wait_for_slot(*impl, *ctl, deadline, ec, diag))
        co_return out;

    std::optional<endpoint> ep = impl->default_endpoint;
    if (call.endpoint) {
        ep = parse_endpoint(*call.endpoint, ec, diag);
        if (ec)
            co_return out;
    }
    if (!ep) {
        ec = client_errc::invalid_endpoint;
        diag = impl->endpoint_error;
        co_return out;
    }

    bool repeatable = call.idempotent;
    if (!call.client_token_parameter.empty()) {
        const auto* token = call.params.find(call.client_token_parameter);
        if (token == nullptr || token->empty())
            call.params.set(call.client_token_parameter, new_client_token());
        repeatable = true; // the service deduplicates by the token
    }

    rpc_request req;
    req.action = std::move(call.action);
    req.version = std::move(call.version);
    req.params = std::move(call.params);
    req.method = call.method.value_or(http_method::post);
    req.params_in = call.params_in;
    req.headers = std::move(call.headers);
    if (ctx)
        for (auto& h : ctx.headers())
            if (std::none_of(req.headers.begin(), req.headers.end(), [&](const http_header& own) { return own.name == h.name; }))
                req.headers.push_back(std::move(h));

    connection_pool& pool = impl->pool_for(*ep);
    asio::steady_timer backoff(co_await asio::this_coro::executor);

    credentials provided;     // from the provider, when there is one
    bool sent = false;        // an attempt's request reached the service
    bool asked_again = false; // after the service refused them as expired
    for (unsigned attempt = 1;; ++attempt) {
        response.attempts = attempt;
        diag.clear();
        if (opts.credentials_provider) { // asked every attempt: credentials may have been refreshed
            auto got = opts.credentials_provider->try_get();
            if (!got) {
                auto answer = co_await wait_for_credentials(*opts.credentials_provider, deadline);
                if (answer->ec || !answer->done) {
                    const bool aborted = !answer->done && co_await cancelled();
                    ec = answer->done ? answer->ec
                                      : aborted ? error_code(asio::error::operation_aborted) : error_code(client_errc::timeout);
                    diag.client_message =
                        answer->done ? std::move(answer->result.why)
                                     : std::string(aborted ? "cancelled" : "timed out") + " while waiting for credentials from " +
                                           opts.credentials_provider->name();
                    co_return out; // nothing was sent
                }
                got = std::move(answer->result);
            }
            provided = std::move(got->creds);
        }
        const credentials& creds = opts.credentials_provider ? provided : opts.creds;
        const signed_request signed_req =
            sansio::sign_rpc_request(req, creds, ep->authority, impl->make_stamp(), {.version = opts.signature}, ec, diag);
        if (ec)
            co_return out; // bad input: nothing was sent, nothing to retry

        const auto attempt_deadline = std::min(deadline, clock_type::now() + attempt_timeout);
        attempt_result r = co_await run_attempt(*impl, pool, *ep, signed_req, attempt_deadline, diag, *ctl, sent);
        sent = sent || r.written;
        // An answer that arrived whole stands, whatever cancellation came after
        // it (RunInstances' new ids are not thrown away). A failed attempt may
        // have been ended by a cancellation, one Asio forgot included (see
        // call_control).
        bool aborted = false;
        if (r.ec) {
            aborted = co_await cancelled();
            if (!aborted)
                aborted = ctl->asked_to_cancel(honoured(sent));
        }
        if (aborted) {
            ec = asio::error::operation_aborted;
            if (diag.client_message.empty() || r.ec != asio::error::operation_aborted)
                diag.client_message = "the call was cancelled";
            co_return out;
        }

        ec = r.ec;
        if (!ec) {
            diag.client_message.clear();
            response.http_status = r.status;
            if (!call.parse_body && r.status >= 200 && r.status < 300) {
                response.text = std::move(r.body); // the caller parses it
                response.request_id = std::move(r.request_id_header);
                co_return out;
            }
            response.body = sansio::decode_rpc_response(r.status, r.body, ec, diag);
            if (const auto* obj = response.body.if_object())
                if (const auto* id = obj->if_contains("RequestId"); id && id->is_string())
                    response.request_id = id->get_string();
            if (response.request_id.empty())
                response.request_id = r.request_id_header;
            if (!ec)
                co_return out;
        }
        redact(diag, creds); // the service may quote what was signed
        if (opts.credentials_provider && !asked_again && diag.server.code == "InvalidSecurityToken.Expired" &&
            opts.credentials_provider->expired(provided)) {
            // Refused before anything was done, and the provider has newer ones: once more.
            asked_again = true;
            continue;
        }
        if (ec == client_errc::timeout && clock_type::now() >= deadline)
            diag.client_message = context_deadline
                                      ? "the context's deadline passed during attempt " + std::to_string(attempt)
                                      : "the call's deadline passed (" +
                                            std::to_string(call.options.timeout.value_or(opts.timeouts.call).count()) +
                                            " ms) during attempt " + std::to_string(attempt);

        const sansio::attempt_outcome outcome{ec, r.connection_failed, r.response_started};
        if (!repeatable || !sansio::is_retryable(outcome))
            co_return out;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
        const auto wait = sansio::backoff_before(policy, attempt + 1, random_unit(), left);
        if (!wait)
            co_return out;
        backoff.expires_after(*wait);
        co_await backoff.async_wait(nothrow);
        bool cancelled_in_backoff = co_await cancelled();
        if (!cancelled_in_backoff)
            cancelled_in_backoff = ctl->asked_to_cancel(honoured(sent));
        if (cancelled_in_backoff) {
            ec = asio::error::operation_aborted;
            diag.client_message = "the call was cancelled while waiting to retry";
            co_return out;
        }
    }
}

// Refused by the gate: completes without running, never inside the initiating
// function, on the handler's executor - or a system thread rather than a pool
// that may be stopped.
void complete_at_once(const rpc_client_impl& impl, rpc_handler handler, error_code ec, std::string message)
{
    rpc_response r;
    r.diag.client_message = std::move(message);
    // post() hands the handler on to its own associated executor, if it has one.
    asio::post(impl.completion_fallback(), asio::append(std::move(handler), ec, std::move(r)));
}

std::string describe_headers(const std::vector<http_header>& headers)
{
    std::string out;
    for (const auto& h : headers)
        out.append(out.empty() ? "" : ", ").append(h.name).append("=").append(h.value);
    return out;
}

} // namespace

void async_call(const std::shared_ptr<rpc_client_impl>& impl, rpc_call call, rpc_handler handler)
{
    // What may throw comes first, as far as it can (see undo_admission below).
    auto ctl = std::make_shared<call_control>(asio::make_strand(impl->executor));
    auto slot = asio::get_associated_cancellation_slot(handler);
    auto handler_ex = asio::get_associated_executor(handler, impl->executor);
    const auto context = call.options.context;
    std::string context_headers = context ? describe_headers(context.headers()) : std::string();

    switch (impl->gate.admit(ctl)) {
    case admission_gate::verdict::accepted:
    case admission_gate::verdict::must_wait: break;
    case admission_gate::verdict::full:
        return complete_at_once(*impl, std::move(handler), client_errc::queue_full,
                                "max_pending (" + std::to_string(impl->gate.max_pending()) +
                                    ") calls are in flight and the policy is to fail");
    case admission_gate::verdict::shut_down:
        return complete_at_once(*impl, std::move(handler), client_errc::shut_down,
                                "the client has been shut down; no call is accepted");
    case admission_gate::verdict::not_started:
        return complete_at_once(*impl, std::move(handler), client_errc::async_not_enabled,
                                "the client owns its threads and none runs: call enable_async first");
    }

    // Admitted, the call is counted until its handler returns. Should what
    // follows throw (memory exhausted), the initiating function throws and the
    // handler is never called, as Asio's contract has it - and the admission
    // is undone, or a shutdown would wait forever for a call that never ran.
    struct undo_admission {
        rpc_client_impl& impl;
        call_control& ctl;
        asio::cancellation_slot& slot;
        bool armed = true;
        ~undo_admission()
        {
            if (!armed)
                return;
            if (slot.is_connected())
                slot.clear();
            impl.gate.release(ctl);
            impl.gate.finished(ctl);
        }
    } undo{*impl, *ctl, slot};

    // Connected before the call can start, and so before it can end: a
    // cancellation from here on is posted to the call's strand, where it is
    // either emitted into the running coroutine or read by it when it starts
    // (see call_control).
    if (slot.is_connected())
        slot.assign([ctl](asio::cancellation_type type) { ctl->cancel(cancel_reason::caller, type); });
    if (context)
        ctl->context_subscription = context.on_cancel([weak = std::weak_ptr<call_control>(ctl)] {
            if (auto c = weak.lock())
                c->cancel(cancel_reason::context, asio::cancellation_type::terminal);
        });

    auto strand = ctl->strand;
    asio::co_spawn(
        strand, run_call(impl, std::move(call), ctl),
        asio::bind_cancellation_slot(
            ctl->signal.slot(),
            asio::bind_executor(handler_ex, [h = std::move(handler), impl, ctl, slot,
                                             context_headers = std::move(context_headers)](std::exception_ptr e,
                                                                                           call_result r) mutable {
                // However the handler returns (or throws), the call is over
                // for the gate: its slot freed, shutdown's count decremented.
                struct leave_gate {
                    rpc_client_impl& impl;
                    call_control& ctl;
                    ~leave_gate() { impl.gate.finished(ctl); }
                } leaving{*impl, *ctl};
                if (e) {
                    // Only resource exhaustion and bugs throw in there; the caller
                    // still gets exactly one completion.
                    r.first = boost::system::errc::make_error_code(boost::system::errc::state_not_recoverable);
                    try {
                        std::rethrow_exception(e);
                    } catch (const std::exception& ex) {
                        r.second.diag.client_message = std::string("internal error: ") + ex.what();
                    } catch (...) {
                        r.second.diag.client_message = "internal error";
                    }
                }
                impl->gate.release(*ctl);
                ctl->context_subscription.reset();
                if (slot.is_connected())
                    slot.clear();
                if (r.first == asio::error::operation_aborted) {
                    const auto why = ctl->reason.load();
                    if (why == cancel_reason::shutdown) {
                        r.first = client_errc::shut_down;
                        r.second.diag.client_message = "the client was shut down while the call was in flight";
                    } else if (why == cancel_reason::context) {
                        r.second.diag.client_message = "the call's context was cancelled";
                    }
                }
                if (r.first)
                    r.second.diag.context_headers = context_headers;
                std::move(h)(r.first, std::move(r.second));
            })));
    undo.armed = false; // the call runs: its completion leaves the gate
}

} // namespace alicloud::detail
