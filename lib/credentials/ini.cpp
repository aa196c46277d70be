#include "ini.hpp"

#include "core/detail/trim.hpp"

namespace alicloud::detail {
namespace {

std::string_view trim(std::string_view s)
{
    return detail::trim(s, " \t\r");
}

// Cuts a trailing comment: ';' or '#' that follows a space or a tab.
std::string_view strip_comment(std::string_view value)
{
    for (std::size_t i = 1; i < value.size(); ++i)
        if ((value[i] == ';' || value[i] == '#') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
            return value.substr(0, i);
    return value;
}

} // namespace

ini_file parse_ini(std::string_view text, std::string& error)
{
    ini_file out;
    error.clear();
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as some editors write
        text.remove_prefix(3);
    ini_section* current = nullptr;
    std::size_t line_number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_number;
        if (line.empty() || line.front() == ';' || line.front() == '#')
            continue;
        if (line.front() == '[') {
            const std::string_view name = line.back() == ']' ? trim(line.substr(1, line.size() - 2)) : std::string_view();
            if (name.empty()) {
                error = "line " + std::to_string(line_number) + ": a section header is [name]";
                return {};
            }
            current = &out[std::string(name)];
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos || trim(line.substr(0, eq)).empty()) {
            error = "line " + std::to_string(line_number) + ": expected key = value";
            return {};
        }
        if (current == nullptr) {
            error = "line " + std::to_string(line_number) + ": key = value before any [section]";
            return {};
        }
        (*current)[std::string(trim(line.substr(0, eq)))] = std::string(trim(strip_comment(line.substr(eq + 1))));
    }
    return out;
}

} // namespace alicloud::detail
