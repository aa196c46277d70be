#ifndef ALICLOUD_CREDENTIALS_PROVIDERS_HPP
#define ALICLOUD_CREDENTIALS_PROVIDERS_HPP

// The credential providers of the official SDKs that need no network
// (ecs-api.md §6.1-6.3), and the default chain over them:
//
//     client_options o;
//     o.credentials_provider = alicloud::default_credentials_chain();

#include <alicloud/client_options.hpp>
#include <alicloud/credentials/provider.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace alicloud {

// The same credentials every time: an AccessKey pair, or an STS triple.
std::shared_ptr<credentials_provider> static_credentials(credentials creds);

// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (both
// non-empty), with ALIBABA_CLOUD_SECURITY_TOKEN when set; read when made.
std::shared_ptr<credentials_provider> environment_credentials();

// A section of the shared credentials INI file: `path`, else
// ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials; section
// `profile`, else ALIBABA_CLOUD_PROFILE, else "default". Type access_key
// (access_key_id, access_key_secret); the types that need a service
// (ecs_ram_role, ram_role_arn) are refused with a reason. Read when made.
std::shared_ptr<credentials_provider> profile_credentials(std::string profile = {}, std::string path = {});

// The first of `providers` that yields credentials, from then on; when none
// does, client_errc::credentials_unavailable listing what each one tried.
std::shared_ptr<credentials_provider> credentials_chain(std::vector<std::shared_ptr<credentials_provider>> providers);

// The documented order, as far as built: the environment, then the profile file.
std::shared_ptr<credentials_provider> default_credentials_chain();

struct ram_role_arn_options {
    std::string role_arn;          // acs:ram::<account>:role/<name>
    std::string role_session_name; // default: alicloud-asio-<milliseconds since the epoch>
    std::chrono::seconds duration{3600};
    std::string policy;            // optional
    // Where STS is: default https://sts.aliyuncs.com (any endpoint text, as client_options::endpoint).
    std::string sts_endpoint;
    tls_options tls;
    // The AssumeRole call's own bound.
    std::chrono::milliseconds timeout{10'000};
    // Fetch new credentials this long before the current ones expire.
    std::chrono::seconds refresh_margin{180};
};

// Temporary credentials of a RAM role, from STS AssumeRole signed with the
// `source` provider's credentials (ecs-api.md §6.6): fetched when first
// needed, again ahead of expiry or when the service refuses them as expired -
// once, however many calls are waiting (single flight). A failed fetch keeps
// credentials that still work and is retried after 1, 2, 4 ... 60 s. The STS
// calls run on `ex`, which must be run, and outlive the provider and every
// client that holds it.
std::shared_ptr<credentials_provider> ram_role_arn_credentials(boost::asio::any_io_executor ex,
                                                               std::shared_ptr<credentials_provider> source,
                                                               ram_role_arn_options options);

} // namespace alicloud

#endif
