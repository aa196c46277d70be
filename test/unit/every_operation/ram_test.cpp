// Every RAM operation's codec: see checks.hpp.

#include "checks.hpp"

#include <alicloud/ram/all_models.hpp>
#include <alicloud/ram/operations.hpp>

#include <catch2/catch.hpp>

#include <span>

namespace product = alicloud::ram;

TEST_CASE("RAM: every operation: a request with every field encodes to the official SDK's keys", "[ram][every-operation]")
{
    const std::span<const alicloud::test::official_keys> golden = alicloud::test::ram_wire_keys;
    std::size_t operations = 0;
    ALICLOUD_RAM_OPERATIONS(ALICLOUD_CHECK_REQUEST)
    CHECK(operations == golden.size());
}

TEST_CASE("RAM: every operation: an answer with every field decodes with none left at its default", "[ram][every-operation]")
{
    ALICLOUD_RAM_OPERATIONS(ALICLOUD_CHECK_RESPONSE)
}
