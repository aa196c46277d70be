#include <alicloud/core/sansio/retry_policy.hpp>

#include <boost/system/errc.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
using namespace std::chrono_literals;
using sansio::attempt_outcome;
using sansio::backoff_before;

TEST_CASE("backoff grows exponentially, is capped, and jitter scales it", "[retry]")
{
    const retry_policy p{.max_attempts = 6, .initial_backoff = 100ms, .max_backoff = 500ms, .multiplier = 2.0,
                         .jitter = false};
    CHECK(backoff_before(p, 2, 0.0, 60s) == 100ms);
    CHECK(backoff_before(p, 3, 0.0, 60s) == 200ms);
    CHECK(backoff_before(p, 4, 0.0, 60s) == 400ms);
    CHECK(backoff_before(p, 5, 0.0, 60s) == 500ms); // capped
    CHECK(backoff_before(p, 6, 0.0, 60s) == 500ms);
    CHECK_FALSE(backoff_before(p, 7, 0.0, 60s));    // past max_attempts
    CHECK_FALSE(backoff_before(p, 1, 0.0, 60s));

    auto jittered = p;
    jittered.jitter = true;
    CHECK(backoff_before(jittered, 4, 0.0, 60s) == 0ms);
    CHECK(backoff_before(jittered, 4, 0.5, 60s) == 200ms);
    CHECK(backoff_before(jittered, 4, 0.999, 60s) <= 400ms);
}

TEST_CASE("a backoff that would reach the deadline is not taken", "[retry]")
{
    const retry_policy p{.max_attempts = 5, .initial_backoff = 300ms, .jitter = false};
    CHECK(backoff_before(p, 2, 0.0, 301ms) == 300ms);
    CHECK_FALSE(backoff_before(p, 2, 0.0, 300ms));
    CHECK_FALSE(backoff_before(p, 2, 0.0, 0ms));
}

TEST_CASE("what is worth another attempt", "[retry]")
{
    CHECK(sansio::is_retryable({server_errc::throttled}));
    CHECK(sansio::is_retryable({server_errc::server_error}));
    CHECK(sansio::is_retryable({client_errc::timeout}));
    const error_code reset = boost::system::errc::make_error_code(boost::system::errc::connection_reset);
    CHECK(sansio::is_retryable({reset, true, false}));
    CHECK_FALSE(sansio::is_retryable({reset, true, true})); // the answer had begun
    CHECK_FALSE(sansio::is_retryable({server_errc::not_found}));
    CHECK_FALSE(sansio::is_retryable({server_errc::invalid_parameter}));
    CHECK_FALSE(sansio::is_retryable({client_errc::malformed_response}));
    CHECK_FALSE(sansio::is_retryable({client_errc::missing_field}));
}
