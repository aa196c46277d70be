#ifndef ALICLOUD_LIB_CREDENTIALS_INI_HPP
#define ALICLOUD_LIB_CREDENTIALS_INI_HPP

// The INI dialect of ~/.alibabacloud/credentials: [section] headers,
// `key = value` lines, full-line comments starting with ';' or '#', and a
// ';' or '#' after whitespace starting a comment at the end of a value.

#include <map>
#include <string>
#include <string_view>

namespace alicloud::detail {

using ini_section = std::map<std::string, std::string, std::less<>>;
using ini_file = std::map<std::string, ini_section, std::less<>>;

// Empty `error` on success; otherwise "line N: ..." naming what is wrong.
ini_file parse_ini(std::string_view text, std::string& error);

} // namespace alicloud::detail

#endif
