// V3-OFFICIAL of ecs-api.md §2.4, with and without the credentials-provider header.

#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/core/sansio/signer_v3.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

namespace {

constexpr std::string_view empty_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

rpc_request official_request()
{
    rpc_request req{.action = "RunInstances", .version = "2014-05-26", .method = http_method::post};
    req.params.set("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
    req.params.set("RegionId", "cn-shanghai");
    return req;
}

const credentials official_creds{"YourAccessKeyId", "YourAccessKeySecret", ""};
const sansio::request_stamp official_stamp{"2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d"};

} // namespace

TEST_CASE("V3-OFFICIAL: RunInstances", "[v3][official]")
{
    error_code ec;
    diagnostics diag;
    const auto out = sansio::sign_rpc_request(official_request(), official_creds, "ecs.cn-shanghai.aliyuncs.com",
                                              official_stamp, {}, ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(out.canonical_request == "POST\n/\n"
                                   "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                                   "host:ecs.cn-shanghai.aliyuncs.com\n"
                                   "x-acs-action:RunInstances\n"
                                   "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                                   "x-acs-date:2023-10-26T10:22:32Z\n"
                                   "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
                                   "x-acs-version:2014-05-26\n"
                                   "\n"
                                   "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(out.string_to_sign == "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    CHECK(*out.find_header("authorization") ==
          "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
          "x-acs-date;x-acs-signature-nonce;x-acs-version,"
          "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    CHECK(out.target == "/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
    CHECK(out.body.empty());
    CHECK(*out.find_header("x-acs-content-sha256") == empty_hash);
}

TEST_CASE("V3-OFFICIAL with the static provider header signed", "[v3][official]")
{
    auto req = official_request();
    req.headers.push_back({"x-acs-credentials-provider", "static_ak"});
    error_code ec;
    diagnostics diag;
    const auto out = sansio::sign_rpc_request(req, official_creds, "ecs.cn-shanghai.aliyuncs.com", official_stamp, {},
                                              ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(*out.find_header("authorization") ==
          "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
          "x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,"
          "Signature=1d749cd04a4f899dcceb0bfc53015d4931f04df3462a80ead981d63982db2cb4");
}

TEST_CASE("V3 canonical headers: lower-cased, trimmed, repeated names joined, sorted", "[v3]")
{
    const std::vector<http_header> headers = {
        {"X-Acs-B", "  two "}, {"host", "h:1"}, {"x-acs-a", "1"}, {"x-acs-b", "three"}};
    const auto out = sansio::v3_canonical_headers(headers);
    CHECK(out.canonical_headers == "host:h:1\nx-acs-a:1\nx-acs-b:two,three\n");
    CHECK(out.signed_headers == "host;x-acs-a;x-acs-b");
}

TEST_CASE("V3 with parameters in a form body hashes the body and signs content-type", "[v3]")
{
    auto req = official_request();
    req.params_in = parameter_location::body;
    error_code ec;
    diagnostics diag;
    const auto out = sansio::sign_rpc_request(req, official_creds, "ecs.cn-shanghai.aliyuncs.com", official_stamp, {},
                                              ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(out.target == "/");
    CHECK(out.body == "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
    CHECK(*out.find_header("x-acs-content-sha256") == sansio::v3_hashed_payload(out.body));
    CHECK(*out.find_header("x-acs-content-sha256") != empty_hash);
    CHECK(out.find_header("authorization")->find("SignedHeaders=content-type;host;") != std::string::npos);
}
