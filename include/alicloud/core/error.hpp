#ifndef ALICLOUD_CORE_ERROR_HPP
#define ALICLOUD_CORE_ERROR_HPP

// Error codes of alicloud-asio.
//
// Three enums, one job each:
//  - client_errc: failures detected on this side of the wire (bad input, malformed
//    responses, timeouts, shutdown...). Category "alicloud.client".
//  - server_errc: the class of an error the service answered with. The exact server
//    Code, Message, RequestId... are in alicloud::diagnostics; the error_code carries
//    the class so that retry decisions and `ec == condition` tests need no strings.
//    Category "alicloud.server".
//  - errc: error conditions to test against, whatever produced the code:
//        if (ec == alicloud::errc::throttled) ...
//    Asio's operation_aborted compares equal to errc::cancelled.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace alicloud {

using boost::system::error_code;

enum class client_errc {
    // A required field of a request, or a credential, is missing or empty.
    // diagnostics::field names it.
    missing_field = 1,
    // A field's value cannot be sent: CR/LF/NUL where it would reach a header,
    // invalid UTF-8, a malformed timestamp... diagnostics::field names it.
    invalid_field,
    // A parameter name is empty, contains control characters or invalid UTF-8.
    invalid_parameter_name,
    // A parameter name that the signer owns (e.g. "Signature") was set by the caller.
    reserved_parameter,
    // The endpoint is not a host, host:port or http(s)://host[:port][/] URL.
    invalid_endpoint,
    // The response body is not what the protocol says: not JSON, truncated,
    // not an object. diagnostics carries the HTTP status and the body's first bytes.
    malformed_response,
    // The response body is larger than the configured limit.
    response_too_large,
    // A connect timeout, a per-attempt timeout or the call's deadline expired.
    timeout,
    // The bound on accepted but unfinished calls is reached (fail-fast policy).
    queue_full,
    // The client was shut down; the call was not started.
    shut_down,
    // No credentials provider yielded credentials.
    credentials_unavailable,
    // Sending requests is not available in this build or tool.
    not_supported,
    // A client that owns its threads was used before enable_async().
    async_not_enabled,
    // enable_async() on a client whose threads run (or are still shutting down).
    async_already_enabled,
};

enum class server_errc {
    // Code contains "Throttling", or HTTP 429.
    throttled = 1,
    // *.NotFound codes (other than authentication ones), or HTTP 404.
    not_found,
    // MissingParameter*, InvalidParameter*, Invalid*.ValueNotSupported, ...
    invalid_parameter,
    // Who you are was not accepted: signature, AccessKey, STS token, timestamp, nonce.
    authentication,
    // What you may do: Forbidden.*, NoPermission.
    forbidden,
    // The resource's state does not allow the operation: IncorrectInstanceStatus*,
    // OperationConflict, LastTokenProcessing, IdempotentParameterMismatch...
    conflict,
    // DryRunOperation / DRYRUN.SUCCESS: the dry run passed; nothing was done.
    dry_run_passed,
    // HTTP 5xx, InternalError, ServiceUnavailable*.
    server_error,
    // Any other error answer.
    other,
};

enum class errc {
    throttled = 1,
    not_found,
    // Server-side parameter errors and client-side rejections of bad input alike.
    invalid_parameter,
    authentication,
    forbidden,
    conflict,
    dry_run_passed,
    server_error,
    malformed_response,
    timeout,
    // The call was cancelled (asio::error::operation_aborted).
    cancelled,
    queue_full,
    shut_down,
    credentials_unavailable,
};

const boost::system::error_category& client_category() noexcept;
const boost::system::error_category& server_category() noexcept;
const boost::system::error_category& condition_category() noexcept;

inline error_code make_error_code(client_errc e) noexcept
{
    return {static_cast<int>(e), client_category()};
}

inline error_code make_error_code(server_errc e) noexcept
{
    return {static_cast<int>(e), server_category()};
}

inline boost::system::error_condition make_error_condition(errc e) noexcept
{
    return {static_cast<int>(e), condition_category()};
}

// True for the classes of server errors and client failures that a repeated
// request may cure (throttling, 5xx). Whether a call may be repeated at all is
// the retry policy's business, not this function's.
bool is_transient(const error_code& ec) noexcept;

} // namespace alicloud

template <>
struct boost::system::is_error_code_enum<alicloud::client_errc> : std::true_type {};
template <>
struct boost::system::is_error_code_enum<alicloud::server_errc> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<alicloud::errc> : std::true_type {};

#endif
