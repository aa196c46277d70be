#ifndef ALICLOUD_TEST_INTEGRATION_CREDENTIALS_SUPPORT_HPP
#define ALICLOUD_TEST_INTEGRATION_CREDENTIALS_SUPPORT_HPP

// What the credential tests share: one call made with a provider, with every
// text its failure shows (and test/common: a credentials file, the environment).

#include "client_support.hpp"
#include "credentials_file.hpp"

#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>


namespace alicloud::test {

// Never answers until told: a stuck metadata service or STS, as a call sees
// it. The handlers it was given wait in `held`.
class held_provider final : public credentials_provider {
public:
    explicit held_provider(std::string name = "held") : name_(std::move(name)) {}
    std::string name() const override { return name_; }
    std::optional<credentials_result> try_get() const override { return std::nullopt; }
    void async_get(const boost::asio::any_io_executor&, handler h) override { held.push_back(std::move(h)); }

    std::vector<handler> held;

private:
    std::string name_;
};

// What one DescribeRegions call ends with, and every text a failure shows.
struct call_outcome {
    error_code ec;
    std::string texts; // ec.message(), diag.to_string() and the exception's what()
};

// One call of a client made with `o`, on `ioc`.
inline call_outcome describe_regions_with(const client_options& o, boost::asio::io_context& ioc)
{
    ecs::client ecs(ioc, o);
    call_outcome out;
    ioc.restart();
    run_coroutine(ioc, [&]() -> boost::asio::awaitable<void> {
        const ecs::describe_regions_request all;
        auto [ec, res] = co_await ecs.describe_regions(all, boost::asio::as_tuple(boost::asio::use_awaitable));
        out.ec = ec;
        out.texts = ec.message() + "\n" + res.diag.to_string();
        try {
            co_await ecs.describe_regions(all); // the throwing form, for what()
        } catch (const std::exception& e) {
            out.texts += "\n" + std::string(e.what());
        }
    });
    return out;
}

// One call with `provider` (an io_context the provider may ask its services on).
inline call_outcome describe_regions_with(const emulator::test::running_emulator& emu,
                                          std::shared_ptr<credentials_provider> provider,
                                          boost::asio::io_context& ioc)
{
    client_options o = http_options_for(emu);
    o.creds = {};
    o.credentials_provider = std::move(provider);
    return describe_regions_with(o, ioc);
}

inline call_outcome describe_regions_with(const emulator::test::running_emulator& emu,
                                          std::shared_ptr<credentials_provider> provider)
{
    boost::asio::io_context ioc;
    return describe_regions_with(emu, std::move(provider), ioc);
}

} // namespace alicloud::test

#endif
