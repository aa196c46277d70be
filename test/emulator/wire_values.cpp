#include "wire_values.hpp"

#include <charconv>

namespace alicloud::emulator {

std::optional<std::int64_t> parse_integer(std::string_view s)
{
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<double> parse_number(std::string_view s)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

bool is_boolean(std::string_view s)
{
    return s == "true" || s == "false" || s == "True" || s == "False";
}

bool flag(const parameters& p, std::string_view name, bool fallback)
{
    const auto* v = p.find(name);
    if (v == nullptr)
        return fallback;
    return *v == "true" || *v == "True";
}

} // namespace alicloud::emulator
