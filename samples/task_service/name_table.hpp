#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_NAME_TABLE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_NAME_TABLE_HPP

// The names an enumeration has on the wire (job kinds, task statuses), both ways.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace task_service {

template <class Enum, std::size_t N>
using name_table = std::array<std::pair<std::string_view, Enum>, N>;

template <class Enum, std::size_t N>
constexpr std::string_view name_of(const name_table<Enum, N>& table, Enum value)
{
    for (const auto& [name, v] : table)
        if (v == value)
            return name;
    return "unknown";
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_named(const name_table<Enum, N>& table, std::string_view name)
{
    for (const auto& [n, v] : table)
        if (n == name)
            return v;
    return std::nullopt;
}

} // namespace task_service

#endif
