// alicloud-bench — N DescribeInstances calls at concurrency C against one endpoint,
// reporting calls/s, the client's CPU time per call and its peak memory.
//
//   alicloud-bench --n 100000 --c 64 --warmup 2000 --url http://127.0.0.1:8080
//
// Flags win over the environment variables N, C, WARMUP and URL. C coroutines
// share one client (and its pool of C connections); each loops, one call at a
// time, until N calls have been made. WARMUP calls go first and are not timed.
// Only this process is measured: a local server's CPU is not counted.
//
// An answer counts as ok only when it is the bench server's: 10 instances and
// TotalCount 10, every one with its InstanceId (--expect-instances changes
// the 10); anything else is an error. --count-allocations also prints the heap
// allocations per call of the timed phase (operator new is counted in this
// program, so everything the SDK, Asio, Beast and the standard library
// allocate is seen; malloc called directly, as OpenSSL does, is not).
//
// --at-once starts all N calls together instead (no warmup, C connections),
// and prints the peak RSS and the memory per waiting call: how many calls one
// client can hold in flight.
//
// The last line is `RESULT ok=<n> err=<n> secs=<s> cpu_s=<s>` (timed phase only).
// Exit status: 0 every timed call succeeded, 1 some failed, 2 bad usage.

#include <alicloud/ecs/client.hpp>

#include "allocation_counter.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <sys/resource.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace alicloud;

constexpr const char* usage =
    "usage: alicloud-bench [--n N] [--c C] [--warmup W] [--url URL] [--insecure] [--ca-file PEM]\n"
    "                      [--access-key-id ID] [--access-key-secret SECRET] [--region R] [--threads T]\n"
    "                      [--expect-instances K] [--count-allocations] [--at-once]\n"
    "  N, C, WARMUP, URL may also come from the environment; defaults: N=100000 C=64 WARMUP=2000\n"
    "  URL=https://127.0.0.1:8443 (alicloud-ecs-emulator's default listener), key testid/testsecret,\n"
    "  region cn-hangzhou, 1 io_context thread. --insecure skips TLS certificate verification.\n"
    "  An answer is ok when it holds K instances (default 10) and TotalCount K.\n"
    "  --count-allocations prints heap allocations per call; --at-once starts all N calls together.\n";

struct settings {
    std::size_t n = 100'000, c = 64, warmup = 2'000, threads = 1, expect_instances = 10;
    std::string url = "https://127.0.0.1:8443", ca_file, key_id = "testid", key_secret = "testsecret";
    std::string region = "cn-hangzhou";
    bool insecure = false, count_allocations = false, at_once = false;
};

bool parse_count(const std::string& text, std::size_t& out)
{
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && p == end;
}

// The environment (N, C, WARMUP, URL) over the defaults, flags over both; false on bad usage.
bool parse(int argc, char** argv, settings& s)
{
    const std::map<std::string, std::size_t*> counts = {
        {"--n", &s.n}, {"--c", &s.c}, {"--warmup", &s.warmup}, {"--threads", &s.threads},
        {"--expect-instances", &s.expect_instances}};
    const std::map<std::string, std::string*> texts = {{"--url", &s.url}, {"--ca-file", &s.ca_file},
                                                       {"--access-key-id", &s.key_id},
                                                       {"--access-key-secret", &s.key_secret}, {"--region", &s.region}};
    const std::pair<const char*, const char*> environment[] = {{"N", "--n"}, {"C", "--c"}, {"WARMUP", "--warmup"},
                                                               {"URL", "--url"}};
    std::vector<std::string> args;
    for (const auto& [variable, flag] : environment)
        if (const char* v = std::getenv(variable); v && *v)
            args.insert(args.end(), {flag, v});
    args.insert(args.end(), argv + 1, argv + argc); // after the environment: flags win

    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--insecure" || args[i] == "--count-allocations" || args[i] == "--at-once") {
            (args[i] == "--insecure" ? s.insecure : args[i] == "--at-once" ? s.at_once : s.count_allocations) = true;
            continue;
        }
        if (i + 1 == args.size())
            return false; // an unknown flag, or a missing value
        const std::string& value = args[i + 1];
        if (const auto t = texts.find(args[i]); t != texts.end())
            *t->second = value;
        else if (const auto c = counts.find(args[i]); c == counts.end() || !parse_count(value, *c->second))
            return false;
        ++i;
    }
    return s.c > 0 && s.threads > 0;
}

// One batch of calls shared by C workers.
struct phase {
    std::size_t total = 0;
    std::size_t expect_instances = 10;
    std::atomic<std::size_t> next{0}, ok{0}, err{0};
};

std::once_flag first_error; // only the first failure is printed in full

// Empty when the answer is the bench server's, else what is wrong with it.
std::string check(const ecs::describe_instances_response& r, std::size_t expected)
{
    if (r.instances.size() != expected || r.total_count != static_cast<std::int32_t>(expected))
        return "expected " + std::to_string(expected) + " instances and TotalCount " + std::to_string(expected) +
               ", got " + std::to_string(r.instances.size()) + " and " + std::to_string(r.total_count);
    for (const auto& i : r.instances)
        if (i.instance_id.empty())
            return "an instance without its InstanceId";
    return {};
}

void count_answer(phase& p, const error_code& ec, const ecs::describe_instances_response& response)
{
    std::string wrong = ec ? ec.message() + ": " + response.diag.to_string() : check(response, p.expect_instances);
    if (wrong.empty()) {
        p.ok.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    p.err.fetch_add(1, std::memory_order_relaxed);
    std::call_once(first_error, [&] { std::cerr << "first error: " << wrong << "\n"; });
}

asio::awaitable<void> worker(ecs::client& client, const ecs::describe_instances_request& request, phase& p)
{
    while (p.next.fetch_add(1, std::memory_order_relaxed) < p.total) {
        // as_tuple: a failure arrives as (ec, response), not as an exception. (The token is
        // passed as a temporary: the client's operations do not accept a const lvalue token.)
        auto [ec, response] = co_await client.describe_instances(request, asio::as_tuple(asio::use_awaitable));
        count_answer(p, ec, response);
    }
}

// All of a phase's calls started at once, each with a completion handler;
// waits for the last. Returns the peak RSS seen while they were in flight.
void run_at_once(asio::io_context& ioc, ecs::client& client, const ecs::describe_instances_request& request, phase& p)
{
    std::promise<void> done;
    std::atomic<std::size_t> live{p.total};
    asio::post(ioc, [&] {
        for (std::size_t i = 0; i < p.total; ++i)
            client.describe_instances(request, [&](error_code ec, ecs::describe_instances_response response) {
                count_answer(p, ec, response);
                if (live.fetch_sub(1) == 1)
                    done.set_value();
            });
    });
    done.get_future().wait();
}

// Runs a phase on the io_context's threads and waits for its last worker.
void run_phase(asio::io_context& ioc, ecs::client& client, const ecs::describe_instances_request& request,
               std::size_t concurrency, phase& p)
{
    std::promise<void> done;
    std::atomic<std::size_t> live{concurrency};
    for (std::size_t i = 0; i < concurrency; ++i)
        asio::co_spawn(ioc, worker(client, request, p), [&](std::exception_ptr e) {
            if (e) // only resource exhaustion: count the worker's current call as failed
                p.err.fetch_add(1, std::memory_order_relaxed);
            if (live.fetch_sub(1) == 1)
                done.set_value();
        });
    done.get_future().wait();
}

double cpu_seconds(const rusage& u) // user + system, every thread of the process
{
    const auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return sec(u.ru_utime) + sec(u.ru_stime);
}

} // namespace

int main(int argc, char** argv)
{
    settings s;
    if (argc == 2 && (std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help")) {
        std::cout << usage;
        return 0;
    }
    if (!parse(argc, argv, s)) {
        std::cerr << usage;
        return 2;
    }

    asio::io_context ioc(static_cast<int>(s.threads));
    client_options opts;
    opts.endpoint = s.url;
    opts.region_id = s.region;
    opts.creds.access_key_id = s.key_id;
    opts.creds.access_key_secret = s.key_secret;
    opts.tls.verify_peer = !s.insecure;
    opts.tls.ca_file = s.ca_file;
    opts.pool.max_connections_per_host = s.c; // one kept-alive connection per worker
    opts.retry.max_attempts = 1;              // a failure is counted, never hidden by a retry
    ecs::client client(ioc, std::move(opts));

    ecs::describe_instances_request request;
    request.region_id = s.region;

    // The io_context threads run for the whole program; main only waits.
    auto guard = asio::make_work_guard(ioc);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < s.threads; ++i)
        threads.emplace_back([&ioc] { ioc.run(); });

    std::cout << "alicloud-bench: DescribeInstances x " << s.n << ", concurrency " << s.c << ", warmup " << s.warmup
              << ", " << s.threads << " thread(s), " << s.url << (s.insecure ? " (TLS unverified)" : "") << "\n";

    if (!s.at_once) {
        phase warm;
        warm.total = s.warmup;
        warm.expect_instances = s.expect_instances;
        run_phase(ioc, client, request, s.c, warm);
        if (warm.err != 0)
            std::cout << "warmup: ok=" << warm.ok << " err=" << warm.err << "\n";
    }

    phase timed;
    timed.total = s.n;
    timed.expect_instances = s.expect_instances;
    rusage u0{}, u1{};
    getrusage(RUSAGE_SELF, &u0);
    const std::uint64_t allocations_before = bench::allocations();
    bench::count_allocations(s.count_allocations);
    const auto t0 = std::chrono::steady_clock::now();
    if (s.at_once)
        run_at_once(ioc, client, request, timed);
    else
        run_phase(ioc, client, request, s.c, timed);
    const auto t1 = std::chrono::steady_clock::now();
    bench::count_allocations(false);
    const std::uint64_t allocated = bench::allocations() - allocations_before;
    getrusage(RUSAGE_SELF, &u1);

    guard.reset();
    ioc.stop(); // the pool's kept-alive connections would keep run() busy
    for (auto& t : threads)
        t.join();

    const double secs = std::chrono::duration<double>(t1 - t0).count();
    const double cpu = cpu_seconds(u1) - cpu_seconds(u0);
    const double calls = static_cast<double>(s.n);
    std::printf("calls/s: %.0f\n", s.n ? calls / secs : 0.0);
    std::printf("client CPU per call: %.1f us\n", s.n ? cpu * 1e6 / calls : 0.0);
    std::printf("peak RSS: %.1f MiB\n", static_cast<double>(u1.ru_maxrss) / 1024.0); // ru_maxrss is in KiB
    if (s.count_allocations)
        std::printf("allocations per call: %.1f\n", s.n ? static_cast<double>(allocated) / calls : 0.0);
    if (s.at_once && s.n) // what the calls in flight added to the peak, per call
        std::printf("memory per call in flight: %.0f bytes (peak RSS %.1f MiB before, %.1f MiB at the peak)\n",
                    static_cast<double>(u1.ru_maxrss - u0.ru_maxrss) * 1024.0 / calls,
                    static_cast<double>(u0.ru_maxrss) / 1024.0, static_cast<double>(u1.ru_maxrss) / 1024.0);
    std::printf("RESULT ok=%zu err=%zu secs=%.3f cpu_s=%.3f\n", timed.ok.load(), timed.err.load(), secs, cpu);
    return timed.err == 0 ? 0 : 1;
}
