#ifndef ALICLOUD_LIB_CREDENTIALS_FIXED_PROVIDER_HPP
#define ALICLOUD_LIB_CREDENTIALS_FIXED_PROVIDER_HPP

// Credentials decided once, when the provider is made - or the reason there
// are none, which every ask then reports.

#include <alicloud/credentials/provider.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

#include <optional>
#include <string>

namespace alicloud::detail {

// Completes `h` later: post() hands it on to the handler's own executor, if it has one.
inline void complete_later(const boost::asio::any_io_executor& ex, credentials_provider::handler h, error_code ec,
                           credentials_result result)
{
    boost::asio::post(ex, boost::asio::append(std::move(h), ec, std::move(result)));
}

// Credentials found once, or the reason there are none.
class fixed_provider final : public credentials_provider {
public:
    fixed_provider(std::string name, credentials creds) : name_(std::move(name)) { found_.emplace().creds = std::move(creds); }
    fixed_provider(std::string name, std::string why) : name_(std::move(name)), why_(std::move(why)) {}

    std::string name() const override { return name_; }
    std::optional<credentials_result> try_get() const override { return found_; }
    void async_get(const boost::asio::any_io_executor& ex, handler h) override
    {
        if (found_)
            return complete_later(ex, std::move(h), {}, *found_);
        credentials_result none;
        none.why = name_ + ": " + why_;
        complete_later(ex, std::move(h), client_errc::credentials_unavailable, std::move(none));
    }

private:
    std::string name_;
    std::optional<credentials_result> found_;
    std::string why_;
};

} // namespace alicloud::detail

#endif
