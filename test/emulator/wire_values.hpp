#ifndef ALICLOUD_EMULATOR_WIRE_VALUES_HPP
#define ALICLOUD_EMULATOR_WIRE_VALUES_HPP

// Parameter values read as the service reads them: one definition for the
// metadata checks (api_meta.cpp), the schema checks (schema_catalog.cpp) and
// the operations that act on the values (ecs_service.cpp, the dispatcher).

#include <alicloud/core/parameters.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace alicloud::emulator {

// The whole text as a decimal integer, or nullopt.
std::optional<std::int64_t> parse_integer(std::string_view s);
// The whole text as a number, or nullopt. "inf" and "nan" are numbers here
// (std::from_chars reads them); a caller that wants finite ones checks.
std::optional<double> parse_number(std::string_view s);
// true, false, True or False.
bool is_boolean(std::string_view s);
// Whether the Boolean parameter `name` is true (true or True); `fallback` when absent.
bool flag(const parameters& p, std::string_view name, bool fallback = false);

} // namespace alicloud::emulator

#endif
