#include "tls_identity.hpp"

#include <boost/asio/buffer.hpp>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstddef>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace alicloud::emulator {
namespace {

template <auto Free>
struct openssl_deleter {
    template <class T>
    void operator()(T* p) const noexcept
    {
        Free(p);
    }
};

template <class T, auto Free>
using openssl_ptr = std::unique_ptr<T, openssl_deleter<Free>>;

using pkey_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using x509_ptr = openssl_ptr<X509, X509_free>;
using name_ptr = openssl_ptr<X509_NAME, X509_NAME_free>;
using extension_ptr = openssl_ptr<X509_EXTENSION, X509_EXTENSION_free>;
using general_name_ptr = openssl_ptr<GENERAL_NAME, GENERAL_NAME_free>;
using general_names_ptr = openssl_ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using octet_string_ptr = openssl_ptr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using ia5_string_ptr = openssl_ptr<ASN1_IA5STRING, ASN1_IA5STRING_free>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using bio_ptr = openssl_ptr<BIO, BIO_free_all>;

constexpr const char* ca_common_name = "alicloud-asio emulator CA";

// Drains OpenSSL's error queue into the message, so that the next failure on
// this thread does not report ours.
[[noreturn]] void throw_openssl_error(const std::string& what)
{
    std::string text = what;
    const char* separator = ": ";
    while (const unsigned long code = ERR_get_error()) {
        char reason[256];
        ERR_error_string_n(code, reason, sizeof reason);
        text += separator;
        text += reason;
        separator = "; ";
    }
    if (text.size() == what.size())
        text += ": OpenSSL reported no error";
    throw std::runtime_error(text);
}

// The names are checked and encoded before any key is generated, so that a
// typo in --host costs nothing and says which name is wrong.
general_name_ptr dns_name(const std::string& name)
{
    if (name.empty())
        throw std::invalid_argument("an empty DNS name cannot be a subjectAltName");
    for (const char c : name) {
        // IA5String holds ASCII only; an internationalised name must come as its A-label (xn--...).
        if (c <= ' ' || c > '~')
            throw std::invalid_argument("DNS name '" + name + "' has a character a subjectAltName cannot hold");
    }
    ia5_string_ptr text(ASN1_IA5STRING_new());
    if (!text || ASN1_STRING_set(text.get(), name.data(), static_cast<int>(name.size())) != 1)
        throw_openssl_error("encoding DNS name '" + name + "'");
    general_name_ptr out(GENERAL_NAME_new());
    if (!out)
        throw_openssl_error("encoding DNS name '" + name + "'");
    GENERAL_NAME_set0_value(out.get(), GEN_DNS, text.release());
    return out;
}

general_name_ptr ip_address(const std::string& address)
{
    // A malformed literal is the caller's mistake, not OpenSSL's: keep the
    // error queue as it was and say so in our own words.
    ERR_set_mark();
    octet_string_ptr octets(a2i_IPADDRESS(address.c_str()));
    ERR_pop_to_mark();
    if (!octets)
        throw std::invalid_argument("'" + address + "' is not an IPv4 or IPv6 address");
    general_name_ptr out(GENERAL_NAME_new());
    if (!out)
        throw_openssl_error("encoding IP address '" + address + "'");
    GENERAL_NAME_set0_value(out.get(), GEN_IPADD, octets.release());
    return out;
}

general_names_ptr subject_alt_names(const std::vector<std::string>& dns_names,
                                    const std::vector<std::string>& ip_addresses)
{
    general_names_ptr names(GENERAL_NAMES_new());
    if (!names)
        throw_openssl_error("allocating subjectAltName");
    const auto push = [&](general_name_ptr name) {
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            throw_openssl_error("building subjectAltName");
        name.release(); // the stack owns it now
    };
    for (const auto& name : dns_names)
        push(dns_name(name));
    for (const auto& address : ip_addresses)
        push(ip_address(address));
    return names;
}

pkey_ptr generate_p256_key()
{
    pkey_ptr key(EVP_EC_gen("P-256"));
    if (!key)
        throw_openssl_error("generating a P-256 key");
    return key;
}

name_ptr common_name(const std::string& cn)
{
    name_ptr name(X509_NAME_new());
    if (!name
        || X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(cn.data()),
                                      static_cast<int>(cn.size()), -1, 0)
            != 1)
        throw_openssl_error("building the name CN=" + cn);
    return name;
}

// Every run makes a new CA with the same name, so a fixed serial would give two
// different certificates the same issuer and serial, which NSS (Firefox, curl
// on some distributions) rejects outright once it has cached the first.
void set_random_serial(X509* cert)
{
    bignum_ptr serial(BN_new());
    if (!serial)
        throw_openssl_error("allocating a serial number");
    do {
        if (BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
            throw_openssl_error("drawing a serial number");
    } while (BN_is_zero(serial.get())); // RFC 5280 wants a positive serial
    if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr)
        throw_openssl_error("setting the serial number");
}

x509_ptr new_certificate(EVP_PKEY* key, const X509_NAME* subject, const X509_NAME* issuer, std::time_t now)
{
    x509_ptr cert(X509_new());
    if (!cert)
        throw_openssl_error("allocating a certificate");
    set_random_serial(cert.get());
    // An hour of backdating absorbs clock skew between the emulator and a
    // client in another container or VM.
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1
        || X509_set_subject_name(cert.get(), subject) != 1
        || X509_set_issuer_name(cert.get(), issuer) != 1
        || X509_set_pubkey(cert.get(), key) != 1
        || X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -3600, &now) == nullptr
        || X509_time_adj_ex(X509_getm_notAfter(cert.get()), 30, -3600, &now) == nullptr)
        throw_openssl_error("filling in a certificate");
    return cert;
}

void add_extension(X509* cert, X509V3_CTX& ctx, int nid, const char* value)
{
    extension_ptr extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!extension || X509_add_ext(cert, extension.get(), -1) != 1)
        throw_openssl_error(std::string("adding ") + OBJ_nid2sn(nid) + " = " + value);
}

void sign(X509* cert, EVP_PKEY* issuer_key)
{
    if (X509_sign(cert, issuer_key, EVP_sha256()) <= 0)
        throw_openssl_error("signing a certificate");
}

template <class Write>
std::string to_pem(Write write)
{
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        throw_openssl_error("writing PEM");
    std::string out(BIO_ctrl_pending(bio.get()), '\0');
    std::size_t read = 0;
    if (!out.empty() && (BIO_read_ex(bio.get(), out.data(), out.size(), &read) != 1 || read != out.size()))
        throw_openssl_error("reading PEM back");
    return out;
}

std::string certificate_pem(X509* cert)
{
    return to_pem([cert](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
}

} // namespace

tls_identity make_self_signed_identity(const std::vector<std::string>& dns_names,
                                       const std::vector<std::string>& ip_addresses)
{
    if (dns_names.empty() && ip_addresses.empty())
        throw std::invalid_argument("a server certificate needs at least one DNS name or IP address");
    general_names_ptr alt_names = subject_alt_names(dns_names, ip_addresses);
    // The CN is only a fallback for clients that ignore subjectAltName, but
    // X.520 caps it at 64 characters and OpenSSL would refuse a longer one.
    const std::string& leaf_common_name = dns_names.empty() ? ip_addresses.front() : dns_names.front();
    if (leaf_common_name.size() > std::size_t{ub_common_name})
        throw std::invalid_argument("'" + leaf_common_name + "' is longer than the 64 characters a CN can hold");

    const std::time_t now = std::time(nullptr);
    X509V3_CTX ctx{};

    const pkey_ptr ca_key = generate_p256_key();
    const name_ptr ca_name = common_name(ca_common_name);
    const x509_ptr ca = new_certificate(ca_key.get(), ca_name.get(), ca_name.get(), now);
    X509V3_set_ctx(&ctx, ca.get(), ca.get(), nullptr, nullptr, 0);
    add_extension(ca.get(), ctx, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(ca.get(), ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    // The leaf's authorityKeyIdentifier is copied from this, and verifiers in
    // strict mode (Python 3.13's default) want it on a CA.
    add_extension(ca.get(), ctx, NID_subject_key_identifier, "hash");
    sign(ca.get(), ca_key.get());

    const pkey_ptr leaf_key = generate_p256_key();
    const name_ptr leaf_name = common_name(leaf_common_name);
    const x509_ptr leaf = new_certificate(leaf_key.get(), leaf_name.get(), ca_name.get(), now);
    X509V3_set_ctx(&ctx, ca.get(), leaf.get(), nullptr, nullptr, 0);
    // RFC 5280 asks for keyUsage to be critical whenever present, on leaves too.
    add_extension(leaf.get(), ctx, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(leaf.get(), ctx, NID_key_usage, "critical,digitalSignature");
    add_extension(leaf.get(), ctx, NID_ext_key_usage, "serverAuth");
    add_extension(leaf.get(), ctx, NID_authority_key_identifier, "keyid:always");
    if (X509_add1_ext_i2d(leaf.get(), NID_subject_alt_name, alt_names.get(), 0, X509V3_ADD_DEFAULT) != 1)
        throw_openssl_error("adding subjectAltName");
    sign(leaf.get(), ca_key.get());

    tls_identity out;
    out.ca_certificate_pem = certificate_pem(ca.get());
    out.certificate_chain_pem = certificate_pem(leaf.get()) + out.ca_certificate_pem;
    // PKCS#8 rather than the "EC PRIVATE KEY" form: every TLS stack reads it.
    out.private_key_pem = to_pem([&leaf_key](BIO* bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, leaf_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return out;
}

void use_identity(boost::asio::ssl::context& server_context, const tls_identity& identity)
{
    server_context.use_certificate_chain(boost::asio::buffer(identity.certificate_chain_pem));
    server_context.use_private_key(boost::asio::buffer(identity.private_key_pem), boost::asio::ssl::context::pem);
}

} // namespace alicloud::emulator
