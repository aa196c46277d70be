#ifndef ALICLOUD_SAMPLES_CLI_COMMAND_LINE_HPP
#define ALICLOUD_SAMPLES_CLI_COMMAND_LINE_HPP

// What the user asked for on the command line, checked but not yet acted on.

#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <optional>
#include <string>
#include <vector>

namespace alicloud::cli {

struct command_line {
    bool help = false;
    bool print_request = false;
    bool force = false; // send without checking the call against the product's catalog

    std::string product;   // "ecs" (with --help: may be empty)
    std::string action;    // "DescribeInstances" (with --help: may be empty)
    parameters params;     // --Name value, in the order given

    std::optional<std::string> endpoint;
    std::optional<std::string> region;
    std::optional<std::string> access_key_id;
    std::optional<std::string> access_key_secret;
    std::optional<std::string> security_token;
    std::optional<std::string> profile; // a profile of the shared credentials file
    std::optional<std::string> sts_endpoint;      // where role profiles assume their role
    std::optional<std::string> metadata_endpoint; // the instance metadata service
    std::optional<std::string> api_version;
    signature_version signature = signature_version::v3;
    std::optional<http_method> method;
    std::optional<parameter_location> params_in;
    std::optional<std::string> timestamp;
    std::optional<std::string> nonce;

    std::optional<std::string> ca_file;  // trust these CAs (PEM) instead of the system store
    bool insecure = false;               // no TLS verification (never against a real endpoint)
    std::optional<long long> timeout_ms; // whole call
};

// Parses argv (without argv[0]). On a usage error returns nullopt and sets `error`.
std::optional<command_line> parse_command_line(const std::vector<std::string>& args, std::string& error);

extern const char* const usage_text;

// The tool's own options, without their "--": "endpoint", "region"... They
// are taken anywhere on the line, so a typo of one after the action reads as
// an API parameter; the check suggests them too.
std::vector<std::string> option_names();

} // namespace alicloud::cli

#endif
