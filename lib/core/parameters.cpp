#include <alicloud/core/parameters.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>

namespace alicloud {
namespace {

std::string indexed(std::string_view name, std::size_t index)
{
    std::string out;
    out.reserve(name.size() + 4);
    out.append(name).push_back('.');
    out += std::to_string(index);
    return out;
}

template <class Range>
std::string json_array_of_strings(const Range& values)
{
    boost::json::array array;
    array.reserve(std::size(values));
    for (const auto& v : values)
        array.emplace_back(boost::json::string_view(v.data(), v.size()));
    return boost::json::serialize(array);
}

template <class Int>
std::string decimal(Int value)
{
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, end);
}

} // namespace

parameters::parameters(std::initializer_list<parameter> init)
{
    for (const auto& p : init)
        set(p.name, p.value);
}

parameters& parameters::set(std::string_view name, std::string_view value)
{
    auto it = std::find_if(items_.begin(), items_.end(), [&](const parameter& p) { return p.name == name; });
    if (it != items_.end())
        it->value.assign(value);
    else
        items_.push_back({std::string(name), std::string(value)});
    return *this;
}

parameters& parameters::set(std::string_view name, bool value)
{
    return set(name, std::string_view(value ? "true" : "false"));
}

parameters& parameters::set_integer(std::string_view name, std::int64_t value)
{
    return set(name, decimal(value));
}

parameters& parameters::set_unsigned(std::string_view name, std::uint64_t value)
{
    return set(name, decimal(value));
}

parameters& parameters::set_repeat_list(std::string_view name, std::span<const std::string> values)
{
    for (std::size_t i = 0; i < values.size(); ++i)
        set(indexed(name, i + 1), values[i]);
    return *this;
}

parameters& parameters::set_repeat_list(std::string_view name, std::initializer_list<std::string_view> values)
{
    std::size_t i = 0;
    for (auto v : values)
        set(indexed(name, ++i), v);
    return *this;
}

parameters& parameters::set_json_array(std::string_view name, std::span<const std::string> values)
{
    return set(name, json_array_of_strings(values));
}

parameters& parameters::set_json_array(std::string_view name, std::initializer_list<std::string_view> values)
{
    return set(name, json_array_of_strings(values));
}

parameters& parameters::set_flattened(std::string_view prefix, const boost::json::value& value)
{
    switch (value.kind()) {
    case boost::json::kind::null: break;
    case boost::json::kind::bool_: set(prefix, value.get_bool()); break;
    case boost::json::kind::int64: set(prefix, value.get_int64()); break;
    case boost::json::kind::uint64: set(prefix, value.get_uint64()); break;
    case boost::json::kind::double_: set(prefix, boost::json::serialize(value)); break;
    case boost::json::kind::string: set(prefix, std::string_view(value.get_string())); break;
    case boost::json::kind::array: {
        std::size_t i = 0;
        for (const auto& element : value.get_array())
            set_flattened(indexed(prefix, ++i), element);
        break;
    }
    case boost::json::kind::object:
        for (const auto& member : value.get_object()) {
            std::string name(prefix);
            if (!name.empty())
                name.push_back('.');
            name.append(member.key());
            set_flattened(name, member.value());
        }
        break;
    }
    return *this;
}

void parameters::append(std::string name, std::string value)
{
    items_.push_back({std::move(name), std::move(value)});
}

const std::string* parameters::find(std::string_view name) const noexcept
{
    auto it = std::find_if(items_.begin(), items_.end(), [&](const parameter& p) { return p.name == name; });
    return it == items_.end() ? nullptr : &it->value;
}

bool parameters::erase(std::string_view name)
{
    auto it = std::find_if(items_.begin(), items_.end(), [&](const parameter& p) { return p.name == name; });
    if (it == items_.end())
        return false;
    items_.erase(it);
    return true;
}

} // namespace alicloud
