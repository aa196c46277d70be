#ifndef ALICLOUD_LIB_CORE_DETAIL_CRYPTO_HPP
#define ALICLOUD_LIB_CORE_DETAIL_CRYPTO_HPP

// The few primitives signing needs, over OpenSSL. Digests are fetched once per
// process: fetching them on every call costs more than the hashing itself.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace alicloud::detail {

using sha1_digest = std::array<std::uint8_t, 20>;
using sha256_digest = std::array<std::uint8_t, 32>;

sha256_digest sha256(std::string_view data);
sha1_digest hmac_sha1(std::string_view key, std::string_view data);
sha256_digest hmac_sha256(std::string_view key, std::string_view data);

void hex_lower_append(std::string& out, const std::uint8_t* data, std::size_t size);
void base64_append(std::string& out, const std::uint8_t* data, std::size_t size);

template <std::size_t N>
std::string hex_lower(const std::array<std::uint8_t, N>& digest)
{
    std::string out;
    hex_lower_append(out, digest.data(), N);
    return out;
}

template <std::size_t N>
std::string base64(const std::array<std::uint8_t, N>& digest)
{
    std::string out;
    base64_append(out, digest.data(), N);
    return out;
}

} // namespace alicloud::detail

#endif
