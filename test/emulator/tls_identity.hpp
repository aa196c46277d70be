#ifndef ALICLOUD_TEST_EMULATOR_TLS_IDENTITY_HPP
#define ALICLOUD_TEST_EMULATOR_TLS_IDENTITY_HPP

// The certificate the emulator serves when the user brings none. A client can
// only verify it by trusting a CA, so we make a throwaway CA per identity and
// hand its certificate out (--write-ca) instead of serving a self-signed leaf
// that clients would have to pin or stop verifying.

#include <boost/asio/ssl/context.hpp>

#include <string>
#include <vector>

namespace alicloud::emulator {

struct tls_identity {
    std::string ca_certificate_pem;    // the CA a client must trust (what --write-ca writes)
    std::string certificate_chain_pem; // leaf certificate followed by the CA certificate
    std::string private_key_pem;       // the leaf's private key (PKCS#8 PEM)
};

// A fresh CA ("alicloud-asio emulator CA") and a server certificate it signed
// for every name in dns_names and every address in ip_addresses (its CN is the
// first DNS name, else the first address). Both are EC P-256 / ECDSA-SHA256
// with random 128-bit serials, valid from an hour ago (clock skew between the
// emulator and a client in a container) for 30 days. The CA's private key is
// dropped: nothing else can ever be signed by it.
//
// Throws std::invalid_argument when there is no name or address at all, or one
// of them is empty or not an IPv4/IPv6 literal; std::runtime_error with
// OpenSSL's error text when OpenSSL fails.
tls_identity make_self_signed_identity(const std::vector<std::string>& dns_names = {"localhost"},
                                       const std::vector<std::string>& ip_addresses = {"127.0.0.1", "::1"});

// Makes server_context serve identity (chain and key, PEM). Throws
// boost::system::system_error when the context rejects either.
void use_identity(boost::asio::ssl::context& server_context, const tls_identity& identity);

} // namespace alicloud::emulator

#endif
