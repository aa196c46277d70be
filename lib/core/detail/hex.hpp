#ifndef ALICLOUD_LIB_CORE_DETAIL_HEX_HPP
#define ALICLOUD_LIB_CORE_DETAIL_HEX_HPP

namespace alicloud::detail {

// One hexadecimal digit's value, either case; -1 for anything else. Read
// where a text spells bytes or code points: %XX, \uXXXX.
constexpr int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace alicloud::detail

#endif
