#ifndef ALICLOUD_SAMPLES_CLI_PRINT_JSON_HPP
#define ALICLOUD_SAMPLES_CLI_PRINT_JSON_HPP

#include <ostream>
#include <string_view>

namespace alicloud::cli {

// The JSON text indented, two spaces a level, as the official CLI prints
// answers. Numbers as the service wrote them (a double holds neither 1e400
// nor a 30-digit integer), strings with their control characters escaped
// (terminal_text.hpp). False, printing nothing, when the text is not JSON.
bool print_json(std::ostream& out, std::string_view text);

} // namespace alicloud::cli

#endif
