#ifndef ALICLOUD_CREDENTIALS_PROVIDERS_HPP
#define ALICLOUD_CREDENTIALS_PROVIDERS_HPP

// The credential providers of the official SDKs that need no network
// (ecs-api.md §6.1-6.3), and the default chain over them:
//
//     client_options o;
//     o.credentials_provider = alicloud::default_credentials_chain();

#include <alicloud/credentials/provider.hpp>

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

} // namespace alicloud

#endif
