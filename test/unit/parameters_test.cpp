#include <alicloud/core/parameters.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

TEST_CASE("scalars travel as the wire wants them", "[parameters]")
{
    parameters p;
    p.set("DryRun", true).set("Force", false).set("Amount", 3).set("Offset", -7).set("Big", std::uint64_t{18446744073709551615u});
    CHECK(*p.find("DryRun") == "true");
    CHECK(*p.find("Force") == "false");
    CHECK(*p.find("Amount") == "3");
    CHECK(*p.find("Offset") == "-7");
    CHECK(*p.find("Big") == "18446744073709551615");
}

TEST_CASE("set replaces, append keeps duplicates, erase removes", "[parameters]")
{
    parameters p{{"A", "1"}, {"B", "2"}};
    p.set("A", "3");
    CHECK(p.size() == 2);
    CHECK(*p.find("A") == "3");
    p.append("B", "again");
    CHECK(p.size() == 3);
    CHECK(p.erase("A"));
    CHECK_FALSE(p.erase("A"));
    CHECK(p.find("A") == nullptr);
}

TEST_CASE("repeat lists are 1-based Name.N", "[parameters]")
{
    parameters p;
    const std::vector<std::string> ids = {"i-1", "i-2", "i-3"};
    p.set_repeat_list("InstanceId", ids);
    REQUIRE(p.size() == 3);
    CHECK(p.items()[0] == parameter{"InstanceId.1", "i-1"});
    CHECK(p.items()[2] == parameter{"InstanceId.3", "i-3"});
    p.set_repeat_list("SecurityGroupIds", {"sg-1"});
    CHECK(*p.find("SecurityGroupIds.1") == "sg-1");
}

TEST_CASE("JSON-array-in-a-string parameters escape their items", "[parameters]")
{
    parameters p;
    p.set_json_array("InstanceIds", {"i-1", "i-\"2\""});
    CHECK(*p.find("InstanceIds") == R"(["i-1","i-\"2\""])");
    p.set_json_array("PrivateIpAddresses", std::vector<std::string>{});
    CHECK(*p.find("PrivateIpAddresses") == "[]");
}

TEST_CASE("structs and lists of structs flatten like the official SDKs", "[parameters]")
{
    parameters p;
    p.set_flattened("SystemDisk", boost::json::parse(R"({"Category":"cloud_essd","Size":40})"));
    p.set_flattened("DataDisk", boost::json::parse(R"([{"Size":100,"DeleteWithInstance":true},{"Size":200}])"));
    p.set_flattened("Tag", boost::json::parse(R"([{"Key":"env","Value":"prod"}])"));
    p.set_flattened("NetworkInterface", boost::json::parse(R"([{"SecurityGroupIds":["sg-1","sg-2"],"Skip":null}])"));
    const parameters expected{{"SystemDisk.Category", "cloud_essd"},
                              {"SystemDisk.Size", "40"},
                              {"DataDisk.1.Size", "100"},
                              {"DataDisk.1.DeleteWithInstance", "true"},
                              {"DataDisk.2.Size", "200"},
                              {"Tag.1.Key", "env"},
                              {"Tag.1.Value", "prod"},
                              {"NetworkInterface.1.SecurityGroupIds.1", "sg-1"},
                              {"NetworkInterface.1.SecurityGroupIds.2", "sg-2"}};
    CHECK(p == expected);
}
