// Schema mode: every ECS operation the emulator keeps no state for is checked
// and answered from the official schema (schema_catalog.hpp).

#include "harness.hpp"
#include "schema_catalog.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <set>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace emu = alicloud::emulator;

namespace {

// The body without its RequestId, to compare two answers.
std::string without_request_id(boost::json::value v)
{
    v.as_object().erase("RequestId");
    return boost::json::serialize(v);
}

} // namespace

TEST_CASE("schema mode: every ECS operation is known, none answers InvalidAction.NotFound", "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    const auto names = emu::schema_operation_names(emu::builtin_schemas(), "2014-05-26");
    CHECK(names.size() == 380);
    std::size_t answered = 0;
    std::set<std::string> codes;
    for (const auto& action : names) {
        auto r = c.call(action, {{"RegionId", "cn-hangzhou"}});
        INFO(action << ": " << r.body);
        CHECK(r.code() != "InvalidAction.NotFound");
        CHECK((r.status == 200 || r.status == 400 || r.status == 403 || r.status == 404));
        if (r.status == 200)
            ++answered;
        else
            codes.insert(r.code());
        REQUIRE(r.json.is_object());
        CHECK(r.json.as_object().contains("RequestId"));
    }
    // Those that need more than a RegionId say which parameter is missing.
    INFO("answered " << answered);
    CHECK(answered > 30);
    CHECK(codes.contains("MissingParameter"));
}

TEST_CASE("schema mode: an answer has every field of the response schema, lists of two, the schema's examples",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    // DescribeDedicatedHosts: security groups keep state now (network_test.cpp).
    auto r = c.call("DescribeDedicatedHosts", {{"RegionId", "cn-hangzhou"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto& body = r.json.as_object();
    CHECK(body.at("NextToken") == "e71d8a535bd9cc11"); // the schema's example
    CHECK(body.at("TotalCount").is_int64());           // int32 in the schema: a JSON number
    CHECK(body.at("TotalCount") == 3);
    const auto& hosts = body.at("DedicatedHosts").at("DedicatedHost").as_array();
    REQUIRE(hosts.size() == 2);
    const auto& host = hosts[0].as_object();
    CHECK(host.at("Cores").as_int64() != 0);
    CHECK(host.at("Description").is_string());
    CHECK_FALSE(host.at("Description").as_string().empty());
    CHECK(host.at("Tags").at("Tag").as_array().size() == 2);
    // Booleans are true: a reader tells them from "not sent".
    auto disks = c.call("DescribeDisks", {{"RegionId", "cn-hangzhou"}});
    REQUIRE(disks.status == 200);
    CHECK(disks.json.at("Disks").at("Disk").at(0).at("Portable") == true);
    // The RequestId is fresh; everything else is the same every time.
    auto again = c.call("DescribeDedicatedHosts", {{"RegionId", "cn-hangzhou"}});
    CHECK(again.json.at("RequestId") != r.json.at("RequestId"));
    CHECK(without_request_id(again.json) == without_request_id(r.json));
    CHECK(r.headers["x-acs-request-id"] == r.json.at("RequestId").as_string());
}

TEST_CASE("schema mode: a missing required parameter is named, lists by their first element", "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = c.call("AuthorizeSecurityGroup", {{"RegionId", "cn-hangzhou"}});
    CHECK(r.status == 400);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"SecurityGroupId\""));

    r = c.call("TagResources", {{"RegionId", "cn-hangzhou"}, {"ResourceType", "instance"}, {"Tag.1.Key", "k"}, {"Tag.1.Value", "v"}});
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"ResourceId.1\""));

    // An empty value is not a value.
    r = c.call("DeleteSecurityGroup", {{"RegionId", "cn-hangzhou"}, {"SecurityGroupId", ""}});
    CHECK(r.code() == "MissingParameter");

    r = c.call("TagResources", {{"RegionId", "cn-hangzhou"},
                                {"ResourceType", "instance"},
                                {"ResourceId.1", "i-1"},
                                {"Tag.1.Key", "k"},
                                {"Tag.1.Value", "v"}});
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("schema mode: typed values must be well-formed, named in the error", "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    struct bad_case {
        const char* name;
        const char* value;
        const char* reported;
    };
    const bad_case cases[] = {
        {"PageSize", "ten", "PageSize"},            // int32
        {"PageSize", "4294967296", "PageSize"},     // beyond int32
        {"OwnerId", "1.5", "OwnerId"},              // int64
        {"DryRun", "yes", "DryRun"},                // boolean
        {"Tag.0.Key", "k", "Tag.0"},                // lists count from 1
        {"Tag.x.Key", "k", "Tag.x"},                //
        {"Tag", "k", "Tag"},                        // a list is not one value
    };
    for (const auto& bad : cases) {
        auto r = c.call("DescribeSecurityGroups", {{"RegionId", "cn-hangzhou"}, {bad.name, bad.value}});
        INFO(bad.name << "=" << bad.value << ": " << r.body);
        CHECK(r.status == 400);
        CHECK(r.code() == "InvalidParameter");
        CHECK_THAT(r.message(), Catch::Contains(std::string("\"") + bad.reported + "\""));
    }
    auto ok = c.call("DescribeSecurityGroups", {{"RegionId", "cn-hangzhou"},
                                                {"PageSize", "10"},
                                                {"OwnerId", "-1"},
                                                {"DryRun", "false"},
                                                {"Tag.1.Key", "k"},
                                                {"Tag.2.Value", "v"},
                                                {"Unknown.Parameter", "ignored, as the service does"}});
    INFO(ok.body);
    CHECK(ok.status == 200);
    // A float, and a struct flattened as Name.Field.
    auto r = c.call("AllocateDedicatedHosts", {{"RegionId", "cn-hangzhou"},
                                               {"DedicatedHostType", "ddh.g6"},
                                               {"CpuOverCommitRatio", "1.5x"}});
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"CpuOverCommitRatio\""));
    r = c.call("AllocateDedicatedHosts", {{"RegionId", "cn-hangzhou"},
                                          {"DedicatedHostType", "ddh.g6"},
                                          {"NetworkAttributes.UdpTimeout", "sixty"}});
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"NetworkAttributes.UdpTimeout\""));
    r = c.call("AllocateDedicatedHosts", {{"RegionId", "cn-hangzhou"},
                                          {"DedicatedHostType", "ddh.g6"},
                                          {"CpuOverCommitRatio", "1.5"},
                                          {"NetworkAttributes.UdpTimeout", "60"}});
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("schema mode: a parameter sent as one JSON string must be JSON of its type", "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    const parameters base{{"RegionId", "cn-hangzhou"}, {"Type", "RunShellScript"}, {"CommandContent", "ZWNobw=="}};
    parameters bad = base;
    bad.set("Parameters", "{not json");
    auto r = c.call("RunCommand", bad);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"Parameters\""));
    bad.set("Parameters", "[1,2]"); // a map is a JSON object
    CHECK(c.call("RunCommand", bad).code() == "InvalidParameter");
    parameters good = base;
    good.set("Parameters", R"({"name":"Jack"})");
    r = c.call("RunCommand", good);
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("schema mode: DryRun, XML, and an action or version the schema does not have", "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = c.call("CreateSecurityGroup", {{"RegionId", "cn-hangzhou"}, {"DryRun", "true"}});
    CHECK(r.status == 400);
    CHECK(r.code() == "DryRunOperation");
    // As for the operations with state: True is true.
    r = c.call("CreateSecurityGroup", {{"RegionId", "cn-hangzhou"}, {"DryRun", "True"}});
    CHECK(r.code() == "DryRunOperation");

    call_options xml;
    xml.signature = signature_version::v1;
    xml.format = "XML";
    r = c.call("CreateSecurityGroup", {{"RegionId", "cn-hangzhou"}}, xml);
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::StartsWith("<?xml") && Catch::Contains("<CreateSecurityGroupResponse>") &&
                           Catch::Contains("<SecurityGroupId>"));

    r = c.call("DescribeSecurityGroupz", {{"RegionId", "cn-hangzhou"}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidAction.NotFound");
    call_options other_version;
    other_version.version = "2099-01-01";
    r = c.call("DescribeSecurityGroups", {{"RegionId", "cn-hangzhou"}}, other_version);
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidAction.NotFound");
}

// ---- VPC, STS and RAM: the same listener, told apart by Version ----------

namespace {

struct product_case {
    const char* name;
    const char* version;
    std::size_t operations;
};

constexpr product_case other_products[] = {
    {"VPC", "2016-04-28", 402},
    {"STS", "2015-04-01", 3},
    {"RAM", "2015-05-01", 61},
};

call_options version_of(const char* version)
{
    call_options o;
    o.version = version;
    return o;
}

} // namespace

TEST_CASE("schema mode: every VPC, STS and RAM operation is known, none answers InvalidAction.NotFound",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    for (const auto& product : other_products) {
        const auto names = emu::schema_operation_names(emu::builtin_schemas(), product.version);
        INFO(product.name);
        CHECK(names.size() == product.operations);
        std::size_t answered = 0;
        for (const auto& action : names) {
            auto r = c.call(action, {{"RegionId", "cn-hangzhou"}}, version_of(product.version));
            INFO(action << ": " << r.body);
            CHECK(r.code() != "InvalidAction.NotFound");
            // An answer, or the parameter the call lacks.
            CHECK((r.status == 200 || r.code() == "MissingParameter"));
            answered += r.status == 200 ? 1 : 0;
            REQUIRE(r.json.is_object());
            CHECK(r.json.as_object().contains("RequestId"));
        }
        // With a RegionId only: VPC 89 of 402, STS 1 of 3, RAM 58 of 61 (the Node
        // test calls each with every parameter).
        INFO("answered " << answered << " of " << names.size());
        CHECK(answered > 0);
    }
}

TEST_CASE("schema mode: VPC checks required and typed parameters, JSON-encoded structs field by field",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = version_of("2016-04-28");
    auto r = c.call("TagResources", {{"RegionId", "cn-hangzhou"}, {"ResourceType", "VPC"}, {"Tag.1.Key", "k"}}, vpc);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"ResourceId.1\""));
    // (DescribeVpcs keeps state now: a schema-mode read stands in for it.)
    r = c.call("DescribeNatGateways", {{"RegionId", "cn-hangzhou"}, {"PageSize", "ten"}}, vpc);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"PageSize\""));
    r = c.call("DescribeNatGateways", {{"RegionId", "cn-hangzhou"}, {"PageSize", "10"}, {"DryRun", "false"}}, vpc);
    INFO(r.body);
    CHECK(r.status == 200);
    CHECK(r.json.at("NatGateways").at("NatGateway").as_array().size() == 2);

    // AccessMode is one JSON object whose fields are strings.
    const parameters nat{{"RegionId", "cn-hangzhou"}, {"VpcId", "vpc-1"}};
    for (const char* bad : {"{not json", "[]", R"({"ModeValue":["route"]})"}) {
        parameters p = nat;
        p.set("AccessMode", bad);
        r = c.call("CreateNatGateway", p, vpc);
        INFO(bad << ": " << r.body);
        CHECK(r.code() == "InvalidParameter");
        CHECK_THAT(r.message(), Catch::Contains("\"AccessMode\""));
    }
    parameters good = nat;
    good.set("AccessMode", R"({"ModeValue":"route","TunnelType":"geneve"})");
    r = c.call("CreateNatGateway", good, vpc);
    INFO(r.body);
    CHECK(r.status == 200);

    // VbrInstanceIds is a list the SDK sends as one value, "a,b" (its style "simple").
    const parameters grant{{"RegionId", "cn-hangzhou"}, {"GrantType", "Specify"},  {"InstanceId", "vpc-1"},
                           {"VbrOwnerUid", "1210123456123456"}, {"VbrRegionNo", "cn-hangzhou"}};
    parameters flattened = grant;
    flattened.set("VbrInstanceIds.1", "vbr-1");
    r = c.call("GrantInstanceToVbr", flattened, vpc);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"VbrInstanceIds\""));
    parameters joined = grant;
    joined.set("VbrInstanceIds", "vbr-1,vbr-2");
    r = c.call("GrantInstanceToVbr", joined, vpc);
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("schema mode: STS keeps AssumeRole stateful, serves the others from the schema, unsigned where anonymous",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    const auto sts = version_of("2015-04-01");
    // AssumeRole is sts_service's: real credentials, not the schema's examples.
    auto r = c.call("AssumeRole", {{"RoleArn", "acs:ram::123456789012:role/test-role"}, {"RoleSessionName", "s1"}}, sts);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK_THAT(std::string(r.json.at("Credentials").at("AccessKeyId").as_string()), Catch::StartsWith("STS."));

    // RoleSessionName is required by the official metadata (the SDK's schema does not say).
    r = c.call("AssumeRoleWithOIDC", {{"OIDCToken", "t"}}, sts);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"RoleSessionName\""));
    r = c.call("AssumeRoleWithSAML", {{"DurationSeconds", "an hour"}}, sts);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"DurationSeconds\""));

    // The SAML and OIDC operations are called with no AccessKey: unsigned, as the SDK sends them.
    const std::vector<http_header> form{{"Content-Type", "application/x-www-form-urlencoded"}};
    r = c.raw(boost::beast::http::verb::post, "/?Action=AssumeRoleWithSAML&Version=2015-04-01&Format=JSON",
              "SAMLAssertion=PHNhbWw%2B&SAMLProviderArn=acs%3Aram%3A%3A1%3Asaml-provider%2Fidp", form);
    INFO(r.body);
    CHECK(r.status == 200);
    CHECK(r.json.at("Credentials").at("AccessKeyId").is_string());
    CHECK(c.requests().back().at("signature_version") == "none");
    // Not AssumeRole, nor an operation of another product.
    r = c.raw(boost::beast::http::verb::post, "/?Action=AssumeRole&Version=2015-04-01&Format=JSON",
              "RoleArn=acs%3Aram%3A%3A123456789012%3Arole%2Ftest-role&RoleSessionName=s1", form);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"AccessKeyId\""));
    r = c.raw(boost::beast::http::verb::post, "/?Action=ListUsers&Version=2015-05-01&Format=JSON", "", form);
    CHECK(r.code() == "MissingParameter");
}

TEST_CASE("schema mode: RAM checks JSON-encoded lists and policy documents, answers policies that are JSON",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    const auto ram = version_of("2015-05-01");
    // Required by the official metadata: ResourceType, Tag, and each tag's Key and Value.
    auto r = c.call("TagResources", {{"ResourceNames", R"(["alice"])"}, {"Tag", R"([{"Key":"k","Value":"v"}])"}}, ram);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"ResourceType\""));
    r = c.call("TagResources", {{"ResourceType", "user"}, {"ResourceNames", R"(["alice"])"}, {"Tag", R"([{"Key":"k"}])"}},
               ram);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"Tag\"") && Catch::Contains("Tag[0].Value"));
    r = c.call("TagResources", {{"ResourceType", "user"}, {"ResourceNames", R"({"a":1})"}, {"Tag", R"([{"Key":"k","Value":"v"}])"}},
               ram);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"ResourceNames\""));
    r = c.call("TagResources", {{"ResourceType", "user"}, {"ResourceNames", R"(["alice"])"}, {"Tag", R"([{"Key":"k","Value":"v"}])"}},
               ram);
    INFO(r.body);
    CHECK(r.status == 200);

    r = c.call("ListUsers", {{"MaxItems", "many"}}, ram);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"MaxItems\""));

    // A policy document is a string of JSON: the service parses it, and so do its readers.
    r = c.call("CreatePolicy", {{"PolicyName", "p"}, {"PolicyDocument", "Allow everything"}}, ram);
    CHECK(r.code() == "InvalidParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"PolicyDocument\""));
    r = c.call("CreatePolicy",
               {{"PolicyName", "p"}, {"PolicyDocument", R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"}},
               ram);
    INFO(r.body);
    CHECK(r.status == 200);
    r = c.call("GetPolicyVersion", {{"PolicyName", "p"}, {"PolicyType", "Custom"}, {"VersionId", "v1"}}, ram);
    REQUIRE(r.status == 200);
    const auto document = boost::json::parse(r.json.at("PolicyVersion").at("PolicyDocument").as_string());
    CHECK(document.at("Statement").as_array().size() == 1);
}

TEST_CASE("schema mode: an operation under another product's version, or a version we do not have, is 404",
          "[emulator][schema]")
{
    running_emulator emu;
    client c(emu.http);
    struct wrong {
        const char* action;
        const char* version;
    };
    const wrong cases[] = {
        {"DescribeVpcs", "2016-04-29"},       {"DescribeVpcAttribute", "2014-05-26"}, // VPC's, not ECS's
        {"AssumeRoleWithSAML", "2015-04-02"}, {"AssumeRoleWithSAML", "2015-05-01"},
        {"ListUsers", "2015-05-02"},          {"ListUsers", "2016-04-28"},
    };
    for (const auto& w : cases) {
        auto r = c.call(w.action, {{"RegionId", "cn-hangzhou"}}, version_of(w.version));
        INFO(w.action << " " << w.version << ": " << r.body);
        CHECK(r.status == 404);
        CHECK(r.code() == "InvalidAction.NotFound");
    }
}
