// Clients whose credentials come from a provider, against the emulator:
// found in a profile, assumed from STS, missing with every reason told - and
// never a secret or a token in what a failure says.

#include "credentials_support.hpp"

#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>

#include <catch2/catch.hpp>


using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;

using test::describe_regions_with;

TEST_CASE("credentials provider: a call waiting for credentials keeps its deadline", "[credentials]")
{
    running_emulator emu;
    asio::io_context ioc; // first made, last gone: the provider keeps handlers bound to it
    client_options o = test::http_options_for(emu);
    o.creds = {};
    o.credentials_provider = std::make_shared<test::held_provider>("silent");
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
    asio::io_context unused; // an access_key profile asks no service
    const test::credentials_file file("[work]\ntype = access_key\naccess_key_id = testid\naccess_key_secret = testsecret\n");
    const auto r = describe_regions_with(emu, profile_credentials(unused.get_executor(), "work", file.path.string()));
    CHECK_FALSE(r.ec);
}

TEST_CASE("credentials provider: none yields, every reason is told, nothing is sent", "[credentials]")
{
    running_emulator emu;
    asio::io_context unused; // an access_key profile asks no service
    const auto r = describe_regions_with(
        emu, credentials_chain({profile_credentials(unused.get_executor(), "default", "/nonexistent/credentials"),
                                static_credentials({"an-id", "", ""})}));
    CHECK(r.ec == errc::credentials_unavailable);
    CHECK(r.texts.find("unable to get credentials from any provider of the chain: profile: "
                       "/nonexistent/credentials: cannot be read; static: ") != std::string::npos);
    emulator::test::client ctl(emu.http);
    CHECK(ctl.requests().empty());
}

TEST_CASE("credentials provider: STS credentials work, then expire, no secret or token is ever shown",
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
    ctl.advance_clock(400ms);
    const auto expired = describe_regions_with(emu, static_credentials(sts));
    CHECK(expired.ec == errc::authentication);
    CHECK(expired.texts.find("InvalidSecurityToken.Expired") != std::string::npos);
    // A fixed provider has nothing newer: the same credentials are not sent
    // again - one request for each of the helper's two calls (it was four).
    CHECK(test::count_logged(emu, "DescribeRegions", "InvalidSecurityToken.Expired") == 2);
    CHECK(expired.texts.find(sts.access_key_secret) == std::string::npos);
    CHECK(expired.texts.find(sts.security_token) == std::string::npos);

    credentials wrong = {"testid", "Wrong-Secret-0123456789", ""};
    const auto refused = describe_regions_with(emu, static_credentials(wrong));
    CHECK(refused.ec == errc::authentication);
    CHECK(refused.texts.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(refused.texts.find(wrong.access_key_secret) == std::string::npos);
}
