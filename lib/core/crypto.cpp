#include "detail/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace alicloud::detail {
namespace {

const EVP_MD* fetched(const char* name)
{
    // EVP_MD_fetch resolves the provider implementation; the result is kept for
    // the process lifetime (OpenSSL frees it at exit).
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr)
        throw std::runtime_error(std::string("OpenSSL has no ") + name);
    return md;
}

const EVP_MD* sha1_md()
{
    static const EVP_MD* md = fetched("SHA1");
    return md;
}

const EVP_MD* sha256_md()
{
    static const EVP_MD* md = fetched("SHA256");
    return md;
}

template <std::size_t N>
std::array<std::uint8_t, N> hmac(const EVP_MD* md, std::string_view key, std::string_view data)
{
    std::array<std::uint8_t, N> out{};
    unsigned len = 0;
    if (HMAC(md, key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &len) == nullptr
        || len != N)
        throw std::runtime_error("HMAC failed");
    return out;
}

} // namespace

sha256_digest sha256(std::string_view data)
{
    sha256_digest out{};
    unsigned len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, sha256_md(), nullptr) != 1 || len != out.size())
        throw std::runtime_error("SHA-256 failed");
    return out;
}

sha1_digest hmac_sha1(std::string_view key, std::string_view data)
{
    return hmac<20>(sha1_md(), key, data);
}

sha256_digest hmac_sha256(std::string_view key, std::string_view data)
{
    return hmac<32>(sha256_md(), key, data);
}

void hex_lower_append(std::string& out, const std::uint8_t* data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0f]);
    }
}

void base64_append(std::string& out, const std::uint8_t* data, std::size_t size)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t v = (std::uint32_t(data[i]) << 16) | (std::uint32_t(data[i + 1]) << 8) | data[i + 2];
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(alphabet[(v >> 6) & 63]);
        out.push_back(alphabet[v & 63]);
    }
    if (const std::size_t rest = size - i; rest != 0) {
        std::uint32_t v = std::uint32_t(data[i]) << 16;
        if (rest == 2)
            v |= std::uint32_t(data[i + 1]) << 8;
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? alphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
}

} // namespace alicloud::detail
