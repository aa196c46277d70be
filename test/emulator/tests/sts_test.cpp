// STS AssumeRole and the instance metadata service: temporary credentials the
// ECS side then accepts - until they expire.

#include "harness.hpp"

#include <boost/beast/http/verb.hpp>

#include <catch2/catch.hpp>

#include <regex>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

namespace {

constexpr auto test_role = "acs:ram::123456789012:role/test-role";

const emulator::test::call_options sts_v1{.signature = signature_version::v1, .version = "2015-04-01"};

parameters assume(std::string arn, std::string session = "alice")
{
    return {{"RoleArn", std::move(arn)}, {"RoleSessionName", std::move(session)}};
}

credentials credentials_in(const boost::json::value& answer)
{
    const auto& c = answer.at("Credentials");
    return {std::string(c.at("AccessKeyId").as_string()), std::string(c.at("AccessKeySecret").as_string()),
            std::string(c.at("SecurityToken").as_string())};
}

bool is_second_time(const boost::json::value& v)
{
    static const std::regex pattern(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return v.is_string() && std::regex_match(std::string(v.as_string()), pattern);
}

} // namespace

TEST_CASE("AssumeRole: temporary credentials that ECS accepts", "[emulator][sts]")
{
    running_emulator emu;
    client c(emu.http);
    const auto r = c.call("AssumeRole", assume(test_role), sts_v1);
    REQUIRE(r.status == 200);
    const auto creds = credentials_in(r.json);
    CHECK(creds.access_key_id.starts_with("STS."));
    CHECK_FALSE(creds.access_key_secret.empty());
    CHECK_FALSE(creds.security_token.empty());
    CHECK(is_second_time(r.json.at("Credentials").at("Expiration")));
    CHECK(r.json.at("AssumedRoleUser").at("Arn").as_string() == std::string(test_role) + "/alice");

    for (auto sig : {signature_version::v1, signature_version::v3}) {
        const auto ok = c.call("DescribeRegions", {}, {.signature = sig, .creds = creds});
        CHECK(ok.status == 200);
    }
    // The token belongs to the key: without it, or with another, the call is refused.
    credentials no_token = creds;
    no_token.security_token.clear();
    CHECK(c.call("DescribeRegions", {}, {.creds = no_token}).status != 200);

    const auto log = c.requests();
    bool logged = false;
    for (const auto& e : log)
        logged = logged || (e.at("action") == "AssumeRole" && e.at("version") == "2015-04-01" && e.at("status") == 200);
    CHECK(logged);
}

TEST_CASE("AssumeRole: credentials expire and are then refused", "[emulator][sts]")
{
    running_emulator emu;
    client c(emu.http);
    auto asked = assume(test_role);
    asked.set("DurationSeconds", "900");
    const auto r = c.call("AssumeRole", asked, sts_v1);
    REQUIRE(r.status == 200);
    const auto creds = credentials_in(r.json);
    c.advance_clock(890s);
    CHECK(c.call("DescribeRegions", {}, {.creds = creds}).status == 200);
    c.advance_clock(10s); // at their Expiration
    const auto late = c.call("DescribeRegions", {}, {.creds = creds});
    CHECK(late.status == 400);
    CHECK(late.code() == "InvalidSecurityToken.Expired");

    c.reset(); // the clock too: fresh ones last again
    const auto again = credentials_in(c.call("AssumeRole", asked, sts_v1).json);
    CHECK(c.call("DescribeRegions", {}, {.creds = again}).status == 200);
}

TEST_CASE("AssumeRole: with sts_lifetime, credentials stop working early whatever their Expiration says",
          "[emulator][sts]")
{
    auto opts = fast_options();
    opts.sts_lifetime = 300ms;
    running_emulator emu(opts);
    client c(emu.http);
    const auto r = c.call("AssumeRole", assume(test_role), sts_v1);
    REQUIRE(r.status == 200);
    const auto creds = credentials_in(r.json);
    CHECK(c.call("DescribeRegions", {}, {.creds = creds}).status == 200);
    c.advance_clock(300ms);
    const auto late = c.call("DescribeRegions", {}, {.creds = creds});
    CHECK(late.status == 400);
    CHECK(late.code() == "InvalidSecurityToken.Expired");
}

TEST_CASE("emulator clock: advanced by seconds or milliseconds, never back, reset to the real time", "[emulator][clock]")
{
    running_emulator emu;
    client c(emu.http);
    CHECK(c.raw(http::verb::get, "/_emulator/clock").json.at("offset_ms") == 0);
    CHECK(c.raw(http::verb::post, "/_emulator/clock", R"({"advance_seconds":1.5})").json.at("offset_ms") == 1500);
    CHECK(c.raw(http::verb::post, "/_emulator/clock", R"({"advance_ms":500})").json.at("offset_ms") == 2000);
    CHECK(c.raw(http::verb::post, "/_emulator/clock", R"({"advance_ms":-1})").status == 400);
    CHECK(c.raw(http::verb::post, "/_emulator/clock", R"({"advance_ms":1,"advance_seconds":1})").status == 400);
    CHECK(c.raw(http::verb::post, "/_emulator/clock", R"({})").status == 400);
    c.reset();
    CHECK(c.raw(http::verb::get, "/_emulator/clock").json.at("offset_ms") == 0);
}

TEST_CASE("AssumeRole: bad parameters and unknown roles are refused as STS does", "[emulator][sts]")
{
    running_emulator emu;
    client c(emu.http);
    CHECK(c.call("AssumeRole", {{"RoleSessionName", "alice"}}, sts_v1).code() == "MissingParameter");
    CHECK(c.call("AssumeRole", assume("arn:aws:iam::1:role/x"), sts_v1).code() == "InvalidParameter.RoleArn");
    CHECK(c.call("AssumeRole", assume(test_role, "x"), sts_v1).code() == "InvalidParameter.RoleSessionName");
    auto too_short = assume(test_role);
    too_short.set("DurationSeconds", "100");
    CHECK(c.call("AssumeRole", too_short, sts_v1).code() == "InvalidParameter.DurationSeconds");
    const auto missing = c.call("AssumeRole", assume("acs:ram::123456789012:role/nobody"), sts_v1);
    CHECK(missing.status == 404);
    CHECK(missing.code() == "EntityNotExist.Role");
    CHECK(c.call("GetCallerIdentity", {}, sts_v1).code() == "InvalidAction.NotFound");
    // Signed like any call: a wrong secret is refused before STS sees it.
    auto wrong = sts_v1;
    wrong.creds = {"testid", "not-the-secret", ""};
    CHECK(c.call("AssumeRole", assume(test_role), wrong).code() == "SignatureDoesNotMatch");
}

TEST_CASE("metadata service: IMDSv2 token, role name, role credentials", "[emulator][imds]")
{
    running_emulator emu;
    client c(emu.http);
    const std::string base = "/latest/meta-data/ram/security-credentials/";

    const auto token = c.raw(http::verb::put, "/latest/api/token", {},
                             {{"x-aliyun-ecs-metadata-token-ttl-seconds", "21600"}});
    REQUIRE(token.status == 200);
    REQUIRE_FALSE(token.body.empty());
    const http_header with_token{"x-aliyun-ecs-metadata-token", token.body};

    const auto role = c.raw(http::verb::get, base, {}, {with_token});
    CHECK(role.status == 200);
    CHECK(role.body == "EcsRamRoleTest");

    const auto answer = c.raw(http::verb::get, base + "EcsRamRoleTest", {}, {with_token});
    REQUIRE(answer.status == 200);
    CHECK(answer.json.at("Code") == "Success");
    CHECK(is_second_time(answer.json.at("Expiration")));
    const credentials creds{std::string(answer.json.at("AccessKeyId").as_string()),
                            std::string(answer.json.at("AccessKeySecret").as_string()),
                            std::string(answer.json.at("SecurityToken").as_string())};
    CHECK(c.call("DescribeRegions", {}, {.creds = creds}).status == 200);

    CHECK(c.raw(http::verb::get, base, {}, {{"x-aliyun-ecs-metadata-token", "forged"}}).status == 401);
    CHECK(c.raw(http::verb::get, base + "SomeoneElse", {}, {with_token}).status == 404);
    CHECK(c.raw(http::verb::put, "/latest/api/token").status == 400); // no TTL
    CHECK(c.raw(http::verb::get, base).status == 200);                 // IMDSv1 still answers by default

    std::size_t credential_fetches = 0;
    for (const auto& e : c.requests())
        if (e.at("action") == "MetadataCredentials")
            ++credential_fetches;
    CHECK(credential_fetches == 2);
}

TEST_CASE("metadata service: tokens and role credentials expire as the emulator's clock moves", "[emulator][imds]")
{
    running_emulator emu;
    client c(emu.http);
    const std::string role = "/latest/meta-data/ram/security-credentials/EcsRamRoleTest";
    const auto token = c.raw(http::verb::put, "/latest/api/token", {}, {{"x-aliyun-ecs-metadata-token-ttl-seconds", "60"}});
    REQUIRE(token.status == 200);
    const http_header with_token{"x-aliyun-ecs-metadata-token", token.body};
    const auto answer = c.raw(http::verb::get, role, {}, {with_token});
    REQUIRE(answer.status == 200);
    const credentials creds{std::string(answer.json.at("AccessKeyId").as_string()),
                            std::string(answer.json.at("AccessKeySecret").as_string()),
                            std::string(answer.json.at("SecurityToken").as_string())};

    c.advance_clock(59s);
    CHECK(c.raw(http::verb::get, role, {}, {with_token}).status == 200);
    c.advance_clock(1s);
    CHECK(c.raw(http::verb::get, role, {}, {with_token}).status == 401); // the token's TTL is over
    CHECK(c.call("DescribeRegions", {}, {.creds = creds}).status == 200);
    c.advance_clock(6h); // the role's credentials last six hours
    CHECK(c.call("DescribeRegions", {}, {.creds = creds}).code() == "InvalidSecurityToken.Expired");
}

TEST_CASE("metadata service: with IMDSv2 required, no token is no answer", "[emulator][imds]")
{
    auto opts = fast_options();
    opts.imds_token_required = true;
    running_emulator emu(opts);
    client c(emu.http);
    CHECK(c.raw(http::verb::get, "/latest/meta-data/ram/security-credentials/").status == 401);
}
