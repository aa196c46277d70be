#include <alicloud/core/sansio/utf8.hpp>

#include <cstdint>
#include <utility>

namespace alicloud::sansio {

std::size_t utf8_sequence_size(std::string_view text) noexcept
{
    if (text.empty())
        return 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const std::uint8_t c = *p;
    if (c < 0x80)
        return 1;
    std::size_t len = 0;
    std::uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;      // no overlong forms
        if (c == 0xED) hi = 0x9F;      // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;      // no overlong forms
        if (c == 0xF4) hi = 0x8F;      // nothing past U+10FFFF
    } else
        return 0;
    if (text.size() < len || p[1] < lo || p[1] > hi)
        return 0;
    for (std::size_t i = 2; i < len; ++i)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

bool is_valid_utf8(std::string_view text) noexcept
{
    while (!text.empty()) {
        const std::size_t n = utf8_sequence_size(text);
        if (n == 0)
            return false;
        text.remove_prefix(n);
    }
    return true;
}

void replace_invalid_utf8(std::string& text)
{
    if (is_valid_utf8(text))
        return;
    std::string out;
    out.reserve(text.size() + text.size() / 2);
    for (std::string_view rest = text; !rest.empty();) {
        const std::size_t n = utf8_sequence_size(rest);
        out.append(n == 0 ? std::string_view("\xEF\xBF\xBD") : rest.substr(0, n));
        rest.remove_prefix(n == 0 ? 1 : n);
    }
    text = std::move(out);
}

} // namespace alicloud::sansio
