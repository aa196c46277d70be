// alicloud-soak — a long run of calls through one client against the emulator
// while it injects faults, to show that nothing grows: memory flat after
// warm-up, descriptors back where they started, every call completed once.
// A measuring program, not a test (see samples/soak/README.md).
//
//   alicloud-soak --url http://127.0.0.1:8080 --n 1000000 --c 64
//
// Every 10,000 calls it arms one round of faults on the emulator's control API
// (latency, reset before and after the head, 5xx, throttling, a truncated
// body, malformed JSON: 20 requests of each). Every 100,000 calls it prints a
// line: calls completed, errors by kind, RSS now; at the end, the descriptors
// open before and after (the client destroyed, its connections closed).
// Exit status: 0 when every call completed exactly once and descriptors came
// back to their start count; 1 otherwise; 2 bad usage.

#include <alicloud/rpc_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace alicloud;

constexpr const char* usage = "usage: alicloud-soak [--url http://HOST:PORT] [--n N] [--c C]\n"
                              "  the emulator's plain-HTTP listener (its control API is there too);\n"
                              "  defaults: --url http://127.0.0.1:8080 --n 1000000 --c 64\n";

constexpr std::size_t report_every = 100'000;
constexpr std::size_t faults_every = 10'000;
constexpr const char* fault_kinds[] = {"none", "reset_before_headers", "reset_after_headers", "http_error",
                                       "throttling", "truncate_body", "malformed_json"};

struct settings {
    std::string url = "http://127.0.0.1:8080";
    std::size_t n = 1'000'000;
    std::size_t c = 64;
};

long rss_kib()
{
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

std::size_t open_descriptors()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

// One POST to the emulator's control API, on a connection of its own.
void post_control(const std::string& host, const std::string& port, const std::string& target, const std::string& body)
{
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    asio::ip::tcp::resolver resolver(ioc);
    stream.connect(resolver.resolve(host, port));
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, host);
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (res.result_int() >= 300)
        throw std::runtime_error("control API " + target + ": HTTP " + std::to_string(res.result_int()) + " " + res.body());
    error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

std::string kind_of(const error_code& ec)
{
    if (!ec)
        return "ok";
    if (ec == errc::timeout)
        return "timeout";
    if (ec == errc::throttled)
        return "throttled";
    if (ec == errc::server_error)
        return "server error";
    if (ec == client_errc::malformed_response)
        return "malformed response";
    return ec.message();
}

struct run_state {
    std::size_t started = 0;
    std::size_t completed = 0;
    std::map<std::string, std::size_t> outcomes;
};

asio::awaitable<void> caller(rpc_client& client, run_state& st, std::size_t n)
{
    while (st.started < n) {
        ++st.started;
        rpc_call call{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
        auto [ec, response] = co_await client.async_call(std::move(call), asio::as_tuple(asio::deferred));
        ++st.completed;
        ++st.outcomes[kind_of(ec)];
    }
}

void print_line(const run_state& st, const char* when)
{
    std::printf("%s calls=%zu rss_kib=%ld", when, st.completed, rss_kib());
    for (const auto& [kind, count] : st.outcomes)
        std::printf(" [%s]=%zu", kind.c_str(), count);
    std::printf("\n");
    std::fflush(stdout);
}

bool parse_count(std::string_view text, std::size_t& out)
{
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size() && out > 0;
}

} // namespace

int main(int argc, char** argv)
{
    settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::cout << usage;
            return 0;
        }
        if (i + 1 >= argc) {
            std::cerr << arg << " needs a value\n" << usage;
            return 2;
        }
        const std::string value = argv[++i];
        if (arg == "--url")
            s.url = value;
        else if ((arg == "--n" && parse_count(value, s.n)) || (arg == "--c" && parse_count(value, s.c)))
            continue;
        else {
            std::cerr << "bad argument: " << arg << " " << value << "\n" << usage;
            return 2;
        }
    }
    const auto url = boost::urls::parse_uri(s.url);
    if (!url || url->scheme() != "http" || url->port().empty()) {
        std::cerr << "--url must be http://HOST:PORT (the emulator's plain-HTTP listener)\n";
        return 2;
    }
    const std::string host(url->host()), port(url->port());

    const std::size_t fds_before = open_descriptors();
    run_state st;
    {
        asio::io_context ioc(1);
        client_options o;
        o.endpoint = s.url;
        o.creds = {"testid", "testsecret", ""};
        o.retry.initial_backoff = std::chrono::milliseconds(1);
        o.retry.max_backoff = std::chrono::milliseconds(10);
        o.timeouts.attempt = std::chrono::seconds(2);
        rpc_client client(ioc, o);

        std::size_t armed_at = 0;
        for (std::size_t done = 0; done < s.n;) {
            // Arm a round of faults, then run up to the next round.
            if (done >= armed_at) {
                for (const char* kind : fault_kinds)
                    post_control(host, port, "/_emulator/faults",
                                 std::string(R"({"action":"DescribeRegions","times":20,"kind":")") + kind +
                                     (std::string_view(kind) == "none" ? R"(","latency_ms":50})" : R"("})"));
                armed_at += faults_every;
            }
            const std::size_t until = std::min(s.n, done + faults_every);
            for (std::size_t i = 0; i < s.c; ++i)
                asio::co_spawn(ioc, caller(client, st, until), asio::detached);
            ioc.run();
            ioc.restart();
            done = st.completed;
            if (done % report_every == 0 || done == s.n)
                print_line(st, "progress");
        }
    } // the client goes, and its connections with it
    const std::size_t fds_after = open_descriptors();
    const bool once = st.completed == s.n && st.started == s.n;
    std::printf("RESULT calls=%zu started=%zu fds_before=%zu fds_after=%zu rss_kib=%ld\n", st.completed, st.started,
                fds_before, fds_after, rss_kib());
    return once && fds_after == fds_before ? 0 : 1;
}
