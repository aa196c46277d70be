#ifndef ALICLOUD_SAMPLES_CLI_PRINT_REQUEST_HPP
#define ALICLOUD_SAMPLES_CLI_PRINT_REQUEST_HPP

#include <alicloud/core/endpoint.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <ostream>

namespace alicloud::cli {

// The signing strings (V1: StringToSign and Signature; V3: the canonical request,
// StringToSign and Authorization), then the request as it would be sent.
void print_request(std::ostream& out, signature_version version, const endpoint& ep, const signed_request& req);

} // namespace alicloud::cli

#endif
