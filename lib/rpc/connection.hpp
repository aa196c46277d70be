#ifndef ALICLOUD_LIB_RPC_CONNECTION_HPP
#define ALICLOUD_LIB_RPC_CONNECTION_HPP

// One HTTP/1.1 connection to a host, plain or TLS, with the read buffer it
// keeps across requests (reserved once: Beast's default grows 512 bytes at a
// time, which costs a recvmsg per half-kilobyte of every answer).
//
// Every byte a server sends is counted against a bound: the head against
// max_head_bytes, the chunk framing and trailers against the read buffer's
// maximum (a chunk extension or a chunk size that never ends fills it, and the
// read fails), the body against client_options::max_response_bytes.

#include "tls_session.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <memory>

namespace alicloud::detail {

// The status line and header fields of one answer.
inline constexpr std::size_t max_head_bytes = 64 * 1024;
// What the read buffer may hold at once: a head, or a chunk's framing.
inline constexpr std::size_t max_buffered_bytes = 128 * 1024;

inline boost::beast::flat_buffer reserved_buffer()
{
    boost::beast::flat_buffer b(max_buffered_bytes);
    b.reserve(16 * 1024);
    return b;
}

// A plain socket, not Beast's tcp_stream: a call's deadline is one timer for
// the whole attempt (call_driver.cpp), not a timer per read and write. It is
// non-blocking; for HTTPS, OpenSSL reads and writes it (tls_session.hpp).
struct connection {
    std::unique_ptr<boost::asio::ip::tcp::socket> tcp;
    ssl_handle tls; // HTTPS: the session on tcp's descriptor
    boost::beast::flat_buffer buffer = reserved_buffer();
    std::chrono::steady_clock::time_point idle_since;
    unsigned requests = 0; // answered on this connection so far

    boost::asio::ip::tcp::socket& lowest() { return *tcp; }

    // True when the peer closed it while it sat idle (a FIN or RST is waiting):
    // checked before reuse, so a stale connection costs no failed request.
    bool closed_by_peer();

    void close() noexcept;
};

} // namespace alicloud::detail

#endif
