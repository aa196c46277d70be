#include "command_line.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace alicloud::cli {

const char* const usage_text =
    "usage: alicloud [options] <product> <Action> [--Name value ...]\n"
    "       alicloud <product> --help             the product's actions\n"
    "       alicloud <product> <Action> --help    the action's parameters, their types, which are required\n"
    "\n"
    "Calls an RPC API action; every --Name value after the action is an API parameter\n"
    "(a common parameter such as --Format XML overrides the default). The action, the\n"
    "parameters' names and types and the required ones are checked against the product's\n"
    "catalog before anything is sent; a name that is not there is refused with the nearest.\n"
    "\n"
    "products: ecs (API version 2014-05-26), vpc (2016-04-28), sts (2015-04-01), ram (2015-05-01)\n"
    "\n"
    "options:\n"
    "  --endpoint URL              host[:port] or http(s)://host[:port]; default: the region's (official tables)\n"
    "  --region ID                 region id; also sent as RegionId to an action that takes one,\n"
    "                              unless --RegionId is given\n"
    "  --access-key-id ID          default: $ALIBABA_CLOUD_ACCESS_KEY_ID\n"
    "  --access-key-secret SECRET  default: $ALIBABA_CLOUD_ACCESS_KEY_SECRET\n"
    "  --security-token TOKEN      STS token; default: $ALIBABA_CLOUD_SECURITY_TOKEN\n"
    "  --profile NAME              credentials from this profile of the shared credentials file\n"
    "                              ($ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials);\n"
    "                              with no key option and no profile: the environment, then the\n"
    "                              profile $ALIBABA_CLOUD_PROFILE (else default), then the\n"
    "                              instance's RAM role (unless $ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)\n"
    "  --sts-endpoint URL          STS for ram_role_arn profiles (default: $ALIBABA_CLOUD_STS_REGION's,\n"
    "                              else sts.aliyuncs.com)\n"
    "  --metadata-endpoint URL     the instance metadata service (default http://100.100.100.200)\n"
    "  --api-version VERSION       call another version of the product's API: the catalog\n"
    "                              describes the default one, so nothing is checked\n"
    "  --force                     send without checking the action and parameters (the\n"
    "                              service judges them): a new action, a parameter the catalog lacks\n"
    "  --signature v1|v3           signature algorithm (default v3)\n"
    "  --method GET|POST           default: POST with v3, GET with v1\n"
    "  --params-in query|body      default: query, except v1 POST which uses a form body\n"
    "  --print-request             send nothing; print the signing strings and the request\n"
    "  --timestamp yyyy-MM-ddTHH:mm:ssZ   pin the request time (for --print-request)\n"
    "  --nonce TEXT                pin the signature nonce (for --print-request)\n"
    "  --ca-file PATH              trust the CAs in this PEM file (e.g. the emulator's)\n"
    "  --insecure                  do not verify the server's certificate (test endpoints only)\n"
    "  --timeout-ms N              give up on the call after N ms (default 60000)\n"
    "  -h, --help                  this text\n";

namespace {

enum class option_kind { flag, value };

const std::map<std::string_view, option_kind>& options()
{
    static const std::map<std::string_view, option_kind> table = {
        {"--help", option_kind::flag},          {"-h", option_kind::flag},
        {"--print-request", option_kind::flag}, {"--endpoint", option_kind::value},
        {"--region", option_kind::value},       {"--access-key-id", option_kind::value},
        {"--access-key-secret", option_kind::value}, {"--security-token", option_kind::value},
        {"--profile", option_kind::value},      {"--sts-endpoint", option_kind::value},
        {"--metadata-endpoint", option_kind::value},
        {"--api-version", option_kind::value},  {"--signature", option_kind::value},
        {"--method", option_kind::value},       {"--params-in", option_kind::value},
        {"--timestamp", option_kind::value},    {"--nonce", option_kind::value},
        {"--ca-file", option_kind::value},      {"--insecure", option_kind::flag},
        {"--timeout-ms", option_kind::value},   {"--force", option_kind::flag},
    };
    return table;
}

bool apply_option(command_line& cmd, std::string_view name, const std::string& value, std::string& error)
{
    if (name == "--help" || name == "-h") cmd.help = true;
    else if (name == "--print-request") cmd.print_request = true;
    else if (name == "--endpoint") cmd.endpoint = value;
    else if (name == "--region") cmd.region = value;
    else if (name == "--access-key-id") cmd.access_key_id = value;
    else if (name == "--access-key-secret") cmd.access_key_secret = value;
    else if (name == "--security-token") cmd.security_token = value;
    else if (name == "--profile") cmd.profile = value;
    else if (name == "--sts-endpoint") cmd.sts_endpoint = value;
    else if (name == "--metadata-endpoint") cmd.metadata_endpoint = value;
    else if (name == "--api-version") cmd.api_version = value;
    else if (name == "--timestamp") cmd.timestamp = value;
    else if (name == "--nonce") cmd.nonce = value;
    else if (name == "--ca-file") cmd.ca_file = value;
    else if (name == "--insecure") cmd.insecure = true;
    else if (name == "--force") cmd.force = true;
    else if (name == "--timeout-ms") {
        try {
            std::size_t used = 0;
            cmd.timeout_ms = std::stoll(value, &used);
            if (used != value.size() || *cmd.timeout_ms <= 0)
                throw std::invalid_argument(value);
        } catch (const std::exception&) {
            return error = "--timeout-ms must be a positive number of milliseconds, not '" + value + "'", false;
        }
    }
    else if (name == "--signature") {
        if (value == "v1" || value == "V1") cmd.signature = signature_version::v1;
        else if (value == "v3" || value == "V3") cmd.signature = signature_version::v3;
        else return error = "--signature must be v1 or v3, not '" + value + "'", false;
    } else if (name == "--method") {
        if (value == "GET" || value == "get") cmd.method = http_method::get;
        else if (value == "POST" || value == "post") cmd.method = http_method::post;
        else return error = "--method must be GET or POST, not '" + value + "'", false;
    } else if (name == "--params-in") {
        if (value == "query") cmd.params_in = parameter_location::query;
        else if (value == "body") cmd.params_in = parameter_location::body;
        else return error = "--params-in must be query or body, not '" + value + "'", false;
    }
    return true;
}

} // namespace

std::vector<std::string> option_names()
{
    std::vector<std::string> out;
    for (const auto& [name, kind] : options())
        if (name.starts_with("--"))
            out.emplace_back(name.substr(2));
    return out;
}

std::optional<command_line> parse_command_line(const std::vector<std::string>& args, std::string& error)
{
    command_line cmd;
    std::vector<std::string> positional;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.starts_with("-") || arg == "-") {
            positional.push_back(arg);
            continue;
        }
        // --name=value or --name value
        std::string name = arg, value;
        bool has_inline_value = false;
        if (const auto eq = arg.find('='); eq != std::string::npos && arg.starts_with("--")) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            has_inline_value = true;
        }

        const auto known = options().find(name);
        if (known != options().end()) {
            if (known->second == option_kind::value && !has_inline_value) {
                if (i + 1 >= args.size())
                    return error = name + " needs a value", std::nullopt;
                value = args[++i];
            } else if (known->second == option_kind::flag && has_inline_value) {
                return error = name + " takes no value", std::nullopt;
            }
            if (!apply_option(cmd, name, value, error))
                return std::nullopt;
            continue;
        }

        // An API parameter: only after <product> <Action>, and only --Name.
        if (positional.size() < 2 || !name.starts_with("--") || name.size() == 2)
            return error = "unknown option '" + name + "'", std::nullopt;
        if (!has_inline_value) {
            if (i + 1 >= args.size())
                return error = "parameter " + name + " needs a value", std::nullopt;
            value = args[++i];
        }
        cmd.params.set(std::string_view(name).substr(2), value);
    }

    if (cmd.help) { // what the help is about: the tool, a product, or an action
        cmd.product = positional.size() > 0 ? positional[0] : "";
        cmd.action = positional.size() > 1 ? positional[1] : "";
        return cmd;
    }
    if (positional.size() != 2)
        return error = positional.size() < 2 ? "expected <product> <Action>"
                                             : "unexpected argument '" + positional[2] + "'",
               std::nullopt;
    cmd.product = positional[0];
    cmd.action = positional[1];
    return cmd;
}

} // namespace alicloud::cli
