#include <alicloud/core/sansio/retry_policy.hpp>

#include <algorithm>
#include <cmath>

namespace alicloud::sansio {

bool is_retryable(const attempt_outcome& outcome) noexcept
{
    const auto& ec = outcome.ec;
    if (ec == errc::throttled || ec == errc::server_error)
        return true;
    if (ec == client_errc::timeout)
        return true;
    // A half-read answer is not a connection failure: the service acted.
    return outcome.connection_failed && !outcome.response_started;
}

std::optional<std::chrono::milliseconds> backoff_before(const retry_policy& policy, unsigned next_attempt,
                                                        double random_unit, std::chrono::milliseconds time_left)
{
    if (next_attempt < 2 || next_attempt > policy.max_attempts)
        return std::nullopt;
    const double ceiling = std::min(static_cast<double>(policy.max_backoff.count()),
                                    static_cast<double>(policy.initial_backoff.count()) *
                                        std::pow(policy.multiplier, static_cast<double>(next_attempt - 2)));
    const double wait = policy.jitter ? ceiling * std::clamp(random_unit, 0.0, 1.0) : ceiling;
    const auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(wait));
    if (delay >= time_left)
        return std::nullopt;
    return delay;
}

} // namespace alicloud::sansio
