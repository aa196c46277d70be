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
    std::string host;         // name or address, without brackets for IPv6
    std::uint16_t port = 443; // from the URL, or the scheme's default
    std::string authority;    // the Host header value: "host" or "host:port"

    // "https://ecs.aliyuncs.com", "http://127.0.0.1:8080"...
    std::string url() const;
};

// Accepts "host", "host:port", "[v6]:port" and "http(s)://host[:port][/]".
// Anything else (another scheme, a path, user info, a query) is
// client_errc::invalid_endpoint with diag.field = "endpoint".
endpoint parse_endpoint(std::string_view text, error_code& ec, diagnostics& diag);

} // namespace alicloud

#endif
