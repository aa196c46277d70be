#include "service_options.hpp"

#include <boost/asio/ip/address.hpp>

#include <charconv>
#include <functional>
#include <map>

namespace task_service {

const char* const service_usage =
    "usage: alicloud-task-service [options]\n"
    "\n"
    "An HTTP service that runs long ECS jobs: POST /tasks starts one, GET /tasks/{id} polls it,\n"
    "DELETE /tasks/{id} cancels it. Credentials: the default chain (the environment, the shared\n"
    "credentials file, the instance's RAM role), or --profile.\n"
    "\n"
    "  --listen ADDR:PORT          where to listen (default 127.0.0.1:8080; port 0: any)\n"
    "  --port-file PATH            write \"http PORT\" there once listening\n"
    "  --endpoint URL              the ECS endpoint (default: the region's)\n"
    "  --region ID                 the region of the jobs that name none (default cn-hangzhou)\n"
    "  --ca-file PATH              trust the CAs in this PEM file (e.g. the emulator's)\n"
    "  --profile NAME              credentials from this profile of the shared credentials file\n"
    "  --metadata-endpoint URL     the instance metadata service (default http://100.100.100.200)\n"
    "  --sts-endpoint URL          STS, for ram_role_arn profiles\n"
    "  --max-running N             jobs running at once (default 4)\n"
    "  --max-queued N              jobs waiting beyond those; more are refused with 429 (default 64)\n"
    "  --default-timeout-ms N      a job's timeout when it names none (default 300000)\n"
    "  --max-timeout-ms N          the longest timeout a job may ask for (default 3600000)\n"
    "  --keep-finished-ms N        how long a finished task can be polled (default 600000)\n"
    "  --max-finished N            finished tasks kept at most, oldest forgotten first (default 10000)\n"
    "  --shutdown-grace-ms N       on SIGINT/SIGTERM, how long running jobs may go on (default 10000);\n"
    "                              then they are interrupted, and go back to the queue of a durable store\n"
    "  --store STORE               where tasks are kept (default sqlite:alicloud-tasks.sqlite):\n"
    "                                memory               this process only, lost when it ends\n"
    "                                sqlite:PATH          an SQLite file, for one replica\n"
    "                                postgresql:CONNINFO  PostgreSQL, for any number of replicas (libpq's\n"
    "                                                     'host=... dbname=...' or a postgresql:// URI;\n"
    "                                                     a postgresql:// URI may also be given alone)\n"
    "  --db-connections N          PostgreSQL connections for statements (default 4; one more listens)\n"
    "  --replica-id NAME           this replica's name in the store (default HOST:PID)\n"
    "  --lease-ms N                a running task stays this replica's that long without a heartbeat\n"
    "                              (one every third of it); then another replica takes it over (default 30000)\n"
    "  --claim-interval-ms N       how often to look for tasks other replicas took or left (default 1000)\n"
    "\n"
    "Exit status: 0 after a shutdown, 2 on bad usage, 3 when the task store cannot be opened\n"
    "(unreachable, corrupt, read-only, or of a newer schema), 1 on any other failure.\n"
    "  -h, --help                  this text\n";

namespace {

template <class Int>
bool read_number(const std::string& text, Int& out, Int min)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= min;
}

// ADDR:PORT, ADDR an IPv4 or [IPv6] address or localhost.
bool read_listen(const std::string& text, boost::asio::ip::tcp::endpoint& out)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        return false;
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    unsigned port = 0;
    if (ec || !read_number(text.substr(colon + 1), port, 0u) || port > 65535)
        return false;
    out = {address, static_cast<unsigned short>(port)};
    return true;
}

// memory, sqlite:PATH, postgresql:CONNINFO, or a bare postgres(ql):// URI.
bool read_store(const std::string& text, std::string& out)
{
    if (text.starts_with("postgresql://") || text.starts_with("postgres://"))
        return out = "postgresql:" + text, true;
    const bool ok = text == "memory" || (text.starts_with("sqlite:") && text.size() > 7) ||
                    (text.starts_with("postgresql:") && text.size() > 11);
    if (ok)
        out = text;
    return ok;
}

} // namespace

std::optional<service_options> parse_service_options(const std::vector<std::string>& args, std::string& error)
{
    service_options o;
    const auto ms = [](std::chrono::milliseconds& target) {
        return [&target](const std::string& v) {
            long long n = 0;
            return read_number(v, n, 1LL) ? (target = std::chrono::milliseconds(n), true) : false;
        };
    };
    const auto count = [](std::size_t& target, std::size_t min) {
        return [&target, min](const std::string& v) { return read_number(v, target, min); };
    };
    const auto text = [](std::string& target) {
        return [&target](const std::string& v) { return target = v, true; };
    };
    const std::map<std::string, std::function<bool(const std::string&)>, std::less<>> value_options = {
        {"--listen", [&o](const std::string& v) { return read_listen(v, o.listen); }},
        {"--port-file", text(o.port_file)},
        {"--endpoint", text(o.endpoint)},
        {"--region", text(o.region)},
        {"--ca-file", text(o.ca_file)},
        {"--profile", text(o.profile)},
        {"--metadata-endpoint", text(o.metadata_endpoint)},
        {"--sts-endpoint", text(o.sts_endpoint)},
        {"--max-running", count(o.limits.max_running, 1)},
        {"--max-queued", count(o.limits.max_queued, 0)},
        {"--max-finished", count(o.limits.max_finished, 0)},
        {"--default-timeout-ms", ms(o.limits.default_timeout)},
        {"--max-timeout-ms", ms(o.limits.max_timeout)},
        {"--keep-finished-ms", ms(o.limits.keep_finished)},
        {"--shutdown-grace-ms", ms(o.shutdown_grace)},
        {"--store", [&o](const std::string& v) { return read_store(v, o.store); }},
        {"--db-connections", count(o.db_connections, 1)},
        {"--replica-id", [&o](const std::string& v) { return !v.empty() && (o.replica_id = v, true); }},
        {"--lease-ms", ms(o.limits.lease)},
        {"--claim-interval-ms", ms(o.limits.claim_interval)},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            o.help = true;
            continue;
        }
        const auto it = value_options.find(arg);
        if (it == value_options.end())
            return error = "unknown option '" + arg + "'", std::nullopt;
        if (i + 1 == args.size())
            return error = arg + " needs a value", std::nullopt;
        if (!it->second(args[++i]))
            return error = arg + ": '" + args[i] + "' is not a valid value", std::nullopt;
    }
    if (o.limits.default_timeout > o.limits.max_timeout)
        return error = "--default-timeout-ms must not exceed --max-timeout-ms", std::nullopt;
    return o;
}

} // namespace task_service
