#ifndef ALICLOUD_CORE_SANSIO_SIGNER_V1_HPP
#define ALICLOUD_CORE_SANSIO_SIGNER_V1_HPP

// Signature V1 of RPC APIs: HMAC-SHA1, SignatureVersion=1.0 (ecs-api.md §1.4-1.5).
//
//   CanonicalizedQuery = sorted(name=value) of every parameter except Signature,
//                        names sorted by raw bytes, both sides percent-encoded
//   StringToSign       = METHOD "&" "%2F" "&" percentEncode(CanonicalizedQuery)
//   Signature          = Base64(HMAC-SHA1(secret + "&", StringToSign))
//
// The pieces are separate functions because a verifier (the emulator) needs
// them as much as a signer does.

#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <span>
#include <string>
#include <string_view>

namespace alicloud::sansio {

// Parameters named "Signature" are left out, as the algorithm says.
std::string v1_canonical_query(std::span<const parameter> params);

std::string v1_string_to_sign(http_method method, std::string_view canonical_query);

// Base64 with '=' padding.
std::string v1_signature(std::string_view access_key_secret, std::string_view string_to_sign);

} // namespace alicloud::sansio

#endif
