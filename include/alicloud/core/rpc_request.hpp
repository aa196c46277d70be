#ifndef ALICLOUD_CORE_RPC_REQUEST_HPP
#define ALICLOUD_CORE_RPC_REQUEST_HPP

// An RPC-style API call before it is signed (what to call), and the HTTP request
// that signing makes of it (what to send). Both are plain data: no sockets.

#include <alicloud/core/parameters.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud {

enum class http_method { get, post };

std::string_view to_string(http_method m) noexcept;

enum class signature_version {
    v1, // HMAC-SHA1 over the canonical query (SignatureVersion=1.0)
    v3, // ACS3-HMAC-SHA256 over a canonical request, in the Authorization header
};

// Where the operation's parameters travel.
enum class parameter_location {
    query, // in the URL
    body,  // in an application/x-www-form-urlencoded body
};

struct http_header {
    std::string name{}; // lower case, as the SDKs send and sign them
    std::string value{};

    friend bool operator==(const http_header&, const http_header&) = default;
};

struct rpc_request {
    std::string action{};  // e.g. "DescribeInstances"
    std::string version{}; // e.g. "2014-05-26"
    parameters params{}; // the operation's parameters, already flattened
    http_method method = http_method::post;
    // Unset: V1 GET and V3 put parameters in the query, V1 POST in a form body
    // (what pop-core and openapi-client do).
    std::optional<parameter_location> params_in{};
    // Extra headers, e.g. x-acs-credentials-provider or a trace id. In V3 every
    // x-acs-* header among them is signed.
    std::vector<http_header> headers{};
};

// The HTTP request to send, plus the intermediate strings of the signature so
// that a mismatch can be diffed against the server's StringToSign.
struct signed_request {
    http_method method = http_method::post;
    std::string target{};              // "/?..." or "/"
    std::vector<http_header> headers{};  // host first, authorization last (V3)
    std::string body{};

    std::string canonical_request{};   // V3 only
    std::string string_to_sign{};
    std::string signature{};           // base64 (V1) or lower-case hex (V3)

    const std::string* find_header(std::string_view name) const noexcept;
};

} // namespace alicloud

#endif
