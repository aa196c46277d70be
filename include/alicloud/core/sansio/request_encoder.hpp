#ifndef ALICLOUD_CORE_SANSIO_REQUEST_ENCODER_HPP
#define ALICLOUD_CORE_SANSIO_REQUEST_ENCODER_HPP

// rpc_request + credentials + stamp -> the signed HTTP request, V1 or V3.
//
// Everything that could break the wire is rejected here, before any signing,
// with an error naming the field (diagnostics::field):
//   - empty Action or Version, or one with characters a header cannot carry;
//   - missing AccessKeyId or AccessKeySecret, CR/LF/NUL in the id or the token;
//   - a parameter name that is empty, has control characters or invalid UTF-8;
//   - a parameter value with NUL or invalid UTF-8 (CR and LF are allowed in
//     values: they are percent-encoded and never reach a header);
//   - a parameter named "Signature" (the signer owns it);
//   - an extra header whose name is not a token or whose value has CR/LF/NUL;
//   - a timestamp not in the form yyyy-MM-ddTHH:mm:ssZ, an empty nonce.

#include <alicloud/core/credentials.hpp>
#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/rpc_request.hpp>
#include <alicloud/core/sansio/request_stamp.hpp>

#include <string_view>

namespace alicloud::sansio {

struct signing_options {
    signature_version version = signature_version::v3;
    // V1 only: the value of the Format common parameter. A "Format" parameter
    // in the request overrides it, like every other common parameter.
    std::string_view format = "JSON";
};

// `host` is the Host header value (endpoint::authority).
signed_request sign_rpc_request(
    const rpc_request& request,
    const credentials& creds,
    std::string_view host,
    const request_stamp& stamp,
    const signing_options& options,
    error_code& ec,
    diagnostics& diag);

// The checks of sign_rpc_request without the signing; used by layers that
// want to reject bad input before they queue a call.
void validate_rpc_request(const rpc_request& request, error_code& ec, diagnostics& diag);
void validate_credentials(const credentials& creds, error_code& ec, diagnostics& diag);

} // namespace alicloud::sansio

#endif
