#include "tls_session.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <climits>

namespace alicloud::detail {

namespace asio = boost::asio;

namespace {

// Why an SSL call returning `r` did not complete, as the error codes Asio's
// SSL streams use (the messages callers and tests already know).
tls_step classify(SSL* ssl, int r)
{
    tls_step out;
    const int saved_errno = errno;
    switch (::SSL_get_error(ssl, r)) {
    case SSL_ERROR_WANT_READ: out.wait = tls_step::need::readable; return out;
    case SSL_ERROR_WANT_WRITE: out.wait = tls_step::need::writable; return out;
    case SSL_ERROR_ZERO_RETURN: out.ec = asio::error::eof; return out;
    case SSL_ERROR_SYSCALL:
        if (const unsigned long e = ::ERR_get_error(); e != 0)
            out.ec = error_code(static_cast<int>(e), asio::error::get_ssl_category());
        else if (saved_errno != 0)
            out.ec = error_code(saved_errno, asio::error::get_system_category());
        else
            out.ec = asio::ssl::error::stream_truncated;
        return out;
    default: break;
    }
    const unsigned long e = ::ERR_get_error();
    if (ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
        out.ec = asio::ssl::error::stream_truncated;
    else
        out.ec = error_code(static_cast<int>(e), asio::error::get_ssl_category());
    return out;
}

int clamp(std::size_t n)
{
    return n > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n);
}

} // namespace

ssl_handle new_tls_session(SSL_CTX* ctx, int fd, const std::string& host, bool literal, bool verify, error_code& ec)
{
    ::ERR_clear_error();
    ssl_handle ssl(::SSL_new(ctx));
    bool ok = ssl != nullptr && ::SSL_set_fd(ssl.get(), fd) == 1;
    if (ok && !literal) // SNI takes names, not addresses (SSL_set_tlsext_host_name, without its C cast)
        ok = ::SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                        const_cast<char*>(host.c_str())) == 1;
    if (ok && verify) {
        X509_VERIFY_PARAM* param = ::SSL_get0_param(ssl.get());
        if (literal) {
            ok = ::X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
        } else {
            ::X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            ok = ::X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) == 1;
        }
    }
    if (!ok) {
        ec = error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
        return nullptr;
    }
    ::SSL_set_connect_state(ssl.get());
    ::SSL_set_read_ahead(ssl.get(), 1);
    // A write that would block is repeated from the same string: it does not
    // move, but OpenSSL need not insist that it be the same pointer either.
    ::SSL_set_mode(ssl.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return ssl;
}

tls_step tls_handshake(SSL* ssl)
{
    ::ERR_clear_error();
    errno = 0;
    const int r = ::SSL_do_handshake(ssl);
    if (r == 1)
        return {};
    return classify(ssl, r);
}

tls_step tls_write(SSL* ssl, const void* data, std::size_t size)
{
    ::ERR_clear_error();
    errno = 0;
    const int r = ::SSL_write(ssl, data, clamp(size));
    if (r > 0)
        return {tls_step::need::nothing, static_cast<std::size_t>(r), {}};
    return classify(ssl, r);
}

tls_step tls_read(SSL* ssl, void* data, std::size_t size)
{
    ::ERR_clear_error();
    errno = 0;
    const int r = ::SSL_read(ssl, data, clamp(size));
    if (r > 0)
        return {tls_step::need::nothing, static_cast<std::size_t>(r), {}};
    return classify(ssl, r);
}

} // namespace alicloud::detail
