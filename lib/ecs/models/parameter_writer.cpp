#include "ecs/models/parameter_writer.hpp"

#include <charconv>

namespace alicloud::ecs::detail {

std::string parameter_writer::prefixed(std::string_view name) const
{
    std::string out;
    out.reserve(prefix_.size() + name.size() + 4);
    out.append(prefix_).append(name);
    return out;
}

std::string parameter_writer::element_prefix(std::string_view name, std::size_t i) const
{
    std::string out = prefixed(name);
    out.push_back('.');
    out.append(std::to_string(i + 1)).push_back('.');
    return out;
}

void parameter_writer::operator()(std::string_view name, const std::string& value)
{
    out_.set(prefixed(name), value);
}

void parameter_writer::operator()(std::string_view name, const std::optional<std::string>& value)
{
    if (value)
        out_.set(prefixed(name), *value);
}

void parameter_writer::operator()(std::string_view name, const std::optional<bool>& value)
{
    if (value)
        out_.set(prefixed(name), *value);
}

void parameter_writer::operator()(std::string_view name, const std::optional<std::int32_t>& value)
{
    if (value)
        out_.set(prefixed(name), *value);
}

void parameter_writer::operator()(std::string_view name, const std::optional<std::int64_t>& value)
{
    if (value)
        out_.set(prefixed(name), *value);
}

void parameter_writer::operator()(std::string_view name, const std::optional<double>& value)
{
    if (!value)
        return;
    // Shortest text that reads back as the same double, as JavaScript's toString gives.
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *value);
    out_.set(prefixed(name), std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

void parameter_writer::operator()(std::string_view name, const std::vector<std::string>& values)
{
    out_.set_repeat_list(prefixed(name), values);
}

void parameter_writer::json_array(std::string_view name, const std::optional<std::vector<std::string>>& values)
{
    if (values)
        out_.set_json_array(prefixed(name), *values);
}

} // namespace alicloud::ecs::detail
