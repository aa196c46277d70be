#ifndef ALICLOUD_LIB_RPC_CALL_MACHINE_HPP
#define ALICLOUD_LIB_RPC_CALL_MACHINE_HPP

// One RPC call as a state machine that does no I/O (sans-io, as Boost.MySQL
// and Boost.Redis run a protocol): events go in - a slot granted, credentials
// ready, a connection leased, the request written, an answer, a wait ended, a
// cancellation of some type - and the next thing to do comes out. Everything
// a call decides is decided here, once: when to retry and after how long, what
// a failure is called, which cancellation applies at which point, what the
// deadline ends, and the wording of every diagnostic. The driver
// (call_driver.cpp) only performs the steps with Asio; the unit tests
// (test/unit/call_machine_test.cpp) perform them with no sockets at all.
//
// Time comes in with the events (`now`), and chance through the plan's
// random source, so a test decides both.

#include <alicloud/core/sansio/retry_policy.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/cancellation_type.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace alicloud::detail {

using call_clock = std::chrono::steady_clock;

// Why a call is being cancelled: the first reason stands, except that a
// shutdown is always told as one.
enum class cancel_reason : std::uint8_t { none, caller, context, shutdown };

// What the call needs to know before it starts; it keeps no pointer into it.
struct call_plan {
    call_clock::time_point deadline{};     // the call's: its timeout or its context's, the earlier
    bool deadline_from_context = false;    // for the message when it passes
    std::chrono::milliseconds call_timeout{};
    std::chrono::milliseconds attempt_timeout{};
    retry_policy retry{};
    bool repeatable = false;         // idempotent, or carrying a ClientToken
    bool must_wait_for_slot = false; // admitted while max_pending calls were in flight
    bool has_provider = false;       // credentials come from a provider, asked every attempt
    bool decode_body = true;         // false: a success answer is handed over as text
    std::string authority{};         // "ecs.cn-hangzhou.aliyuncs.com:443", for messages
    std::string host{};
    std::string provider_name{};
    std::size_t max_response_bytes = 0;
    double (*random_unit)() = nullptr; // [0, 1), for the backoff's jitter
};

// Where an attempt got to when it failed.
enum class attempt_phase : std::uint8_t { queue, resolve, connect, handshake, write, read };

// How an attempt's exchange ended, as the driver saw it. A wait the driver
// ended because the step's deadline passed reports client_errc::timeout; one it
// ended for a cancellation the machine asked it to honour reports
// operation_aborted.
struct exchange_report {
    error_code ec{};
    attempt_phase phase = attempt_phase::read;
    unsigned status = 0;            // the last status line seen (0: none)
    bool written = false;           // the whole request went out: the service may act on it
    bool response_started = false;  // some of the answer arrived
    bool keep_alive = false;        // the connection may serve another request
    bool interim_only = false;      // nothing but 1xx answers came (max_interim_answers of them)
    bool reused = false;            // the connection had served a request before
    std::string body{};
    std::string request_id{};       // x-acs-request-id
};

// Interim (1xx) answers skipped before the call gives up on a server.
inline constexpr unsigned max_interim_answers = 8;

class call_machine {
public:
    enum class step : std::uint8_t {
        wait_for_slot,    // until the admission gate hands over a slot, or `deadline`
        get_credentials,  // from the provider, by `deadline`
        sign,             // sign the request with the credentials in hand
        lease,            // a pooled connection, or a new one, by `deadline`
        exchange,         // write the request and read the answer on it, by `deadline`
        ask_if_expired,   // does the provider know newer credentials than the ones refused?
        back_off,         // sleep `sleep`, then the next attempt
        complete,         // hand `result()` to the caller; nothing more comes out
    };
    struct action {
        step what;
        call_clock::time_point deadline{};
        std::chrono::milliseconds sleep{};
    };

    explicit call_machine(call_plan plan) : plan_(std::move(plan)) {}

    // Why the admission gate turned a call away before it ran (no machine is
    // made for it): the client was full (its fail policy), shut down, or owns
    // threads that were never started.
    enum class refusal : std::uint8_t { full, shut_down, not_started };
    static std::pair<error_code, std::string> refused(refusal why, std::size_t max_pending);

    // The plan, when it is known only once the call runs (cancellations that
    // came before are kept).
    void replan(call_plan plan) { plan_ = std::move(plan); }

    // The first step. `ended` is set when the call ended before it began: its
    // context was already cancelled (operation_aborted) or past its deadline
    // (client_errc::timeout).
    action start(call_clock::time_point now, error_code ended = {});

    // Bad input found before the call began (an endpoint that does not parse).
    action refuse(error_code ec, diagnostics why);
    // The driver could not go on (memory exhausted): the call ends with
    // errc::state_not_recoverable.
    void fail_internally(std::string_view what);

    // wait_for_slot ended: the gate's word on the slot.
    enum class slot_answer : std::uint8_t { granted, refused, gave_up };
    action slot(slot_answer answer, call_clock::time_point now);

    // get_credentials ended: ec empty means they are in hand; `why` says why not.
    action credentials(error_code ec, std::string why, call_clock::time_point now);
    // sign failed (bad input): what the signer wrote is in result().second.diag.
    action signing_failed(error_code ec);
    action signed_request(call_clock::time_point now);

    // lease ended: a connection in hand (the driver then writes), or why not.
    action leased(call_clock::time_point now);
    action lease_failed(attempt_phase phase, error_code ec, call_clock::time_point now);

    // During an exchange: the request is all written. False: stop the exchange
    // (a cancellation that still applies arrived); report it then as aborted.
    bool written();

    action exchanged(exchange_report report, call_clock::time_point now);
    action expired_answer(bool provider_has_newer, call_clock::time_point now);
    action backed_off(call_clock::time_point now);

    // A cancellation of `type` (caller, context or shutdown). True when it
    // applies now: the driver then ends the step in progress (its I/O or wait
    // reports operation_aborted). One that does not apply is remembered: total
    // cancellation stops applying once a request has been sent, partial and
    // terminal always apply.
    bool cancel(cancel_reason why, boost::asio::cancellation_type type);

    // The outcome, once complete.
    std::pair<error_code, rpc_response>& result() noexcept { return out_; }
    bool done() const noexcept { return done_; }
    bool sent() const noexcept { return sent_; }
    unsigned attempt() const noexcept { return attempt_; }
    const call_plan& plan() const noexcept { return plan_; }

private:
    boost::asio::cancellation_type honoured() const noexcept;
    bool cancel_applies() const noexcept;
    action complete(error_code ec, std::string message);
    action aborted(std::string_view while_doing);
    action give_up_or(error_code ec, std::string message, call_clock::time_point now, std::string_view while_doing);
    action begin_attempt(call_clock::time_point now);
    action after_failure(const exchange_report& report, call_clock::time_point now);
    action retry_or_complete(bool connection_failed, bool response_started, call_clock::time_point now);

    call_plan plan_;
    std::pair<error_code, rpc_response> out_{};
    call_clock::time_point attempt_deadline_{};
    unsigned attempt_ = 0;
    unsigned fresh_tries_ = 0; // a kept-alive connection replaced once per attempt
    bool sent_ = false;        // some attempt's request reached the service
    bool asked_again_ = false; // credentials refused as expired were asked for again
    bool done_ = false;
    unsigned requested_ = 0;   // every cancellation type asked for
    cancel_reason reason_ = cancel_reason::none;
};

} // namespace alicloud::detail

#endif
