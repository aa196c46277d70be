// Every VPC operation's codec: see checks.hpp.

#include "checks.hpp"

#include <alicloud/vpc/all_models.hpp>
#include <alicloud/vpc/operations.hpp>

#include <catch2/catch.hpp>

#include <span>

namespace product = alicloud::vpc;

TEST_CASE("VPC: every operation: a request with every field encodes to the official SDK's keys", "[vpc][every-operation]")
{
    const std::span<const alicloud::test::official_keys> golden = alicloud::test::vpc_wire_keys;
    std::size_t operations = 0;
    ALICLOUD_VPC_OPERATIONS(ALICLOUD_CHECK_REQUEST)
    CHECK(operations == golden.size());
}

TEST_CASE("VPC: every operation: an answer with every field decodes with none left at its default", "[vpc][every-operation]")
{
    ALICLOUD_VPC_OPERATIONS(ALICLOUD_CHECK_RESPONSE)
}
