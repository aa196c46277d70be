#include "cidr.hpp"

#include <charconv>

namespace alicloud::emulator {

std::optional<std::uint32_t> parse_ipv4(std::string_view text)
{
    std::uint32_t out = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (text.empty() || text.front() != '.')
                return std::nullopt;
            text.remove_prefix(1);
        }
        // One to three digits, no sign, no leading zero but "0" itself.
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
            ++digits;
        if (digits == 0 || digits > 3 || (digits > 1 && text.front() == '0'))
            return std::nullopt;
        unsigned value = 0;
        std::from_chars(text.data(), text.data() + digits, value);
        if (value > 255)
            return std::nullopt;
        out = (out << 8) | value;
        text.remove_prefix(digits);
    }
    if (!text.empty())
        return std::nullopt;
    return out;
}

std::string format_ipv4(std::uint32_t a)
{
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
           "." + std::to_string(a & 0xFF);
}

std::string cidr_block::to_string() const
{
    return format_ipv4(base) + "/" + std::to_string(prefix);
}

std::optional<cidr_block> parse_cidr(std::string_view text, bool bare_is_host)
{
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        if (!bare_is_host)
            return std::nullopt;
        const auto address = parse_ipv4(text);
        if (!address)
            return std::nullopt;
        return cidr_block{*address, 32};
    }
    const auto address = parse_ipv4(text.substr(0, slash));
    const auto length = text.substr(slash + 1);
    int prefix = -1;
    const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), prefix);
    if (!address || length.empty() || length.size() > 2 || ec != std::errc() || end != length.data() + length.size() ||
        prefix < 0 || prefix > 32)
        return std::nullopt;
    const cidr_block block{*address, prefix};
    if (prefix < 32 && (*address & static_cast<std::uint32_t>(block.size() - 1)) != 0)
        return std::nullopt; // host bits set: not the first address of its block
    return block;
}

bool is_private(const cidr_block& block) noexcept
{
    static const cidr_block ranges[] = {{0x0A000000u, 8}, {0xAC100000u, 12}, {0xC0A80000u, 16}};
    for (const auto& r : ranges)
        if (r.contains(block))
            return true;
    return false;
}

} // namespace alicloud::emulator
