#include <alicloud/core/sansio/response_decoder.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

namespace {

struct decoded {
    boost::json::value value;
    error_code ec;
    diagnostics diag;
};

decoded decode(unsigned status, std::string_view body)
{
    decoded d;
    d.value = sansio::decode_rpc_response(status, body, d.ec, d.diag);
    return d;
}

} // namespace

TEST_CASE("a success body decodes into its JSON object", "[decoder]")
{
    auto d = decode(200, R"({"RequestId":"R1","Regions":{"Region":[{"RegionId":"cn-hangzhou"}]}})");
    REQUIRE_FALSE(d.ec);
    CHECK(d.value.at("RequestId").as_string() == "R1");
    CHECK(d.value.at("Regions").at("Region").as_array().size() == 1);
    CHECK(d.diag.server.empty());
}

TEST_CASE("the error envelope goes into diagnostics, kept apart from client text", "[decoder]")
{
    auto d = decode(404, R"({"RequestId":"81EF1E7D-0D15-5CAF-B602-3487FAFA88D5","HostId":"ecs.cn-hangzhou.aliyuncs.com",
        "Code":"InvalidInstanceId.NotFound","Message":"The specified InstanceId does not exist.",
        "Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound&product=Ecs&requestId=81EF1E7D-0D15-5CAF-B602-3487FAFA88D5"})");
    CHECK(d.ec == server_errc::not_found);
    CHECK(d.ec == errc::not_found);
    CHECK(d.diag.server.http_status == 404);
    CHECK(d.diag.server.code == "InvalidInstanceId.NotFound");
    CHECK(d.diag.server.message == "The specified InstanceId does not exist.");
    CHECK(d.diag.server.request_id == "81EF1E7D-0D15-5CAF-B602-3487FAFA88D5");
    CHECK(d.diag.server.host_id == "ecs.cn-hangzhou.aliyuncs.com");
    CHECK(d.diag.server.recommend.starts_with("https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound"));
    CHECK(d.diag.client_message.empty());
    const auto text = d.diag.to_string();
    CHECK(text.find("HTTP 404 InvalidInstanceId.NotFound") != std::string::npos);
    CHECK(text.find("81EF1E7D-0D15-5CAF-B602-3487FAFA88D5") != std::string::npos);
}

TEST_CASE("AccessDeniedDetail is kept as JSON text", "[decoder]")
{
    auto d = decode(403, R"({"Code":"Forbidden.RAM","Message":"no","RequestId":"R",
                             "AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","PolicyType":"AccountLevelIdentityBasedPolicy"}})");
    CHECK(d.ec == errc::forbidden);
    CHECK(d.diag.server.access_denied_detail.find("\"AuthAction\":\"ecs:DescribeInstances\"") != std::string::npos);
}

TEST_CASE("server errors are classified by Code, then by HTTP status", "[decoder]")
{
    struct row {
        unsigned status;
        std::string_view code;
        errc condition;
    };
    const row rows[] = {
        {400, "Throttling", errc::throttled},
        {400, "Throttling.User", errc::throttled},
        {429, "", errc::throttled},
        {503, "Throttling.Api", errc::throttled},
        {404, "InvalidAccessKeyId.NotFound", errc::authentication},
        {400, "SignatureDoesNotMatch", errc::authentication},
        {400, "IncompleteSignature", errc::authentication},
        {400, "InvalidTimeStamp.Expired", errc::authentication},
        {400, "SignatureNonceUsed", errc::authentication},
        {400, "InvalidSecurityToken.Expired", errc::authentication},
        {403, "Forbidden.AccessKeyDisabled", errc::authentication},
        {403, "Forbidden.RAM", errc::forbidden},
        {403, "NoPermission", errc::forbidden},
        {404, "InvalidInstanceId.NotFound", errc::not_found},
        {404, "InvalidRegionId.NotFound", errc::not_found},
        {404, "SomethingElse", errc::not_found},
        {400, "MissingParameter", errc::invalid_parameter},
        {400, "MissingParameter.RegionId", errc::invalid_parameter},
        {400, "InvalidParameter", errc::invalid_parameter},
        {400, "InvalidParamater", errc::invalid_parameter},
        {400, "InvalidClientToken.ValueNotSupported", errc::invalid_parameter},
        {403, "IncorrectInstanceStatus", errc::conflict},
        {403, "IncorrectInstanceStatus.Initializing", errc::conflict},
        {409, "OperationConflict", errc::conflict},
        {400, "IdempotentParameterMismatch", errc::conflict},
        {400, "DryRunOperation", errc::dry_run_passed},
        {500, "InternalError", errc::server_error},
        {503, "ServiceUnavailable", errc::server_error},
        {502, "", errc::server_error},
    };
    for (const auto& r : rows) {
        INFO(r.status << " " << r.code);
        const error_code ec = sansio::classify_server_error(r.status, r.code);
        CHECK(ec == r.condition);
    }
    CHECK(sansio::classify_server_error(403, "OperationDenied.NoStock") == server_errc::other);
}

TEST_CASE("lower-case envelope fields are read too", "[decoder]")
{
    auto d = decode(400, R"({"code":"InvalidParameter","message":"bad","requestId":"R2"})");
    CHECK(d.ec == errc::invalid_parameter);
    CHECK(d.diag.server.code == "InvalidParameter");
    CHECK(d.diag.server.request_id == "R2");
}

TEST_CASE("unreadable bodies are malformed responses with the status and the first bytes", "[decoder]")
{
    SECTION("HTML from a proxy")
    {
        auto d = decode(502, "<html><body>Bad Gateway</body></html>");
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.ec == errc::malformed_response);
        CHECK(d.diag.server.http_status == 502);
        CHECK(d.diag.body_excerpt == "<html><body>Bad Gateway</body></html>");
        CHECK(d.diag.client_message.find("HTTP 502") != std::string::npos);
        CHECK(d.diag.client_message.find("not JSON") != std::string::npos);
    }
    SECTION("truncated JSON")
    {
        auto d = decode(200, R"({"RequestId":"R1","Instances":{"Inst)");
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.diag.client_message.find("truncated") != std::string::npos);
        CHECK(d.diag.client_message.find("HTTP 200") != std::string::npos);
    }
    SECTION("empty body")
    {
        auto d = decode(200, "");
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.diag.client_message.find("empty") != std::string::npos);
    }
    SECTION("not an object")
    {
        auto d = decode(200, "[1,2]");
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.diag.client_message.find("not a JSON object") != std::string::npos);
    }
    SECTION("binary garbage is escaped and cut")
    {
        std::string body(300, '\x01');
        auto d = decode(200, body);
        CHECK(d.ec == client_errc::malformed_response);
        CHECK(d.diag.body_excerpt.starts_with("\\x01\\x01"));
        CHECK(d.diag.body_excerpt.ends_with("..."));
        CHECK(d.diag.body_excerpt.size() == 128 * 4 + 3);
    }
}

TEST_CASE("an exception carries the diagnostics", "[decoder]")
{
    auto d = decode(400, R"({"Code":"Throttling","Message":"slow down","RequestId":"R9"})");
    try {
        throw_on_error(d.ec, d.diag);
        FAIL("no exception");
    } catch (const error_with_diagnostics& e) {
        CHECK(e.code() == errc::throttled);
        CHECK(e.get_diagnostics().server.request_id == "R9");
        CHECK(std::string(e.what()).find("Throttling: slow down") != std::string::npos);
    }
}
