// Networks: VPCs, vSwitches and EIPs (VPC API 2016-04-28) and security groups
// (ECS), their rules and codes, and where RunInstances places an instance.

#include "harness.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

using namespace alicloud;
using namespace alicloud::emulator::test;

namespace {

const std::string region = "cn-hangzhou";

call_options vpc_api()
{
    call_options o;
    o.version = "2016-04-28";
    return o;
}

response vpc_call(client& c, std::string_view action, parameters p)
{
    if (!p.contains("RegionId"))
        p.set("RegionId", region);
    return c.call(action, p, vpc_api());
}

// Waits until the resource is Available (on the emulator's timers), and
// Describe<kind>s says so; false after the bound.
bool wait_available(client& c, std::string_view action, std::string_view id_name, const std::string& id,
                    std::string_view list, std::string_view item)
{
    boost::json::array ids;
    ids.emplace_back(id);
    if (!c.wait({{"available", std::move(ids)}}))
        return false;
    auto r = vpc_call(c, action, {{std::string(id_name), id}});
    REQUIRE(r.status == 200);
    const auto& items = r.json.at(list).at(item).as_array();
    return items.size() == 1 && items[0].at("Status") == "Available";
}

std::string create_vpc(client& c, const std::string& cidr = "192.168.0.0/16")
{
    auto r = vpc_call(c, "CreateVpc", {{"CidrBlock", cidr}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::string id(r.json.at("VpcId").as_string());
    REQUIRE(wait_available(c, "DescribeVpcs", "VpcId", id, "Vpcs", "Vpc"));
    return id;
}

response try_vswitch(client& c, const std::string& vpc, const std::string& cidr, const std::string& zone = "cn-hangzhou-h")
{
    return vpc_call(c, "CreateVSwitch", {{"VpcId", vpc}, {"ZoneId", zone}, {"CidrBlock", cidr}});
}

std::string create_vswitch(client& c, const std::string& vpc, const std::string& cidr,
                           const std::string& zone = "cn-hangzhou-h")
{
    auto r = try_vswitch(c, vpc, cidr, zone);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::string id(r.json.at("VSwitchId").as_string());
    REQUIRE(wait_available(c, "DescribeVSwitches", "VSwitchId", id, "VSwitches", "VSwitch"));
    return id;
}

std::string create_group(client& c, const std::string& vpc)
{
    parameters p{{"RegionId", region}};
    if (!vpc.empty())
        p.set("VpcId", vpc);
    auto r = c.call("CreateSecurityGroup", p);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return std::string(r.json.at("SecurityGroupId").as_string());
}

response try_run(client& c, parameters p, int amount = 1)
{
    p.set("RegionId", region).set("ImageId", "aliyun_3_x64_20G_alibase_20240528.vhd").set("InstanceType", "ecs.g7.large");
    p.set("Amount", amount);
    return c.call("RunInstances", p);
}

std::vector<std::string> run(client& c, parameters p, int amount = 1)
{
    auto r = try_run(c, std::move(p), amount);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::vector<std::string> ids;
    for (const auto& id : r.json.at("InstanceIdSets").at("InstanceIdSet").as_array())
        ids.emplace_back(id.as_string());
    return ids;
}

boost::json::object described(client& c, const std::string& id)
{
    auto r = c.call("DescribeInstances", {{"RegionId", region}, {"InstanceIds", "[\"" + id + "\"]"}});
    REQUIRE(r.status == 200);
    const auto& items = r.json.at("Instances").at("Instance").as_array();
    REQUIRE(items.size() == 1);
    return items[0].as_object();
}

void delete_instance(client& c, const std::string& id)
{
    REQUIRE(c.wait_for_status(region, {id}, "Running"));
    auto r = c.call("DeleteInstance", {{"InstanceId", id}, {"Force", "true"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
}

std::string allocate_eip(client& c)
{
    auto r = vpc_call(c, "AllocateEipAddress", {});
    INFO(r.body);
    REQUIRE(r.status == 200);
    return std::string(r.json.at("AllocationId").as_string());
}

response associate(client& c, const std::string& eip, const std::string& instance)
{
    return vpc_call(c, "AssociateEipAddress", {{"AllocationId", eip}, {"InstanceId", instance}});
}

boost::json::value resources(client& c)
{
    auto r = c.raw(boost::beast::http::verb::get, "/_emulator/resources");
    REQUIRE(r.status == 200);
    return r.json;
}

} // namespace

TEST_CASE("network: CreateVpc is Pending, then Available on the emulator's timer", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = vpc_call(c, "CreateVpc", {});
    INFO(r.body);
    REQUIRE(r.status == 200);
    const std::string vpc(r.json.at("VpcId").as_string());
    CHECK(vpc.starts_with("vpc-bp"));
    CHECK(r.json.at("VRouterId").as_string().starts_with("vrt-"));
    CHECK(r.json.at("RouteTableId").as_string().starts_with("vtb-"));
    CHECK(r.json.at("ResourceGroupId").as_string().starts_with("rg-"));

    auto d = vpc_call(c, "DescribeVpcs", {{"VpcId", vpc}});
    const auto& item = d.json.at("Vpcs").at("Vpc").at(0);
    CHECK(item.at("Status") == "Pending");
    CHECK(item.at("CidrBlock") == "172.16.0.0/12"); // the default
    // Pending: no vSwitch yet.
    r = try_vswitch(c, vpc, "172.16.1.0/24");
    CHECK(r.code() == "IncorrectVpcStatus");

    REQUIRE(wait_available(c, "DescribeVpcs", "VpcId", vpc, "Vpcs", "Vpc"));
    const std::string vsw = create_vswitch(c, vpc, "172.16.1.0/24");
    d = vpc_call(c, "DescribeVpcs", {{"VpcId", vpc}});
    CHECK(d.json.at("Vpcs").at("Vpc").at(0).at("VSwitchIds").at("VSwitchId") == boost::json::array{boost::json::value(vsw)});
}

TEST_CASE("network: a VPC's CidrBlock is a private block", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    for (const char* bad : {"8.8.0.0/16", "192.168.1.1/24", "10.0.0.0/33", "10.0.0.0", "172.16.0.0/6", "nonsense"}) {
        auto r = vpc_call(c, "CreateVpc", {{"CidrBlock", bad}});
        INFO(bad << ": " << r.body);
        CHECK(r.status == 400);
        CHECK(r.code() == "InvalidCidrBlock.Malformed");
    }
    CHECK(vpc_call(c, "CreateVpc", {{"CidrBlock", "10.0.0.0/8"}}).status == 200);
}

TEST_CASE("network: a vSwitch's CIDR block lies inside its VPC's", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c, "192.168.0.0/16");
    auto r = try_vswitch(c, vpc, "10.0.0.0/24");
    CHECK(r.status == 400);
    CHECK(r.code() == "InvalidParameter");
    CHECK(r.message() == "Specified CIDR block is not valid in VPC.");
    r = try_vswitch(c, vpc, "192.168.0.0/15"); // larger than the VPC
    CHECK(r.code() == "InvalidCirdrBlock.MaskLength");
    r = try_vswitch(c, vpc, "192.168.0.0/30"); // smaller than a vSwitch may be
    CHECK(r.code() == "InvalidCirdrBlock.MaskLength");
    r = try_vswitch(c, vpc, "192.168.1.7/24"); // host bits set
    CHECK(r.code() == "InvalidCidrBlock.Malformed");
    create_vswitch(c, vpc, "192.168.255.0/24");
}

TEST_CASE("network: a vSwitch overlapping another of its VPC is refused", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    create_vswitch(c, vpc, "192.168.1.0/24");
    for (const char* overlapping : {"192.168.1.0/24", "192.168.1.128/25", "192.168.0.0/20"}) {
        auto r = try_vswitch(c, vpc, overlapping);
        INFO(overlapping << ": " << r.body);
        CHECK(r.status == 400);
        CHECK(r.code() == "InvalidCidrBlock.Overlapped");
    }
    // Next to it is fine, and so is the same block in another VPC.
    create_vswitch(c, vpc, "192.168.2.0/24");
    create_vswitch(c, create_vpc(c), "192.168.1.0/24");
}

TEST_CASE("network: a vSwitch needs a VPC and a zone the emulator knows", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = try_vswitch(c, "vpc-bp1nosuchvpc000000000", "192.168.1.0/24");
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidVpcId.NotFound");
    const auto vpc = create_vpc(c);
    r = try_vswitch(c, vpc, "192.168.1.0/24", "cn-hangzhou-z");
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidZoneId.NotFound");
    r = try_vswitch(c, vpc, "192.168.1.0/24", "cn-shanghai-b"); // a zone of another region
    CHECK(r.code() == "InvalidZoneId.NotFound");
    // A security group in an unknown VPC: the same code.
    r = c.call("CreateSecurityGroup", {{"RegionId", region}, {"VpcId", "vpc-bp1nosuchvpc000000000"}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidVpcId.NotFound");
}

TEST_CASE("network: DeleteVpc is refused while it has vSwitches or security groups", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    const auto vsw = create_vswitch(c, vpc, "192.168.1.0/24");
    const auto sg = create_group(c, vpc);
    auto r = vpc_call(c, "DeleteVpc", {{"VpcId", vpc}});
    CHECK(r.status == 400);
    CHECK(r.code() == "DependencyViolation.VSwitch");
    REQUIRE(vpc_call(c, "DeleteVSwitch", {{"VSwitchId", vsw}}).status == 200);
    r = vpc_call(c, "DeleteVpc", {{"VpcId", vpc}});
    CHECK(r.code() == "DependencyViolation.SecurityGroup");
    REQUIRE(c.call("DeleteSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", sg}}).status == 200);
    CHECK(vpc_call(c, "DeleteVpc", {{"VpcId", vpc}}).status == 200);
    r = vpc_call(c, "DeleteVpc", {{"VpcId", vpc}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidVpcId.NotFound");
}

TEST_CASE("network: DeleteVSwitch is refused while instances are in it", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    const auto vsw = create_vswitch(c, vpc, "192.168.1.0/24");
    const auto ids = run(c, {{"VSwitchId", vsw}});
    auto r = vpc_call(c, "DeleteVSwitch", {{"VSwitchId", vsw}});
    CHECK(r.status == 400);
    CHECK(r.code() == "DependencyViolation");
    delete_instance(c, ids[0]);
    CHECK(vpc_call(c, "DeleteVSwitch", {{"VSwitchId", vsw}}).status == 200);
    r = vpc_call(c, "DeleteVSwitch", {{"VSwitchId", vsw}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidVSwitchId.NotFound");
}

TEST_CASE("network: RunInstances refuses a security group of another VPC than the vSwitch's", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc_a = create_vpc(c);
    const auto vpc_b = create_vpc(c);
    const auto vsw = create_vswitch(c, vpc_a, "192.168.1.0/24");
    const auto sg_b = create_group(c, vpc_b);
    auto r = try_run(c, {{"VSwitchId", vsw}, {"SecurityGroupId", sg_b}});
    CHECK(r.status == 400);
    CHECK(r.code() == "InvalidParameter.Mismatch");
    CHECK(r.message() == "Specified security group and virtual switch are not in the same VPC.");
    r = try_run(c, {{"VSwitchId", vsw}, {"SecurityGroupIds.1", create_group(c, vpc_a)}, {"SecurityGroupIds.2", sg_b}});
    CHECK(r.code() == "InvalidParameter.Mismatch");
    r = try_run(c, {{"VSwitchId", vsw}, {"SecurityGroupId", sg_b}, {"DryRun", "true"}}); // a dry run checks it too
    CHECK(r.code() == "InvalidParameter.Mismatch");
    CHECK(resources(c).at("instances").as_array().empty());
}

TEST_CASE("network: an instance is placed in its vSwitch, its VPC and zone, its security group", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    const auto vsw = create_vswitch(c, vpc, "192.168.5.0/24", "cn-hangzhou-j");
    const auto sg = create_group(c, vpc);
    const auto id = run(c, {{"VSwitchId", vsw}, {"SecurityGroupId", sg}})[0];
    const auto item = described(c, id);
    CHECK(item.at("ZoneId") == "cn-hangzhou-j");
    const auto& vpc_attributes = item.at("VpcAttributes");
    CHECK(vpc_attributes.at("VpcId") == boost::json::value(vpc));
    CHECK(vpc_attributes.at("VSwitchId") == boost::json::value(vsw));
    const auto& ips = vpc_attributes.at("PrivateIpAddress").at("IpAddress").as_array();
    REQUIRE(ips.size() == 1);
    CHECK(ips[0].as_string().starts_with("192.168.5."));
    CHECK(ips[0] != "192.168.5.0"); // the block's first address is the service's
    CHECK(item.at("SecurityGroupIds").at("SecurityGroupId") == boost::json::array{boost::json::value(sg)});
    // The attribute view agrees, the filters find it, and the group counts it.
    auto attribute = c.call("DescribeInstanceAttribute", {{"InstanceId", id}});
    CHECK(attribute.json.at("VpcAttributes") == vpc_attributes);
    auto by_vpc = c.call("DescribeInstances", {{"RegionId", region}, {"VpcId", vpc}, {"VSwitchId", vsw}});
    CHECK(by_vpc.json.at("TotalCount") == 1);
    auto groups = c.call("DescribeSecurityGroups", {{"RegionId", region}, {"SecurityGroupId", sg}});
    CHECK(groups.json.at("SecurityGroups").at("SecurityGroup").at(0).at("EcsCount") == 1);
    auto vswitches = vpc_call(c, "DescribeVSwitches", {{"VSwitchId", vsw}});
    CHECK(vswitches.json.at("VSwitches").at("VSwitch").at(0).at("AvailableIpAddressCount") == 256 - 4 - 1);
}

TEST_CASE("network: private addresses are unique within a vSwitch, and freed with their instance",
          "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vsw = create_vswitch(c, create_vpc(c), "192.168.7.0/29"); // 8 addresses, 4 usable
    auto ids = run(c, {{"VSwitchId", vsw}}, 3);
    auto more = run(c, {{"VSwitchId", vsw}});
    ids.push_back(more[0]);
    std::set<std::string> addresses;
    for (const auto& id : ids)
        addresses.insert(std::string(described(c, id).at("VpcAttributes").at("PrivateIpAddress").at("IpAddress").at(0).as_string()));
    CHECK(addresses == std::set<std::string>{"192.168.7.1", "192.168.7.2", "192.168.7.3", "192.168.7.4"});
    auto r = try_run(c, {{"VSwitchId", vsw}});
    CHECK(r.status == 403);
    CHECK(r.code() == "InvalidVSwitchId.IpNotEnough");
    // An address asked for must be in the block and free.
    delete_instance(c, ids[1]); // frees 192.168.7.2
    r = try_run(c, {{"VSwitchId", vsw}, {"PrivateIpAddress", "192.168.7.3"}});
    CHECK(r.code() == "InvalidPrivateIpAddress.Duplicated");
    r = try_run(c, {{"VSwitchId", vsw}, {"PrivateIpAddress", "192.168.8.2"}});
    CHECK(r.code() == "InvalidPrivateIpAddress");
    const auto again = run(c, {{"VSwitchId", vsw}, {"PrivateIpAddress", "192.168.7.2"}});
    CHECK(described(c, again[0]).at("VpcAttributes").at("PrivateIpAddress").at("IpAddress").at(0) == "192.168.7.2");
}

TEST_CASE("network: an EIP is associated once, shown on its instance, released only when free", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vsw = create_vswitch(c, create_vpc(c), "192.168.1.0/24");
    const auto ids = run(c, {{"VSwitchId", vsw}}, 2);
    REQUIRE(c.wait_for_status(region, ids, "Running"));
    const auto eip = allocate_eip(c);
    auto r = associate(c, eip, "i-bp1nosuchinstance0000");
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidInstanId.NotFound"); // sic: the service's spelling
    REQUIRE(associate(c, eip, ids[0]).status == 200);

    auto listed = vpc_call(c, "DescribeEipAddresses", {{"AllocationId", eip}});
    const auto& e = listed.json.at("EipAddresses").at("EipAddress").at(0);
    CHECK(e.at("Status") == "InUse");
    CHECK(e.at("InstanceId") == boost::json::value(ids[0]));
    CHECK(e.at("InstanceType") == "EcsInstance");
    const auto item = described(c, ids[0]);
    CHECK(item.at("EipAddress").at("AllocationId") == boost::json::value(eip));
    CHECK(item.at("EipAddress").at("IpAddress") == e.at("IpAddress"));
    CHECK(item.at("PublicIpAddress").at("IpAddress").as_array().empty()); // an EIP is not a fixed public IP

    // The same EIP again, to this instance or another: its status forbids it.
    r = associate(c, eip, ids[1]);
    CHECK(r.status == 400);
    CHECK(r.code() == "IncorrectEipStatus");
    // Another EIP to an instance that has one.
    r = associate(c, allocate_eip(c), ids[0]);
    CHECK(r.status == 400);
    CHECK(r.code() == "InvalidAssociation.Duplicated");

    r = vpc_call(c, "ReleaseEipAddress", {{"AllocationId", eip}});
    CHECK(r.status == 400);
    CHECK(r.code() == "IncorrectEipStatus");
    REQUIRE(vpc_call(c, "UnassociateEipAddress", {{"AllocationId", eip}}).status == 200);
    CHECK(described(c, ids[0]).at("EipAddress").at("AllocationId") == "");
    CHECK(vpc_call(c, "UnassociateEipAddress", {{"AllocationId", eip}}).code() == "IncorrectEipStatus");
    CHECK(vpc_call(c, "ReleaseEipAddress", {{"AllocationId", eip}}).status == 200);
    r = vpc_call(c, "ReleaseEipAddress", {{"AllocationId", eip}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidAllocationId.NotFound");
}

TEST_CASE("network: deleting an instance disassociates its EIP, which stays allocated", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto id = run(c, {})[0];
    REQUIRE(c.wait_for_status(region, {id}, "Running"));
    const auto eip = allocate_eip(c);
    REQUIRE(associate(c, eip, id).status == 200);
    delete_instance(c, id);
    auto listed = vpc_call(c, "DescribeEipAddresses", {{"AllocationId", eip}});
    REQUIRE(listed.json.at("TotalCount") == 1);
    CHECK(listed.json.at("EipAddresses").at("EipAddress").at(0).at("Status") == "Available");
    CHECK(vpc_call(c, "ReleaseEipAddress", {{"AllocationId", eip}}).status == 200);
}

TEST_CASE("network: DeleteSecurityGroup is refused while an instance uses it", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    const auto sg = create_group(c, vpc);
    const auto id = run(c, {{"VSwitchId", create_vswitch(c, vpc, "192.168.1.0/24")}, {"SecurityGroupId", sg}})[0];
    auto r = c.call("DeleteSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", sg}});
    CHECK(r.status == 403);
    CHECK(r.code() == "DependencyViolation");
    CHECK(r.message() == "There is still instance(s) in the specified security group.");
    delete_instance(c, id);
    CHECK(c.call("DeleteSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", sg}}).status == 200);
    r = c.call("DeleteSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", sg}});
    CHECK(r.status == 404);
    CHECK(r.code() == "InvalidSecurityGroupId.NotFound");
}

TEST_CASE("network: security group rules, in the older form and as Permissions.N", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto sg = create_group(c, create_vpc(c));
    const parameters ssh{{"RegionId", region}, {"SecurityGroupId", sg}, {"IpProtocol", "tcp"},
                         {"PortRange", "22/22"}, {"SourceCidrIp", "0.0.0.0/0"}, {"Priority", "1"}};
    REQUIRE(c.call("AuthorizeSecurityGroup", ssh).status == 200);
    REQUIRE(c.call("AuthorizeSecurityGroup", ssh).status == 200); // the same rule: not added twice
    auto r = c.call("AuthorizeSecurityGroup", {{"RegionId", region},
                                               {"SecurityGroupId", sg},
                                               {"Permissions.1.IpProtocol", "TCP"},
                                               {"Permissions.1.PortRange", "443/443"},
                                               {"Permissions.1.SourceCidrIp", "10.0.0.0/8"},
                                               {"Permissions.1.Policy", "drop"},
                                               {"Permissions.2.IpProtocol", "icmp"},
                                               {"Permissions.2.SourceCidrIp", "10.1.2.3"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto attribute = c.call("DescribeSecurityGroupAttribute", {{"RegionId", region}, {"SecurityGroupId", sg}});
    const auto& rules = attribute.json.at("Permissions").at("Permission").as_array();
    REQUIRE(rules.size() == 3);
    CHECK(rules[0].at("IpProtocol") == "TCP");
    CHECK(rules[0].at("PortRange") == "22/22");
    CHECK(rules[0].at("SourceCidrIp") == "0.0.0.0/0");
    CHECK(rules[0].at("Policy") == "Accept");
    CHECK(rules[0].at("Direction") == "ingress");
    CHECK(rules[1].at("Policy") == "Drop");
    CHECK(rules[2].at("PortRange") == "-1/-1");

    struct bad_rule {
        parameters extra;
        const char* code;
    };
    const bad_rule bad[] = {
        {{{"IpProtocol", "tcpx"}, {"PortRange", "22/22"}, {"SourceCidrIp", "0.0.0.0/0"}}, "InvalidIpProtocol.Malformed"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "22-22"}, {"SourceCidrIp", "0.0.0.0/0"}}, "InvalidIpProtocol.Malformed"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "0/22"}, {"SourceCidrIp", "0.0.0.0/0"}}, "InvalidIpProtocol.Malformed"},
        {{{"IpProtocol", "icmp"}, {"PortRange", "22/22"}, {"SourceCidrIp", "0.0.0.0/0"}}, "OperationDenied"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "22/22"}}, "MissingParameter"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "22/22"}, {"SourceCidrIp", "300.0.0.0/8"}}, "InvalidSourceCidrIp.Malformed"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "22/22"}, {"SourceCidrIp", "0.0.0.0/0"}, {"Policy", "allow"}},
         "InvalidPolicy.Malformed"},
        {{{"IpProtocol", "tcp"}, {"PortRange", "22/22"}, {"SourceCidrIp", "0.0.0.0/0"}, {"Priority", "101"}},
         "InvalidPriority.Malformed"},
    };
    for (const auto& b : bad) {
        parameters p = b.extra;
        p.set("RegionId", region).set("SecurityGroupId", sg);
        r = c.call("AuthorizeSecurityGroup", p);
        INFO(r.body);
        CHECK(r.code() == b.code);
    }

    // Revoked by its fields, or by its rule id.
    REQUIRE(c.call("RevokeSecurityGroup", ssh).status == 200);
    const std::string icmp_rule(rules[2].at("SecurityGroupRuleId").as_string());
    REQUIRE(c.call("RevokeSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", sg}, {"SecurityGroupRuleId.1", icmp_rule}})
                .status == 200);
    attribute = c.call("DescribeSecurityGroupAttribute", {{"RegionId", region}, {"SecurityGroupId", sg}});
    const auto& left = attribute.json.at("Permissions").at("Permission").as_array();
    REQUIRE(left.size() == 1);
    CHECK(left[0].at("PortRange") == "443/443");
    CHECK(c.call("AuthorizeSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", "sg-bp1nosuchgroup000000"},
                                            {"IpProtocol", "all"}, {"SourceCidrIp", "0.0.0.0/0"}})
              .code() == "InvalidSecurityGroupId.NotFound");
}

TEST_CASE("network: ids the emulator does not know are taken as they come", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto id = run(c, {{"VSwitchId", "vsw-bp1someoneelses0000"}, {"SecurityGroupId", "sg-bp1someoneelses0000"}})[0];
    const auto item = described(c, id);
    CHECK(item.at("VpcAttributes").at("VSwitchId") == "vsw-bp1someoneelses0000");
    CHECK(item.at("SecurityGroupIds").at("SecurityGroupId") ==
          boost::json::array{boost::json::value("sg-bp1someoneelses0000")});
    CHECK(item.at("VpcAttributes").at("PrivateIpAddress").at("IpAddress").at(0).as_string().starts_with("172.16."));
    // A known security group with an unknown vSwitch: nothing to compare it with.
    const auto sg = create_group(c, create_vpc(c));
    CHECK(try_run(c, {{"VSwitchId", "vsw-bp1someoneelses0000"}, {"SecurityGroupId", sg}}).status == 200);
}

TEST_CASE("network: parameters are checked against the schema", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    auto r = vpc_call(c, "CreateVSwitch", {{"ZoneId", "cn-hangzhou-h"}, {"CidrBlock", "192.168.1.0/24"}});
    CHECK(r.status == 400);
    CHECK(r.code() == "MissingParameter");
    CHECK_THAT(r.message(), Catch::Contains("\"VpcId\""));
    r = vpc_call(c, "DescribeVpcs", {{"PageSize", "ten"}});
    CHECK(r.code() == "InvalidParameter");
    r = vpc_call(c, "CreateVpc", {{"DryRun", "true"}});
    CHECK(r.code() == "DryRunOperation");
    r = c.call("AuthorizeSecurityGroup", {{"RegionId", region}, {"SecurityGroupId", "sg-1"}, {"Permissions.0.IpProtocol", "tcp"}});
    CHECK(r.code() == "InvalidParameter");
    CHECK(resources(c).at("vpcs").as_array().empty());
}

TEST_CASE("network: the control API shows what is left, and reset clears it", "[emulator][network]")
{
    running_emulator emu;
    client c(emu.http);
    const auto vpc = create_vpc(c);
    const auto vsw = create_vswitch(c, vpc, "192.168.1.0/24");
    const auto sg = create_group(c, vpc);
    const auto id = run(c, {{"VSwitchId", vsw}, {"SecurityGroupId", sg}})[0];
    const auto eip = allocate_eip(c);
    auto state = resources(c);
    INFO(boost::json::serialize(state));
    CHECK(state.at("vpcs").at(0).at("VpcId") == boost::json::value(vpc));
    CHECK(state.at("vswitches").at(0).at("VSwitchId") == boost::json::value(vsw));
    CHECK(state.at("security_groups").at(0).at("InstanceIds") == boost::json::array{boost::json::value(id)});
    CHECK(state.at("eips").at(0).at("AllocationId") == boost::json::value(eip));
    CHECK(state.at("instances").at(0).at("VSwitchId") == boost::json::value(vsw));

    c.reset();
    state = resources(c);
    for (const char* kind : {"vpcs", "vswitches", "security_groups", "eips", "instances"})
        CHECK(state.at(kind).as_array().empty());
    CHECK(vpc_call(c, "DescribeVpcs", {}).json.at("TotalCount") == 0);
    CHECK(vpc_call(c, "DeleteVpc", {{"VpcId", vpc}}).code() == "InvalidVpcId.NotFound");
}
