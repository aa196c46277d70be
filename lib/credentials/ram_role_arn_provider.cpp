// A RAM role's credentials from STS AssumeRole (ecs-api.md §6.6), kept fresh
// by a refreshing_provider.

#include <alicloud/credentials/providers.hpp>
#include <alicloud/rpc_client.hpp>

#include "refreshing_provider.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace alicloud {
namespace {

// "yyyy-MM-ddTHH:mm:ssZ", also with milliseconds.
std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text)
{
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
    int used = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &y, &mo, &d, &h, &mi, &s, &used) != 6)
        return std::nullopt;
    std::string_view rest = text.substr(static_cast<std::size_t>(used));
    if (rest.starts_with('.')) // milliseconds
        rest.remove_prefix(std::min(rest.find_first_not_of("0123456789", 1), rest.size()));
    if (rest != "Z")
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

// The answer's Credentials, or why they are not usable.
error_code read_credentials(const rpc_response& res, credentials_result& out)
{
    const auto* body = res.body.if_object();
    const auto* c = body ? body->if_contains("Credentials") : nullptr;
    const auto* obj = c ? c->if_object() : nullptr;
    const auto field = [&](std::string_view name) -> std::string {
        const auto* v = obj ? obj->if_contains(name) : nullptr;
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    out.creds = {field("AccessKeyId"), field("AccessKeySecret"), field("SecurityToken")};
    out.expiration = parse_utc_time(field("Expiration"));
    if (out.creds.access_key_id.empty() || out.creds.access_key_secret.empty() || out.creds.security_token.empty() ||
        !out.expiration) {
        out.creds = {};
        out.why = "AssumeRole answered without usable Credentials (AccessKeyId, AccessKeySecret, SecurityToken, "
                  "Expiration)";
        return client_errc::malformed_response;
    }
    return {};
}

} // namespace

std::shared_ptr<credentials_provider> ram_role_arn_credentials(boost::asio::any_io_executor ex,
                                                               std::shared_ptr<credentials_provider> source,
                                                               ram_role_arn_options options)
{
    if (!source)
        throw std::invalid_argument("ram_role_arn_credentials: no source provider");
    client_options sts;
    sts.endpoint = options.sts_endpoint.empty() ? "https://sts.aliyuncs.com" : options.sts_endpoint;
    sts.credentials_provider = source;
    sts.signature = signature_version::v1; // as the official credential providers sign it
    sts.tls = options.tls;
    sts.timeouts.call = options.timeout;
    auto client = std::make_shared<rpc_client>(ex, std::move(sts));
    if (options.role_session_name.empty())
        options.role_session_name =
            "alicloud-asio-" + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count());

    auto fetch = [client, options](credentials_provider::handler h) {
        rpc_call call;
        call.action = "AssumeRole";
        call.version = "2015-04-01";
        call.params.set("RoleArn", options.role_arn);
        call.params.set("RoleSessionName", options.role_session_name);
        call.params.set("DurationSeconds", std::to_string(options.duration.count()));
        if (!options.policy.empty())
            call.params.set("Policy", options.policy);
        client->async_call(std::move(call), [h = std::move(h)](error_code ec, rpc_response res) mutable {
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
    return std::make_shared<detail::refreshing_provider>("ram_role_arn/" + source->name(), std::move(ex),
                                                         std::move(fetch), options.refresh_margin);
}

} // namespace alicloud
