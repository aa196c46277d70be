// The instance's RAM role, from the ECS metadata service (ecs-api.md §6.5),
// kept fresh by a refreshing_provider.

#include "core/detail/trim.hpp"
#include "fixed_provider.hpp"
#include "metadata_client.hpp"
#include "refreshing_provider.hpp"
#include "service_providers.hpp"
#include "temporary_credentials.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/parse.hpp>

namespace alicloud {
namespace detail {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

constexpr std::string_view credentials_path = "/latest/meta-data/ram/security-credentials/";

// The token and the role name come as text, maybe with a line end.
std::string trimmed(std::string_view text)
{
    return std::string(trim(text, " \t\r\n"));
}

struct role_source {
    ecs_ram_role_options options;
    endpoint service;
    bool imdsv1_disabled = false;
    // Asked of the service the first time, when no name was configured.
    // Fetches never overlap (the refreshing_provider runs one at a time).
    std::string discovered_role;
};

using fetched = std::pair<error_code, credentials_result>;

fetched failed(std::string why)
{
    credentials_result r;
    r.why = std::move(why);
    return {client_errc::credentials_unavailable, std::move(r)};
}

asio::awaitable<fetched> fetch_role_credentials(std::shared_ptr<role_source> src)
{
    const auto& o = src->options;

    // IMDSv2: a session token first. A service that is there but refuses
    // tokens is asked without one (IMDSv1) unless that is disabled; a service
    // that is not there at all will not answer the second question either.
    metadata_request token_request{http::verb::put, "/latest/api/token",
                                   {{"X-aliyun-ecs-metadata-token-ttl-seconds", std::to_string(o.token_ttl.count())}}};
    const auto token = co_await metadata_exchange(src->service, std::move(token_request), o.connect_timeout, o.read_timeout);
    std::vector<std::pair<std::string, std::string>> auth;
    if (token.ok())
        auth.emplace_back("X-aliyun-ecs-metadata-token", trimmed(token.body));
    else if (!token.connected || src->imdsv1_disabled)
        co_return failed("the IMDSv2 token (PUT /latest/api/token): " + token.describe() +
                         (src->imdsv1_disabled ? " (IMDSv1 is disabled)" : ""));

    std::string role = o.role_name.empty() ? src->discovered_role : o.role_name;
    if (role.empty()) {
        metadata_request role_request{http::verb::get, std::string(credentials_path), auth};
        const auto named = co_await metadata_exchange(src->service, std::move(role_request), o.connect_timeout, o.read_timeout);
        role = named.ok() ? trimmed(named.body) : std::string();
        if (role.empty())
            co_return failed("the role name (GET " + std::string(credentials_path) + "): " +
                             (named.ok() ? std::string("empty") : named.describe()));
        src->discovered_role = role;
    }

    metadata_request creds_request{http::verb::get, std::string(credentials_path) + role, auth};
    const auto answer = co_await metadata_exchange(src->service, std::move(creds_request), o.connect_timeout, o.read_timeout);
    const std::string what = "the credentials of role " + role;
    if (!answer.ok())
        co_return failed(what + ": " + answer.describe());
    boost::system::error_code jec;
    const auto body = boost::json::parse(answer.body, jec);
    const auto* obj = jec ? nullptr : body.if_object();
    if (obj == nullptr)
        co_return failed(what + ": the answer is not a JSON object");
    const auto* code = obj->if_contains("Code");
    if (code == nullptr || !code->is_string() || code->get_string() != "Success")
        co_return failed(what + ": Code is not Success" +
                         (code && code->is_string() ? " but " + std::string(code->get_string()) : std::string()));
    fetched out;
    if (!read_temporary_credentials(&body, out.second))
        co_return failed(what + ": the answer lacks AccessKeyId, AccessKeySecret, SecurityToken or Expiration");
    co_return out;
}

} // namespace

std::shared_ptr<credentials_provider> make_ecs_ram_role(asio::any_io_executor ex, ecs_ram_role_options options,
                                                        std::string name)
{
    auto src = std::make_shared<role_source>();
    if (options.role_name.empty())
        options.role_name = environment("ALIBABA_CLOUD_ECS_METADATA");
    src->imdsv1_disabled = options.imdsv1_disabled.value_or(environment("ALIBABA_CLOUD_IMDSV1_DISABLED") == "true");
    if (options.metadata_endpoint.empty())
        options.metadata_endpoint = "http://100.100.100.200";
    error_code ec;
    diagnostics diag;
    src->service = parse_endpoint(options.metadata_endpoint, ec, diag);
    if (ec)
        return std::make_shared<fixed_provider>(name, "metadata endpoint: " + diag.client_message);
    if (src->service.tls)
        return std::make_shared<fixed_provider>(name, "the metadata service speaks plain HTTP, not " +
                                                          options.metadata_endpoint);
    const auto margin = options.refresh_margin;
    auto clock = options.clock;
    src->options = std::move(options);
    auto fetch = [src, ex](credentials_provider::handler h) {
        auto done = [h = std::move(h)](std::exception_ptr e, fetched r) mutable {
            if (e)
                r = failed("the metadata service exchange failed unexpectedly");
            std::move(h)(r.first, std::move(r.second));
        };
        // On a strand: the exchanges' name resolution needs one (rpc/resolution.hpp).
        asio::co_spawn(asio::make_strand(ex), fetch_role_credentials(src), std::move(done));
    };
    return std::make_shared<refreshing_provider>(std::move(name), std::move(ex), std::move(fetch), margin,
                                                 std::move(clock));
}

} // namespace detail

std::shared_ptr<credentials_provider> ecs_ram_role_credentials(boost::asio::any_io_executor ex,
                                                               ecs_ram_role_options options)
{
    return detail::make_ecs_ram_role(std::move(ex), std::move(options), "ecs_ram_role");
}

} // namespace alicloud
