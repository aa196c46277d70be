#ifndef ALICLOUD_CORE_ENDPOINT_HPP
#define ALICLOUD_CORE_ENDPOINT_HPP

#include <alicloud/core/diagnostics.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace alicloud {

// Where a request goes. The Host header is the authority exactly as the user
// wrote it (port included), as the official SDKs send it and sign it.
struct endpoint {
    bool tls = true;          // https unless the URL says http://
    std::string host{};       // name or address, without brackets for IPv6
    std::uint16_t port = 443; // from the URL, or the scheme's default
    std::string authority{};  // the Host header value: "host" or "host:port"

    // "https://ecs.aliyuncs.com", "http://127.0.0.1:8080"...
    std::string url() const;
};

// Accepts "host", "host:port", "[v6]:port" and "http(s)://host[:port][/]".
// Anything else (another scheme, a path, user info, a query) is
// client_errc::invalid_endpoint with diag.field = "endpoint".
endpoint parse_endpoint(std::string_view text, error_code& ec, diagnostics& diag);

enum class endpoint_network {
    public_internet, // "<product>.<region>.aliyuncs.com"
    vpc,             // "<product>-vpc.<region>.aliyuncs.com", from inside the region's VPCs
};

// How a product's SDK picks its host: one per region, or one central host
// whatever the region (RAM: ram.aliyuncs.com), as its official SDK's
// endpoint rule says.
enum class endpoint_rule { regional, central };

// The host that serves `product` ("ecs", "sts"...: its code or location
// service code, in any case) in `region` ("cn-hangzhou"), from the official
// endpoint tables the library carries (lib/core/endpoints):
//  1. the product's own entry for the region: ECS in cn-hangzhou is
//     "ecs-cn-hangzhou.aliyuncs.com", in us-east-1 the central "ecs.aliyuncs.com";
//  2. otherwise, for a region the tables know, the regional rule;
//  3. with no region, the product's global endpoint when it has one
//     (STS: "sts.aliyuncs.com").
// An unknown region, or no region for a product without a global endpoint,
// is client_errc::invalid_endpoint with diag.field "region_id": a clear error
// now rather than a guessed host that fails later in DNS.
// A central product is served by its global endpoint from every region (the
// region need not be known); on the VPC network, by the region's VPC entry
// when the tables have one, else "<product>-vpc.aliyuncs.com" as the official
// SDKs build it.
std::string endpoint_host_for(std::string_view product, std::string_view region, endpoint_network network,
                              error_code& ec, diagnostics& diag);
std::string endpoint_host_for(std::string_view product, std::string_view region, endpoint_network network,
                              endpoint_rule rule, error_code& ec, diagnostics& diag);

} // namespace alicloud

#endif
