// Every ECS operation's codec: see checks.hpp.

#include "checks.hpp"

#include <alicloud/ecs/all_models.hpp>
#include <alicloud/ecs/operations.hpp>

#include <catch2/catch.hpp>

#include <span>

namespace product = alicloud::ecs;

TEST_CASE("every operation: a request with every field encodes to the official SDK's keys", "[ecs][every-operation]")
{
    const std::span<const alicloud::test::official_keys> golden = alicloud::test::ecs_wire_keys;
    std::size_t operations = 0;
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_CHECK_REQUEST)
    CHECK(operations == golden.size());
}

TEST_CASE("every operation: an answer with every field decodes with none left at its default", "[ecs][every-operation]")
{
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_CHECK_RESPONSE)
}
