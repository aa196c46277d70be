// Authentication as the service does it: V1 over GET and POST, V3 with the
// request's own SignedHeaders, STS tokens, time window, replayed nonces.

#include "harness.hpp"
#include "utc_time.hpp"

#include <alicloud/core/sansio/request_stamp.hpp>

#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace http = boost::beast::http;

namespace {

sansio::request_stamp stamp_at(std::chrono::system_clock::duration offset)
{
    return {sansio::format_timestamp(std::chrono::system_clock::now() + offset), sansio::random_nonce()};
}

// Flips one character of the signature wherever it travels.
signed_request tampered(signed_request req, signature_version v)
{
    const std::string sig = req.signature;
    std::string bad = sig;
    bad[0] = bad[0] == 'a' ? 'b' : 'a';
    if (v == signature_version::v3) {
        for (auto& h : req.headers)
            if (h.name == "authorization")
                h.value.replace(h.value.find(sig), sig.size(), bad);
    } else {
        const std::string enc = sansio::percent_encode(sig);
        std::string& where = req.body.empty() ? req.target : req.body;
        where.replace(where.find("Signature=" + enc), 10 + enc.size(), "Signature=" + sansio::percent_encode(bad));
    }
    return req;
}

} // namespace

TEST_CASE("every way the official SDKs sign is accepted", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    struct variant {
        signature_version sig;
        http_method method;
        std::optional<parameter_location> where;
    };
    for (auto v : {variant{signature_version::v1, http_method::get, {}},
                   variant{signature_version::v1, http_method::post, {}},                             // form body
                   variant{signature_version::v1, http_method::post, parameter_location::query},      // openapi-core v2
                   variant{signature_version::v3, http_method::post, {}},                             // query
                   variant{signature_version::v3, http_method::post, parameter_location::body},       // form body
                   variant{signature_version::v3, http_method::get, {}}}) {
        auto r = c.call("DescribeZones", {{"RegionId", "cn-hangzhou"}, {"AcceptLanguage", "en-US"}},
                        {.signature = v.sig, .method = v.method, .params_in = v.where});
        INFO(r.body);
        CHECK(r.status == 200);
    }
    auto log = c.requests();
    REQUIRE(log.size() == 6);
    CHECK(log[0].at("signature_version") == "v1");
    CHECK(log[3].at("signature_version") == "v3");
    CHECK(log[4].at("params").at("AcceptLanguage") == "en-US");
}

TEST_CASE("V1 query written with '+' for spaces (Go's url.Values) verifies", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    auto req = c.sign("DescribeInstances", {{"RegionId", "cn-hangzhou"}, {"InstanceName", "a b c"}},
                      {.signature = signature_version::v1, .method = http_method::get});
    const auto pos = req.target.find("a%20b%20c");
    REQUIRE(pos != std::string::npos);
    req.target.replace(pos, 9, "a+b+c");
    CHECK(c.send(req).status == 200);
}

TEST_CASE("a signature with one byte changed is SignatureDoesNotMatch, with the server's StringToSign", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    for (auto v : {signature_version::v1, signature_version::v3}) {
        for (auto m : {http_method::get, http_method::post}) {
            const auto good = c.sign("DescribeRegions", {}, {.signature = v, .method = m});
            auto r = c.send(tampered(good, v));
            CHECK(r.status == 400);
            CHECK(r.code() == "SignatureDoesNotMatch");
            CHECK(r.message() == "Specified signature is not matched with our calculation. server string to sign is:" +
                                     good.string_to_sign);
        }
    }
}

TEST_CASE("a secret that does not match is SignatureDoesNotMatch, an unknown key is 404", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    auto wrong = c.call("DescribeRegions", {}, {.creds = {"testid", "not-the-secret", ""}});
    CHECK(wrong.status == 400);
    CHECK(wrong.code() == "SignatureDoesNotMatch");
    for (auto v : {signature_version::v1, signature_version::v3}) {
        auto unknown = c.call("DescribeRegions", {}, {.signature = v, .creds = {"nosuch", "x", ""}});
        CHECK(unknown.status == 404);
        CHECK(unknown.code() == "InvalidAccessKeyId.NotFound");
        CHECK(unknown.message() == "Specified access key is not found.");
    }
}

TEST_CASE("a replayed nonce is SignatureNonceUsed", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    for (auto v : {signature_version::v1, signature_version::v3}) {
        const auto req = c.sign("DescribeRegions", {}, {.signature = v});
        CHECK(c.send(req).status == 200);
        auto again = c.send(req);
        CHECK(again.status == 400);
        CHECK(again.code() == "SignatureNonceUsed");
    }
    // The same nonce with another key is another request.
    auto creds = c.raw(http::verb::post, "/_emulator/credentials",
                       R"({"access_key_id":"other","access_key_secret":"othersecret"})");
    REQUIRE(creds.status == 200);
    const auto stamp = sansio::make_request_stamp();
    CHECK(c.call("DescribeRegions", {}, {.stamp = stamp}).status == 200);
    CHECK(c.call("DescribeRegions", {}, {.creds = {"other", "othersecret", ""}, .stamp = stamp}).status == 200);
}

TEST_CASE("times more than 15 minutes away are InvalidTimeStamp.Expired", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    using namespace std::chrono;
    for (auto v : {signature_version::v1, signature_version::v3}) {
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .stamp = stamp_at(-minutes(14))}).status == 200);
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .stamp = stamp_at(minutes(14))}).status == 200);
        for (minutes offset : {-minutes(16), minutes(16), -minutes(24 * 60)}) {
            auto r = c.call("DescribeRegions", {}, {.signature = v, .stamp = stamp_at(offset)});
            CHECK(r.status == 400);
            CHECK(r.code() == "InvalidTimeStamp.Expired");
        }
    }
    auto req = c.sign("DescribeRegions", {}, {.signature = signature_version::v1, .method = http_method::get,
                                              .stamp = sansio::request_stamp{"2024-01-01T00:00:00Z", "n1"}});
    req.target.replace(req.target.find("Timestamp=2024-01-01T00%3A00%3A00Z"), 34, "Timestamp=yesterday");
    CHECK(c.send(req).code() == "IllegalTimestamp");
}

TEST_CASE("a time the clock cannot hold is IllegalTimestamp, like a malformed one", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    for (auto v : {signature_version::v1, signature_version::v3}) {
        for (const char* text : {"9999-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "2262-04-11T23:47:17Z"}) {
            INFO(text);
            auto r = c.call("DescribeRegions", {}, {.signature = v, .stamp = sansio::request_stamp{text, sansio::random_nonce()}});
            CHECK(r.status == 400);
            CHECK(r.code() == "IllegalTimestamp");
        }
    }
}

TEST_CASE("the times the emulator writes hold at the clock's ends", "[emulator][auth]")
{
    using clock = std::chrono::system_clock;
    using emulator::utc_precision;
    CHECK(emulator::utc_time(clock::time_point::min(), utc_precision::milliseconds) == "1677-09-21T00:12:43.145Z");
    CHECK(emulator::utc_time(clock::time_point::max(), utc_precision::milliseconds) == "2262-04-11T23:47:16.854Z");
    CHECK(emulator::utc_time(clock::time_point::min(), utc_precision::minutes) == "1677-09-21T00:12Z");
}

TEST_CASE("V1 requests missing a signature parameter, or with the wrong method", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    const auto good = c.sign("DescribeRegions", {}, {.signature = signature_version::v1, .method = http_method::get});
    for (std::string name : {"Signature", "AccessKeyId", "SignatureNonce", "Timestamp", "Action", "Version"}) {
        auto req = good;
        std::string kept;
        for (std::string_view rest = std::string_view(req.target).substr(2); !rest.empty();) {
            const auto amp = rest.find('&');
            const auto pair = rest.substr(0, amp);
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
            if (!pair.starts_with(name + "="))
                kept.append(kept.empty() ? "" : "&").append(pair);
        }
        req.target = "/?" + kept;
        auto r = c.send(req);
        INFO(name << " " << req.target);
        CHECK(r.status == 400);
        CHECK(r.code() == "MissingParameter");
        CHECK(r.message().find("\"" + name + "\"") != std::string::npos);
    }
    auto req = good;
    req.target.replace(req.target.find("SignatureMethod=HMAC-SHA1"), 25, "SignatureMethod=HMAC-MD5");
    auto r = c.send(req);
    CHECK(r.code() == "InvalidParamater"); // sic, as the service spells it
}

TEST_CASE("V3: a malformed Authorization or unsigned required headers are IncompleteSignature", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    auto with_authorization = [&](std::string value) {
        auto req = c.sign("DescribeRegions");
        for (auto& h : req.headers)
            if (h.name == "authorization")
                h.value = std::move(value);
        return c.send(req);
    };
    CHECK(with_authorization("ACS3-HMAC-SHA256").code() == "IncompleteSignature");
    CHECK(with_authorization("ACS3-HMAC-SHA256 Credential=testid").code() == "IncompleteSignature");
    CHECK(with_authorization("AWS4-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=00").code() ==
          "IncompleteSignature");
    auto r = with_authorization("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action,Signature=00");
    CHECK(r.status == 400);
    CHECK(r.code() == "IncompleteSignature");
}

TEST_CASE("V3: the verifier follows the request's own SignedHeaders and hashes the real body", "[emulator][auth]")
{
    running_emulator emu;
    client c(emu.http);
    // An extra signed header (what @alicloud/credentials adds) is part of the signature.
    auto r = c.call("DescribeRegions", {}, {.headers = {{"x-acs-credentials-provider", "static_ak"}}});
    CHECK(r.status == 200);

    auto req = c.sign("DescribeRegions", {}, {.headers = {{"x-acs-credentials-provider", "static_ak"}}});
    for (auto& h : req.headers)
        if (h.name == "x-acs-credentials-provider")
            h.value = "env";
    CHECK(c.send(req).code() == "SignatureDoesNotMatch");

    auto body = c.sign("DescribeZones", {{"RegionId", "cn-hangzhou"}}, {.params_in = parameter_location::body});
    body.body = "RegionId=cn-beijing"; // not what was hashed
    auto mismatch = c.send(body);
    CHECK(mismatch.status == 400);
    CHECK(mismatch.code() == "SignatureDoesNotMatch");
}

TEST_CASE("STS tokens are tied to their AccessKeyId and expire", "[emulator][auth][sts]")
{
    running_emulator emu;
    client c(emu.http);
    REQUIRE(c.raw(http::verb::post, "/_emulator/credentials",
                  R"({"access_key_id":"STS.alpha","access_key_secret":"alphasecret","security_token":"token-alpha"})")
                .status == 200);
    REQUIRE(c.raw(http::verb::post, "/_emulator/credentials",
                  R"({"access_key_id":"STS.beta","access_key_secret":"betasecret","security_token":"token-beta"})")
                .status == 200);
    REQUIRE(c.raw(http::verb::post, "/_emulator/credentials",
                  R"({"access_key_id":"STS.old","access_key_secret":"oldsecret","security_token":"token-old",
                      "expiration":"2020-01-01T00:00:00Z"})")
                .status == 200);

    for (auto v : {signature_version::v1, signature_version::v3}) {
        INFO((v == signature_version::v1 ? "v1" : "v3"));
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .creds = {"STS.alpha", "alphasecret", "token-alpha"}}).status == 200);
        auto missing = c.call("DescribeRegions", {}, {.signature = v, .creds = {"STS.alpha", "alphasecret", ""}});
        CHECK(missing.status == 400);
        CHECK(missing.code() == "MissingSecurityToken");
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .creds = {"STS.alpha", "alphasecret", "token-beta"}}).code() ==
              "InvalidSecurityToken.MismatchWithAccessKey");
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .creds = {"STS.alpha", "alphasecret", "forged"}}).code() ==
              "InvalidSecurityToken.Malformed");
        CHECK(c.call("DescribeRegions", {}, {.signature = v, .creds = {"STS.old", "oldsecret", "token-old"}}).code() ==
              "InvalidSecurityToken.Expired");
    }
    CHECK(c.raw(http::verb::post, "/_emulator/credentials", R"({"access_key_id":"x"})").status == 400);
}

TEST_CASE("an added key's expiration past what the clock holds never comes, one long gone has come",
          "[emulator][auth][sts]")
{
    running_emulator emu;
    client c(emu.http);
    REQUIRE(c.raw(http::verb::post, "/_emulator/credentials",
                  R"({"access_key_id":"STS.far","access_key_secret":"farsecret","security_token":"token-far",
                      "expiration":"9999-12-31T23:59:59Z"})")
                .status == 200);
    REQUIRE(c.raw(http::verb::post, "/_emulator/credentials",
                  R"({"access_key_id":"STS.gone","access_key_secret":"gonesecret","security_token":"token-gone",
                      "expiration":"1000-01-01T00:00:00Z"})")
                .status == 200);
    CHECK(c.call("DescribeRegions", {}, {.creds = {"STS.far", "farsecret", "token-far"}}).status == 200);
    CHECK(c.call("DescribeRegions", {}, {.creds = {"STS.gone", "gonesecret", "token-gone"}}).code() ==
          "InvalidSecurityToken.Expired");
}
