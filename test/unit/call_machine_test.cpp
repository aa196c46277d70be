// The call's state machine driven step by step, with no sockets and no
// clock: every step made to fail, every cancellation type fed at every step.

#include "rpc/call_machine.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <map>

using namespace alicloud;
using namespace alicloud::detail;
using namespace std::chrono_literals;
using step = call_machine::step;
using ctype = boost::asio::cancellation_type;
namespace http = boost::beast::http;

namespace {

const call_clock::time_point t0{std::chrono::hours(1)};

call_plan plan(bool repeatable = true, bool provider = false, bool must_wait = false)
{
    call_plan p;
    p.deadline = t0 + 10s;
    p.call_timeout = 10s;
    p.attempt_timeout = 3s;
    p.retry = retry_policy{.max_attempts = 3, .initial_backoff = 100ms, .max_backoff = 1s, .multiplier = 2.0,
                           .jitter = false};
    p.repeatable = repeatable;
    p.has_provider = provider;
    p.must_wait_for_slot = must_wait;
    p.authority = "ecs.example.com:443";
    p.host = "ecs.example.com";
    p.provider_name = "role";
    p.max_response_bytes = 1000;
    p.random_unit = [] { return 0.5; };
    return p;
}

exchange_report answer(unsigned status, std::string body)
{
    exchange_report r;
    r.status = status;
    r.written = true;
    r.response_started = true;
    r.keep_alive = true;
    r.body = std::move(body);
    return r;
}

const std::string ok_body = R"({"RequestId":"R-1","TotalCount":1})";

// Plays the driver: performs each step the machine asks for by asking
// `event` what happened, and counts how often the call completes.
struct script {
    call_machine m;
    std::vector<step> steps;
    int completions = 0;
    call_clock::time_point now = t0;
    // The event for a step; the default succeeds at every step.
    std::function<call_machine::action(call_machine&, step, call_clock::time_point&)> event;

    explicit script(call_plan p) : m(std::move(p)) {}

    call_machine::action succeed(step s)
    {
        switch (s) {
        case step::wait_for_slot: return m.slot(call_machine::slot_answer::granted, now);
        case step::get_credentials: return m.credentials({}, {}, now);
        case step::sign: return m.signed_request(now);
        case step::lease: return m.leased(now);
        case step::exchange:
            REQUIRE(m.written());
            return m.exchanged(answer(200, ok_body), now);
        case step::ask_if_expired: return m.expired_answer(false, now);
        case step::back_off: now += 1ms; return m.backed_off(now);
        case step::complete: break;
        }
        FAIL("no event for complete");
        return {step::complete};
    }

    // Runs to the end; fails the test if the call does not end within 50 steps.
    std::pair<error_code, rpc_response>& run(call_machine::action a)
    {
        for (int i = 0; i < 50 && a.what != step::complete; ++i) {
            steps.push_back(a.what);
            a = event ? event(m, a.what, now) : succeed(a.what);
        }
        REQUIRE(a.what == step::complete);
        ++completions;
        REQUIRE(m.done());
        return m.result();
    }
    std::pair<error_code, rpc_response>& run() { return run(m.start(now)); }
};

} // namespace

TEST_CASE("call machine: a call that succeeds takes the steps in order and completes once", "[call_machine]")
{
    script s(plan(true, true, true));
    auto& [ec, response] = s.run();
    CHECK_FALSE(ec);
    CHECK(s.completions == 1);
    CHECK(s.steps == std::vector<step>{step::wait_for_slot, step::get_credentials, step::sign, step::lease, step::exchange});
    CHECK(response.http_status == 200);
    CHECK(response.request_id == "R-1");
    CHECK(response.attempts == 1);
    CHECK(response.body.as_object().at("TotalCount").as_int64() == 1);

    script plain(plan(false, false, false));
    plain.run();
    CHECK(plain.steps == std::vector<step>{step::sign, step::lease, step::exchange});
}

TEST_CASE("call machine: deadlines come with the steps, and a typed call gets the text", "[call_machine]")
{
    auto p = plan();
    p.decode_body = false;
    call_machine m(p);
    auto a = m.start(t0);
    REQUIRE(a.what == step::sign);
    a = m.signed_request(t0 + 1s);
    CHECK(a.what == step::lease);
    CHECK(a.deadline == t0 + 3s); // the attempt's, from the attempt's start
    a = m.leased(t0 + 1s);
    CHECK(a.deadline == t0 + 3s);
    REQUIRE(m.written());
    auto r = answer(200, ok_body);
    r.request_id = "from-header";
    a = m.exchanged(std::move(r), t0 + 1s);
    CHECK(a.what == step::complete);
    CHECK(m.result().second.text == ok_body);
    CHECK(m.result().second.request_id == "from-header");
}

TEST_CASE("call machine: a failure injected at every step", "[call_machine]")
{
    struct injected {
        const char* name;
        step at;
        std::function<call_machine::action(call_machine&, call_clock::time_point)> fail;
        error_code expect;
        const char* message; // a part of diag.client_message
        bool retried;        // a repeatable call tries again (after a back-off)
    };
    const error_code refused = boost::asio::error::connection_refused;
    const std::vector<injected> cases = {
        {"the gate refuses the slot (shutdown)", step::wait_for_slot,
         [](call_machine& m, auto now) { return m.slot(call_machine::slot_answer::refused, now); }, client_errc::shut_down,
         "shut down while the call waited for a slot", false},
        {"no slot before the deadline", step::wait_for_slot,
         [](call_machine& m, auto now) { return m.slot(call_machine::slot_answer::gave_up, now); }, client_errc::timeout,
         "timed out while waiting for a slot", false},
        {"the provider fails", step::get_credentials,
         [](call_machine& m, auto now) { return m.credentials(client_errc::credentials_unavailable, "no role", now); },
         client_errc::credentials_unavailable, "no role", false},
        {"the provider does not answer in time", step::get_credentials,
         [](call_machine& m, auto now) { return m.credentials(client_errc::timeout, {}, now); }, client_errc::timeout,
         "timed out while waiting for credentials from role", false},
        {"signing refuses the request", step::sign,
         [](call_machine& m, auto) {
             m.result().second.diag.client_message = "parameter 'X' is not UTF-8";
             return m.signing_failed(client_errc::invalid_field);
         },
         client_errc::invalid_field, "not UTF-8", false},
        {"no connection frees up in time", step::lease,
         [](call_machine& m, auto now) { return m.lease_failed(attempt_phase::queue, client_errc::timeout, now); },
         client_errc::timeout, "timed out while waiting for a connection to ecs.example.com:443", true},
        {"the name does not resolve", step::lease,
         [&](call_machine& m, auto now) {
             return m.lease_failed(attempt_phase::resolve, boost::asio::error::host_not_found, now);
         },
         boost::asio::error::host_not_found, "resolving ecs.example.com failed", true},
        {"the connection is refused", step::lease,
         [&](call_machine& m, auto now) { return m.lease_failed(attempt_phase::connect, refused, now); }, refused,
         "connecting to ecs.example.com:443", true},
        {"the TLS handshake fails", step::lease,
         [&](call_machine& m, auto now) {
             return m.lease_failed(attempt_phase::handshake, boost::asio::error::connection_reset, now);
         },
         boost::asio::error::connection_reset, "TLS handshake with ecs.example.com:443", true},
        {"the write fails", step::exchange,
         [](call_machine& m, auto now) {
             exchange_report r;
             r.ec = boost::asio::error::broken_pipe;
             r.phase = attempt_phase::write;
             return m.exchanged(r, now);
         },
         boost::asio::error::broken_pipe, "exchanging with ecs.example.com:443", true},
        {"the answer does not come in time", step::exchange,
         [](call_machine& m, auto now) {
             exchange_report r;
             r.ec = client_errc::timeout;
             r.written = true;
             return m.exchanged(r, now);
         },
         client_errc::timeout, "timed out while reading the answer from", true},
        {"the answer is too large", step::exchange,
         [](call_machine& m, auto now) {
             auto r = answer(200, "");
             r.ec = http::error::body_limit;
             return m.exchanged(r, now);
         },
         client_errc::response_too_large, "larger than max_response_bytes (1000)", false},
        {"a head that never ends", step::exchange,
         [](call_machine& m, auto now) {
             auto r = answer(0, "");
             r.ec = http::error::header_limit;
             return m.exchanged(r, now);
         },
         client_errc::malformed_response, "the head of the answer from ecs.example.com:443 is longer than 64 KiB", false},
        {"only interim answers", step::exchange,
         [](call_machine& m, auto now) {
             auto r = answer(100, "");
             r.ec = client_errc::malformed_response;
             r.interim_only = true;
             return m.exchanged(r, now);
         },
         client_errc::malformed_response, "sent 8 interim answers (HTTP 100)", false},
        {"the body is cut off", step::exchange,
         [](call_machine& m, auto now) {
             auto r = answer(200, "");
             r.ec = http::error::partial_message;
             return m.exchanged(r, now);
         },
         client_errc::malformed_response, "the body was cut off", false},
        {"the service is unavailable (503)", step::exchange,
         [](call_machine& m, auto now) {
             return m.exchanged(answer(503, R"({"Code":"ServiceUnavailable","Message":"busy","RequestId":"R-9"})"), now);
         },
         server_errc::server_error, "", true},
        {"the service refuses the request (400)", step::exchange,
         [](call_machine& m, auto now) {
             return m.exchanged(answer(400, R"({"Code":"InvalidParameter","Message":"no","RequestId":"R-8"})"), now);
         },
         server_errc::invalid_parameter, "", false},
    };
    for (const auto& c : cases) {
        for (const bool repeatable : {false, true}) {
            INFO(c.name << (repeatable ? ", repeatable" : ", not repeatable"));
            script s(plan(repeatable, true, true));
            s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
                return st == c.at ? c.fail(m, now) : s.succeed(st);
            };
            auto& [ec, response] = s.run();
            CHECK(s.completions == 1);
            CHECK(ec == c.expect);
            CHECK_THAT(response.diag.client_message, Catch::Contains(c.message));
            const bool backed_off = std::count(s.steps.begin(), s.steps.end(), step::back_off) > 0;
            CHECK(backed_off == (repeatable && c.retried));
            if (backed_off) // 3 attempts, each failing the same way
                CHECK(response.attempts == 3);
        }
    }
}

TEST_CASE("call machine: a failure that is retried, then succeeds, leaves no trace of it", "[call_machine]")
{
    script s(plan(true));
    int failures = 0;
    s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
        if (st == step::exchange && failures++ == 0)
            return m.exchanged(answer(503, R"({"Code":"ServiceUnavailable","Message":"busy"})"), now);
        return s.succeed(st);
    };
    auto& [ec, response] = s.run();
    CHECK_FALSE(ec);
    CHECK(response.attempts == 2);
    CHECK(response.diag.client_message.empty());
    CHECK(response.diag.server.code.empty());
}

TEST_CASE("call machine: a reused connection the server had closed is replaced once, in the same attempt",
          "[call_machine]")
{
    for (const bool written : {false, true}) {
        INFO((written ? "closed after the write" : "the write failed"));
        script s(plan(false));
        int closed = 0;
        s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
            if (st == step::exchange && closed < 2) {
                exchange_report r;
                r.ec = written ? error_code(http::error::end_of_stream) : error_code(boost::asio::error::broken_pipe);
                r.phase = written ? attempt_phase::read : attempt_phase::write;
                r.written = written;
                r.reused = true;
                ++closed;
                return m.exchanged(r, now);
            }
            return s.succeed(st);
        };
        auto& [ec, response] = s.run();
        // Once: the second stale connection fails the call (not repeatable).
        CHECK(closed == 2);
        CHECK(ec);
        CHECK(s.steps == std::vector<step>{step::sign, step::lease, step::exchange, step::lease, step::exchange});
        CHECK(response.attempts == 1);
    }
}

TEST_CASE("call machine: a reset after the request went out is not replayed on the same nonce", "[call_machine]")
{
    script s(plan(false));
    s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
        if (st == step::exchange) {
            exchange_report r;
            r.ec = boost::asio::error::connection_reset;
            r.written = true;
            r.reused = true;
            return m.exchanged(r, now);
        }
        return s.succeed(st);
    };
    auto& [ec, response] = s.run();
    CHECK(ec == boost::asio::error::connection_reset);
    CHECK(std::count(s.steps.begin(), s.steps.end(), step::lease) == 1);
}

TEST_CASE("call machine: credentials refused as expired are asked for again once, when the provider has newer",
          "[call_machine]")
{
    for (const bool newer : {false, true}) {
        INFO((newer ? "newer ones" : "none newer"));
        script s(plan(false, true));
        int refusals = 0;
        s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
            if (st == step::exchange && refusals < 2) {
                ++refusals;
                return m.exchanged(answer(400, R"({"Code":"InvalidSecurityToken.Expired","Message":"expired"})"), now);
            }
            if (st == step::ask_if_expired)
                return m.expired_answer(newer, now);
            return s.succeed(st);
        };
        auto& [ec, response] = s.run();
        CHECK(std::count(s.steps.begin(), s.steps.end(), step::ask_if_expired) == 1);
        CHECK(refusals == (newer ? 2 : 1));
        CHECK(ec == server_errc::authentication);
        CHECK(response.diag.server.code == "InvalidSecurityToken.Expired");
    }
}

TEST_CASE("call machine: a timeout when the call's deadline has passed says so", "[call_machine]")
{
    for (const bool from_context : {false, true}) {
        auto p = plan(true);
        p.deadline_from_context = from_context;
        script s(p);
        s.event = [&](call_machine& m, step st, call_clock::time_point& now) {
            if (st == step::exchange) {
                now = t0 + 10s; // the call's deadline
                exchange_report r;
                r.ec = client_errc::timeout;
                r.written = true;
                return m.exchanged(r, now);
            }
            return s.succeed(st);
        };
        auto& [ec, response] = s.run();
        CHECK(ec == client_errc::timeout);
        CHECK(response.diag.client_message ==
              (from_context ? "the context's deadline passed during attempt 1"
                            : "the call's deadline passed (10000 ms) during attempt 1"));
        CHECK(response.attempts == 1); // no time left to retry
    }
}

TEST_CASE("call machine: each cancellation type at each step", "[call_machine]")
{
    // Where the cancellation arrives: at a step, or between the write and the answer.
    enum class at { before_start, slot, credentials, sign, lease, exchange_writing, exchange_written, back_off };
    const std::map<at, const char*> names = {
        {at::before_start, "before it starts"}, {at::slot, "waiting for a slot"},
        {at::credentials, "waiting for credentials"}, {at::sign, "right after signing"},
        {at::lease, "leasing a connection"}, {at::exchange_writing, "writing the request"},
        {at::exchange_written, "waiting for the answer"}, {at::back_off, "backing off"}};
    for (const auto type : {ctype::terminal, ctype::partial, ctype::total}) {
        for (const auto& [where, name] : names) {
            for (const auto why : {cancel_reason::caller, cancel_reason::context, cancel_reason::shutdown}) {
                INFO("cancellation type " << static_cast<int>(type) << ", reason " << static_cast<int>(why) << ", "
                                          << name);
                script s(plan(true, true, true));
                bool applied = false, fed = false;
                // Total cancellation promises that nothing happened: once a
                // request is written it no longer applies - not while waiting
                // for the answer, nor while backing off after a failed attempt
                // that was sent - and the call goes on.
                const bool expect_applies =
                    !(type == ctype::total && (where == at::exchange_written || where == at::back_off));
                int exchanges = 0;
                s.event = [&](call_machine& m, step st, call_clock::time_point& now) -> call_machine::action {
                    const auto feed = [&] {
                        fed = true;
                        applied = m.cancel(why, type);
                    };
                    switch (st) {
                    case step::wait_for_slot:
                        if (where == at::slot) {
                            feed(); // the driver then stops waiting: the gate says gave_up
                            return m.slot(call_machine::slot_answer::gave_up, now);
                        }
                        break;
                    case step::get_credentials:
                        if (where == at::credentials) {
                            feed();
                            return m.credentials(boost::asio::error::operation_aborted, {}, now);
                        }
                        break;
                    case step::sign:
                        if (where == at::sign)
                            feed(); // arrives while signing: seen at the next event
                        break;
                    case step::lease:
                        if (where == at::lease) {
                            feed();
                            return m.lease_failed(attempt_phase::connect, boost::asio::error::operation_aborted, now);
                        }
                        break;
                    case step::exchange:
                        ++exchanges;
                        if (where == at::back_off && exchanges == 1)
                            return m.exchanged(answer(503, R"({"Code":"ServiceUnavailable"})"), now);
                        if (where == at::exchange_writing) {
                            feed();
                            exchange_report r;
                            r.ec = boost::asio::error::operation_aborted;
                            r.phase = attempt_phase::write;
                            return m.exchanged(r, now);
                        }
                        if (where == at::exchange_written) {
                            const bool go_on = m.written();
                            REQUIRE(go_on);
                            feed();
                            if (!applied) // not honoured: the answer arrives and stands
                                return m.exchanged(answer(200, ok_body), now);
                            exchange_report r;
                            r.ec = boost::asio::error::operation_aborted;
                            r.written = true;
                            return m.exchanged(r, now);
                        }
                        break;
                    case step::back_off:
                        if (where == at::back_off) {
                            feed();
                            return m.backed_off(now);
                        }
                        break;
                    default: break;
                    }
                    return s.succeed(st);
                };
                call_machine::action first{step::complete};
                if (where == at::before_start) {
                    fed = true;
                    applied = s.m.cancel(why, type);
                }
                first = s.m.start(s.now);
                auto& [ec, response] = s.run(first);
                REQUIRE(fed);
                CHECK(s.completions == 1);
                CHECK(applied == expect_applies);
                // After it completed, nothing applies any more.
                CHECK_FALSE(s.m.cancel(why, type));
                if (!expect_applies) {
                    CHECK_FALSE(ec);
                    continue;
                }
                if (why == cancel_reason::shutdown) {
                    CHECK(ec == client_errc::shut_down);
                    CHECK(response.diag.client_message == "the client was shut down while the call was in flight");
                } else {
                    CHECK(ec == boost::asio::error::operation_aborted);
                    CHECK_THAT(response.diag.client_message,
                               Catch::StartsWith(why == cancel_reason::context ? "the call's context was cancelled"
                                                                               : "the call was cancelled"));
                }
                CHECK(std::count(s.steps.begin(), s.steps.end(), step::exchange) ==
                      (where == at::back_off ? 1 : where >= at::exchange_writing ? 1 : 0));
            }
        }
    }
}

TEST_CASE("call machine: a cancellation that came with the answer does not throw the answer away",
          "[call_machine]")
{
    call_machine m(plan(false));
    m.start(t0);
    m.signed_request(t0);
    m.leased(t0);
    REQUIRE(m.written());
    CHECK(m.cancel(cancel_reason::caller, ctype::terminal)); // the driver closes the connection...
    auto a = m.exchanged(answer(200, ok_body), t0);          // ...but the whole answer was in already
    CHECK(a.what == step::complete);
    CHECK_FALSE(m.result().first);
    CHECK(m.result().second.request_id == "R-1");
}

TEST_CASE("call machine: a context past its deadline before the call began", "[call_machine]")
{
    call_machine m(plan());
    const auto a = m.start(t0, client_errc::timeout);
    CHECK(a.what == step::complete);
    CHECK(m.result().first == client_errc::timeout);
    CHECK(m.result().second.diag.client_message == "the call's context had passed its deadline before the call began");
}

TEST_CASE("call machine: a context cancelled before the call began, its cancellation still on its way",
          "[call_machine]")
{
    call_machine m(plan());
    const auto a = m.start(t0, boost::asio::error::operation_aborted);
    CHECK(a.what == step::complete);
    CHECK(m.result().first == boost::asio::error::operation_aborted);
    CHECK(m.result().second.diag.client_message == "the call's context was cancelled");
    CHECK_FALSE(m.cancel(cancel_reason::context, ctype::terminal)); // arrives after: nothing more
}

TEST_CASE("call machine: the words for a call the gate turns away, and for an internal failure", "[call_machine]")
{
    const auto [full, why_full] = call_machine::refused(call_machine::refusal::full, 16);
    CHECK(full == client_errc::queue_full);
    CHECK(why_full == "max_pending (16) calls are in flight and the policy is to fail");
    CHECK(call_machine::refused(call_machine::refusal::shut_down, 16).first == client_errc::shut_down);
    CHECK(call_machine::refused(call_machine::refusal::not_started, 16).first == client_errc::async_not_enabled);

    call_machine m(plan());
    m.start(t0);
    m.fail_internally("std::bad_alloc");
    CHECK(m.done());
    CHECK(m.result().first == boost::system::errc::state_not_recoverable);
    CHECK(m.result().second.diag.client_message == "internal error: std::bad_alloc");
}
