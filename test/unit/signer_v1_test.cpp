// The official V1 vectors of ecs-api.md §1.7, through the low-level functions
// (OFFICIAL-2 needs the parameter spelled "TimeStamp", which the encoder would
// not produce) and through sign_rpc_request.

#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/core/sansio/signer_v1.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

namespace {

parameters official_1_params(std::string_view timestamp_name)
{
    parameters p;
    p.set("AccessKeyId", "testid");
    p.set("Action", "DescribeRegions");
    p.set("Format", "XML");
    p.set("SignatureMethod", "HMAC-SHA1");
    p.set("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    p.set("SignatureVersion", "1.0");
    p.set(timestamp_name, "2016-02-23T12:46:24Z");
    p.set("Version", "2014-05-26");
    return p;
}

std::string sign(http_method m, const parameters& p)
{
    return sansio::v1_signature("testsecret", sansio::v1_string_to_sign(m, sansio::v1_canonical_query(p.items())));
}

} // namespace

TEST_CASE("OFFICIAL-1: DescribeRegions, GET", "[v1][official]")
{
    const auto p = official_1_params("Timestamp");
    const auto sts = sansio::v1_string_to_sign(http_method::get, sansio::v1_canonical_query(p.items()));
    CHECK(sts == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
                 "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                 "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    CHECK(sansio::v1_signature("testsecret", sts) == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST_CASE("OFFICIAL-2: the older doc's TimeStamp spelling", "[v1][official]")
{
    const auto p = official_1_params("TimeStamp");
    const auto sts = sansio::v1_string_to_sign(http_method::get, sansio::v1_canonical_query(p.items()));
    CHECK(sts.ends_with("%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"));
    CHECK(sansio::v1_signature("testsecret", sts) == "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
}

TEST_CASE("OFFICIAL-3: DescribeDedicatedHosts, GET and POST", "[v1][official]")
{
    parameters p;
    p.set("AccessKeyId", "testid");
    p.set("Action", "DescribeDedicatedHosts");
    p.set("Format", "JSON");
    p.set("RegionId", "cn-beijing");
    p.set("SignatureMethod", "HMAC-SHA1");
    p.set("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb");
    p.set("SignatureVersion", "1.0");
    p.set("Timestamp", "2023-03-13T08:34:30Z");
    p.set("Version", "2014-05-26");
    CHECK(sansio::v1_string_to_sign(http_method::get, sansio::v1_canonical_query(p.items())) ==
          "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing"
          "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb"
          "%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26");
    CHECK(sign(http_method::get, p) == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
    CHECK(sign(http_method::post, p) == "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
}

TEST_CASE("the canonical query sorts raw names lexicographically and leaves out Signature", "[v1]")
{
    parameters p;
    p.set("Tag.2.Key", "b");
    p.set("Tag.10.Key", "c");
    p.set("Tag.1.Value", "v");
    p.set("Tag.1.Key", "a");
    p.set("Timestamp", "x");
    p.set("TimeStamp", "y");
    p.set("Signature", "must not appear");
    CHECK(sansio::v1_canonical_query(p.items()) ==
          "Tag.1.Key=a&Tag.1.Value=v&Tag.10.Key=c&Tag.2.Key=b&TimeStamp=y&Timestamp=x");
}

TEST_CASE("sign_rpc_request reproduces OFFICIAL-1 and OFFICIAL-3 end to end", "[v1][official]")
{
    const credentials creds{"testid", "testsecret", ""};
    error_code ec;
    diagnostics diag;

    SECTION("OFFICIAL-1 GET: everything in the query")
    {
        rpc_request req{.action = "DescribeRegions", .version = "2014-05-26", .method = http_method::get};
        req.params.set("Format", "XML");
        const auto out = sansio::sign_rpc_request(req, creds, "ecs.aliyuncs.com",
                                                  {"2016-02-23T12:46:24Z", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
                                                  {.version = signature_version::v1}, ec, diag);
        REQUIRE_FALSE(ec);
        CHECK(out.signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        // The URL pop-core produced for the same inputs (ecs-api.md §1.7).
        CHECK(out.target == "/?AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
                            "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
                            "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
                            "&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");
        CHECK(out.body.empty());
        CHECK(out.find_header("content-type") == nullptr);
        CHECK(*out.find_header("host") == "ecs.aliyuncs.com");
    }

    SECTION("OFFICIAL-3 POST: everything in a form body")
    {
        rpc_request req{.action = "DescribeDedicatedHosts", .version = "2014-05-26", .method = http_method::post};
        req.params.set("RegionId", "cn-beijing");
        const auto out = sansio::sign_rpc_request(req, creds, "ecs.aliyuncs.com",
                                                  {"2023-03-13T08:34:30Z", "edb2b34af0af9a6d14deaf7c1a5315eb"},
                                                  {.version = signature_version::v1}, ec, diag);
        REQUIRE_FALSE(ec);
        CHECK(out.signature == "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
        CHECK(out.target == "/");
        CHECK(out.body.ends_with("&Signature=ZvQ9xGiFnquSJRvj%2BWE6kdSpTwU%3D"));
        CHECK(*out.find_header("content-type") == "application/x-www-form-urlencoded");
    }

    SECTION("POST with the parameters in the query, as openapi-core's V1 path sends them")
    {
        rpc_request req{.action = "DescribeDedicatedHosts", .version = "2014-05-26", .method = http_method::post,
                        .params_in = parameter_location::query};
        req.params.set("RegionId", "cn-beijing");
        const auto out = sansio::sign_rpc_request(req, creds, "ecs.aliyuncs.com",
                                                  {"2023-03-13T08:34:30Z", "edb2b34af0af9a6d14deaf7c1a5315eb"},
                                                  {.version = signature_version::v1}, ec, diag);
        REQUIRE_FALSE(ec);
        CHECK(out.signature == "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
        CHECK(out.target.starts_with("/?AccessKeyId=testid&"));
        CHECK(out.body.empty());
    }
}

TEST_CASE("an STS credential adds SecurityToken to the signed V1 parameters", "[v1]")
{
    const credentials creds{"STS.id", "secret", "tok+en/="};
    rpc_request req{.action = "DescribeRegions", .version = "2014-05-26", .method = http_method::get};
    error_code ec;
    diagnostics diag;
    const auto out = sansio::sign_rpc_request(req, creds, "ecs.aliyuncs.com", {"2024-01-01T00:00:00Z", "n"},
                                              {.version = signature_version::v1}, ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(out.target.find("&SecurityToken=tok%2Ben%2F%3D&") != std::string::npos);
    CHECK(out.string_to_sign.find("%26SecurityToken%3Dtok%252Ben%252F%253D%26") != std::string::npos);
}
