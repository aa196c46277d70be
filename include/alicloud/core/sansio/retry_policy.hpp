#ifndef ALICLOUD_CORE_SANSIO_RETRY_POLICY_HPP
#define ALICLOUD_CORE_SANSIO_RETRY_POLICY_HPP

// When to repeat a failed attempt, and how long to wait first: exponential
// backoff with full jitter, capped, and never past the call's deadline.

#include <alicloud/core/error.hpp>

#include <chrono>
#include <cstdint>
#include <optional>

namespace alicloud {

struct retry_policy {
    // Attempts in all, the first included; 1 disables retries.
    unsigned max_attempts = 3;
    std::chrono::milliseconds initial_backoff{200};
    std::chrono::milliseconds max_backoff{8000};
    // Each retry's ceiling is the previous one times this.
    double multiplier = 2.0;
    // Wait a uniformly random time in [0, ceiling] rather than the ceiling
    // itself, so that many clients throttled together do not retry together.
    bool jitter = true;
};

namespace sansio {

// What happened in an attempt, as far as retrying is concerned.
struct attempt_outcome {
    error_code ec{};
    // The transport could not connect, or the connection failed; which error
    // codes mean that is the transport's knowledge, not this layer's.
    bool connection_failed = false;
    bool response_started = false; // at least one byte of a response arrived
};

// Whether the outcome is worth another attempt at all: throttling, a 5xx, a
// connection failure before any response byte, an attempt timeout. Whether this
// call may be repeated (idempotent or carrying a ClientToken) is the caller's.
bool is_retryable(const attempt_outcome& outcome) noexcept;

// The wait before attempt `next_attempt` (2 for the first retry), given a
// uniform random number in [0, 1) for the jitter; nullopt when the policy
// allows no more attempts or the wait would end at or past `time_left`.
std::optional<std::chrono::milliseconds> backoff_before(const retry_policy& policy, unsigned next_attempt,
                                                        double random_unit, std::chrono::milliseconds time_left);

} // namespace sansio
} // namespace alicloud

#endif
