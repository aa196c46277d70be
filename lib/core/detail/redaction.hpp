#ifndef ALICLOUD_LIB_CORE_DETAIL_REDACTION_HPP
#define ALICLOUD_LIB_CORE_DETAIL_REDACTION_HPP

// Secrets out of what a failure shows. A service may quote what it signed:
// the SignatureDoesNotMatch message carries the server's string-to-sign,
// which holds the SecurityToken (percent-encoded twice under V1, verbatim in
// V3's canonical headers). The AccessKeySecret is never signed, but a server
// or proxy that echoes a request could still show it.

#include <alicloud/core/credentials.hpp>
#include <alicloud/core/diagnostics.hpp>

#include <string>

namespace alicloud::detail {

// Replaces the AccessKeySecret and the SecurityToken, verbatim or
// percent-encoded once or twice, with "<redacted>" - also a truncated copy
// at the end of a text (a body excerpt cut short).
void redact(std::string& text, const credentials& creds);
void redact(diagnostics& diag, const credentials& creds);

} // namespace alicloud::detail

#endif
