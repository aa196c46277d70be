#ifndef ALICLOUD_CORE_SANSIO_PERCENT_ENCODING_HPP
#define ALICLOUD_CORE_SANSIO_PERCENT_ENCODING_HPP

// The one percent-encoding every Alibaba Cloud signature is built on
// (ecs-api.md §1.3): bytes of A-Z a-z 0-9 - _ . ~ stay as they are, every other
// byte becomes %XY with upper-case hex. Space is %20 (never '+'), '*' is %2A,
// '~' is literal.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/parameters.hpp>

#include <string>
#include <string_view>

namespace alicloud::sansio {

void percent_encode_append(std::string& out, std::string_view in);
std::string percent_encode(std::string_view in);

enum class decode_mode {
    query, // '+' stays '+'
    form,  // '+' is a space (application/x-www-form-urlencoded)
};

// Decodes %XY escapes (either case of hex). Returns false, leaving `out` with
// what was decoded so far, on a '%' not followed by two hex digits. The bytes are
// not checked for UTF-8: that is the caller's business.
bool percent_decode_append(std::string& out, std::string_view in, decode_mode mode);

// Splits "a=1&b=2" into parameters in arrival order; "a" alone means a="".
// Empty segments ("a=1&&b=2") are skipped. On a bad escape: client_errc::invalid_field
// with diag.field naming the offending parameter.
parameters decode_form(std::string_view text, decode_mode mode, error_code& ec, diagnostics& diag);

} // namespace alicloud::sansio

#endif
