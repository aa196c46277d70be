// Every STS operation's codec: see checks.hpp.

#include "checks.hpp"

#include <alicloud/sts/all_models.hpp>
#include <alicloud/sts/operations.hpp>

#include <catch2/catch.hpp>

#include <span>

namespace product = alicloud::sts;

TEST_CASE("STS: every operation: a request with every field encodes to the official SDK's keys", "[sts][every-operation]")
{
    const std::span<const alicloud::test::official_keys> golden = alicloud::test::sts_wire_keys;
    std::size_t operations = 0;
    ALICLOUD_STS_OPERATIONS(ALICLOUD_CHECK_REQUEST)
    CHECK(operations == golden.size());
}

TEST_CASE("STS: every operation: an answer with every field decodes with none left at its default", "[sts][every-operation]")
{
    ALICLOUD_STS_OPERATIONS(ALICLOUD_CHECK_RESPONSE)
}
