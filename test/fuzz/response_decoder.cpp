// Fuzz target: the generic RPC answer decoder (lib/core/response_decoder.cpp).
// Two bytes give the HTTP status, the rest is the body.
//
// Invariants: the verdict follows from what Boost.JSON makes of the body - not
// a JSON object: malformed_response and null; an object with 2xx: the object;
// an object otherwise: the service's error, classified, its status kept. The
// body excerpt of an error is printable ASCII and unescapes to the body's
// first bytes.

#include "check.hpp"
#include "fuzz_input.hpp"
#include "json_reference.hpp"

#include <alicloud/core/error.hpp>
#include <alicloud/core/sansio/response_decoder.hpp>


#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using alicloud::fuzz::same_json;
using alicloud::sansio::body_excerpt;

int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// body_excerpt's \xNN escapes undone; false when the text holds a byte or an
// escape that body_excerpt would not write.
bool unescape(std::string_view excerpt, std::string& out)
{
    for (std::size_t i = 0; i < excerpt.size(); ++i) {
        const char c = excerpt[i];
        if (c < 0x20 || c > 0x7e)
            return false;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (excerpt.size() - i < 4 || excerpt[i + 1] != 'x' || hex_digit(excerpt[i + 2]) < 0 ||
            hex_digit(excerpt[i + 3]) < 0)
            return false;
        out += static_cast<char>(hex_digit(excerpt[i + 2]) * 16 + hex_digit(excerpt[i + 3]));
        i += 3;
    }
    return true;
}

void check_excerpt(std::string_view body, std::size_t max_bytes)
{
    std::string excerpt = body_excerpt(body, max_bytes);
    const bool cut = body.size() > max_bytes;
    if (cut) {
        FUZZ_CHECK(excerpt.ends_with("..."), "a cut excerpt does not end with ...");
        excerpt.resize(excerpt.size() - 3);
    }
    std::string bytes;
    FUZZ_CHECK(unescape(excerpt, bytes), "an excerpt that is not printable ASCII with \\xNN escapes");
    FUZZ_CHECK(bytes == body.substr(0, max_bytes), "an excerpt that is not the body's first bytes");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const unsigned status = input.u16() % 600u;
    const std::size_t max_excerpt = input.byte();
    const std::string_view body = input.rest();

    alicloud::error_code ec;
    alicloud::diagnostics diag;
    const boost::json::value value = alicloud::sansio::decode_rpc_response(status, body, ec, diag);

    boost::json::error_code json_ec;
    const boost::json::value reference = alicloud::fuzz::reference_parse(body, json_ec);
    if (json_ec || !reference.is_object()) {
        FUZZ_CHECK(ec == alicloud::client_errc::malformed_response, "a body that is no JSON object was not malformed");
        FUZZ_CHECK(value.is_null(), "a malformed answer returned a value");
        FUZZ_CHECK(diag.server.http_status == status, "a malformed answer lost its HTTP status");
        FUZZ_CHECK(diag.body_excerpt == body_excerpt(body), "a malformed answer's excerpt is not the body's");
    } else if (status >= 200 && status < 300) {
        FUZZ_CHECK(!ec, "a 2xx JSON object was an error");
        FUZZ_CHECK(same_json(value, reference), "a 2xx answer decoded to another value than Boost.JSON's");
    } else {
        FUZZ_CHECK(ec.category() == alicloud::server_category(), "an error answer was not a service error");
        FUZZ_CHECK(ec == alicloud::sansio::classify_server_error(status, diag.server.code),
                   "an error answer classified otherwise than by its Code and status");
        FUZZ_CHECK(diag.server.http_status == status, "an error answer lost its HTTP status");
        FUZZ_CHECK(same_json(value, reference), "an error answer's value is not the body");
    }
    check_excerpt(body, 128);
    check_excerpt(body, max_excerpt);
    return 0;
}
