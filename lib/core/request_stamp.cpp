#include <alicloud/core/sansio/request_stamp.hpp>

#include "detail/crypto.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace alicloud::sansio {
namespace {

using namespace std::chrono;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept
{
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Fills a time point from "yyyy-MM-ddTHH:mm" + (":ss" when with_seconds) + "Z".
// In seconds, which hold every four-digit year: system_clock's nanoseconds do not.
bool parse(std::string_view s, bool with_seconds, sys_seconds& out) noexcept
{
    const std::size_t size = with_seconds ? 20 : 17;
    if (s.size() != size || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s.back() != 'Z')
        return false;
    if (with_seconds && s[16] != ':')
        return false;
    int y, mo, d, h, mi, sec = 0;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h)
        || !digits(s, 14, 2, mi) || (with_seconds && !digits(s, 17, 2, sec)))
        return false;
    const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59)
        return false;
    out = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec);
    return true;
}

// The seconds system_clock can hold: a 64-bit count of nanoseconds spans
// 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z.
constexpr sys_seconds first_second = ceil<seconds>(system_clock::time_point::min());
constexpr sys_seconds last_second = floor<seconds>(system_clock::time_point::max());

struct nonce_generator {
    std::mt19937_64 engine;

    nonce_generator()
    {
        std::uint64_t seed[4];
        if (RAND_bytes(reinterpret_cast<unsigned char*>(seed), sizeof seed) != 1)
            throw std::runtime_error("RAND_bytes failed to seed the nonce generator");
        std::seed_seq seq{seed[0], seed[1], seed[2], seed[3]};
        engine.seed(seq);
    }
};

} // namespace

std::string format_timestamp(system_clock::time_point t)
{
    // Every request of a second carries the same text: formatted once per
    // second and thread.
    // (No second system_clock can hold is seconds::min(): the cache starts empty.)
    thread_local seconds cached_second = seconds::min();
    thread_local char cached[32];
    const auto second = floor<seconds>(t);
    if (second.time_since_epoch() != cached_second) {
        // In seconds: the first day of the clock starts before its first nanosecond.
        const auto day_point = floor<days>(second);
        const year_month_day ymd{day_point};
        const hh_mm_ss<seconds> hms{second - day_point};
        std::snprintf(cached, sizeof cached, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
        cached_second = second.time_since_epoch();
    }
    return cached;
}

bool is_valid_timestamp(std::string_view text) noexcept
{
    sys_seconds ignored;
    return parse(text, true, ignored);
}

bool parse_timestamp(std::string_view text, sys_seconds& out) noexcept
{
    return parse(text, true, out) || parse(text, false, out);
}

bool parse_timestamp(std::string_view text, system_clock::time_point& out) noexcept
{
    sys_seconds t;
    if (!parse_timestamp(text, t) || t < first_second || t > last_second)
        return false;
    out = t;
    return true;
}

system_clock::time_point clamp_to_system_clock(sys_seconds t) noexcept
{
    if (t < first_second)
        return system_clock::time_point::min();
    if (t > last_second)
        return system_clock::time_point::max();
    return t;
}

std::string random_nonce()
{
    thread_local nonce_generator generator;
    std::array<std::uint8_t, 16> bytes;
    for (std::size_t half = 0; half < 2; ++half) {
        std::uint64_t v = generator.engine();
        for (std::size_t i = 0; i < 8; ++i, v >>= 8)
            bytes[half * 8 + i] = static_cast<std::uint8_t>(v & 0xff);
    }
    std::string out;
    out.reserve(32);
    alicloud::detail::hex_lower_append(out, bytes.data(), bytes.size());
    return out;
}

request_stamp make_request_stamp()
{
    return {format_timestamp(system_clock::now()), random_nonce()};
}

} // namespace alicloud::sansio
