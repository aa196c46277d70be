#ifndef ALICLOUD_CORE_SANSIO_UTF8_HPP
#define ALICLOUD_CORE_SANSIO_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace alicloud::sansio {

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

// The size of the well-formed UTF-8 sequence `text` starts with (1 to 4), or
// 0 when it starts with none (or is empty).
std::size_t utf8_sequence_size(std::string_view text) noexcept;

// Makes `text` well-formed UTF-8: each byte that does not begin a well-formed
// sequence becomes U+FFFD; text that already is stays untouched. For a peer's
// bytes quoted in JSON or XML, which must be UTF-8 whatever the peer sent.
void replace_invalid_utf8(std::string& text);

} // namespace alicloud::sansio

#endif
