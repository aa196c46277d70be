// Every ECS operation the emulator serves, its documented errors, and the
// shapes of its answers.

#include "harness.hpp"

#include <boost/beast/http/verb.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace alicloud;
using namespace alicloud::emulator::test;

namespace {

std::vector<std::string> run(client& c, const std::string& region, int amount, parameters extra = {})
{
    parameters p = std::move(extra);
    p.set("RegionId", region).set("ImageId", "aliyun_3_x64_20G_alibase_20240528.vhd").set("InstanceType", "ecs.g7.large");
    p.set("Amount", amount);
    auto r = c.call("RunInstances", p);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::vector<std::string> ids;
    for (const auto& id : r.json.at("InstanceIdSets").at("InstanceIdSet").as_array())
        ids.emplace_back(id.as_string());
    REQUIRE(ids.size() == static_cast<std::size_t>(amount));
    return ids;
}

std::string status_of(client& c, const std::string& id)
{
    auto r = c.call("DescribeInstanceAttribute", {{"InstanceId", id}});
    REQUIRE(r.status == 200);
    return std::string(r.json.at("Status").as_string());
}

std::set<std::string> listed_ids(const response& r)
{
    std::set<std::string> out;
    for (const auto& i : r.json.at("Instances").at("Instance").as_array())
        out.emplace(i.at("InstanceId").as_string());
    return out;
}

} // namespace

TEST_CASE("DescribeRegions lists regions, localised, in JSON or XML", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = c.call("DescribeRegions");
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json.as_object().contains("Code")); // a success carries no Code (ecs-api.md §1.9)
    const auto& regions = r.json.at("Regions").at("Region").as_array();
    REQUIRE(regions.size() >= 5);
    CHECK(regions[0].at("RegionId") == "cn-hangzhou");
    CHECK(regions[0].at("RegionEndpoint") == "ecs.cn-hangzhou.aliyuncs.com");
    CHECK(regions[0].at("Status") == "available");

    auto en = c.call("DescribeRegions", {{"AcceptLanguage", "en-US"}});
    CHECK(en.json.at("Regions").at("Region").at(0).at("LocalName") == "China (Hangzhou)");

    auto xml = c.call("DescribeRegions", {}, {.signature = signature_version::v1, .format = "XML"});
    REQUIRE(xml.status == 200);
    CHECK(xml.body.find("<DescribeRegionsResponse><RequestId>") != std::string::npos);
    CHECK(xml.body.find("<Regions><Region><RegionId>cn-hangzhou</RegionId>") != std::string::npos);
    CHECK(std::string(xml.headers[boost::beast::http::field::content_type]).starts_with("text/xml"));
}

TEST_CASE("DescribeZones needs a known RegionId", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = c.call("DescribeZones", {{"RegionId", "cn-hangzhou"}});
    REQUIRE(r.status == 200);
    const auto& zone = r.json.at("Zones").at("Zone").at(0);
    CHECK(zone.at("ZoneId") == "cn-hangzhou-h");
    CHECK(zone.at("AvailableResources").at("ResourcesInfo").at(0).at("InstanceTypes").at("supportedInstanceType").as_array().size() > 0);

    auto missing = c.call("DescribeZones");
    CHECK(missing.status == 400);
    CHECK(missing.code() == "MissingParameter");
    CHECK(missing.message().find("\"RegionId\"") != std::string::npos);

    auto unknown = c.call("DescribeZones", {{"RegionId", "mars-north-1"}});
    CHECK(unknown.status == 404);
    CHECK(unknown.code() == "InvalidRegionId.NotFound");
}

TEST_CASE("RunInstances: Pending, then Starting, then Running, on the emulator's timers", "[emulator][api][lifecycle]")
{
    running_emulator emu;
    client c(emu.http);
    auto ids = run(c, "cn-hangzhou", 2, parameters{{"Tag.1.Key", "env"}, {"Tag.1.Value", "test"}, {"InternetMaxBandwidthOut", "5"}});
    CHECK(std::regex_match(ids[0], std::regex("i-bp[a-z0-9]{18}")));
    CHECK(status_of(c, ids[0]) == "Pending");
    CHECK(c.wait_for_status("cn-hangzhou", ids, "Running"));

    auto r = c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}});
    REQUIRE(r.status == 200);
    const auto& item = r.json.at("Instances").at("Instance").at(0);
    CHECK(std::regex_match(std::string(item.at("CreationTime").as_string()), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\dZ)")));
    CHECK(item.at("Tags").at("Tag").at(0).at("TagKey") == "env");
    CHECK(item.at("Tags").at("Tag").at(0).at("TagValue") == "test");
    CHECK(item.at("PublicIpAddress").at("IpAddress").as_array().size() == 1); // bandwidth > 0: a public IP
    CHECK(item.at("IoOptimized").is_bool());
    CHECK(item.at("Memory") == 8192);
    CHECK(item.at("Cpu") == 2);
}

TEST_CASE("CreateInstance ends Stopped without a public IP, StartInstance runs it", "[emulator][api][lifecycle]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = c.call("CreateInstance", {{"RegionId", "cn-shanghai"}, {"ImageId", "img"}, {"InstanceType", "ecs.c7.large"},
                                       {"InternetMaxBandwidthOut", "10"}});
    REQUIRE(r.status == 200);
    const std::string id(r.json.at("InstanceId").as_string());
    CHECK(c.wait_for_status("cn-shanghai", {id}, "Stopped"));
    auto attr = c.call("DescribeInstanceAttribute", {{"InstanceId", id}});
    CHECK(attr.json.at("PublicIpAddress").at("IpAddress").as_array().empty());
    CHECK(attr.json.at("IoOptimized") == "optimized"); // a string here (ecs-api.md §4.13)

    CHECK(c.call("StartInstance", {{"InstanceId", id}}).status == 200);
    CHECK(status_of(c, id) == "Starting");
    CHECK(c.wait_for_status("cn-shanghai", {id}, "Running"));
}

TEST_CASE("Stop, reboot, start and delete follow the state rules", "[emulator][api][lifecycle]")
{
    running_emulator emu;
    client c(emu.http);
    auto ids = run(c, "cn-beijing", 3);

    SECTION("while Pending")
    {
        auto del = c.call("DeleteInstance", {{"InstanceId", ids[0]}});
        CHECK(del.status == 403);
        CHECK(del.code() == "IncorrectInstanceStatus.Initializing");
        auto start = c.call("StartInstance", {{"InstanceId", ids[0]}});
        CHECK(start.status == 403);
        CHECK(start.code() == "IncorrectInstanceStatus");
    }
    SECTION("once Running")
    {
        REQUIRE(c.wait_for_status("cn-beijing", ids, "Running"));
        auto start = c.call("StartInstance", {{"InstanceId", ids[0]}});
        CHECK(start.status == 403);
        CHECK(start.code() == "IncorrectInstanceStatus");
        CHECK(c.call("DeleteInstance", {{"InstanceId", ids[0]}}).code() == "IncorrectInstanceStatus");

        REQUIRE(c.call("StopInstance", {{"InstanceId", ids[0]}, {"StoppedMode", "StopCharging"}}).status == 200);
        CHECK(status_of(c, ids[0]) == "Stopping");
        CHECK(c.wait_for_status("cn-beijing", {ids[0]}, "Stopped"));
        CHECK(c.call("DescribeInstanceAttribute", {{"InstanceId", ids[0]}}).json.at("StoppedMode") == "StopCharging");
        CHECK(c.call("StopInstance", {{"InstanceId", ids[0]}}).code() == "IncorrectInstanceStatus");
        CHECK(c.call("StopInstance", {{"InstanceId", ids[1]}, {"StoppedMode", "Sometimes"}}).code() == "InvalidParameter");

        REQUIRE(c.call("RebootInstance", {{"InstanceId", ids[1]}}).status == 200);
        CHECK(status_of(c, ids[1]) == "Starting");
        CHECK(c.wait_for_status("cn-beijing", {ids[1]}, "Running"));

        CHECK(c.call("DeleteInstance", {{"InstanceId", ids[0]}}).status == 200); // Stopped
        CHECK(c.call("DeleteInstance", {{"InstanceId", ids[1]}, {"Force", "true"}}).status == 200);
        auto gone = c.call("DescribeInstanceAttribute", {{"InstanceId", ids[0]}});
        CHECK(gone.status == 404);
        CHECK(gone.code() == "InvalidInstanceId.NotFound");
        CHECK(c.call("StopInstance", {{"InstanceId", ids[1]}}).status == 404);
        CHECK(c.call("RebootInstance", {{"InstanceId", "i-nosuch"}}).code() == "InvalidInstanceId.NotFound");
    }
}

TEST_CASE("DeleteInstances is all or nothing, its dry run says DRYRUN.SUCCESS", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    auto ids = run(c, "cn-hangzhou", 3);
    REQUIRE(c.wait_for_status("cn-hangzhou", ids, "Running"));

    parameters p{{"RegionId", "cn-hangzhou"}};
    p.set_repeat_list("InstanceId", {ids[0], ids[1], "i-nosuch"});
    p.set("Force", true);
    CHECK(c.call("DeleteInstances", p).code() == "InvalidInstanceId.NotFound");

    parameters not_forced{{"RegionId", "cn-hangzhou"}};
    not_forced.set_repeat_list("InstanceId", {ids[0], ids[1]});
    CHECK(c.call("DeleteInstances", not_forced).code() == "IncorrectInstanceStatus");

    parameters dry = not_forced;
    dry.set("Force", true).set("DryRun", true);
    auto d = c.call("DeleteInstances", dry);
    CHECK(d.status == 400);
    CHECK(d.code() == "DRYRUN.SUCCESS");

    auto all = c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}});
    CHECK(all.json.at("TotalCount") == 3); // nothing was deleted so far

    not_forced.set("Force", true);
    CHECK(c.call("DeleteInstances", not_forced).status == 200);
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}})) == std::set<std::string>{ids[2]});

    auto missing = c.call("DeleteInstances", {{"RegionId", "cn-hangzhou"}});
    CHECK(missing.code() == "MissingParameter");
    CHECK(missing.message().find("\"InstanceId.1\"") != std::string::npos);
}

TEST_CASE("DescribeInstances filters", "[emulator][api]")
{
    auto opts = fast_options();
    opts.pending = std::chrono::seconds(30); // every instance stays Pending for the Status filter
    running_emulator emu(opts);
    client c(emu.http);
    auto web = run(c, "cn-hangzhou", 2,
                   parameters{{"InstanceName", "web-node"}, {"Tag.1.Key", "role"}, {"Tag.1.Value", "web"}, {"ZoneId", "cn-hangzhou-i"}});
    auto db = run(c, "cn-hangzhou", 1, parameters{{"InstanceName", "db-primary"}, {"Tag.1.Key", "role"}, {"Tag.1.Value", "db"}});
    run(c, "cn-shanghai", 1);
    const std::string region = "cn-hangzhou";

    parameters by_ids{{"RegionId", region}};
    by_ids.set_json_array("InstanceIds", {web[0], db[0], "i-nosuch"});
    CHECK(listed_ids(c.call("DescribeInstances", by_ids)) == std::set<std::string>{web[0], db[0]});

    parameters none{{"RegionId", region}};
    none.set_json_array("InstanceIds", std::vector<std::string>{});
    CHECK(listed_ids(c.call("DescribeInstances", none)).empty()); // "[]" is a filter that matches nothing

    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"InstanceName", "web-*"}})) ==
          std::set<std::string>(web.begin(), web.end()));
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"InstanceName", "*primary"}})) ==
          std::set<std::string>{db[0]});
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"ZoneId", "cn-hangzhou-i"}})) ==
          std::set<std::string>(web.begin(), web.end()));
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"Tag.1.Key", "role"}, {"Tag.1.Value", "db"}})) ==
          std::set<std::string>{db[0]});
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"Tag.1.Key", "role"}})).size() == 3);
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"Status", "Pending"}})).size() == 3);
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"Status", "Stopped"}})).empty());

    const std::string vpc(c.call("DescribeInstanceAttribute", {{"InstanceId", web[0]}}).json.at("VpcAttributes").at("VpcId").as_string());
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", region}, {"VpcId", vpc}})).contains(web[0]));

    auto bad_status = c.call("DescribeInstances", {{"RegionId", region}, {"Status", "Sleeping"}});
    CHECK(bad_status.status == 404);
    CHECK(bad_status.code() == "InvalidStatus.NotFound");
    auto bad_ids = c.call("DescribeInstances", {{"RegionId", region}, {"InstanceIds", "i-1,i-2"}});
    CHECK(bad_ids.status == 400);
    CHECK(bad_ids.code() == "InvalidParameter");
    auto dry = c.call("DescribeInstances", {{"RegionId", region}, {"DryRun", "true"}});
    CHECK(dry.code() == "DryRunOperation");
}

TEST_CASE("DescribeInstances pages by PageNumber/PageSize and by NextToken/MaxResults", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    auto ids = run(c, "cn-qingdao", 25);
    const std::set<std::string> all(ids.begin(), ids.end());

    std::set<std::string> seen;
    for (int page = 1; page <= 3; ++page) {
        auto r = c.call("DescribeInstances", {{"RegionId", "cn-qingdao"}, {"PageNumber", std::to_string(page)}, {"PageSize", "10"}});
        REQUIRE(r.status == 200);
        CHECK(r.json.at("TotalCount") == 25);
        CHECK(r.json.at("PageNumber") == page);
        CHECK(r.json.at("PageSize") == 10);
        for (const auto& id : listed_ids(r))
            CHECK(seen.insert(id).second);
    }
    CHECK(seen == all);
    CHECK(listed_ids(c.call("DescribeInstances", {{"RegionId", "cn-qingdao"}, {"PageNumber", "4"}, {"PageSize", "10"}})).empty());

    seen.clear();
    std::string token;
    int pages = 0;
    do {
        parameters p{{"RegionId", "cn-qingdao"}, {"MaxResults", "10"}};
        if (!token.empty())
            p.set("NextToken", token);
        auto r = c.call("DescribeInstances", p);
        REQUIRE(r.status == 200);
        for (const auto& id : listed_ids(r))
            CHECK(seen.insert(id).second);
        token = r.json.at("NextToken").as_string();
        REQUIRE(++pages <= 3);
    } while (!token.empty());
    CHECK(pages == 3);
    CHECK(seen == all);

    CHECK(c.call("DescribeInstances", {{"RegionId", "cn-qingdao"}, {"NextToken", "garbage"}}).code() == "InvalidParameter");
    CHECK(c.call("DescribeInstances", {{"RegionId", "cn-qingdao"}, {"PageSize", "101"}}).code() == "InvalidParameter");
    auto not_int = c.call("DescribeInstances", {{"RegionId", "cn-qingdao"}, {"PageSize", "ten"}});
    CHECK(not_int.status == 400);
    CHECK(not_int.message().find("PageSize") != std::string::npos);

    auto statuses = c.call("DescribeInstanceStatus", {{"RegionId", "cn-qingdao"}, {"PageSize", "50"}});
    CHECK(statuses.json.at("TotalCount") == 25);
    CHECK(statuses.json.at("InstanceStatuses").at("InstanceStatus").as_array().size() == 25);
    CHECK(c.call("DescribeInstanceStatus", {{"RegionId", "cn-qingdao"}, {"PageSize", "51"}}).code() == "InvalidParameter");
}

TEST_CASE("RunInstances validates its input and honours DryRun", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    const parameters base{{"RegionId", "cn-hangzhou"}, {"ImageId", "img"}, {"InstanceType", "ecs.g7.large"}};

    auto with = [&](std::string_view name, std::string_view value) {
        parameters p = base;
        p.set(name, value);
        return c.call("RunInstances", p);
    };
    auto without = [&](std::string_view name) {
        parameters p = base;
        p.erase(name);
        return c.call("RunInstances", p);
    };
    CHECK(without("ImageId").code() == "MissingParameter");
    CHECK(without("InstanceType").code() == "MissingParameter");
    CHECK(without("RegionId").code() == "MissingParameter");
    CHECK(with("InstanceType", "ecs.nosuch.large").code() == "InvalidInstanceType.ValueNotSupported");
    CHECK(with("ZoneId", "cn-beijing-g").code() == "InvalidZoneId.NotFound");
    CHECK(with("Amount", "0").code() == "InvalidParameter");
    CHECK(with("Amount", "101").code() == "InvalidParameter");
    CHECK(with("InternetMaxBandwidthOut", "101").code() == "InvalidParameter");
    CHECK(with("Tag.1.Key", "acs:reserved").code() == "InvalidTagKey.Malformed");
    CHECK(with("ClientToken", std::string(65, 'x')).code() == "InvalidClientToken.ValueNotSupported");
    CHECK(with("DryRun", "yes").code() == "InvalidParameter");

    auto dry = with("DryRun", "true");
    CHECK(dry.status == 400);
    CHECK(dry.code() == "DryRunOperation");
    CHECK(c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}}).json.at("TotalCount") == 0);
}

TEST_CASE("ClientToken: the same call returns the same result, a changed one is refused", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    parameters p{{"RegionId", "cn-hangzhou"}, {"ImageId", "img"}, {"InstanceType", "ecs.g7.large"}, {"Amount", "2"},
                 {"ClientToken", "0c593ea1-3bea-11e9-b96b-88e9fe637760"}};
    auto first = c.call("RunInstances", p);
    auto again = c.call("RunInstances", p, {.signature = signature_version::v1}); // new nonce, time, signature
    REQUIRE(first.status == 200);
    REQUIRE(again.status == 200);
    CHECK(first.json.at("InstanceIdSets") == again.json.at("InstanceIdSets"));
    CHECK(first.json.at("RequestId") != again.json.at("RequestId"));
    CHECK(c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}}).json.at("TotalCount") == 2);

    p.set("Amount", 3);
    auto changed = c.call("RunInstances", p);
    CHECK(changed.status == 400);
    CHECK(changed.code() == "IdempotentParameterMismatch");
}

TEST_CASE("Unknown actions and versions get the service's answer", "[emulator][api]")
{
    running_emulator emu;
    client c(emu.http);
    auto unknown = c.call("DescribeUnicorns");
    CHECK(unknown.status == 404);
    CHECK(unknown.code() == "InvalidAction.NotFound");

    rpc_request req{.action = "DescribeRegions", .version = "2099-01-01"};
    error_code ec;
    diagnostics diag;
    const auto host = emu.http.address().to_string() + ":" + std::to_string(emu.http.port());
    auto signed_req = sansio::sign_rpc_request(req, {"testid", "testsecret", ""}, host, sansio::make_request_stamp(), {}, ec, diag);
    REQUIRE_FALSE(ec);
    auto r = c.send(signed_req);
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidAction.NotFound");
    CHECK(r.json.at("HostId").as_string() == host);
    CHECK(std::string(r.json.at("Recommend").as_string()).starts_with("https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound"));
}
