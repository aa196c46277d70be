#ifndef ALICLOUD_TEST_COMMON_OFFICIAL_WIRE_KEYS_HPP
#define ALICLOUD_TEST_COMMON_OFFICIAL_WIRE_KEYS_HPP

// The keys the official SDK sent for each ECS operation, with every field set
// and one element per list (the schema's wire.query, generated into
// test/ecs/generated/wire_keys.inc): golden data for what a request encodes to.

#include <algorithm>
#include <iterator>
#include <string_view>

namespace alicloud::test {

struct official_keys {
    std::string_view action;
    std::string_view keys; // space-separated, sorted
};

inline constexpr official_keys ecs_wire_keys[] = {
#include "ecs/generated/wire_keys.inc"
};

// The keys of `action`, or "<no golden keys>" (which no encoder produces).
inline std::string_view official_ecs_keys(std::string_view action)
{
    const auto* it = std::find_if(std::begin(ecs_wire_keys), std::end(ecs_wire_keys),
                                  [&](const official_keys& k) { return k.action == action; });
    return it == std::end(ecs_wire_keys) ? std::string_view("<no golden keys>") : it->keys;
}

} // namespace alicloud::test

#endif
