// The client refuses TLS older than 1.2 by itself. Run under
// test/data/permissive_openssl.cnf (OPENSSL_CONF; its own ctest entry), where
// OpenSSL alone would let TLS 1.0 and 1.1 through: the test first shows that
// a handshake at TLS 1.1 does succeed in this process, then that the client
// refuses the same server with a clear error.

#include "client_support.hpp"

#include <alicloud/rpc_client.hpp>

#include "tls_identity.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <catch2/catch.hpp>

#include <openssl/ssl.h>

#include <cstdlib>
#include <list>
#include <string>

using namespace alicloud;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// Accepts TLS at 1.0 and 1.1 only, and completes handshakes (no HTTP).
struct old_tls_server {
    explicit old_tls_server(asio::io_context& ioc)
        : acceptor(ioc, {asio::ip::make_address("127.0.0.1"), 0}), identity(emulator::make_self_signed_identity())
    {
        emulator::use_identity(context, identity);
        SSL_CTX_set_security_level(context.native_handle(), 0);
        SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
        SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_1_VERSION);
        accept();
    }
    void accept()
    {
        acceptor.async_accept([this](error_code ec, tcp::socket s) {
            if (ec)
                return;
            auto& stream = streams.emplace_back(std::move(s), context);
            stream.async_handshake(asio::ssl::stream_base::server, [this](error_code hec) {
                if (!hec)
                    ++handshakes;
            });
            accept();
        });
    }
    std::uint16_t port() const { return acceptor.local_endpoint().port(); }

    tcp::acceptor acceptor;
    emulator::tls_identity identity;
    asio::ssl::context context{asio::ssl::context::tls_server};
    std::list<asio::ssl::stream<tcp::socket>> streams;
    int handshakes = 0;
};

} // namespace

TEST_CASE("TLS minimum: the client refuses TLS 1.1 even where OpenSSL's configuration allows it", "[.tls-minimum]")
{
    asio::io_context ioc;
    old_tls_server server(ioc);

    // What this process's OpenSSL allows on its own: TLS 1.1 (under the permissive configuration).
    asio::ssl::context plain(asio::ssl::context::tls_client);
    plain.set_verify_mode(asio::ssl::verify_none);
    asio::ssl::stream<tcp::socket> probe(ioc, plain);
    error_code probe_ec = asio::error::would_block;
    probe.next_layer().async_connect({asio::ip::make_address("127.0.0.1"), server.port()}, [&](error_code ec) {
        if (ec) {
            probe_ec = ec;
            return;
        }
        probe.async_handshake(asio::ssl::stream_base::client, [&](error_code hec) { probe_ec = hec; });
    });
    REQUIRE(test::run_until(ioc, [&] { return probe_ec != asio::error::would_block; }));
    INFO("OPENSSL_CONF=" << (std::getenv("OPENSSL_CONF") ? std::getenv("OPENSSL_CONF") : "(unset)"));
    REQUIRE_FALSE(probe_ec); // else this run does not show what the client adds
    CHECK(SSL_version(probe.native_handle()) == TLS1_1_VERSION);

    // The client, trusting the server's CA: refused, and it says why.
    client_options o;
    o.endpoint = "https://127.0.0.1:" + std::to_string(server.port());
    o.creds = {"testid", "testsecret", ""};
    o.tls.ca_pem = server.identity.ca_certificate_pem;
    o.retry.max_attempts = 1;
    rpc_client cl(ioc, o);
    int completions = 0;
    error_code call_ec;
    std::string message;
    rpc_call c{.action = "DescribeRegions", .version = "2014-05-26", .idempotent = true};
    cl.async_call(std::move(c), [&](error_code ec, rpc_response r) {
        call_ec = ec;
        message = r.diag.client_message;
        ++completions;
    });
    REQUIRE(test::run_until(ioc, [&] { return completions == 1; }));
    INFO(message);
    CHECK(call_ec);
    CHECK_THAT(message, Catch::Contains("TLS handshake with 127.0.0.1"));
    CHECK(server.handshakes == 1); // the probe's only
    CHECK(cl.open_connections() == 0);
}
