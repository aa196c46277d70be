#include <alicloud/core/sansio/request_stamp.hpp>

#include <catch2/catch.hpp>

#include <set>

using namespace alicloud::sansio;
using namespace std::chrono;

TEST_CASE("timestamps are UTC seconds with Z", "[stamp]")
{
    const auto t = sys_days(year(2016) / 2 / 23) + hours(12) + minutes(46) + seconds(24) + milliseconds(789);
    CHECK(format_timestamp(t) == "2016-02-23T12:46:24Z");
    system_clock::time_point parsed;
    REQUIRE(parse_timestamp("2016-02-23T12:46:24Z", parsed));
    CHECK(parsed == floor<seconds>(t));
    REQUIRE(parse_timestamp("2017-12-10T04:04Z", parsed)); // minute precision of ECS responses
    CHECK(format_timestamp(parsed) == "2017-12-10T04:04:00Z");
    CHECK(is_valid_timestamp("2024-02-29T23:59:59Z"));
    CHECK_FALSE(is_valid_timestamp("2023-02-29T00:00:00Z"));
    CHECK_FALSE(is_valid_timestamp("2017-12-10T04:04Z"));
}

TEST_CASE("nonces are 32 hex digits and do not repeat", "[stamp]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        auto n = random_nonce();
        REQUIRE(n.size() == 32);
        REQUIRE(n.find_first_not_of("0123456789abcdef") == std::string::npos);
        REQUIRE(seen.insert(n).second);
    }
    const auto stamp = make_request_stamp();
    CHECK(is_valid_timestamp(stamp.timestamp));
}
