#include "call_machine.hpp"

#include "connection.hpp"

#include <alicloud/core/sansio/response_decoder.hpp>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>

namespace alicloud::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using ctype = asio::cancellation_type;

namespace {

std::string_view phase_doing(attempt_phase p)
{
    switch (p) {
    case attempt_phase::queue: return "waiting for a connection to ";
    case attempt_phase::resolve: return "resolving ";
    case attempt_phase::connect: return "connecting to ";
    case attempt_phase::handshake: return "in the TLS handshake with ";
    case attempt_phase::write: return "sending the request to ";
    case attempt_phase::read: return "reading the answer from ";
    }
    return "";
}

std::string concat(std::string_view a, std::string_view b, std::string_view c = {}, std::string_view d = {})
{
    std::string s;
    s.reserve(a.size() + b.size() + c.size() + d.size());
    s.append(a).append(b).append(c).append(d);
    return s;
}

} // namespace

ctype call_machine::honoured() const noexcept
{
    // Total cancellation promises that nothing happened: it applies only while
    // no attempt has reached the service.
    return sent_ ? ctype::terminal | ctype::partial : ctype::all;
}

bool call_machine::cancel_applies() const noexcept
{
    return (requested_ & static_cast<unsigned>(honoured())) != 0;
}

bool call_machine::cancel(cancel_reason why, ctype type)
{
    if (why == cancel_reason::shutdown || reason_ == cancel_reason::none)
        reason_ = why;
    requested_ |= static_cast<unsigned>(type);
    return !done_ && (type & honoured()) != ctype::none;
}

call_machine::action call_machine::complete(error_code ec, std::string message)
{
    out_.first = ec;
    if (!message.empty())
        out_.second.diag.client_message = std::move(message);
    done_ = true;
    return {step::complete};
}

call_machine::action call_machine::aborted(std::string_view while_doing)
{
    const std::string_view sep = while_doing.empty() ? "" : " while ";
    switch (reason_) {
    case cancel_reason::shutdown:
        return complete(client_errc::shut_down, "the client was shut down while the call was in flight");
    case cancel_reason::context:
        return complete(asio::error::operation_aborted, concat("the call's context was cancelled", sep, while_doing));
    case cancel_reason::caller:
    case cancel_reason::none: break;
    }
    return complete(asio::error::operation_aborted, concat("the call was cancelled", sep, while_doing));
}

call_machine::action call_machine::start(call_clock::time_point now, error_code ended)
{
    if (ended == client_errc::timeout)
        return complete(ended, "the call's context had passed its deadline before the call began");
    if (ended && reason_ == cancel_reason::none)
        reason_ = cancel_reason::context; // its cancellation may still be on its way
    if (reason_ != cancel_reason::none)
        return aborted("");
    if (plan_.must_wait_for_slot)
        return {step::wait_for_slot, plan_.deadline};
    return begin_attempt(now);
}

std::pair<error_code, std::string> call_machine::refused(refusal why, std::size_t max_pending)
{
    switch (why) {
    case refusal::full:
        return {client_errc::queue_full,
                concat("max_pending (", std::to_string(max_pending), ") calls are in flight and the policy is to fail")};
    case refusal::shut_down: return {client_errc::shut_down, "the client has been shut down; no call is accepted"};
    case refusal::not_started: break;
    }
    return {client_errc::async_not_enabled, "the client owns its threads and none runs: call enable_async first"};
}

call_machine::action call_machine::refuse(error_code ec, diagnostics why)
{
    out_.second.diag = std::move(why);
    return complete(ec, {});
}

void call_machine::fail_internally(std::string_view what)
{
    complete(boost::system::errc::make_error_code(boost::system::errc::state_not_recoverable),
             concat("internal error: ", what));
}

call_machine::action call_machine::slot(slot_answer answer, call_clock::time_point now)
{
    static constexpr std::string_view waiting = "waiting for a slot: async_options::max_pending calls were in flight";
    if (answer == slot_answer::refused)
        return complete(client_errc::shut_down,
                        "the client was shut down while the call waited for a slot (async_options::max_pending)");
    if (cancel_applies())
        return aborted(waiting);
    if (answer == slot_answer::gave_up)
        return complete(client_errc::timeout, concat("timed out while ", waiting));
    return begin_attempt(now);
}

call_machine::action call_machine::begin_attempt(call_clock::time_point now)
{
    ++attempt_;
    out_.first = {};
    out_.second.attempts = attempt_;
    out_.second.diag.clear();
    fresh_tries_ = 0;
    attempt_deadline_ = std::min(plan_.deadline, now + plan_.attempt_timeout);
    if (plan_.has_provider) // asked every attempt: credentials may have been refreshed
        return {step::get_credentials, plan_.deadline};
    return {step::sign};
}

call_machine::action call_machine::credentials(error_code ec, std::string why, call_clock::time_point)
{
    const std::string doing = concat("waiting for credentials from ", plan_.provider_name);
    if (ec == asio::error::operation_aborted || cancel_applies())
        return aborted(doing);
    if (ec == client_errc::timeout)
        return complete(ec, concat("timed out while ", doing));
    if (ec)
        return complete(ec, std::move(why)); // nothing was sent
    return {step::sign};
}

call_machine::action call_machine::signing_failed(error_code ec)
{
    return complete(ec, {}); // bad input: the signer said what; nothing was sent, nothing to retry
}

call_machine::action call_machine::signed_request(call_clock::time_point)
{
    if (cancel_applies())
        return aborted("");
    return {step::lease, attempt_deadline_};
}

call_machine::action call_machine::leased(call_clock::time_point)
{
    if (cancel_applies())
        return aborted("");
    return {step::exchange, attempt_deadline_};
}

bool call_machine::written()
{
    sent_ = true;
    return !cancel_applies();
}

call_machine::action call_machine::lease_failed(attempt_phase phase, error_code ec, call_clock::time_point now)
{
    const std::string doing = concat(phase_doing(phase), phase == attempt_phase::resolve ? plan_.host : plan_.authority);
    if (ec == asio::error::operation_aborted || cancel_applies())
        return aborted(doing);
    out_.first = ec;
    auto& message = out_.second.diag.client_message;
    if (ec == client_errc::timeout)
        message = concat("timed out while ", doing);
    else if (phase == attempt_phase::resolve)
        message = concat("resolving ", plan_.host, " failed: ", ec.message());
    else if (phase == attempt_phase::handshake)
        message = concat("TLS handshake with ", plan_.authority, ": ", ec.message());
    else
        message = concat("connecting to ", plan_.authority, ": ", ec.message());
    const bool connection_failed = ec != client_errc::timeout && phase != attempt_phase::queue;
    return retry_or_complete(connection_failed, false, now);
}

call_machine::action call_machine::exchanged(exchange_report r, call_clock::time_point now)
{
    sent_ = sent_ || r.written;
    if (r.ec) {
        // A failed attempt may have been ended by a cancellation; an answer
        // that arrived whole stands, whatever came after it (RunInstances' new
        // ids are not thrown away).
        if (r.ec == asio::error::operation_aborted || cancel_applies())
            return aborted("");
        return after_failure(r, now);
    }
    auto& response = out_.second;
    response.http_status = r.status;
    if (!plan_.decode_body && r.status >= 200 && r.status < 300) {
        response.text = std::move(r.body); // the caller parses it
        response.request_id = std::move(r.request_id);
        return complete({}, {});
    }
    error_code ec;
    response.body = sansio::decode_rpc_response(r.status, r.body, ec, response.diag);
    if (const auto* obj = response.body.if_object())
        if (const auto* id = obj->if_contains("RequestId"); id && id->is_string())
            response.request_id = id->get_string();
    if (response.request_id.empty())
        response.request_id = std::move(r.request_id);
    if (!ec)
        return complete({}, {});
    out_.first = ec;
    if (plan_.has_provider && !asked_again_ && response.diag.server.code == "InvalidSecurityToken.Expired")
        return {step::ask_if_expired};
    return retry_or_complete(false, true, now);
}

call_machine::action call_machine::expired_answer(bool provider_has_newer, call_clock::time_point now)
{
    asked_again_ = true;
    if (provider_has_newer) // refused before anything was done, and the provider has newer ones: once more
        return begin_attempt(now);
    return retry_or_complete(false, true, now);
}

call_machine::action call_machine::after_failure(const exchange_report& r, call_clock::time_point now)
{
    auto& diag = out_.second.diag;
    error_code ec = r.ec;
    bool connection_failed = r.phase == attempt_phase::write || !r.response_started || ec == http::error::partial_message;
    if (ec == client_errc::timeout) {
        diag.client_message = concat("timed out while ", phase_doing(r.phase), plan_.authority);
        connection_failed = false;
    } else if (r.interim_only) {
        diag.server.http_status = r.status;
        diag.client_message = concat("malformed response: ", plan_.authority, " sent ", std::to_string(max_interim_answers)) +
                              concat(" interim answers (HTTP ", std::to_string(r.status), ") and no final one");
        ec = client_errc::malformed_response;
        connection_failed = false;
    } else if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        // A head, a chunk extension, a chunk size or a trailer that never ends.
        const bool head = ec == http::error::header_limit;
        if (r.status != 0)
            diag.server.http_status = r.status;
        diag.client_message =
            concat("malformed response: the ", head ? "head" : "chunk framing or trailer", " of the answer from ",
                   plan_.authority) +
            concat(" is longer than ", std::to_string((head ? max_head_bytes : max_buffered_bytes) / 1024), " KiB");
        ec = client_errc::malformed_response;
        connection_failed = false;
    } else if (ec == http::error::body_limit) {
        diag.client_message = concat("the answer from ", plan_.authority, " is larger than max_response_bytes (",
                                     std::to_string(plan_.max_response_bytes)) + ")";
        ec = client_errc::response_too_large;
        connection_failed = false;
    } else if (r.response_started && r.status != 0) {
        // The head arrived, then the connection ended: a truncated answer.
        diag.server.http_status = r.status;
        diag.client_message = concat("malformed response: HTTP ", std::to_string(r.status), ", the body was cut off (",
                                     ec.message()) + ")";
        ec = client_errc::malformed_response;
        connection_failed = false;
    } else {
        diag.client_message = concat(r.response_started ? "reading the answer from " : "exchanging with ",
                                     plan_.authority, ": ", ec.message());
    }
    out_.first = ec;

    // A kept-alive connection the server had closed is replaced once, when the
    // server cannot have acted on the request: it did not go out, or the
    // server had closed the idle connection (a clean end of stream before any
    // byte: a server that took a request answers it). A reset is not that: the
    // request may have been acted on, and sending it again would repeat it with
    // the same nonce (refused as a replay); a repeatable call retries as a new,
    // newly signed attempt instead.
    const bool not_acted_on = !r.written || r.ec == http::error::end_of_stream;
    if (r.reused && not_acted_on && !r.response_started && connection_failed && fresh_tries_ == 0 &&
        r.ec != client_errc::timeout) {
        ++fresh_tries_;
        out_.first = {};
        diag.clear();
        return {step::lease, attempt_deadline_};
    }
    return retry_or_complete(connection_failed, r.response_started, now);
}

call_machine::action call_machine::retry_or_complete(bool connection_failed, bool response_started,
                                                     call_clock::time_point now)
{
    auto& diag = out_.second.diag;
    if (out_.first == client_errc::timeout && now >= plan_.deadline)
        diag.client_message =
            plan_.deadline_from_context
                ? concat("the context's deadline passed during attempt ", std::to_string(attempt_))
                : concat("the call's deadline passed (", std::to_string(plan_.call_timeout.count()), " ms) during attempt ",
                         std::to_string(attempt_));
    const sansio::attempt_outcome outcome{out_.first, connection_failed, response_started};
    if (!plan_.repeatable || !sansio::is_retryable(outcome))
        return complete(out_.first, {});
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(plan_.deadline - now);
    const double unit = plan_.random_unit ? plan_.random_unit() : 0.5;
    const auto wait = sansio::backoff_before(plan_.retry, attempt_ + 1, unit, left);
    if (!wait)
        return complete(out_.first, {});
    return {step::back_off, plan_.deadline, *wait};
}

call_machine::action call_machine::backed_off(call_clock::time_point now)
{
    if (cancel_applies())
        return aborted("waiting to retry");
    return begin_attempt(now);
}

} // namespace alicloud::detail
