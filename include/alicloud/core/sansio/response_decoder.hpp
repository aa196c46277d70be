#ifndef ALICLOUD_CORE_SANSIO_RESPONSE_DECODER_HPP
#define ALICLOUD_CORE_SANSIO_RESPONSE_DECODER_HPP

// HTTP status + body of an RPC API answer -> the JSON value, or an error.
//
//  - 2xx with a JSON object: the object.
//  - non-2xx with a JSON object: the error envelope (Code, Message, RequestId,
//    HostId, Recommend, AccessDeniedDetail) into diag.server, and a server_errc
//    that classifies it (throttled, not_found, ...).
//  - anything else (not JSON, truncated JSON, not an object):
//    client_errc::malformed_response, with diag.server.http_status and the first
//    bytes of the body in diag.body_excerpt.
//
// The value is built in `storage` (the default resource when none is given).

#include <alicloud/core/diagnostics.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace alicloud::sansio {

boost::json::value decode_rpc_response(
    unsigned http_status,
    std::string_view body,
    error_code& ec,
    diagnostics& diag,
    boost::json::storage_ptr storage = {});

// The class of a service error, from its Code first and its HTTP status second.
server_errc classify_server_error(unsigned http_status, std::string_view code) noexcept;

// The body's first bytes for an error message: at most max_bytes, bytes
// outside printable ASCII written as \xNN, "..." when cut.
std::string body_excerpt(std::string_view body, std::size_t max_bytes = 128);

} // namespace alicloud::sansio

#endif
