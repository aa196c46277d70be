// Fuzz target: the UTF-8 checks (lib/core/utf8.cpp) against a reference that
// decodes code points the textbook way - from the number of leading one bits,
// then the shortest-form, surrogate and U+10FFFF rules - rather than from byte
// ranges as the library does. They must agree at every position of every input,
// a valid text must re-encode to exactly its own bytes, and replacing what is
// invalid must give valid text: U+FFFD for each byte the reference cannot
// start a sequence at, the rest unchanged.

#include "check.hpp"

#include <alicloud/core/sansio/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct decoded {
    std::size_t size = 0; // 0: not a well-formed sequence
    std::uint32_t code_point = 0;
};

decoded reference_decode(std::string_view text)
{
    if (text.empty())
        return {};
    const auto lead = static_cast<std::uint8_t>(text[0]);
    std::size_t size = 0;
    std::uint32_t cp = 0;
    if ((lead & 0x80) == 0x00) {
        return {1, lead};
    } else if ((lead & 0xE0) == 0xC0) {
        size = 2;
        cp = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        size = 3;
        cp = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        size = 4;
        cp = lead & 0x07u;
    } else {
        return {};
    }
    if (text.size() < size)
        return {};
    for (std::size_t i = 1; i < size; ++i) {
        const auto b = static_cast<std::uint8_t>(text[i]);
        if ((b & 0xC0) != 0x80)
            return {};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    constexpr std::uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[size] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return {};
    return {size, cp};
}

void encode(std::string& out, std::uint32_t cp)
{
    const auto put = [&](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
    if (cp < 0x80) {
        put(cp);
    } else if (cp < 0x800) {
        put(0xC0 | (cp >> 6));
        put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        put(0xE0 | (cp >> 12));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    } else {
        put(0xF0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using alicloud::sansio::is_valid_utf8;
    using alicloud::sansio::utf8_sequence_size;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    for (std::size_t i = 0; i <= text.size(); ++i)
        FUZZ_CHECK(utf8_sequence_size(text.substr(i)) == reference_decode(text.substr(i)).size,
                   "utf8_sequence_size disagrees with the reference decoder");

    bool valid = true;
    std::string reencoded; // with U+FFFD for each byte that starts no sequence
    for (std::string_view rest = text; !rest.empty();) {
        const decoded d = reference_decode(rest);
        valid = valid && d.size != 0;
        encode(reencoded, d.size == 0 ? 0xFFFD : d.code_point);
        rest.remove_prefix(d.size == 0 ? 1 : d.size);
    }
    FUZZ_CHECK(is_valid_utf8(text) == valid, "is_valid_utf8 disagrees with the reference decoder");
    if (valid)
        FUZZ_CHECK(reencoded == text, "valid UTF-8 did not re-encode to the same bytes");

    std::string replaced(text);
    alicloud::sansio::replace_invalid_utf8(replaced);
    FUZZ_CHECK(replaced == reencoded, "replace_invalid_utf8 disagrees with the reference decoder");
    FUZZ_CHECK(is_valid_utf8(replaced), "replace_invalid_utf8 left invalid UTF-8");
    return 0;
}
