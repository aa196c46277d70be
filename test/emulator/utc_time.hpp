#ifndef ALICLOUD_EMULATOR_UTC_TIME_HPP
#define ALICLOUD_EMULATOR_UTC_TIME_HPP

// Times as the service writes them: ISO 8601 in UTC, to the minute
// ("2024-05-28T10:00Z": CreationTime), the second (STS Expiration) or the
// millisecond (the request log).

#include <chrono>
#include <string>

namespace alicloud::emulator {

enum class utc_precision { minutes, seconds, milliseconds };

std::string utc_time(std::chrono::system_clock::time_point t, utc_precision precision);

} // namespace alicloud::emulator

#endif
