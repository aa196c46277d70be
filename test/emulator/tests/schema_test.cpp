// Schema mode: every ECS operation the emulator keeps no state for is checked
// and answered from the official schema (schema_catalog.hpp).

#include "harness.hpp"
#include "schema_catalog.hpp"

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
