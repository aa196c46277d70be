#include "terminal_text.hpp"

#include <alicloud/core/sansio/utf8.hpp>

#include <cstdio>

namespace alicloud::cli {
namespace {

// U+0080-U+009F: C2 followed by the code point's own byte.
bool is_c1(std::string_view text, std::size_t i)
{
    return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

void append_escape(std::string& out, const char* format, unsigned value)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, format, value);
    out += buf;
}

} // namespace

std::string printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = sansio::utf8_sequence_size(text.substr(i));
        if (n == 0)
            append_escape(out, "\\x%02X", c); // not UTF-8: a terminal might read it as C1
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20 || c == 0x7F)
            append_escape(out, "\\x%02X", c);
        else if (is_c1(text, i))
            append_escape(out, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
        else
            out.append(text.substr(i, n));
        i += n == 0 ? 1 : n;
    }
    return out;
}

void append_json_string(std::string& out, std::string_view text)
{
    out += '"';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F)
                append_escape(out, "\\u%04x", c);
            else if (is_c1(text, i))
                append_escape(out, "\\u%04x", static_cast<unsigned char>(text[++i]));
            else
                out += static_cast<char>(c);
        }
    }
    out += '"';
}

} // namespace alicloud::cli
