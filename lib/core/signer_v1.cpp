#include <alicloud/core/sansio/signer_v1.hpp>

#include <alicloud/core/sansio/percent_encoding.hpp>

#include "detail/crypto.hpp"
#include "detail/canonical_query.hpp"

namespace alicloud::sansio {

std::string v1_canonical_query(std::span<const parameter> params)
{
    return detail::canonical_query(params, "Signature");
}

std::string v1_string_to_sign(http_method method, std::string_view canonical_query)
{
    std::string out(to_string(method));
    out.reserve(out.size() + 5 + canonical_query.size() * 5 / 4);
    out += "&%2F&";
    percent_encode_append(out, canonical_query);
    return out;
}

std::string v1_signature(std::string_view access_key_secret, std::string_view string_to_sign)
{
    std::string key;
    key.reserve(access_key_secret.size() + 1);
    key.append(access_key_secret).push_back('&');
    return detail::base64(detail::hmac_sha1(key, string_to_sign));
}

} // namespace alicloud::sansio
