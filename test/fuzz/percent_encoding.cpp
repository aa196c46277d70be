// Fuzz target: the percent-encoding every signature is built on
// (lib/core/percent_encoding.cpp). The first byte picks the decode mode; the
// rest is both the text to encode and the text to decode.
//
// Invariants: encoding emits only unreserved bytes and upper-case %XY, one
// escape per other byte; decoding what was encoded gives the bytes back in
// either mode; decoding agrees with a reference decoder, on success and on
// where it fails; decode_form splits as a reference splitter does.

#include "check.hpp"
#include "fuzz_input.hpp"

#include <alicloud/core/sansio/percent_encoding.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using alicloud::sansio::decode_mode;

bool is_unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// What was decoded, and whether all of it was (false at the first bad '%').
struct reference_result {
    std::string out;
    bool ok = true;
};

reference_result reference_decode(std::string_view in, decode_mode mode)
{
    reference_result r;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+' && mode == decode_mode::form) {
            r.out += ' ';
        } else if (in[i] != '%') {
            r.out += in[i];
        } else if (in.size() - i >= 3 && hex_digit(in[i + 1]) >= 0 && hex_digit(in[i + 2]) >= 0) {
            r.out += static_cast<char>(hex_digit(in[i + 1]) * 16 + hex_digit(in[i + 2]));
            i += 2;
        } else {
            r.ok = false;
            return r;
        }
    }
    return r;
}

void check_encoding(std::string_view text)
{
    const std::string encoded = alicloud::sansio::percent_encode(text);
    std::size_t escapes = 0;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (is_unreserved(encoded[i]))
            continue;
        FUZZ_CHECK(encoded[i] == '%' && encoded.size() - i >= 3, "an encoded byte is neither unreserved nor %XY");
        for (const char digit : {encoded[i + 1], encoded[i + 2]})
            FUZZ_CHECK((digit >= '0' && digit <= '9') || (digit >= 'A' && digit <= 'F'),
                       "an escape is not two upper-case hex digits");
        i += 2;
        ++escapes;
    }
    std::size_t reserved = 0;
    for (const char c : text)
        if (!is_unreserved(c))
            ++reserved;
    FUZZ_CHECK(escapes == reserved, "not exactly one escape per byte outside the unreserved set");

    std::string appended = "prefix";
    alicloud::sansio::percent_encode_append(appended, text);
    FUZZ_CHECK(appended == "prefix" + encoded, "percent_encode_append did not append what percent_encode returns");

    for (const decode_mode mode : {decode_mode::query, decode_mode::form}) {
        std::string decoded;
        FUZZ_CHECK(alicloud::sansio::percent_decode_append(decoded, encoded, mode), "an encoded text did not decode");
        FUZZ_CHECK(decoded == text, "decoding what was encoded did not give the bytes back");
    }
}

void check_decoding(std::string_view text, decode_mode mode)
{
    std::string decoded = "prefix";
    const bool ok = alicloud::sansio::percent_decode_append(decoded, text, mode);
    const reference_result expected = reference_decode(text, mode);
    FUZZ_CHECK(ok == expected.ok, "percent_decode_append disagrees with the reference on whether the text decodes");
    FUZZ_CHECK(decoded == "prefix" + expected.out, "percent_decode_append decoded other bytes than the reference");
}

void check_form(std::string_view text, decode_mode mode)
{
    alicloud::error_code ec;
    alicloud::diagnostics diag;
    const alicloud::parameters got = alicloud::sansio::decode_form(text, mode, ec, diag);

    // The reference splits the whole text at every '&' first, then each piece
    // at its first '=' (the library cuts as it goes).
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '&') {
            pieces.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    std::vector<alicloud::parameter> expected;
    std::optional<std::string> bad_name; // the raw name of the first pair that does not decode
    for (const std::string_view piece : pieces) {
        if (piece.empty())
            continue;
        const std::size_t name_end = std::min(piece.find('='), piece.size());
        const reference_result n = reference_decode(piece.substr(0, name_end), mode);
        const reference_result v =
            reference_decode(name_end < piece.size() ? piece.substr(name_end + 1) : std::string_view(), mode);
        if (!n.ok || !v.ok) {
            bad_name = std::string(piece.substr(0, name_end));
            break;
        }
        expected.push_back({n.out, v.out});
    }
    if (bad_name) {
        FUZZ_CHECK(ec == alicloud::client_errc::invalid_field, "a bad escape in a form was not invalid_field");
        FUZZ_CHECK(diag.field == *bad_name, "the error names another parameter than the first bad one");
        FUZZ_CHECK(got.empty(), "a form that failed still returned parameters");
        return;
    }
    FUZZ_CHECK(!ec, "a well-formed form was refused");
    FUZZ_CHECK(std::vector<alicloud::parameter>(got.begin(), got.end()) == expected,
               "decode_form split the form differently from the reference");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const decode_mode mode = input.byte() % 2 == 0 ? decode_mode::query : decode_mode::form;
    const std::string_view text = input.rest();
    check_encoding(text);
    check_decoding(text, mode);
    check_form(text, mode);
    return 0;
}
