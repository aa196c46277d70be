// Clients whose credentials come from a provider, against the emulator:
// found in a profile, assumed from STS, missing with every reason told - and
// never a secret or a token in what a failure says.

#include "client_support.hpp"

#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;

namespace {

// What one DescribeRegions call ends with, and every text a failure shows.
struct outcome {
    error_code ec;
    std::string texts; // diag.to_string() and the exception's what()
};

outcome describe_regions_with(const running_emulator& emu, std::shared_ptr<credentials_provider> provider)
{
    client_options o = test::http_options_for(emu);
    o.creds = {};
    o.credentials_provider = std::move(provider);
    asio::io_context ioc;
    ecs::client ecs(ioc, o);
    outcome out;
    test::run_coroutine(ioc, [&]() -> asio::awaitable<void> {
        const ecs::describe_regions_request all;
        auto [ec, res] = co_await ecs.describe_regions(all, asio::as_tuple(asio::use_awaitable));
        out.ec = ec;
        out.texts = res.diag.to_string();
        try {
            co_await ecs.describe_regions(all); // the throwing form, for what()
        } catch (const std::exception& e) {
            out.texts += "\n" + std::string(e.what());
        }
    });
    return out;
}

} // namespace

// Never answers: what a stuck metadata service or STS looks like to a call.
class silent_provider final : public credentials_provider {
public:
    std::string name() const override { return "silent"; }
    std::optional<credentials_result> try_get() const override { return std::nullopt; }
    void async_get(const asio::any_io_executor&, handler h) override { kept_.push_back(std::move(h)); }

private:
    std::vector<handler> kept_;
};

TEST_CASE("credentials provider: a call waiting for credentials keeps its deadline", "[credentials]")
{
    running_emulator emu;
    asio::io_context ioc; // first made, last gone: the provider keeps handlers bound to it
    client_options o = test::http_options_for(emu);
    o.creds = {};
    o.credentials_provider = std::make_shared<silent_provider>();
    o.timeouts.call = 200ms;
    ecs::client ecs(ioc, o);
    error_code ec;
    std::string message;
    const auto start = std::chrono::steady_clock::now();
    ecs.describe_regions({}, [&](error_code e, ecs::describe_regions_response r) {
        ec = e;
        message = r.diag.client_message;
    });
    ioc.run_for(5s);
    CHECK(ec == errc::timeout);
    CHECK(message == "timed out while waiting for credentials from silent");
    CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("credentials provider: a profile file's AccessKey signs the calls", "[credentials]")
{
    running_emulator emu;
    const auto path = std::filesystem::temp_directory_path() / "alicloud-integration-credentials";
    std::ofstream(path) << "[work]\ntype = access_key\naccess_key_id = testid\naccess_key_secret = testsecret\n";
    const auto r = describe_regions_with(emu, profile_credentials("work", path.string()));
    std::filesystem::remove(path);
    CHECK_FALSE(r.ec);
}

TEST_CASE("credentials provider: none yields, every reason is told, nothing is sent", "[credentials]")
{
    running_emulator emu;
    const auto r = describe_regions_with(
        emu, credentials_chain({profile_credentials("default", "/nonexistent/credentials"),
                                static_credentials({"an-id", "", ""})}));
    CHECK(r.ec == errc::credentials_unavailable);
    CHECK(r.texts.find("unable to get credentials from any provider of the chain: profile: "
                       "/nonexistent/credentials: cannot be read; static: ") != std::string::npos);
    emulator::test::client ctl(emu.http);
    CHECK(ctl.requests().empty());
}

TEST_CASE("credentials provider: STS credentials work, then expire; no secret or token is ever shown",
          "[credentials][sts]")
{
    auto opts = emulator::test::fast_options();
    opts.sts_lifetime = 400ms;
    running_emulator emu(opts);
    emulator::test::client ctl(emu.http);
    const auto assumed = ctl.call("AssumeRole",
                                  {{"RoleArn", "acs:ram::123456789012:role/test-role"}, {"RoleSessionName", "ci"}},
                                  {.signature = signature_version::v1, .version = "2015-04-01"});
    REQUIRE(assumed.status == 200);
    const auto& c = assumed.json.at("Credentials");
    const credentials sts{std::string(c.at("AccessKeyId").as_string()), std::string(c.at("AccessKeySecret").as_string()),
                          std::string(c.at("SecurityToken").as_string())};

    CHECK_FALSE(describe_regions_with(emu, static_credentials(sts)).ec);
    std::this_thread::sleep_for(500ms);
    const auto expired = describe_regions_with(emu, static_credentials(sts));
    CHECK(expired.ec == errc::authentication);
    CHECK(expired.texts.find("InvalidSecurityToken.Expired") != std::string::npos);
    CHECK(expired.texts.find(sts.access_key_secret) == std::string::npos);
    CHECK(expired.texts.find(sts.security_token) == std::string::npos);

    credentials wrong = {"testid", "Wrong-Secret-0123456789", ""};
    const auto refused = describe_regions_with(emu, static_credentials(wrong));
    CHECK(refused.ec == errc::authentication);
    CHECK(refused.texts.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(refused.texts.find(wrong.access_key_secret) == std::string::npos);
}
