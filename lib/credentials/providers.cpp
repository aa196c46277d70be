// The providers that need no network, profiles, and the chains. Each fixed
// provider decides once, when made, what it yields or why it yields nothing.

#include <alicloud/credentials/providers.hpp>

#include "fixed_provider.hpp"
#include "ini.hpp"
#include "service_providers.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace alicloud {

std::string detail::environment(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

namespace {

namespace asio = boost::asio;

using detail::complete_later;
using detail::environment;
using detail::fixed_provider;

// The first provider that yields, kept from then on (as the official chains do).
class chain_provider final : public credentials_provider,
                             public std::enable_shared_from_this<chain_provider> {
public:
    explicit chain_provider(std::vector<std::shared_ptr<credentials_provider>> providers)
        : providers_(std::move(providers))
    {
    }

    std::string name() const override
    {
        const auto p = chosen();
        return p ? "default/" + p->name() : "default";
    }

    std::optional<credentials_result> try_get() const override
    {
        if (const auto p = chosen())
            return p->try_get();
        // Only the first: a later one must not win while an earlier one might
        // yet yield asynchronously (a role behind a fetch). async_get decides.
        if (!providers_.empty())
            if (auto found = providers_.front()->try_get()) {
                choose(providers_.front());
                return found;
            }
        return std::nullopt;
    }

    bool expired(const credentials& creds) override
    {
        const auto p = chosen();
        return p && p->expired(creds);
    }

    void async_get(const asio::any_io_executor& ex, handler h) override
    {
        if (const auto p = chosen())
            return p->async_get(ex, std::move(h));
        ask(ex, std::move(h), 0, {});
    }

private:
    // Asks providers_[i], then the next, until one yields; gathers the reasons.
    void ask(const asio::any_io_executor& ex, handler h, std::size_t i, std::string reasons)
    {
        if (i == providers_.size()) {
            credentials_result none;
            none.why = "unable to get credentials from any provider of the chain: " +
                       (reasons.empty() ? std::string("it is empty") : reasons);
            return complete_later(ex, std::move(h), client_errc::credentials_unavailable, std::move(none));
        }
        providers_[i]->async_get(ex, [self = shared_from_this(), ex, h = std::move(h), i,
                                      reasons = std::move(reasons)](error_code ec, credentials_result r) mutable {
            if (!ec) {
                self->choose(self->providers_[i]);
                return complete_later(ex, std::move(h), ec, std::move(r));
            }
            if (ec != client_errc::credentials_unavailable) // cancelled, or failed for good
                return complete_later(ex, std::move(h), ec, std::move(r));
            reasons += (reasons.empty() ? "" : "; ") + r.why;
            self->ask(ex, std::move(h), i + 1, std::move(reasons));
        });
    }

    std::shared_ptr<credentials_provider> chosen() const
    {
        std::lock_guard lock(mutex_);
        return chosen_;
    }
    void choose(const std::shared_ptr<credentials_provider>& p) const
    {
        std::lock_guard lock(mutex_);
        if (!chosen_)
            chosen_ = p;
    }

    std::vector<std::shared_ptr<credentials_provider>> providers_;
    mutable std::mutex mutex_;
    mutable std::shared_ptr<credentials_provider> chosen_;
};

} // namespace

std::shared_ptr<credentials_provider> static_credentials(credentials creds)
{
    if (creds.access_key_id.empty() || creds.access_key_secret.empty())
        return std::make_shared<fixed_provider>("static", "the AccessKeyId or the AccessKeySecret is empty");
    return std::make_shared<fixed_provider>(creds.is_sts() ? "static_sts" : "static_ak", std::move(creds));
}

std::shared_ptr<credentials_provider> environment_credentials()
{
    credentials c{environment("ALIBABA_CLOUD_ACCESS_KEY_ID"), environment("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
                  environment("ALIBABA_CLOUD_SECURITY_TOKEN")};
    if (c.access_key_id.empty())
        return std::make_shared<fixed_provider>("env", "ALIBABA_CLOUD_ACCESS_KEY_ID is not set");
    if (c.access_key_secret.empty())
        return std::make_shared<fixed_provider>("env", "ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
    return std::make_shared<fixed_provider>("env", std::move(c));
}

std::shared_ptr<credentials_provider> profile_credentials(asio::any_io_executor ex, std::string profile,
                                                          std::string path, credential_services services)
{
    if (path.empty())
        path = environment("ALIBABA_CLOUD_CREDENTIALS_FILE");
    if (path.empty()) {
        const std::string home = environment("HOME");
        if (home.empty())
            return std::make_shared<fixed_provider>("profile", "no ALIBABA_CLOUD_CREDENTIALS_FILE and no HOME");
        path = home + "/.alibabacloud/credentials";
    }
    if (profile.empty())
        profile = environment("ALIBABA_CLOUD_PROFILE");
    if (profile.empty())
        profile = "default";

    std::ifstream in(path);
    if (!in)
        return std::make_shared<fixed_provider>("profile", path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    std::string error;
    const auto file = detail::parse_ini(text.str(), error);
    if (!error.empty())
        return std::make_shared<fixed_provider>("profile", path + ": " + error);
    const auto section = file.find(profile);
    if (section == file.end())
        return std::make_shared<fixed_provider>("profile", path + ": no profile [" + profile + "]");
    const auto field = [&](std::string_view key) {
        const auto it = section->second.find(key);
        return it == section->second.end() ? std::string() : it->second;
    };
    const std::string where = path + " [" + profile + "]";
    const std::string type = field("type");
    if (type.empty())
        return std::make_shared<fixed_provider>("profile", where + ": no type");
    const std::string name = "profile/" + type;
    const credentials key{field("access_key_id"), field("access_key_secret"), {}};
    const bool has_key = !key.access_key_id.empty() && !key.access_key_secret.empty();

    if (type == "access_key") {
        if (!has_key)
            return std::make_shared<fixed_provider>(name, where + ": access_key_id and access_key_secret are both required");
        return std::make_shared<fixed_provider>(name, key);
    }
    if (type == "ecs_ram_role") {
        ecs_ram_role_options role;
        role.role_name = field("role_name");
        role.metadata_endpoint = std::move(services.metadata_endpoint);
        role.clock = std::move(services.clock);
        return detail::make_ecs_ram_role(std::move(ex), std::move(role), name);
    }
    if (type == "ram_role_arn") {
        if (!has_key || field("role_arn").empty())
            return std::make_shared<fixed_provider>(
                name, where + ": access_key_id, access_key_secret and role_arn are all required");
        ram_role_arn_options role;
        role.role_arn = field("role_arn");
        role.role_session_name = field("role_session_name");
        role.policy = field("policy");
        role.sts_endpoint = std::move(services.sts_endpoint);
        role.tls = std::move(services.sts_tls);
        role.clock = std::move(services.clock);
        return detail::make_ram_role_arn(std::move(ex), static_credentials(key), std::move(role), name);
    }
    return std::make_shared<fixed_provider>(
        "profile", where + ": type " + type + " is not one of access_key, ecs_ram_role, ram_role_arn");
}

std::shared_ptr<credentials_provider> credentials_chain(std::vector<std::shared_ptr<credentials_provider>> providers)
{
    return std::make_shared<chain_provider>(std::move(providers));
}

std::shared_ptr<credentials_provider> default_credentials_chain(asio::any_io_executor ex, credential_services services)
{
    std::vector<std::shared_ptr<credentials_provider>> chain{environment_credentials(),
                                                             profile_credentials(ex, {}, {}, services)};
    if (environment("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true") {
        ecs_ram_role_options role;
        role.metadata_endpoint = std::move(services.metadata_endpoint);
        role.clock = std::move(services.clock);
        chain.push_back(ecs_ram_role_credentials(std::move(ex), std::move(role)));
    }
    return credentials_chain(std::move(chain));
}

} // namespace alicloud
