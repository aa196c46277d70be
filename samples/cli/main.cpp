// alicloud — call an Alibaba Cloud RPC API from the shell.
//
//   alicloud --print-request --signature v1 --method GET ... ecs DescribeRegions
//
// Exit status: 0 success, 1 the call failed (the service's error, or no answer),
// 2 bad usage or input (nothing was sent).

#include "catalog_help.hpp"
#include "command_line.hpp"
#include "print_json.hpp"
#include "print_request.hpp"
#include "request_check.hpp"
#include "terminal_text.hpp"

#include <alicloud/core.hpp>
#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs/catalog.hpp>
#include <alicloud/ram/catalog.hpp>
#include <alicloud/sts/catalog.hpp>
#include <alicloud/vpc/catalog.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>

namespace {

using namespace alicloud;

struct product_info {
    const api_catalog& (*catalog)() noexcept; // its API version, actions and their parameters
    const char* endpoint_prefix; // <prefix>.aliyuncs.com without --region (with it: endpoint_host_for)
    endpoint_rule rule;          // as the product's official SDK resolves its host (RAM: central)
};

// The products the library has typed clients for, by the name the tool takes.
const std::map<std::string, product_info, std::less<>> products = {
    {"ecs", {&ecs::catalog, "ecs", endpoint_rule::regional}},
    {"ram", {&ram::catalog, "ram", endpoint_rule::central}},
    {"sts", {&sts::catalog, "sts", endpoint_rule::regional}},
    {"vpc", {&vpc::catalog, "vpc", endpoint_rule::regional}},
};

const product_info* find_product(const std::string& name)
{
    const auto product = products.find(name);
    if (product != products.end())
        return &product->second;
    std::string known;
    for (const auto& [n, info] : products)
        known += (known.empty() ? "" : ", ") + n;
    std::cerr << "alicloud: unknown product '" << cli::printable(name) << "' (known: " << known << ")\n";
    return nullptr;
}

bool takes(const operation_description& op, std::string_view name)
{
    return std::any_of(op.parameters.begin(), op.parameters.end(),
                       [&](const parameter_description& p) { return p.name == name; });
}

// --help after nothing, a product, or an action.
int help(const cli::command_line& cmd)
{
    if (cmd.product.empty()) {
        std::cout << cli::usage_text;
        return 0;
    }
    const product_info* product = find_product(cmd.product);
    if (product == nullptr)
        return 2;
    const api_catalog& catalog = product->catalog();
    if (cmd.action.empty()) {
        cli::print_actions(std::cout, catalog);
        return 0;
    }
    std::string error;
    const operation_description* op = cli::find_action(catalog, cmd.action, error);
    if (op == nullptr) {
        std::cerr << "alicloud: " << error << "\n"
                  << "('alicloud " << cmd.product << " --help' lists the actions)\n";
        return 2;
    }
    cli::print_operation(std::cout, catalog, *op);
    return 0;
}

std::string from_env(const std::optional<std::string>& given, const char* variable)
{
    if (given)
        return *given;
    const char* v = std::getenv(variable);
    return v ? v : "";
}

// The credentials of the chain, or of --profile: asked once, on a loop of
// their own (a role provider asks STS or the metadata service on it).
std::optional<credentials> credentials_from_chain(const cli::command_line& cmd, diagnostics& diag)
{
    boost::asio::io_context ioc;
    credential_services services;
    services.sts_endpoint = cmd.sts_endpoint.value_or("");
    services.metadata_endpoint = cmd.metadata_endpoint.value_or("");
    services.sts_tls.verify_peer = !cmd.insecure;
    if (cmd.ca_file)
        services.sts_tls.ca_file = *cmd.ca_file;
    const auto provider = cmd.profile ? profile_credentials(ioc.get_executor(), *cmd.profile, {}, services)
                                      : default_credentials_chain(ioc.get_executor(), services);
    if (auto got = provider->try_get())
        return std::move(got->creds);
    std::optional<credentials> out;
    provider->async_get(ioc.get_executor(), [&](error_code ec, credentials_result r) {
        if (ec)
            diag.client_message = r.why.empty() ? ec.message() : r.why;
        else
            out = std::move(r.creds);
    });
    ioc.run();
    return out;
}

int bad_input(const error_code& ec, const diagnostics& diag)
{
    std::cerr << "alicloud: " << cli::printable(diag.client_message.empty() ? ec.message() : diag.client_message)
              << "\n";
    return 2;
}

// Sends the call and prints the answer: JSON on stdout, or the error on stderr.
int send(const cli::command_line& cmd, const rpc_request& request, const credentials& creds,
         const std::string& endpoint_text, bool idempotent)
{
    client_options opts;
    opts.endpoint = endpoint_text;
    opts.creds = creds;
    opts.signature = cmd.signature;
    opts.tls.verify_peer = !cmd.insecure;
    if (cmd.ca_file)
        opts.tls.ca_file = *cmd.ca_file;
    if (cmd.timeout_ms)
        opts.timeouts.call = std::chrono::milliseconds(*cmd.timeout_ms);

    rpc_call call;
    call.action = request.action;
    call.version = request.version;
    call.params = request.params;
    call.method = request.method;
    call.params_in = request.params_in;
    // A shell user repeats a call by hand; the tool retries only what is safe.
    call.idempotent = idempotent;
    // The answer as sent, printed with its numbers as written (checked below as
    // the client would have).
    call.parse_body = false;

    boost::asio::io_context ioc;
    rpc_client client(ioc, std::move(opts));
    int status = 1;
    client.async_call(std::move(call), [&](error_code ec, rpc_response r) {
        if (!ec) {
            sansio::decode_rpc_response(r.http_status, r.text, ec, r.diag); // a JSON object, or why not
            if (!ec && cli::print_json(std::cout, r.text)) {
                std::cout << "\n";
                status = 0;
                return;
            }
            if (!ec)
                ec = client_errc::malformed_response; // (not seen: both read JSON alike)
        }
        // Everything the server chose is escaped: it must not drive the terminal.
        const auto& s = r.diag.server;
        if (!s.code.empty()) {
            std::cerr << "ERROR: HTTP " << s.http_status << " " << cli::printable(s.code) << ": "
                      << cli::printable(s.message) << "\n"
                      << "RequestId: " << cli::printable(s.request_id) << "\n";
            if (!s.recommend.empty())
                std::cerr << "Recommend: " << cli::printable(s.recommend) << "\n";
        } else {
            std::cerr << "ERROR: "
                      << cli::printable(r.diag.client_message.empty() ? ec.message() : r.diag.client_message) << "\n";
        }
    });
    ioc.run();
    return status;
}

int run(const cli::command_line& cmd)
{
    const product_info* product = find_product(cmd.product);
    if (product == nullptr)
        return 2;
    const api_catalog& catalog = product->catalog();

    rpc_request request;
    request.action = cmd.action;
    request.version = cmd.api_version.value_or(std::string(catalog.version));
    // What the catalog knows of the action, when it describes this version.
    const operation_description* known = request.version == catalog.version ? catalog.find(cmd.action) : nullptr;
    // The region is the default RegionId of an action that takes one (of any
    // action the catalog does not describe).
    if (cmd.region && !cmd.params.contains("RegionId") && (known == nullptr || takes(*known, "RegionId")))
        request.params.set("RegionId", *cmd.region);
    for (const auto& p : cmd.params)
        request.params.set(p.name, p.value);
    request.method = cmd.method.value_or(cmd.signature == signature_version::v1 ? http_method::get : http_method::post);
    request.params_in = cmd.params_in;

    // The catalog describes one version: another is the service's to judge,
    // as is anything sent with --force. Checked before credentials are asked
    // for (a role provider calls STS or the metadata service).
    if (!cmd.force && request.version == catalog.version) {
        std::string error;
        const operation_description* op = cli::find_action(catalog, cmd.action, error);
        if (op == nullptr) {
            std::cerr << "alicloud: " << error << "\n('alicloud " << cmd.product
                      << " --help' lists the actions; --force sends it unchecked)\n";
            return 2;
        }
        if (!cli::check_parameters(*op, request.params, cli::option_names(), error)) {
            std::cerr << "alicloud: " << error << "\n('alicloud " << cmd.product << " " << cmd.action
                      << " --help' lists its parameters; --force sends them unchecked)\n";
            return 2;
        }
    }
    const bool idempotent = known != nullptr ? known->idempotent
                                             : cmd.action.starts_with("Describe") || cmd.action.starts_with("List") ||
                                                   cmd.action.starts_with("Get") || cmd.action.starts_with("Query");

    error_code ec;
    diagnostics diag;

    std::string endpoint_text;
    if (cmd.endpoint)
        endpoint_text = *cmd.endpoint;
    else if (cmd.region) { // the region's host from the official tables; an unknown region is bad input
        endpoint_text =
            endpoint_host_for(cmd.product, *cmd.region, endpoint_network::public_internet, product->rule, ec, diag);
        if (ec)
            return bad_input(ec, diag);
    } else
        endpoint_text = std::string(product->endpoint_prefix) + ".aliyuncs.com";
    const endpoint ep = parse_endpoint(endpoint_text, ec, diag);
    if (ec)
        return bad_input(ec, diag);

    credentials creds;
    if (cmd.access_key_id || cmd.access_key_secret || cmd.security_token) {
        creds = {from_env(cmd.access_key_id, "ALIBABA_CLOUD_ACCESS_KEY_ID"),
                 from_env(cmd.access_key_secret, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
                 from_env(cmd.security_token, "ALIBABA_CLOUD_SECURITY_TOKEN")};
    } else {
        auto found = credentials_from_chain(cmd, diag);
        if (!found) {
            std::cerr << "alicloud: " << cli::printable(diag.client_message) << "\n"; // may quote STS or IMDS
            return 2;
        }
        creds = std::move(*found);
    }

    sansio::request_stamp stamp = sansio::make_request_stamp();
    if (cmd.timestamp)
        stamp.timestamp = *cmd.timestamp;
    if (cmd.nonce)
        stamp.nonce = *cmd.nonce;

    const signed_request signed_req =
        sansio::sign_rpc_request(request, creds, ep.authority, stamp, {.version = cmd.signature}, ec, diag);
    if (ec)
        return bad_input(ec, diag);

    if (cmd.print_request) {
        cli::print_request(std::cout, cmd.signature, ep, signed_req);
        return 0;
    }
    return send(cmd, request, creds, endpoint_text, idempotent);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    const auto cmd = alicloud::cli::parse_command_line(args, error);
    if (!cmd) {
        std::cerr << "alicloud: " << error << "\n\n" << alicloud::cli::usage_text;
        return 2;
    }
    try {
        return cmd->help ? help(*cmd) : run(*cmd);
    } catch (const std::exception& e) {
        std::cerr << "alicloud: " << alicloud::cli::printable(e.what()) << "\n";
        return 2;
    }
}
