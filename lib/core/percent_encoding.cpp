#include <alicloud/core/sansio/percent_encoding.hpp>

#include "core/detail/hex.hpp"

#include <array>

namespace alicloud::sansio {
namespace {

constexpr std::array<bool, 256> make_unreserved()
{
    std::array<bool, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (char c : {'-', '_', '.', '~'}) table[static_cast<unsigned char>(c)] = true;
    return table;
}

constexpr auto unreserved = make_unreserved();

} // namespace

using detail::hex_value;

void percent_encode_append(std::string& out, std::string_view in)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    out.reserve(out.size() + in.size());
    for (char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (unreserved[c]) {
            out.push_back(ch);
        } else {
            const char escaped[3] = {'%', hex[c >> 4], hex[c & 0x0f]};
            out.append(escaped, 3);
        }
    }
}

std::string percent_encode(std::string_view in)
{
    std::string out;
    percent_encode_append(out, in);
    return out;
}

bool percent_decode_append(std::string& out, std::string_view in, decode_mode mode)
{
    out.reserve(out.size() + in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int hi = hex_value(in[i + 1]);
            const int lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            out.push_back(static_cast<char>((hi << 4) | lo));
            i += 2;
        } else if (c == '+' && mode == decode_mode::form) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

parameters decode_form(std::string_view text, decode_mode mode, error_code& ec, diagnostics& diag)
{
    parameters out;
    ec.clear();
    while (!text.empty()) {
        const auto amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty())
            continue;
        const auto eq = pair.find('=');
        const std::string_view raw_name = pair.substr(0, eq);
        const std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        std::string name, value;
        if (!percent_decode_append(name, raw_name, mode) || !percent_decode_append(value, raw_value, mode)) {
            ec = client_errc::invalid_field;
            diag.field = std::string(raw_name);
            diag.client_message = "bad percent-escape in parameter '" + diag.field + "'";
            return {};
        }
        out.append(std::move(name), std::move(value));
    }
    return out;
}

} // namespace alicloud::sansio
