#include "request_check.hpp"

#include "nearest_names.hpp"
#include "terminal_text.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

namespace alicloud::cli {
namespace {

// The common parameters of the RPC protocol that the signer writes and a
// caller may override (V1 sends them as they are; V3 as query parameters).
// Action and Version are not among them: the command line sets those.
constexpr std::string_view common[] = {"AccessKeyId",      "Format",           "SecurityToken", "SignatureMethod",
                                       "SignatureNonce",   "SignatureVersion", "Timestamp"};

using segments = std::vector<std::string_view>;

segments split(std::string_view name)
{
    segments out;
    for (std::size_t start = 0;;) {
        const std::size_t dot = name.find('.', start);
        out.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos)
            return out;
        start = dot + 1;
    }
}

std::string join(const segments& s, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n && i < s.size(); ++i)
        out.append(i == 0 ? "" : ".").append(s[i]);
    return out;
}

// A list's element number: 1, 2, ... as the service counts them.
bool is_index(std::string_view s)
{
    return !s.empty() && s.size() <= 9 && s[0] >= '1' && s[0] <= '9' &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the first pattern.size() segments of `given` are those of
// `pattern`, where N stands for any element number.
bool starts_with(const segments& given, const segments& pattern)
{
    if (given.size() < pattern.size())
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] == "N" ? !is_index(given[i]) : pattern[i] != given[i])
            return false;
    return true;
}

bool is_common(std::string_view name)
{
    return std::find(std::begin(common), std::end(common), name) != std::end(common);
}

template <class Number>
bool parses_as(std::string_view text)
{
    Number n{};
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        return false;
    if constexpr (std::is_floating_point_v<Number>)
        return std::isfinite(n); // from_chars reads "inf" and "nan"; the service does not
    return true;
}

// Why `value` is not of `type`, or empty when it is.
std::string type_mismatch(parameter_type type, std::string_view value)
{
    switch (type) {
    case parameter_type::string:
    case parameter_type::object: return {};
    case parameter_type::int32:
        return parses_as<std::int32_t>(value) ? "" : "a whole number from -2147483648 to 2147483647";
    case parameter_type::int64:
        return parses_as<std::int64_t>(value) ? "" : "a whole number of 64 bits";
    case parameter_type::float32: return parses_as<float>(value) ? "" : "a number such as 0.5";
    case parameter_type::float64: return parses_as<double>(value) ? "" : "a number such as 0.5";
    case parameter_type::boolean: return value == "true" || value == "false" ? "" : "true or false";
    case parameter_type::json_array:
    case parameter_type::json_object: {
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(value, ec);
        if (type == parameter_type::json_array)
            return !ec && v.is_array() ? "" : R"(one JSON text such as ["a","b"])";
        return !ec && v.is_object() ? "" : R"(one JSON text such as {"Key":"Value"})";
    }
    }
    return {};
}

// The operation's parameter that `name` is, or nullptr.
const parameter_description* parameter_named(const operation_description& op, const segments& name)
{
    for (const auto& p : op.parameters) {
        const segments pattern = split(p.name);
        if (p.type != parameter_type::object && pattern.size() == name.size() && starts_with(name, pattern))
            return &p;
    }
    return nullptr;
}

// "--Tags.2.Key" near "Tag.N.Key" is "--Tag.2.Key": the user's element
// numbers kept where the catalog has N.
std::vector<std::string> parameter_suggestions(const operation_description& op, std::string_view name,
                                               const std::vector<std::string>& options)
{
    const segments given = split(name);
    std::vector<std::string_view> numbers;
    segments general = given;
    for (auto& s : general)
        if (is_index(s)) {
            numbers.push_back(s);
            s = "N";
        }
    std::vector<std::string> candidates(options);
    candidates.insert(candidates.end(), std::begin(common), std::end(common));
    for (const auto& p : op.parameters)
        if (p.type != parameter_type::object)
            candidates.emplace_back(p.name);
    std::vector<std::string> out;
    for (const auto& near : nearest_names(join(general, general.size()), candidates)) {
        segments s = split(near);
        std::size_t next = 0;
        for (auto& part : s)
            if (part == "N" && next < numbers.size())
                part = numbers[next++];
        out.push_back("--" + join(s, s.size()));
    }
    return out;
}

// A name to give for a list or group that is missing: "Tag.N" -> "Tag.1.Key",
// its first member with the element numbers of `at` and 1 for the rest.
std::string first_example(const operation_description& op, const parameter_description& p, const segments& at)
{
    segments s = at;
    const auto* member = &p + 1;
    if (p.type == parameter_type::object && member != op.parameters.data() + op.parameters.size() &&
        member->name.starts_with(std::string(p.name) + ".")) {
        const segments m = split(member->name);
        s.insert(s.end(), m.begin() + static_cast<std::ptrdiff_t>(at.size()), m.end());
    }
    for (auto& part : s)
        if (part == "N")
            part = "1";
    return join(s, s.size());
}

std::string with_article(const std::string& type)
{
    return (std::string_view("AEIOU").find(type[0]) != std::string_view::npos ? "an " : "a ") + type;
}

} // namespace

std::string_view holder_of(std::string_view name) noexcept
{
    if (name.ends_with(".N"))
        name.remove_suffix(2);
    const std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
}

std::span<const std::string_view> common_parameters() noexcept
{
    return common;
}

std::string type_text(parameter_type type)
{
    std::string out(to_string(type));
    if (type == parameter_type::int32)
        out += " (int32)";
    else if (type == parameter_type::int64)
        out += " (int64)";
    return out;
}

const operation_description* find_action(const api_catalog& catalog, std::string_view action, std::string& error)
{
    if (const auto* op = catalog.find(action))
        return op;
    std::vector<std::string> names;
    for (const auto& op : catalog.operations)
        names.emplace_back(op.action);
    const auto near = nearest_names(action, names);
    error = std::string(catalog.product) + " has no action '" + printable(action) + "' in API version " +
            std::string(catalog.version);
    if (!near.empty())
        error += "; did you mean " + one_of(near) + "?";
    return nullptr;
}

bool check_parameters(const operation_description& op, const parameters& params,
                      const std::vector<std::string>& options, std::string& error)
{
    const std::string action(op.action);
    for (const auto& given : params) {
        if (is_common(given.name))
            continue;
        const parameter_description* p = parameter_named(op, split(given.name));
        if (p == nullptr) {
            error = action + " has no parameter --" + printable(given.name);
            if (given.name == "Version" || given.name == "Action")
                error += given.name == "Version" ? "; the API version is --api-version" : "; the action comes after the product";
            else if (const auto near = parameter_suggestions(op, given.name, options); !near.empty())
                error += "; did you mean " + one_of(near) + "?";
            return false;
        }
        if (const std::string want = type_mismatch(p->type, given.value); !want.empty()) {
            error = "--" + printable(given.name) + " takes " + with_article(type_text(p->type)) + ", " + want +
                    ", not '" + printable(given.value) + "'";
            return false;
        }
    }

    for (const auto& p : op.parameters) {
        if (!p.required)
            continue;
        const segments pattern = split(p.name);
        const bool list = pattern.back() == "N";
        const bool group = p.type == parameter_type::object;
        // What must hold it: the request, or each element or object of the
        // group above it that the request has ("Tag.N.Key": each Tag.N given).
        const std::string_view holder_name = holder_of(p.name);
        const segments holder = holder_name.empty() ? segments{} : split(holder_name);
        const std::size_t depth = holder.size();
        std::set<std::string> holders;
        if (depth == 0)
            holders.insert("");
        for (const auto& given : params)
            if (const segments s = split(given.name); depth > 0 && s.size() > depth && starts_with(s, holder))
                holders.insert(join(s, depth));
        for (const auto& at : holders) {
            segments wanted = at.empty() ? segments{} : split(at);
            wanted.insert(wanted.end(), pattern.begin() + static_cast<std::ptrdiff_t>(depth), pattern.end());
            bool present = false, empty = false;
            for (const auto& given : params) {
                const segments s = split(given.name);
                if (!(group ? s.size() > wanted.size() : s.size() == wanted.size()) || !starts_with(s, wanted))
                    continue;
                if (!group && given.value.empty())
                    empty = true;
                else
                    present = true;
            }
            if (present)
                continue;
            const std::string name = join(wanted, wanted.size());
            if (empty)
                error = "--" + name + " is required but empty";
            else if (list || group)
                error = action + " needs " + (list ? "at least one " : "") + name + " (--" +
                        first_example(op, p, wanted) + " ...)";
            else
                error = action + " needs --" + name;
            if (depth > 0)
                error += ", in each " + std::string(holder_name);
            else if (p.name == "RegionId" && !empty)
                error += " (or --region)";
            return false;
        }
    }
    return true;
}

} // namespace alicloud::cli
