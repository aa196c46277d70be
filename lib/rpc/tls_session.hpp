#ifndef ALICLOUD_LIB_RPC_TLS_SESSION_HPP
#define ALICLOUD_LIB_RPC_TLS_SESSION_HPP

// TLS on the connection's own socket: OpenSSL reads and writes the
// (non-blocking) file descriptor itself, as wrk and nginx do, and the call
// waits for readiness with Asio when OpenSSL says it would block.
//
// Asio's ssl::stream puts a memory BIO pair between OpenSSL and the socket:
// every byte is copied through it, and each read or write runs the engine's
// loop of SSL calls, BIO queries and handlers - in the bench, TLS cost the
// call 22 µs where it costs wrk 4. Here a request is one SSL_write (one
// record, one send), and an answer one SSL_read per arrival (read-ahead on:
// OpenSSL takes what the socket has in one recv, not a record header first).

#include <alicloud/core/error.hpp>

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace alicloud::detail {

struct ssl_free {
    void operator()(SSL* s) const noexcept { ::SSL_free(s); }
};
using ssl_handle = std::unique_ptr<SSL, ssl_free>;

// What an SSL call came to: done (`bytes` moved, or `ec` set), or it needs
// the socket to be readable or writable first, then the same call again.
struct tls_step {
    enum class need : unsigned char { nothing, readable, writable } wait = need::nothing;
    std::size_t bytes = 0;
    error_code ec{};
};

// A client session on `fd` for `host`: SNI for names (not addresses), and,
// when `verify`, the certificate checked against the name or the address.
ssl_handle new_tls_session(SSL_CTX* ctx, int fd, const std::string& host, bool literal, bool verify, error_code& ec);

tls_step tls_handshake(SSL* ssl);
tls_step tls_write(SSL* ssl, const void* data, std::size_t size);
// An orderly close (close_notify) is asio::error::eof; the connection ending
// without one is asio::ssl::error::stream_truncated.
tls_step tls_read(SSL* ssl, void* data, std::size_t size);

} // namespace alicloud::detail

#endif
