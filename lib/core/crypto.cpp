#include "detail/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

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

const EVP_MD* sha256_md()
{
    static const EVP_MD* md = fetched("SHA256");
    return md;
}

// One HMAC context per thread and digest, fetched once: OpenSSL 3's one-shot
// HMAC() fetches the MAC implementation (a provider look-up under a lock) on
// every call, which cost more than the hashing of a request.
class mac_context {
public:
    explicit mac_context(const char* digest)
    {
        static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        // The digest is set once: setting it fetches the digest implementation.
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
            OSSL_PARAM_construct_end(),
        };
        if (mac == nullptr || (ctx_ = EVP_MAC_CTX_new(mac)) == nullptr || EVP_MAC_CTX_set_params(ctx_, params) != 1)
            throw std::runtime_error(std::string("OpenSSL has no HMAC-") + digest);
    }
    ~mac_context()
    {
        EVP_MAC_CTX_free(ctx_);
        forget_key();
    }
    mac_context(const mac_context&) = delete;
    mac_context& operator=(const mac_context&) = delete;

    template <std::size_t N>
    std::array<std::uint8_t, N> compute(std::string_view key, std::string_view data)
    {
        std::array<std::uint8_t, N> out{};
        std::size_t len = 0;
        // An empty key is legal for HMAC; OpenSSL wants a non-null pointer for it.
        static const unsigned char no_key = 0;
        const auto* k = key.empty() ? &no_key : reinterpret_cast<const unsigned char*>(key.data());
        // The same key as last time (one client signs with one secret) is kept
        // by the context: setting a key allocates and hashes it, every time.
        const bool same_key = has_key_ && key == key_;
        if (!same_key) {
            forget_key();
            key_.assign(key);
        }
        has_key_ = false; // until the init below succeeds
        if (EVP_MAC_init(ctx_, same_key ? nullptr : k, same_key ? 0 : key.size(), nullptr) != 1 ||
            EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
            EVP_MAC_final(ctx_, out.data(), &len, out.size()) != 1 || len != N)
            throw std::runtime_error("HMAC failed");
        has_key_ = true;
        return out;
    }

private:
    void forget_key() noexcept
    {
        if (!key_.empty())
            OPENSSL_cleanse(key_.data(), key_.size()); // a secret
        key_.clear();
        has_key_ = false;
    }

    EVP_MAC_CTX* ctx_ = nullptr;
    std::string key_; // the key the context holds
    bool has_key_ = false;
};

} // namespace

sha256_digest sha256(std::string_view data)
{
    // A context per thread, reused: creating one per call is an allocation and a free.
    struct md_ctx {
        EVP_MD_CTX* p = EVP_MD_CTX_new();
        ~md_ctx() { EVP_MD_CTX_free(p); }
    };
    thread_local md_ctx ctx;
    sha256_digest out{};
    unsigned len = 0;
    if (ctx.p == nullptr || EVP_DigestInit_ex(ctx.p, sha256_md(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.p, data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.p, out.data(), &len) != 1 ||
        len != out.size())
        throw std::runtime_error("SHA-256 failed");
    return out;
}

sha1_digest hmac_sha1(std::string_view key, std::string_view data)
{
    thread_local mac_context ctx("SHA1");
    return ctx.compute<20>(key, data);
}

sha256_digest hmac_sha256(std::string_view key, std::string_view data)
{
    thread_local mac_context ctx("SHA256");
    return ctx.compute<32>(key, data);
}

void hex_lower_append(std::string& out, const std::uint8_t* data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    const std::size_t at = out.size();
    out.resize(at + 2 * size);
    char* p = out.data() + at;
    for (std::size_t i = 0; i < size; ++i) {
        *p++ = digits[data[i] >> 4];
        *p++ = digits[data[i] & 0x0f];
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
