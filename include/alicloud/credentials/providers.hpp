#ifndef ALICLOUD_CREDENTIALS_PROVIDERS_HPP
#define ALICLOUD_CREDENTIALS_PROVIDERS_HPP

// The credential providers of the official SDKs (ecs-api.md §6), and the
// default chain over them:
//
//     client_options o;
//     o.credentials_provider = alicloud::default_credentials_chain(ioc.get_executor());
//
// Providers that ask a service (STS, the instance metadata service) run that
// on the executor they are given, which must be run, and outlive the provider
// and every client that holds it.

#include <alicloud/client_options.hpp>
#include <alicloud/credentials/provider.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace alicloud {

// The same credentials every time: an AccessKey pair, or an STS triple.
std::shared_ptr<credentials_provider> static_credentials(credentials creds);

// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (both
// non-empty), with ALIBABA_CLOUD_SECURITY_TOKEN when set; read when made.
std::shared_ptr<credentials_provider> environment_credentials();

// Where the providers that ask a service find it, when a profile or the
// default chain makes them. Empty: as the official SDKs decide (below).
struct credential_services {
    std::string sts_endpoint{};    // see ram_role_arn_options::sts_endpoint
    tls_options sts_tls{};
    std::string metadata_endpoint{}; // see ecs_ram_role_options::metadata_endpoint
    std::function<std::chrono::system_clock::time_point()> clock{}; // see ecs_ram_role_options::clock
};

// A section of the shared credentials INI file: `path`, else
// ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials; section
// `profile`, else ALIBABA_CLOUD_PROFILE, else "default". Types (§6.3):
// access_key (access_key_id, access_key_secret); ecs_ram_role (role_name,
// optional: asked of the metadata service); ram_role_arn (access_key_id,
// access_key_secret, role_arn, optional role_session_name and policy). Read
// when made; a file, profile or type that cannot serve yields nothing, with
// the reason.
std::shared_ptr<credentials_provider> profile_credentials(boost::asio::any_io_executor ex, std::string profile = {},
                                                          std::string path = {}, credential_services services = {});

// The first of `providers` that yields credentials, from then on; when none
// does, client_errc::credentials_unavailable listing what each one tried.
std::shared_ptr<credentials_provider> credentials_chain(std::vector<std::shared_ptr<credentials_provider>> providers);

// The documented order (§6.1), of the providers this library has: the
// environment, the shared credentials file, then the instance's RAM role
// unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true. (Not yet: OIDC, the CLI's
// config.json and a credentials URI.)
std::shared_ptr<credentials_provider> default_credentials_chain(boost::asio::any_io_executor ex,
                                                                credential_services services = {});

struct ecs_ram_role_options {
    // Default: ALIBABA_CLOUD_ECS_METADATA, else asked of the service (once).
    std::string role_name{};
    // Default http://100.100.100.200; plain HTTP only, as the service speaks.
    std::string metadata_endpoint{};
    // IMDSv2 tokens only: when none can be had, fail rather than ask without
    // one. Default: ALIBABA_CLOUD_IMDSV1_DISABLED=true.
    std::optional<bool> imdsv1_disabled{};
    std::chrono::seconds token_ttl{21600};
    std::chrono::milliseconds connect_timeout{1000};
    std::chrono::milliseconds read_timeout{1000};
    // Fetch new credentials this long before the current ones expire (the
    // service has them 30 min ahead).
    std::chrono::seconds refresh_margin{180};
    // What the credentials' Expiration is compared with, and a failed
    // fetch's pause timed by. Injectable so that tests advance time instead of
    // waiting for it (as client_options::clock); default: the system clock.
    std::function<std::chrono::system_clock::time_point()> clock{};
};

// The temporary credentials of the ECS instance's RAM role, from the instance
// metadata service (§6.5): an IMDSv2 token first (falling back to asking
// without one when the service refuses tokens, unless imdsv1_disabled), the
// role name, then the role's credentials - fetched and refreshed as
// ram_role_arn_credentials does.
std::shared_ptr<credentials_provider> ecs_ram_role_credentials(boost::asio::any_io_executor ex,
                                                               ecs_ram_role_options options = {});

struct ram_role_arn_options {
    std::string role_arn{};        // acs:ram::<account>:role/<name>; default ALIBABA_CLOUD_ROLE_ARN
    // Default: ALIBABA_CLOUD_ROLE_SESSION_NAME, else alicloud-asio-<milliseconds since the epoch>.
    std::string role_session_name{};
    std::chrono::seconds duration{3600};
    std::string policy{};          // optional
    // Where STS is (any endpoint text, as client_options::endpoint). Default:
    // the region's, sts[-vpc].<region>.aliyuncs.com, with ALIBABA_CLOUD_STS_REGION
    // (and ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true), else https://sts.aliyuncs.com.
    std::string sts_endpoint{};
    tls_options tls{};
    // The AssumeRole call's own bound.
    std::chrono::milliseconds timeout{10'000};
    // Fetch new credentials this long before the current ones expire.
    std::chrono::seconds refresh_margin{180};
    // See ecs_ram_role_options::clock. Only for expiry: AssumeRole requests
    // are stamped with the system clock.
    std::function<std::chrono::system_clock::time_point()> clock{};
};

// Temporary credentials of a RAM role, from STS AssumeRole signed with the
// `source` provider's credentials (ecs-api.md §6.6): fetched when first
// needed, again ahead of expiry or when the service refuses them as expired -
// once, however many calls are waiting (single flight). A failed fetch keeps
// credentials that still work and is retried after 1, 2, 4 ... 60 s.
std::shared_ptr<credentials_provider> ram_role_arn_credentials(boost::asio::any_io_executor ex,
                                                               std::shared_ptr<credentials_provider> source,
                                                               ram_role_arn_options options);

} // namespace alicloud

#endif
