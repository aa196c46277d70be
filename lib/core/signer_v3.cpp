#include <alicloud/core/sansio/signer_v3.hpp>

#include <alicloud/core/sansio/percent_encoding.hpp>

#include "detail/crypto.hpp"
#include "detail/canonical_query.hpp"
#include "detail/trim.hpp"

#include <algorithm>

namespace alicloud::sansio {
namespace {

std::string_view trim(std::string_view s) noexcept
{
    return detail::trim(s, " \t");
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
    if (payload.empty()) // every query-string call: SHA-256 of nothing
        return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
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
    // Views into the caller's headers: names lowered into `lowered` only when
    // they have capitals (the client's own are lower case already).
    std::vector<std::string> lowered;
    std::vector<std::pair<std::string_view, std::string_view>> entries;
    entries.reserve(headers.size());
    std::size_t size = 0;
    for (const auto& h : headers) {
        std::string_view name = h.name;
        if (std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
            if (lowered.capacity() == 0)
                lowered.reserve(headers.size()); // views into it stay valid
            name = lowered.emplace_back(lower(name));
        }
        entries.emplace_back(name, trim(h.value));
        size += name.size() * 2 + h.value.size() + 3;
    }
    // Stable: repeated names keep their values in the order given.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    v3_canonical_headers_result out;
    out.canonical_headers.reserve(size);
    out.signed_headers.reserve(size / 2);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto [name, value] = entries[i];
        if (i > 0 && entries[i - 1].first == name) {
            // Same name again: its value joins the previous line, comma-separated.
            out.canonical_headers.pop_back();
            out.canonical_headers.append(",").append(value).append("\n");
            continue;
        }
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
