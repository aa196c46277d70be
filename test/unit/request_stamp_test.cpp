#include <alicloud/core/sansio/request_stamp.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <thread>

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

TEST_CASE("a timestamp the clock cannot hold is an error, not an overflow", "[stamp]")
{
    // system_clock counts nanoseconds in 64 bits: from 1677-09-21T00:12:43.145224192Z
    // to 2262-04-11T23:47:16.854775807Z.
    system_clock::time_point parsed;
    for (const char* text : {"9999-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "0000-01-01T00:00Z", "2262-04-11T23:47:17Z",
                             "1677-09-21T00:12:43Z", "2262-04-12T00:00Z"}) {
        INFO(text);
        CHECK(is_valid_timestamp(text) == (std::string_view(text).size() == 20)); // the form is right
        CHECK_FALSE(parse_timestamp(text, parsed));
    }
    REQUIRE(parse_timestamp("2262-04-11T23:47:16Z", parsed));
    CHECK(parsed == floor<seconds>(system_clock::time_point::max()));
    REQUIRE(parse_timestamp("1677-09-21T00:12:44Z", parsed));
    CHECK(parsed == ceil<seconds>(system_clock::time_point::min()));

    // To the second, every four-digit year.
    sys_seconds whole;
    REQUIRE(parse_timestamp("9999-12-31T23:59:59Z", whole));
    CHECK(whole == sys_days(year(9999) / 12 / 31) + hours(23) + minutes(59) + seconds(59));
    REQUIRE(parse_timestamp("0000-01-01T00:00Z", whole));
    CHECK(whole == sys_days(year(0) / 1 / 1));

    CHECK(clamp_to_system_clock(sys_days(year(9999) / 12 / 31)) == system_clock::time_point::max());
    CHECK(clamp_to_system_clock(sys_days(year(1000) / 1 / 1)) == system_clock::time_point::min());
    CHECK(clamp_to_system_clock(sys_days(year(2000) / 1 / 1)) == sys_days(year(2000) / 1 / 1));
}

TEST_CASE("the first and last time points format without overflow", "[stamp]")
{
    CHECK(format_timestamp(system_clock::time_point::max()) == "2262-04-11T23:47:16Z");
    CHECK(format_timestamp(system_clock::time_point::min()) == "1677-09-21T00:12:43Z");
    // The second before the epoch, first on its thread (whose cache starts empty).
    std::string before_epoch;
    std::thread([&] { before_epoch = format_timestamp(system_clock::time_point(-seconds(1))); }).join();
    CHECK(before_epoch == "1969-12-31T23:59:59Z");
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
