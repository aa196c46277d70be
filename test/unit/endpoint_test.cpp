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
