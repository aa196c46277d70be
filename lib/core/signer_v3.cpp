#include <alicloud/core/sansio/signer_v3.hpp>

#include <alicloud/core/sansio/percent_encoding.hpp>

#include "detail/crypto.hpp"
#include "detail/canonical_query.hpp"

#include <algorithm>

namespace alicloud::sansio {
namespace {

std::string_view trim(std::string_view s) noexcept
{
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

std::string v3_hashed_payload(std::string_view payload)
{
    return detail::hex_lower(detail::sha256(payload));
}

std::string v3_canonical_query(std::span<const parameter> params)
{
    return detail::canonical_query(params);
}

bool v3_is_signed_header(std::string_view name) noexcept
{
    return name == "host" || name == "content-type" || name.starts_with("x-acs-");
}

v3_canonical_headers_result v3_canonical_headers(std::span<const http_header> headers)
{
    std::vector<std::pair<std::string, std::string>> entries;
    entries.reserve(headers.size());
    for (const auto& h : headers) {
        std::string name = lower(h.name);
        const std::string_view value = trim(h.value);
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == name; });
        if (it == entries.end())
            entries.emplace_back(std::move(name), std::string(value));
        else
            it->second.append(",").append(value);
    }
    std::sort(entries.begin(), entries.end());

    v3_canonical_headers_result out;
    for (const auto& [name, value] : entries) {
        out.canonical_headers.append(name).append(":").append(value).append("\n");
        if (!out.signed_headers.empty())
            out.signed_headers.push_back(';');
        out.signed_headers.append(name);
    }
    return out;
}

std::string v3_canonical_request(
    http_method method,
    std::string_view canonical_uri,
    std::string_view canonical_query,
    const v3_canonical_headers_result& headers,
    std::string_view hashed_payload)
{
    std::string out(to_string(method));
    out.reserve(256 + canonical_query.size() + headers.canonical_headers.size());
    out.append("\n").append(canonical_uri);
    out.append("\n").append(canonical_query);
    out.append("\n").append(headers.canonical_headers);
    out.append("\n").append(headers.signed_headers);
    out.append("\n").append(hashed_payload);
    return out;
}

std::string v3_string_to_sign(std::string_view canonical_request)
{
    std::string out(v3_algorithm);
    out.push_back('\n');
    out += detail::hex_lower(detail::sha256(canonical_request));
    return out;
}

std::string v3_signature(std::string_view access_key_secret, std::string_view string_to_sign)
{
    return detail::hex_lower(detail::hmac_sha256(access_key_secret, string_to_sign));
}

std::string v3_authorization(
    std::string_view access_key_id,
    std::string_view signed_headers,
    std::string_view signature)
{
    std::string out(v3_algorithm);
    out.append(" Credential=").append(access_key_id);
    out.append(",SignedHeaders=").append(signed_headers);
    out.append(",Signature=").append(signature);
    return out;
}

} // namespace alicloud::sansio
