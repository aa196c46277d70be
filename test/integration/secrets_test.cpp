// No secret and no token in anything a failing call shows: its error_code's
// message, its diagnostics (what a program logs) and the exception a
// coroutine catches - even when the service quotes what was signed.

#include "credentials_support.hpp"

#include <alicloud/core/sansio/percent_encoding.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::describe_regions_with;

namespace {

// Characters that percent-encoding changes, so that every form differs.
const credentials sts{"STS.scan", "Scan/Secret+Value=42", "CAIS+scan/Token=Value&more"};

// Every form a secret could be shown in: verbatim, percent-encoded once (a
// query) or twice (a V1 string-to-sign).
std::vector<std::string> forms_of(const std::string& secret)
{
    const std::string once = sansio::percent_encode(secret);
    return {secret, once, sansio::percent_encode(once)};
}

void check_no_secret(const test::call_outcome& r, const std::vector<std::string>& secrets)
{
    CHECK(r.ec);
    for (const auto& secret : secrets)
        for (const auto& form : forms_of(secret)) {
            INFO("looking for " << form << " in:\n" << r.texts);
            CHECK(r.texts.find(form) == std::string::npos);
        }
}

running_emulator emulator_knowing_sts()
{
    auto opts = emulator::test::fast_options();
    opts.access_keys.push_back({sts.access_key_id, sts.access_key_secret, sts.security_token});
    auto expired = opts.access_keys.back();
    expired.id = "STS.expired";
    expired.security_token = "CAIS+expired/Token=Old";
    expired.expiration = std::chrono::system_clock::now() - 1h;
    opts.access_keys.push_back(expired);
    return running_emulator(opts);
}

test::call_outcome call_with(const running_emulator& emu, credentials creds, signature_version sig)
{
    client_options o = test::http_options_for(emu);
    o.creds = std::move(creds);
    o.signature = sig;
    asio::io_context ioc;
    return test::describe_regions_with(o, ioc);
}

} // namespace

TEST_CASE("secrets: a service that quotes the signed token sees it redacted", "[credentials][secrets]")
{
    const auto emu = emulator_knowing_sts();
    credentials wrong_secret = sts;
    wrong_secret.access_key_secret = "Wrong/Secret+Value=99";
    for (auto sig : {signature_version::v1, signature_version::v3}) {
        const auto r = call_with(emu, wrong_secret, sig);
        CHECK(r.ec == errc::authentication);
        CHECK(r.texts.find("SignatureDoesNotMatch") != std::string::npos);
        CHECK(r.texts.find("server string to sign is:") != std::string::npos);
        // V1's string-to-sign holds the token, which the service quotes: redacted.
        // (V3's holds a digest of the canonical request.)
        if (sig == signature_version::v1) {
            INFO(r.texts);
            CHECK(r.texts.find("SecurityToken%3D<redacted>") != std::string::npos);
        }
        check_no_secret(r, {sts.access_key_secret, wrong_secret.access_key_secret, sts.security_token});
    }
}

TEST_CASE("secrets: expired and mismatched tokens are refused without being shown", "[credentials][secrets]")
{
    const auto emu = emulator_knowing_sts();
    credentials expired = sts;
    expired.access_key_id = "STS.expired";
    expired.security_token = "CAIS+expired/Token=Old";
    const auto r = call_with(emu, expired, signature_version::v3);
    CHECK(r.texts.find("InvalidSecurityToken.Expired") != std::string::npos);
    check_no_secret(r, {sts.access_key_secret, expired.security_token});

    credentials mismatched = sts;
    mismatched.security_token = "CAIS+another/Token=Value";
    const auto m = call_with(emu, mismatched, signature_version::v1);
    CHECK(m.texts.find("InvalidSecurityToken") != std::string::npos);
    check_no_secret(m, {sts.access_key_secret, mismatched.security_token});
}

TEST_CASE("secrets: timeouts and refused role assumptions show no secret", "[credentials][secrets]")
{
    const auto emu = emulator_knowing_sts();
    test::add_latency(emu, "DescribeRegions", 500);
    client_options o = test::http_options_for(emu);
    o.creds = sts;
    o.timeouts.call = 100ms;
    asio::io_context ioc;
    ecs::client ecs(ioc, o);
    test::call_outcome timed_out;
    ecs.describe_regions({}, [&](error_code ec, ecs::describe_regions_response res) {
        timed_out.ec = ec;
        timed_out.texts = ec.message() + "\n" + res.diag.to_string();
    });
    ioc.run_for(5s);
    CHECK(timed_out.ec == errc::timeout);
    check_no_secret(timed_out, {sts.access_key_secret, sts.security_token});

    ram_role_arn_options role;
    role.role_arn = "acs:ram::123456789012:role/nobody";
    role.sts_endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    asio::io_context role_io;
    const auto refused =
        describe_regions_with(emu, ram_role_arn_credentials(role_io.get_executor(), static_credentials(sts), role), role_io);
    CHECK(refused.ec == errc::credentials_unavailable);
    CHECK(refused.texts.find("EntityNotExist.Role") != std::string::npos);
    check_no_secret(refused, {sts.access_key_secret, sts.security_token});
}
