// A RAM role's credentials from STS AssumeRole (ecs-api.md §6.6), kept fresh
// by a refreshing_provider. AssumeRole is called through the generated STS
// client, the library's one way to call STS.

#include <alicloud/credentials/providers.hpp>
#include <alicloud/sts/client.hpp>
#include <alicloud/sts/models/assume_role.hpp>

#include "fixed_provider.hpp"
#include "refreshing_provider.hpp"
#include "service_providers.hpp"
#include "temporary_credentials.hpp"

#include <stdexcept>

namespace alicloud {
namespace detail {
namespace {

// The answer's Credentials, or why they are not usable.
error_code read_credentials(sts::assume_role_response& res, credentials_result& out)
{
    auto& c = res.credentials;
    if (accept_temporary_credentials(std::move(c.access_key_id), std::move(c.access_key_secret),
                                     std::move(c.security_token), c.expiration, out))
        return {};
    out.why = "AssumeRole answered without usable Credentials (AccessKeyId, AccessKeySecret, SecurityToken, "
              "Expiration)";
    return client_errc::malformed_response;
}

// ALIBABA_CLOUD_STS_REGION's STS, public or VPC; else the central one.
std::string default_sts_endpoint(error_code& ec, diagnostics& diag)
{
    const std::string region = environment("ALIBABA_CLOUD_STS_REGION");
    if (region.empty())
        return "https://sts.aliyuncs.com";
    const auto network = environment("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED") == "true" ? endpoint_network::vpc
                                                                                      : endpoint_network::public_internet;
    return "https://" + endpoint_host_for("sts", region, network, ec, diag);
}

} // namespace

std::shared_ptr<credentials_provider> make_ram_role_arn(boost::asio::any_io_executor ex,
                                                        std::shared_ptr<credentials_provider> source,
                                                        ram_role_arn_options options, std::string name)
{
    if (!source)
        throw std::invalid_argument("ram_role_arn_credentials: no source provider");
    if (options.role_arn.empty())
        options.role_arn = environment("ALIBABA_CLOUD_ROLE_ARN");
    if (options.role_arn.empty())
        return std::make_shared<fixed_provider>(name, "no role_arn (nor ALIBABA_CLOUD_ROLE_ARN)");
    if (options.role_session_name.empty())
        options.role_session_name = environment("ALIBABA_CLOUD_ROLE_SESSION_NAME");
    if (options.role_session_name.empty())
        options.role_session_name =
            "alicloud-asio-" + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count());
    client_options sts_options;
    if (options.sts_endpoint.empty()) {
        error_code ec;
        diagnostics diag;
        sts_options.endpoint = default_sts_endpoint(ec, diag);
        if (ec)
            return std::make_shared<fixed_provider>(name, "ALIBABA_CLOUD_STS_REGION: " + diag.client_message);
    } else {
        sts_options.endpoint = options.sts_endpoint;
    }
    sts_options.credentials_provider = source;
    sts_options.signature = signature_version::v1; // as the official credential providers sign it
    sts_options.tls = options.tls;
    sts_options.timeouts.call = options.timeout;
    auto client = std::make_shared<sts::client>(ex, std::move(sts_options));
    auto fetch = [client, options](credentials_provider::handler h) {
        sts::assume_role_request request;
        request.role_arn = options.role_arn;
        request.role_session_name = options.role_session_name;
        request.duration_seconds = options.duration.count();
        if (!options.policy.empty())
            request.policy = options.policy;
        client->assume_role(request, [h = std::move(h)](error_code ec, sts::assume_role_response res) mutable {
            credentials_result out;
            if (ec) {
                // The Code, status and RequestId only: a service message or a body
                // excerpt may quote what was signed, tokens included.
                const auto& server = res.diag.server;
                out.why = server.code.empty()
                              ? "AssumeRole failed: " + res.diag.client_message
                              : "AssumeRole failed: HTTP " + std::to_string(server.http_status) + " " + server.code +
                                    " (RequestId " + server.request_id + ")";
                std::move(h)(ec == client_errc::credentials_unavailable ? ec : error_code(client_errc::credentials_unavailable),
                             std::move(out));
                return;
            }
            const auto bad = read_credentials(res, out);
            std::move(h)(bad ? error_code(client_errc::credentials_unavailable) : error_code(), std::move(out));
        });
    };
    return std::make_shared<refreshing_provider>(std::move(name), std::move(ex), std::move(fetch),
                                                 options.refresh_margin, options.clock);
}

} // namespace detail

std::shared_ptr<credentials_provider> ram_role_arn_credentials(boost::asio::any_io_executor ex,
                                                               std::shared_ptr<credentials_provider> source,
                                                               ram_role_arn_options options)
{
    std::string name = "ram_role_arn/" + (source ? source->name() : std::string());
    return detail::make_ram_role_arn(std::move(ex), std::move(source), std::move(options), std::move(name));
}

} // namespace alicloud
