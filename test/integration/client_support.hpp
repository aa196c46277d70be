#ifndef ALICLOUD_TEST_INTEGRATION_CLIENT_SUPPORT_HPP
#define ALICLOUD_TEST_INTEGRATION_CLIENT_SUPPORT_HPP

// What the client-side integration tests share: options that reach a running
// emulator over verified TLS, an io_context on a thread of its own, and a way
// to run a coroutine to its end (or fail the test).

#include "harness.hpp"

#include <alicloud/client_options.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/resource.h>

namespace alicloud::test {

inline client_options options_for(const emulator::test::running_emulator& emu)
{
    using namespace std::chrono_literals;
    client_options o;
    o.endpoint = "https://127.0.0.1:" + std::to_string(emu.https.port());
    o.region_id = "cn-hangzhou";
    o.creds = {"testid", "testsecret", ""};
    o.tls.ca_pem = emu.ca_pem();
    o.retry.initial_backoff = 20ms;
    return o;
}

// The plain-HTTP listener, one attempt per call: for tests that make many
// calls, time them and count their outcomes.
inline client_options http_options_for(const emulator::test::running_emulator& emu)
{
    client_options o = options_for(emu);
    o.endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    o.retry.max_attempts = 1;
    return o;
}

// From now on the emulator holds every `action` call `latency_ms` before answering.
inline void add_latency(const emulator::test::running_emulator& emu, std::string_view action, int latency_ms)
{
    emulator::test::client ctl(emu.http);
    ctl.add_fault(boost::json::parse(R"({"action":")" + std::string(action) + R"(","latency_ms":)" +
                                     std::to_string(latency_ms) + "}"));
}

// How many `action` requests the emulator logged (with that error Code, when given).
inline std::size_t count_logged(const emulator::test::running_emulator& emu, std::string_view action,
                                std::string_view error_code = {})
{
    emulator::test::client ctl(emu.http);
    std::size_t n = 0;
    for (const auto& e : ctl.requests())
        if (e.at("action").as_string() == action && (error_code.empty() || e.at("error_code").as_string() == error_code))
            ++n;
    return n;
}

// Waits (at most `limit`) until the emulator has logged at least `n` `action`
// requests - received, whether answered yet or not. Tests that need calls in
// flight wait for this rather than for a guessed time.
inline bool wait_logged(const emulator::test::running_emulator& emu, std::string_view action, std::size_t n,
                        std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    emulator::test::client ctl(emu.http);
    return ctl.wait({{"logged", {{"action", action}, {"count", n}}}}, limit);
}

// How the emulator's last logged request ended, once it has (at most 3 s):
// "answered", "client_closed"... or "pending".
inline std::string last_outcome(const emulator::test::running_emulator& emu)
{
    emulator::test::client ctl(emu.http);
    const auto log = ctl.requests();
    REQUIRE_FALSE(log.empty());
    const std::string action(log.back().at("action").as_string());
    std::size_t n = 0;
    for (const auto& e : log)
        if (e.at("action").as_string() == action)
            ++n;
    ctl.wait({{"logged", {{"action", action}, {"count", n}, {"finished", true}}}}, std::chrono::seconds(3));
    return std::string(ctl.requests().back().at("outcome").as_string());
}

// Waits until every one of `ids` is in `status` (the emulator moves them on its
// timers); false after `limit`. The test then asks the service, as a client would.
inline bool wait_for_instances(const emulator::test::running_emulator& emu, const std::vector<std::string>& ids,
                               std::string_view status, std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    boost::json::array wanted;
    for (const auto& id : ids)
        wanted.emplace_back(id);
    emulator::test::client ctl(emu.http);
    return ctl.wait({{"instances", {{"ids", std::move(wanted)}, {"status", status}}}}, limit);
}

// The peak resident set of this process so far, in KiB.
inline long peak_rss_kib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// An io_context run by a thread of its own, as a plain-thread caller has it.
struct background_io {
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work = boost::asio::make_work_guard(ioc);
    std::thread thread{[this] { ioc.run(); }};
    ~background_io()
    {
        work.reset();
        ioc.stop();
        thread.join();
    }
};

// Runs `ioc` until `done()` holds, checking it after each handler; false if
// `limit` passed first. For what the handlers of `ioc` bring about; a state of
// the emulator is run_until_logged's.
template <class Predicate>
bool run_until(boost::asio::io_context& ioc, Predicate done,
               std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (ioc.stopped())
            ioc.restart();
        if (ioc.run_one_until(until) == 0 && (std::chrono::steady_clock::now() >= until || ioc.stopped()))
            return done(); // the time is up, or nothing is left to run that could change it
    }
    return true;
}

// Runs `ioc` (the client's calls go on) until the emulator has logged `n`
// `action` requests: asked of the emulator by a thread of its own, whose
// answer wakes `ioc`. False if `limit` passed first.
inline bool run_until_logged(boost::asio::io_context& ioc, const emulator::test::running_emulator& emu,
                             boost::json::object logged, std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    bool answered = false, reached = false;
    auto work = boost::asio::make_work_guard(ioc);
    std::thread watcher([&] {
        emulator::test::client ctl(emu.http);
        const bool r = ctl.wait({{"logged", std::move(logged)}}, limit);
        boost::asio::post(ioc, [&answered, &reached, r] {
            reached = r;
            answered = true;
        });
    });
    while (!answered)
        if (ioc.run_one() == 0)
            ioc.restart();
    watcher.join();
    return reached;
}

inline bool run_until_logged(boost::asio::io_context& ioc, const emulator::test::running_emulator& emu,
                             std::string_view action, std::size_t n)
{
    return run_until_logged(ioc, emu, {{"action", action}, {"count", n}});
}

// Runs the coroutine `f()` on `ioc` for at most `limit`; rethrows what it threw.
template <class F>
void run_coroutine(boost::asio::io_context& ioc, F f, std::chrono::seconds limit = std::chrono::seconds(60))
{
    std::exception_ptr failure;
    bool done = false;
    boost::asio::co_spawn(ioc, f(), [&](std::exception_ptr e) {
        failure = e;
        done = true;
    });
    ioc.run_for(limit);
    REQUIRE(done);
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace alicloud::test

#endif
