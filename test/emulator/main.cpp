// alicloud-ecs-emulator: the emulator as a program, for samples, demos and
// development without a cloud account.

#include "emulator.hpp"

#include <alicloud/core/sansio/request_stamp.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using boost::asio::ip::tcp;
using alicloud::emulator::options;

const char* const usage =
    "usage: alicloud-ecs-emulator [options]\n"
    "\n"
    "A local Alibaba Cloud ECS endpoint (API 2014-05-26) with real signature checks.\n"
    "\n"
    "  --listen ADDR:PORT          HTTPS listener (default 127.0.0.1:8443 when no listener is given)\n"
    "  --http-listen ADDR:PORT     plain HTTP listener\n"
    "  --tls-cert PATH --tls-key PATH   certificate chain and key (PEM); default: a fresh\n"
    "                              self-signed CA and a certificate for localhost/127.0.0.1/::1\n"
    "  --write-ca PATH             write that CA (PEM) for clients to trust\n"
    "  --access-key ID:SECRET      accepted AccessKey (repeatable; default testid:testsecret)\n"
    "  --sts-credential ID:SECRET:TOKEN   accepted STS credential (repeatable)\n"
    "  --pending-ms N --starting-ms N --stopping-ms N   lifecycle timings (default 2000 each)\n"
    "  --header-timeout-ms N       time to receive a request header (default 10000)\n"
    "  --idle-timeout-ms N         keep-alive idle time (default 60000)\n"
    "  --max-body-bytes N          request body limit (default 1048576)\n"
    "  --role ARN                  a RAM role STS AssumeRole accepts (repeatable; default\n"
    "                              acs:ram::123456789012:role/test-role)\n"
    "  --sts-lifetime-ms N         temporary credentials (STS, metadata) stop working after N ms,\n"
    "                              whatever their Expiration says\n"
    "  --instance-role NAME        the RAM role of the metadata service (default EcsRamRoleTest)\n"
    "  --port-file PATH            write \"https PORT\" / \"http PORT\" lines once listening\n"
    "  -h, --help                  this text\n"
    "\n"
    "Control API (JSON, same listeners): GET /_emulator/health, GET|DELETE /_emulator/requests,\n"
    "GET|POST|DELETE /_emulator/faults, DELETE /_emulator/faults/ID, POST /_emulator/credentials,\n"
    "GET|POST /_emulator/clock, POST /_emulator/wait, POST /_emulator/reset. SIGINT or SIGTERM\n"
    "stops it cleanly.\n";

struct command_line {
    options opts;
    bool custom_keys = false;
    std::vector<tcp::endpoint> https, http;
    std::string cert, key, write_ca, port_file;
};

tcp::endpoint parse_listen(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        throw std::invalid_argument("expected ADDR:PORT, got '" + text + "'");
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host == "localhost")
        host = "127.0.0.1";
    unsigned port = 0;
    const auto port_text = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
        throw std::invalid_argument("bad port in '" + text + "'");
    return {boost::asio::ip::make_address(host), static_cast<unsigned short>(port)};
}

std::chrono::milliseconds parse_ms(const std::string& text)
{
    long long v = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0)
        throw std::invalid_argument("expected milliseconds, got '" + text + "'");
    return std::chrono::milliseconds(v);
}

std::vector<std::string> split(const std::string& text, char sep, std::size_t parts)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (out.size() + 1 < parts) {
        const auto pos = text.find(sep, start);
        if (pos == std::string::npos)
            break;
        out.push_back(text.substr(start, pos - start));
        start = pos + 1;
    }
    out.push_back(text.substr(start));
    return out;
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::invalid_argument("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Written whole, then renamed: a script polling for the file never reads half of it.
void write_file(const std::string& path, const std::string& text)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out)
            throw std::runtime_error("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

command_line parse(int argc, char** argv)
{
    command_line cmd;
    bool roles_given = false; // the first --role replaces the default role
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::cout << usage;
            std::exit(0);
        }
        if (i + 1 >= argc)
            throw std::invalid_argument(arg == "" ? "empty argument" : arg + " needs a value (see --help)");
        const std::string value = argv[++i];
        if (arg == "--listen") cmd.https.push_back(parse_listen(value));
        else if (arg == "--http-listen") cmd.http.push_back(parse_listen(value));
        else if (arg == "--tls-cert") cmd.cert = value;
        else if (arg == "--tls-key") cmd.key = value;
        else if (arg == "--write-ca") cmd.write_ca = value;
        else if (arg == "--port-file") cmd.port_file = value;
        else if (arg == "--pending-ms") cmd.opts.pending = parse_ms(value);
        else if (arg == "--starting-ms") cmd.opts.starting = parse_ms(value);
        else if (arg == "--stopping-ms") cmd.opts.stopping = parse_ms(value);
        else if (arg == "--header-timeout-ms") cmd.opts.header_timeout = parse_ms(value);
        else if (arg == "--idle-timeout-ms") cmd.opts.idle_timeout = parse_ms(value);
        else if (arg == "--role") {
            if (!roles_given)
                cmd.opts.roles.clear();
            roles_given = true;
            cmd.opts.roles.push_back(value);
        }
        else if (arg == "--sts-lifetime-ms") cmd.opts.sts_lifetime = parse_ms(value);
        else if (arg == "--instance-role") cmd.opts.instance_role = value;
        else if (arg == "--max-body-bytes") cmd.opts.body_limit = static_cast<std::size_t>(parse_ms(value).count());
        else if (arg == "--access-key" || arg == "--sts-credential") {
            const bool sts = arg == "--sts-credential";
            auto parts = split(value, ':', sts ? 3 : 2);
            if (parts.size() != (sts ? 3u : 2u) || parts[0].empty() || parts[1].empty() || (sts && parts[2].empty()))
                throw std::invalid_argument(arg + " expects " + (sts ? "ID:SECRET:TOKEN" : "ID:SECRET"));
            if (!cmd.custom_keys) {
                cmd.opts.access_keys.clear();
                cmd.custom_keys = true;
            }
            cmd.opts.access_keys.push_back({parts[0], parts[1], sts ? parts[2] : std::string()});
        } else
            throw std::invalid_argument("unknown option " + arg + " (see --help)");
    }
    if (cmd.cert.empty() != cmd.key.empty())
        throw std::invalid_argument("--tls-cert and --tls-key go together");
    if (cmd.https.empty() && cmd.http.empty())
        cmd.https.push_back(parse_listen("127.0.0.1:8443"));
    return cmd;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        command_line cmd = parse(argc, argv);
        boost::asio::io_context ioc(1);

        std::optional<alicloud::emulator::tls_files> tls;
        if (!cmd.cert.empty())
            tls = alicloud::emulator::tls_files{read_file(cmd.cert), read_file(cmd.key)};
        alicloud::emulator::emulator emu(ioc.get_executor(), cmd.opts, tls);

        if (!cmd.write_ca.empty()) {
            if (emu.ca_certificate_pem().empty())
                throw std::invalid_argument("--write-ca needs the generated certificate (no --tls-cert)");
            write_file(cmd.write_ca, emu.ca_certificate_pem());
        }

        std::string ports;
        for (const auto& at : cmd.https) {
            const auto bound = emu.listen(at, true);
            std::cout << "alicloud-ecs-emulator: https://" << bound << "/" << std::endl;
            ports += "https " + std::to_string(bound.port()) + "\n";
        }
        for (const auto& at : cmd.http) {
            const auto bound = emu.listen(at, false);
            std::cout << "alicloud-ecs-emulator: http://" << bound << "/" << std::endl;
            ports += "http " + std::to_string(bound.port()) + "\n";
        }
        if (!cmd.port_file.empty())
            write_file(cmd.port_file, ports);

        boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code& ec, int signal) {
            if (ec)
                return;
            std::cout << "alicloud-ecs-emulator: signal " << signal << ", stopping" << std::endl;
            emu.stop();
        });
        ioc.run();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "alicloud-ecs-emulator: " << e.what() << "\n";
        return 2;
    }
}
