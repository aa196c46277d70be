#include "utc_time.hpp"

#include <cstdio>

namespace alicloud::emulator {

std::string utc_time(std::chrono::system_clock::time_point t, utc_precision precision)
{
    using namespace std::chrono;
    // In milliseconds: the first day of the clock starts before its first nanosecond.
    const auto ms = floor<milliseconds>(t);
    const auto day_point = floor<days>(ms);
    const year_month_day ymd{day_point};
    const hh_mm_ss<milliseconds> hms{ms - day_point};
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", static_cast<int>(ymd.year()),
                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                          static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
    if (precision != utc_precision::minutes)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ":%02d",
                           static_cast<int>(hms.seconds().count()));
    if (precision == utc_precision::milliseconds)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03d",
                           static_cast<int>(hms.subseconds().count()));
    return std::string(buf, static_cast<std::size_t>(n)) + "Z";
}

} // namespace alicloud::emulator
