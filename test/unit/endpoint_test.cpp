#include <alicloud/core/endpoint.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

TEST_CASE("endpoints: bare hosts, host:port and http(s) URLs", "[endpoint]")
{
    error_code ec;
    diagnostics diag;

    auto e = parse_endpoint("ecs.aliyuncs.com", ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(e.tls);
    CHECK(e.host == "ecs.aliyuncs.com");
    CHECK(e.port == 443);
    CHECK(e.authority == "ecs.aliyuncs.com");
    CHECK(e.url() == "https://ecs.aliyuncs.com");

    e = parse_endpoint("https://127.0.0.1:8443/", ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(e.host == "127.0.0.1");
    CHECK(e.port == 8443);
    CHECK(e.authority == "127.0.0.1:8443");

    e = parse_endpoint("HTTP://localhost", ec, diag);
    REQUIRE_FALSE(ec);
    CHECK_FALSE(e.tls);
    CHECK(e.port == 80);

    e = parse_endpoint("[::1]:9000", ec, diag);
    REQUIRE_FALSE(ec);
    CHECK(e.host == "::1");
    CHECK(e.port == 9000);
    CHECK(e.authority == "[::1]:9000");
}

TEST_CASE("bad endpoints name the field", "[endpoint]")
{
    for (std::string_view bad : {"", "ftp://host", "https://host/path", "https://host?x=1", "https://user@host",
                                 "host:0", "host:70000", "host:port", "https://", "a b"}) {
        error_code ec;
        diagnostics diag;
        parse_endpoint(bad, ec, diag);
        INFO(bad);
        CHECK(ec == client_errc::invalid_endpoint);
        CHECK(diag.field == "endpoint");
    }
}

// Region -> host, from the official endpoint tables (ecs-api.md §5).
namespace {
std::string host_for(std::string_view product, std::string_view region,
                     endpoint_network network = endpoint_network::public_internet)
{
    error_code ec;
    diagnostics diag;
    auto host = endpoint_host_for(product, region, network, ec, diag);
    INFO(diag.client_message);
    REQUIRE_FALSE(ec);
    return host;
}
} // namespace

TEST_CASE("endpoint_host_for: the product's own entry first", "[endpoint][region]")
{
    CHECK(host_for("ecs", "cn-hangzhou") == "ecs-cn-hangzhou.aliyuncs.com");
    CHECK(host_for("Ecs", "cn-shanghai") == "ecs.cn-shanghai.aliyuncs.com"); // any case
    CHECK(host_for("ecs", "us-east-1") == "ecs.aliyuncs.com");             // the central endpoint
    CHECK(host_for("ecs", "us-west-1") == "ecs-cn-hangzhou.aliyuncs.com");
    CHECK(host_for("ecs", "cn-shanghai", endpoint_network::vpc) == "ecs-vpc.cn-shanghai.aliyuncs.com");
}

TEST_CASE("endpoint_host_for: the regional rule for a known region the product does not list", "[endpoint][region]")
{
    CHECK(host_for("ecs", "cn-wulanchabu") == "ecs.cn-wulanchabu.aliyuncs.com");
    CHECK(host_for("ecs", "ap-southeast-7", endpoint_network::vpc) == "ecs-vpc.ap-southeast-7.aliyuncs.com");
}

TEST_CASE("endpoint_host_for: no region means the global endpoint where there is one", "[endpoint][region]")
{
    CHECK(host_for("sts", "") == "sts.aliyuncs.com");
    CHECK(host_for("Ram", "") == "ram.aliyuncs.com");
}

TEST_CASE("endpoint_host_for: the products beside ECS as their official SDKs resolve them", "[endpoint][region]")
{
    // VPC and STS are regional (their SDKs' endpoint rule), RAM central.
    CHECK(host_for("vpc", "cn-shanghai") == "vpc.cn-shanghai.aliyuncs.com");
    CHECK(host_for("sts", "cn-shanghai") == "sts.cn-shanghai.aliyuncs.com");
    CHECK(host_for("sts", "us-west-1", endpoint_network::vpc) == "sts-vpc.us-west-1.aliyuncs.com");
    const auto central = [](std::string_view region, endpoint_network network = endpoint_network::public_internet) {
        error_code ec;
        diagnostics diag;
        auto host = endpoint_host_for("ram", region, network, endpoint_rule::central, ec, diag);
        CHECK_FALSE(ec);
        return host;
    };
    CHECK(central("cn-hangzhou") == "ram.aliyuncs.com");
    CHECK(central("eu-central-1") == "ram.aliyuncs.com");
    CHECK(central("") == "ram.aliyuncs.com");
    CHECK(central("xx-not-a-region-1") == "ram.aliyuncs.com"); // one host, whatever the region
    CHECK(central("us-west-1", endpoint_network::vpc) == "ram.vpc-proxy.aliyuncs.com"); // the tables' VPC entry
    CHECK(central("me-east-1", endpoint_network::vpc) == "ram-vpc.aliyuncs.com"); // none: the SDKs' rule
}

TEST_CASE("endpoint_host_for: an unknown or missing region is a clear error, not a guess", "[endpoint][region]")
{
    error_code ec;
    diagnostics diag;
    CHECK(endpoint_host_for("ecs", "xx-nowhere-1", endpoint_network::public_internet, ec, diag).empty());
    CHECK(ec == client_errc::invalid_endpoint);
    CHECK(diag.field == "region_id");
    CHECK(diag.client_message.find("unknown region 'xx-nowhere-1'") != std::string::npos);

    diagnostics none;
    CHECK(endpoint_host_for("ecs", "", endpoint_network::public_internet, ec, none).empty());
    CHECK(ec == client_errc::invalid_endpoint);
    CHECK(none.client_message.find("no region") != std::string::npos);

    diagnostics odd; // a region-like text the tables never list (they hold ids only)
    CHECK(endpoint_host_for("ecs", "public", endpoint_network::public_internet, ec, odd).empty());
    CHECK(ec == client_errc::invalid_endpoint);
}
