// The providers that need no network, and the chain. Each fixed provider
// decides once, when made, what it yields or why it yields nothing.

#include <alicloud/credentials/providers.hpp>

#include "ini.hpp"

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace alicloud {
namespace {

namespace asio = boost::asio;

std::string environment(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

void complete(const asio::any_io_executor& ex, credentials_provider::handler h, error_code ec,
              credentials_result result)
{
    // post() hands it on to the handler's own executor, if it has one.
    asio::post(ex, asio::append(std::move(h), ec, std::move(result)));
}

// Credentials found once, or the reason there are none.
class fixed_provider final : public credentials_provider {
public:
    fixed_provider(std::string name, credentials creds) : name_(std::move(name)) { found_.emplace().creds = std::move(creds); }
    fixed_provider(std::string name, std::string why) : name_(std::move(name)), why_(std::move(why)) {}

    std::string name() const override { return name_; }
    std::optional<credentials_result> try_get() const override { return found_; }
    void async_get(const asio::any_io_executor& ex, handler h) override
    {
        if (found_)
            return complete(ex, std::move(h), {}, *found_);
        credentials_result none;
        none.why = name_ + ": " + why_;
        complete(ex, std::move(h), client_errc::credentials_unavailable, std::move(none));
    }

private:
    std::string name_;
    std::optional<credentials_result> found_;
    std::string why_;
};

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

    void expired(const credentials& creds) override
    {
        if (const auto p = chosen())
            p->expired(creds);
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
            return complete(ex, std::move(h), client_errc::credentials_unavailable, std::move(none));
        }
        providers_[i]->async_get(ex, [self = shared_from_this(), ex, h = std::move(h), i,
                                      reasons = std::move(reasons)](error_code ec, credentials_result r) mutable {
            if (!ec) {
                self->choose(self->providers_[i]);
                return complete(ex, std::move(h), ec, std::move(r));
            }
            if (ec != client_errc::credentials_unavailable) // cancelled, or failed for good
                return complete(ex, std::move(h), ec, std::move(r));
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

std::shared_ptr<credentials_provider> profile_credentials(std::string profile, std::string path)
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
    if (type != "access_key")
        return std::make_shared<fixed_provider>("profile", where + ": type " + type + " is not supported yet");
    credentials c{field("access_key_id"), field("access_key_secret"), {}};
    if (c.access_key_id.empty() || c.access_key_secret.empty())
        return std::make_shared<fixed_provider>("profile",
                                                where + ": access_key_id and access_key_secret are both required");
    return std::make_shared<fixed_provider>("profile/access_key", std::move(c));
}

std::shared_ptr<credentials_provider> credentials_chain(std::vector<std::shared_ptr<credentials_provider>> providers)
{
    return std::make_shared<chain_provider>(std::move(providers));
}

std::shared_ptr<credentials_provider> default_credentials_chain()
{
    return credentials_chain({environment_credentials(), profile_credentials()});
}

} // namespace alicloud
