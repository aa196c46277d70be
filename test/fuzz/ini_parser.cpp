// Fuzz target: the credentials file's INI parser (lib/credentials/ini.cpp).
//
// Invariants: a failure names a line that exists and returns nothing; on
// success, names and values are trimmed and single-line, no name is empty, and
// writing the result back out as INI and parsing that gives the same result
// (so nothing the parser returns depends on how the file happened to be laid out).

#include "check.hpp"

#include "credentials/ini.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using alicloud::detail::ini_file;

bool is_trimmed(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    return s.empty() || (!blank(s.front()) && !blank(s.back()));
}

void check_text(std::string_view s, bool may_be_empty)
{
    FUZZ_CHECK(may_be_empty || !s.empty(), "an empty section or key name");
    FUZZ_CHECK(is_trimmed(s), "a name or value with blanks at an end");
    FUZZ_CHECK(s.find('\n') == std::string_view::npos, "a name or value spans lines");
}

// "key=value" with nothing around '=': a value may start with ';' or '#',
// which " = " would turn into a comment.
std::string write_ini(const ini_file& file)
{
    std::string out;
    for (const auto& [section, keys] : file) {
        out.append("[").append(section).append("]\n");
        for (const auto& [key, value] : keys)
            out.append(key).append("=").append(value).append("\n");
    }
    return out;
}

std::size_t count_lines(std::string_view text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    const ini_file file = alicloud::detail::parse_ini(text, error);
    if (!error.empty()) {
        FUZZ_CHECK(file.empty(), "a failed parse returned sections");
        FUZZ_CHECK(error.starts_with("line "), "an error that does not name its line");
        std::size_t line = 0;
        const char* digits = error.data() + 5;
        const auto [end, ec] = std::from_chars(digits, error.data() + error.size(), line);
        FUZZ_CHECK(ec == std::errc() && *end == ':', "an error that does not name its line");
        FUZZ_CHECK(line >= 1 && line <= count_lines(text), "an error names a line the text does not have");
        return 0;
    }
    for (const auto& [section, keys] : file) {
        check_text(section, false);
        for (const auto& [key, value] : keys) {
            check_text(key, false);
            check_text(value, true);
        }
    }
    std::string again_error;
    const ini_file again = alicloud::detail::parse_ini(write_ini(file), again_error);
    FUZZ_CHECK(again_error.empty(), "the parser refused what it returned, written back as INI");
    FUZZ_CHECK(again == file, "the parser read other values from what it returned, written back as INI");
    return 0;
}
