#ifndef ALICLOUD_CORE_SANSIO_SIGNER_V3_HPP
#define ALICLOUD_CORE_SANSIO_SIGNER_V3_HPP

// Signature V3: ACS3-HMAC-SHA256 (ecs-api.md §2.2).
//
//   CanonicalRequest = METHOD \n URI \n CanonicalQuery \n CanonicalHeaders \n
//                      SignedHeaders \n HashedPayload
//   StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
//   Signature        = hex(HMAC-SHA256(secret, StringToSign))
//   Authorization    = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h;..>,Signature=<hex>

#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <span>
#include <string>
#include <string_view>

namespace alicloud::sansio {

inline constexpr std::string_view v3_algorithm = "ACS3-HMAC-SHA256";

// Lower-case hex SHA-256 of the payload (x-acs-content-sha256).
std::string v3_hashed_payload(std::string_view payload);

// Query parameters sorted by name, percent-encoded, "name=value" joined by '&'.
std::string v3_canonical_query(std::span<const parameter> params);

// Whether a client signs this header: host, content-type and every x-acs-*.
bool v3_is_signed_header(std::string_view lower_case_name) noexcept;

struct v3_canonical_headers_result {
    std::string canonical_headers{}; // "name:value\n" per header
    std::string signed_headers{};  // "name;name;..."
};

// Canonicalises exactly the headers given (the caller chooses which): names
// lower-cased, values trimmed, repeated names joined with ',', sorted by name.
v3_canonical_headers_result v3_canonical_headers(std::span<const http_header> headers);

std::string v3_canonical_request(
    http_method method,
    std::string_view canonical_uri,
    std::string_view canonical_query,
    const v3_canonical_headers_result& headers,
    std::string_view hashed_payload);

std::string v3_string_to_sign(std::string_view canonical_request);

std::string v3_signature(std::string_view access_key_secret, std::string_view string_to_sign);

std::string v3_authorization(
    std::string_view access_key_id,
    std::string_view signed_headers,
    std::string_view signature);

} // namespace alicloud::sansio

#endif
