#ifndef ALICLOUD_TEST_COMMON_OFFICIAL_WIRE_KEYS_HPP
#define ALICLOUD_TEST_COMMON_OFFICIAL_WIRE_KEYS_HPP

// The keys the official SDK sent for each operation of each product, with
// every field set and one element per list (the schema's wire.query,
// generated into test/<product>/generated/wire_keys.inc): golden data for what
// a request encodes to.

#include <algorithm>
#include <iterator>
#include <span>
#include <string_view>

namespace alicloud::test {

struct official_keys {
    std::string_view action;
    std::string_view keys; // space-separated, sorted
};

inline constexpr official_keys ecs_wire_keys[] = {
#include "ecs/generated/wire_keys.inc"
};
inline constexpr official_keys vpc_wire_keys[] = {
#include "vpc/generated/wire_keys.inc"
};
inline constexpr official_keys sts_wire_keys[] = {
#include "sts/generated/wire_keys.inc"
};
inline constexpr official_keys ram_wire_keys[] = {
#include "ram/generated/wire_keys.inc"
};

// The keys of `action` in a product's table, or "<no golden keys>" (which no
// encoder produces).
inline std::string_view official_keys_of(std::span<const official_keys> table, std::string_view action)
{
    const auto it = std::find_if(table.begin(), table.end(), [&](const official_keys& k) { return k.action == action; });
    return it == table.end() ? std::string_view("<no golden keys>") : it->keys;
}

inline std::string_view official_ecs_keys(std::string_view action)
{
    return official_keys_of(ecs_wire_keys, action);
}

} // namespace alicloud::test

#endif
