#include "catalog_help.hpp"

#include "request_check.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#if __has_include(<sys/ioctl.h>) && __has_include(<unistd.h>)
#include <sys/ioctl.h>
#include <unistd.h>
#define ALICLOUD_CLI_HAS_WINSIZE 1
#endif

namespace alicloud::cli {
namespace {

std::size_t terminal_width()
{
    if (const char* columns = std::getenv("COLUMNS")) {
        const long n = std::strtol(columns, nullptr, 10);
        if (n >= 40 && n <= 1000)
            return static_cast<std::size_t>(n);
    }
#ifdef ALICLOUD_CLI_HAS_WINSIZE
    winsize ws{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
#endif
    return 80;
}

std::string upper(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "DescribeInstances" -> "Describe".
std::string_view verb(std::string_view action)
{
    std::size_t end = 1;
    while (end < action.size() && !(action[end] >= 'A' && action[end] <= 'Z'))
        ++end;
    return action.substr(0, end);
}

std::string padded(std::string_view text, std::size_t width)
{
    std::string out(text);
    if (out.size() < width)
        out.append(width - out.size(), ' ');
    return out;
}

// Names in as many columns as fit `width`, filled top to bottom as ls does;
// each row a line, without its indent.
std::vector<std::string> columns(const std::vector<std::string_view>& names, std::size_t width)
{
    const std::size_t gap = 2;
    std::size_t cols = names.size();
    std::size_t rows = 1;
    std::vector<std::size_t> widths;
    for (; cols >= 1; --cols) {
        rows = (names.size() + cols - 1) / cols;
        cols = (names.size() + rows - 1) / rows; // no empty column
        widths.assign(cols, 0);
        for (std::size_t i = 0; i < names.size(); ++i)
            widths[i / rows] = std::max(widths[i / rows], names[i].size());
        std::size_t total = 0;
        for (std::size_t c = 0; c < cols; ++c)
            total += widths[c] + (c + 1 < cols ? gap : 0);
        if (total <= width || cols == 1)
            break;
    }
    std::vector<std::string> lines(rows);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols && c * rows + r < names.size(); ++c) {
            const auto name = names[c * rows + r];
            const bool last = c + 1 == cols || (c + 1) * rows + r >= names.size();
            lines[r] += last ? std::string(name) : padded(name, widths[c] + gap);
        }
    return lines;
}

std::string requirement(const parameter_description& p)
{
    if (!p.required)
        return {};
    const std::string_view holder = holder_of(p.name);
    if (!holder.empty())
        return "required in each " + std::string(holder);
    if (p.name.ends_with(".N"))
        return "required: at least one";
    return p.name == "RegionId" ? "required (or --region)" : "required";
}

} // namespace

void print_actions(std::ostream& out, const api_catalog& catalog)
{
    const std::string product(catalog.product);
    out << "usage: alicloud [options] " << product << " <Action> [--Name value ...]\n"
        << "       alicloud " << product << " <Action> --help     the action's parameters\n\n"
        << upper(product) << " API " << catalog.version << ": " << catalog.operations.size()
        << " actions, by verb\n\n";

    std::size_t label = 0;
    for (const auto& op : catalog.operations)
        label = std::max(label, verb(op.action).size());
    label += 2;
    const std::size_t width = terminal_width();
    const std::size_t room = width > label + 20 ? width - label : 20;

    std::vector<std::string_view> verbs;
    for (const auto& op : catalog.operations)
        if (std::find(verbs.begin(), verbs.end(), verb(op.action)) == verbs.end())
            verbs.push_back(verb(op.action));
    std::sort(verbs.begin(), verbs.end());
    for (const auto v : verbs) {
        std::vector<std::string_view> names;
        for (const auto& op : catalog.operations)
            if (verb(op.action) == v)
                names.push_back(op.action);
        const auto lines = columns(names, room);
        for (std::size_t i = 0; i < lines.size(); ++i)
            out << padded(i == 0 ? v : "", label) << lines[i] << "\n";
    }
}

void print_operation(std::ostream& out, const api_catalog& catalog, const operation_description& op)
{
    const std::string product(catalog.product);
    out << "usage: alicloud [options] " << product << " " << op.action << " [--Name value ...]\n\n"
        << op.action << " (" << upper(product) << " API " << catalog.version << ")"
        << (op.idempotent ? ": a read, retried after a failure" : "") << "\n\n";

    // A group is shown only when it is required: a member's line says the rest.
    std::vector<const parameter_description*> shown;
    for (const auto& p : op.parameters)
        if (p.type != parameter_type::object || p.required)
            shown.push_back(&p);
    std::size_t name_width = 0;
    for (const auto* p : shown)
        name_width = std::max(name_width, p->name.size() + 2);
    const parameter_description* list_example = nullptr; // the action's first of each
    const parameter_description* json_example = nullptr;
    out << "parameters:\n";
    if (shown.empty())
        out << "  (none)\n";
    for (const auto* p : shown) {
        const bool group = p->type == parameter_type::object;
        const std::string name = (group ? "  " : "--") + std::string(p->name);
        const std::string why = requirement(*p);
        std::string line = "  " + padded(name, name_width + 2) + (why.empty() ? type_text(p->type) : padded(type_text(p->type), 17) + why);
        out << line << "\n";
        if (list_example == nullptr && !group && p->name.find(".N") != std::string_view::npos)
            list_example = p;
        if (json_example == nullptr && (p->type == parameter_type::json_array || p->type == parameter_type::json_object))
            json_example = p;
    }
    out << "\n";
    if (list_example != nullptr) {
        auto numbered = [&](char n) {
            std::string name(list_example->name);
            for (std::size_t at = name.find(".N"); at != std::string::npos; at = name.find(".N", at + 2))
                if (at + 2 == name.size() || name[at + 2] == '.')
                    name[at + 1] = n;
            return name;
        };
        out << "N numbers a list's elements from 1: --" << numbered('1') << " a --" << numbered('2') << " b.\n";
    }
    if (json_example != nullptr)
        out << "A JSON parameter takes one JSON text: --" << json_example->name
            << (json_example->type == parameter_type::json_array ? R"( '["a","b"]')" : R"( '{"Key":"Value"}')") << ".\n";
    out << "Common parameters, which any action takes (e.g. --Format XML):\n";
    std::string line = " ";
    for (const auto name : common_parameters()) {
        if (line.size() + 1 + name.size() > terminal_width()) {
            out << line << "\n";
            line = " ";
        }
        line.append(" ").append(name);
    }
    out << line << "\n";
}

} // namespace alicloud::cli
