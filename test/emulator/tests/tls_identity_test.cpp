// GCC 12 reports -Wnull-dereference inside Asio's io_context executor
// comparison wherever an asynchronous operation is inlined: a false positive
// in a system header that escapes the system-header exemption because it is
// found after inlining. Diagnostic state goes by source location, so the
// pragma has to cover the first inclusion of Asio, which is our own header.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "tls_identity.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#pragma GCC diagnostic pop

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using alicloud::emulator::make_self_signed_identity;
using alicloud::emulator::tls_identity;
using alicloud::emulator::use_identity;

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

using x509_ptr = openssl_ptr<X509, X509_free>;
using pkey_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using bio_ptr = openssl_ptr<BIO, BIO_free_all>;
using store_ptr = openssl_ptr<X509_STORE, X509_STORE_free>;
using store_ctx_ptr = openssl_ptr<X509_STORE_CTX, X509_STORE_CTX_free>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using asn1_time_ptr = openssl_ptr<ASN1_TIME, ASN1_TIME_free>;

bio_ptr read_only_bio(const std::string& pem)
{
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    REQUIRE(bio);
    return bio;
}

std::vector<x509_ptr> read_certificates(const std::string& pem)
{
    const bio_ptr bio = read_only_bio(pem);
    std::vector<x509_ptr> out;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        out.emplace_back(cert);
    ERR_clear_error(); // running out of PEM blocks is queued as an error
    return out;
}

x509_ptr read_certificate(const std::string& pem)
{
    auto certs = read_certificates(pem);
    REQUIRE(certs.size() == 1);
    return std::move(certs.front());
}

pkey_ptr read_private_key(const std::string& pem)
{
    const bio_ptr bio = read_only_bio(pem);
    pkey_ptr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    REQUIRE(key);
    return key;
}

// What a TLS client checks (chain, serverAuth purpose, host name), plus
// X.509 strict mode, which Python 3.13 turns on by default.
std::string verify_for_localhost(X509* leaf, X509* trusted_ca)
{
    const store_ptr store(X509_STORE_new());
    REQUIRE(store);
    REQUIRE(X509_STORE_add_cert(store.get(), trusted_ca) == 1);
    const store_ctx_ptr ctx(X509_STORE_CTX_new());
    REQUIRE(ctx);
    REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), leaf, nullptr) == 1);
    REQUIRE(X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER) == 1);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    REQUIRE(X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT) == 1);
    REQUIRE(X509_VERIFY_PARAM_set1_host(param, "localhost", 0) == 1);
    if (X509_verify_cert(ctx.get()) == 1)
        return "ok";
    return X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
}

std::string common_name(X509* cert)
{
    char text[256] = {};
    REQUIRE(X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, text, sizeof text) > 0);
    return text;
}

bool has_dns_name(X509* cert, const char* name)
{
    // Only subjectAltName counts: modern clients never look at the CN.
    return X509_check_host(cert, name, 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr) == 1;
}

bool has_ip_address(X509* cert, const char* address)
{
    return X509_check_ip_asc(cert, address, 0) == 1;
}

bignum_ptr serial(X509* cert)
{
    bignum_ptr out(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    REQUIRE(out);
    return out;
}

} // namespace

TEST_CASE("tls identity: the leaf verifies against the CA alone, for localhost and both loopback addresses",
          "[emulator][tls]")
{
    const tls_identity identity = make_self_signed_identity();
    const x509_ptr ca = read_certificate(identity.ca_certificate_pem);
    const auto chain = read_certificates(identity.certificate_chain_pem);
    REQUIRE(chain.size() == 2);
    X509* leaf = chain[0].get();
    CHECK(X509_cmp(chain[1].get(), ca.get()) == 0);

    CHECK(verify_for_localhost(leaf, ca.get()) == "ok");
    CHECK(X509_check_issued(ca.get(), leaf) == X509_V_OK);

    CHECK(has_dns_name(leaf, "localhost"));
    CHECK(has_ip_address(leaf, "127.0.0.1"));
    CHECK(has_ip_address(leaf, "::1"));
    CHECK_FALSE(has_dns_name(leaf, "example.com"));
    CHECK_FALSE(has_ip_address(leaf, "127.0.0.2"));
    CHECK(common_name(leaf) == "localhost");

    CHECK(common_name(ca.get()) == "alicloud-asio emulator CA");
    CHECK(X509_check_ca(ca.get()) == 1); // basicConstraints CA:TRUE
    CHECK((X509_get_extension_flags(ca.get()) & EXFLAG_CRITICAL) == 0); // no unknown critical extension
    CHECK(X509_get_key_usage(ca.get()) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    REQUIRE(X509_get0_subject_key_id(ca.get()) != nullptr);

    CHECK(X509_check_ca(leaf) == 0);
    CHECK((X509_get_extended_key_usage(leaf) & XKU_SSL_SERVER) != 0);
    CHECK(X509_get_key_usage(leaf) == KU_DIGITAL_SIGNATURE);
    REQUIRE(X509_get0_authority_key_id(leaf) != nullptr);
    CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(leaf), X509_get0_subject_key_id(ca.get())) == 0);

    for (X509* cert : {ca.get(), leaf}) {
        CHECK(X509_get_version(cert) == X509_VERSION_3);
        CHECK(X509_get_signature_nid(cert) == NID_ecdsa_with_SHA256);
        char group[64] = {};
        CHECK(EVP_PKEY_get_group_name(X509_get0_pubkey(cert), group, sizeof group, nullptr) == 1);
        CHECK(std::string(group) == "prime256v1");

        const bignum_ptr number = serial(cert);
        CHECK_FALSE(BN_is_negative(number.get()));
        CHECK_FALSE(BN_is_zero(number.get()));
        CHECK(BN_num_bits(number.get()) <= 128);

        int days = 0;
        int seconds = 0;
        REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert)) == 1);
        CHECK(days == 30);
        CHECK(seconds == 0);
        const asn1_time_ptr now(ASN1_TIME_set(nullptr, std::time(nullptr)));
        REQUIRE(now);
        REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), now.get()) == 1);
        CHECK(days == 0);
        CHECK(seconds >= 3600);
        CHECK(seconds < 3600 + 60);
    }

    CHECK(identity.private_key_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    const pkey_ptr key = read_private_key(identity.private_key_pem);
    CHECK(X509_check_private_key(leaf, key.get()) == 1);
    CHECK(X509_check_private_key(ca.get(), key.get()) == 0);
    ERR_clear_error(); // the mismatch above is queued as an error
}

TEST_CASE("tls identity: every call makes a new CA, new keys and new serials", "[emulator][tls]")
{
    const tls_identity first = make_self_signed_identity();
    const tls_identity second = make_self_signed_identity();
    CHECK(first.ca_certificate_pem != second.ca_certificate_pem);
    CHECK(first.private_key_pem != second.private_key_pem);

    const x509_ptr first_ca = read_certificate(first.ca_certificate_pem);
    const x509_ptr second_ca = read_certificate(second.ca_certificate_pem);
    const auto first_chain = read_certificates(first.certificate_chain_pem);
    const auto second_chain = read_certificates(second.certificate_chain_pem);
    REQUIRE(first_chain.size() == 2);
    REQUIRE(second_chain.size() == 2);

    CHECK(BN_cmp(serial(first_ca.get()).get(), serial(second_ca.get()).get()) != 0);
    CHECK(BN_cmp(serial(first_chain[0].get()).get(), serial(second_chain[0].get()).get()) != 0);
    CHECK(BN_cmp(serial(first_ca.get()).get(), serial(first_chain[0].get()).get()) != 0);
    CHECK(EVP_PKEY_eq(X509_get0_pubkey(first_ca.get()), X509_get0_pubkey(second_ca.get())) != 1);

    // Same CA name, other key: each run's CA vouches only for its own leaf.
    CHECK(verify_for_localhost(first_chain[0].get(), second_ca.get()) == "unable to get local issuer certificate");
    CHECK(verify_for_localhost(second_chain[0].get(), first_ca.get()) == "unable to get local issuer certificate");
    CHECK(verify_for_localhost(second_chain[0].get(), second_ca.get()) == "ok");
}

TEST_CASE("tls identity: the caller's names and addresses, and the ones it refuses", "[emulator][tls]")
{
    const tls_identity identity = make_self_signed_identity({"emulator.test", "ecs.cn-hangzhou.aliyuncs.com"},
                                                            {"10.1.2.3", "fd00::1"});
    const auto chain = read_certificates(identity.certificate_chain_pem);
    REQUIRE(chain.size() == 2);
    X509* leaf = chain[0].get();
    CHECK(common_name(leaf) == "emulator.test");
    CHECK(has_dns_name(leaf, "emulator.test"));
    CHECK(has_dns_name(leaf, "ecs.cn-hangzhou.aliyuncs.com"));
    CHECK(has_ip_address(leaf, "10.1.2.3"));
    CHECK(has_ip_address(leaf, "fd00::1"));
    CHECK_FALSE(has_dns_name(leaf, "localhost"));
    CHECK_FALSE(has_ip_address(leaf, "127.0.0.1"));

    const tls_identity by_address = make_self_signed_identity({}, {"127.0.0.1"});
    const auto address_chain = read_certificates(by_address.certificate_chain_pem);
    REQUIRE(address_chain.size() == 2);
    CHECK(common_name(address_chain[0].get()) == "127.0.0.1");
    CHECK(has_ip_address(address_chain[0].get(), "127.0.0.1"));

    CHECK_THROWS_AS(make_self_signed_identity({}, {}), std::invalid_argument);
    CHECK_THROWS_AS(make_self_signed_identity({""}, {}), std::invalid_argument);
    CHECK_THROWS_AS(make_self_signed_identity({"two words"}, {}), std::invalid_argument);
    CHECK_THROWS_AS(make_self_signed_identity({std::string(65, 'a')}, {}), std::invalid_argument);
    CHECK_THROWS_AS(make_self_signed_identity({"localhost"}, {"localhost"}), std::invalid_argument);
    CHECK_THROWS_AS(make_self_signed_identity({"localhost"}, {"127.0.0.256"}), std::invalid_argument);
    CHECK(ERR_peek_error() == 0); // refusing a name leaves nothing on OpenSSL's error queue
}

namespace {

struct handshake_outcome {
    bool client_done = false;
    bool server_done = false;
    boost::system::error_code client;
    boost::system::error_code server;
    long client_verify_result = -1;
    std::string server_name_seen; // SNI, as the server received it
};

// One TLS handshake over loopback TCP, both ends on one io_context. The client
// is set up the way our SDK's client is: verify_peer, the given CA as its only
// trust anchor, SNI and host-name verification for host.
handshake_outcome handshake(const tls_identity& served, const std::string& trusted_ca_pem, std::string host)
{
    namespace asio = boost::asio;
    namespace ssl = boost::asio::ssl;
    using tcp = boost::asio::ip::tcp;
    using error_code = boost::system::error_code;

    ssl::context server_tls(ssl::context::tls_server);
    use_identity(server_tls, served);

    ssl::context client_tls(ssl::context::tls_client);
    client_tls.set_verify_mode(ssl::verify_peer);
    client_tls.add_certificate_authority(asio::buffer(trusted_ca_pem));
    client_tls.set_verify_callback(ssl::host_name_verification(host));

    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    ssl::stream<tcp::socket> server(ioc, server_tls);
    ssl::stream<tcp::socket> client(ioc, client_tls);
    // SSL_set_tlsext_host_name with its C cast spelled out; OpenSSL copies the name.
    REQUIRE(SSL_ctrl(client.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, host.data())
            == 1);

    handshake_outcome out;
    // Whichever side fails closes its socket, so that the other side's
    // handshake ends at once instead of waiting for the bound.
    acceptor.async_accept(server.next_layer(), [&out, &server](error_code ec) {
        if (ec) {
            out.server = ec;
            out.server_done = true;
            return;
        }
        server.async_handshake(ssl::stream_base::server, [&out, &server](error_code handshake_ec) {
            out.server = handshake_ec;
            out.server_done = true;
            if (const char* name = SSL_get_servername(server.native_handle(), TLSEXT_NAMETYPE_host_name))
                out.server_name_seen = name;
            if (handshake_ec) {
                error_code ignored;
                server.next_layer().close(ignored);
            }
        });
    });
    client.next_layer().async_connect(acceptor.local_endpoint(), [&out, &client](error_code ec) {
        if (ec) {
            out.client = ec;
            out.client_done = true;
            return;
        }
        client.async_handshake(ssl::stream_base::client, [&out, &client](error_code handshake_ec) {
            out.client = handshake_ec;
            out.client_done = true;
            out.client_verify_result = SSL_get_verify_result(client.native_handle());
            if (handshake_ec) {
                error_code ignored;
                client.next_layer().close(ignored);
            }
        });
    });
    ioc.run_for(std::chrono::seconds(10));
    return out;
}

bool is_certificate_verify_failure(const boost::system::error_code& ec)
{
    if (ec.category() != boost::asio::error::get_ssl_category())
        return false;
    const auto code = static_cast<unsigned long>(ec.value());
    return ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_CERTIFICATE_VERIFY_FAILED;
}

} // namespace

TEST_CASE("tls identity: a verifying Asio client completes a handshake with a server using it",
          "[emulator][tls][handshake]")
{
    const tls_identity identity = make_self_signed_identity();

    SECTION("trusting the identity's CA, for localhost")
    {
        const handshake_outcome out = handshake(identity, identity.ca_certificate_pem, "localhost");
        REQUIRE(out.client_done);
        REQUIRE(out.server_done);
        INFO("client: " << out.client.message() << "; server: " << out.server.message());
        CHECK_FALSE(out.client);
        CHECK_FALSE(out.server);
        CHECK(out.client_verify_result == X509_V_OK);
        CHECK(out.server_name_seen == "localhost");
    }

    SECTION("trusting another, freshly made CA with the same name")
    {
        const tls_identity other = make_self_signed_identity();
        const handshake_outcome out = handshake(identity, other.ca_certificate_pem, "localhost");
        REQUIRE(out.client_done);
        REQUIRE(out.server_done);
        INFO("client: " << out.client.message());
        CHECK(is_certificate_verify_failure(out.client));
        // The server sends its own CA after the leaf; the client finds it
        // self-signed and not the one it trusts.
        CHECK(out.client_verify_result == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
        CHECK(out.server); // the client's alert, or its closing the connection
    }

    SECTION("trusting the right CA, but for a host the certificate does not name")
    {
        const handshake_outcome out = handshake(identity, identity.ca_certificate_pem, "example.com");
        REQUIRE(out.client_done);
        REQUIRE(out.server_done);
        INFO("client: " << out.client.message());
        CHECK(is_certificate_verify_failure(out.client));
        CHECK(out.server);
    }
}
