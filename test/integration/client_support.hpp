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
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <string_view>
#include <thread>

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
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (count_logged(emu, action) >= n)
            return true;
        if (std::chrono::steady_clock::now() >= until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
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

// Runs `ioc` in short slices until `done()` holds; false if `limit` passed first.
template <class Predicate>
bool run_until(boost::asio::io_context& ioc, Predicate done,
               std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until)
            return false;
        ioc.run_for(std::chrono::milliseconds(2));
        ioc.restart();
    }
    return true;
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
