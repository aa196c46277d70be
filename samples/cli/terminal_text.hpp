#ifndef ALICLOUD_SAMPLES_CLI_TERMINAL_TEXT_HPP
#define ALICLOUD_SAMPLES_CLI_TERMINAL_TEXT_HPP

// What a server sends reaches a terminal only as text that cannot take it
// over: a control character could start an escape sequence (set the window
// title, clear the screen, rewrite the line above).

#include <string>
#include <string_view>

namespace alicloud::cli {

// `text` with every control character (C0, DEL, C1) and every byte that is
// not UTF-8 shown as an escape - \n \r \t, \x1B, \u009B, \xFF - the rest as is.
std::string printable(std::string_view text);

// Appends `text` (valid UTF-8) as a JSON string: JSON's escapes, and \u007f
// and \u0080-\u009f besides, which JSON allows raw.
void append_json_string(std::string& out, std::string_view text);

} // namespace alicloud::cli

#endif
