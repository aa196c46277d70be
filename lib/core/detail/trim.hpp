#ifndef ALICLOUD_LIB_CORE_DETAIL_TRIM_HPP
#define ALICLOUD_LIB_CORE_DETAIL_TRIM_HPP

#include <string_view>

namespace alicloud::detail {

// `s` without the leading and trailing characters that are in `blanks`. Each
// caller names its own: what counts as blank differs between a signed header
// (space, tab), an INI line (and CR) and a metadata answer (and LF).
constexpr std::string_view trim(std::string_view s, std::string_view blanks) noexcept
{
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

} // namespace alicloud::detail

#endif
