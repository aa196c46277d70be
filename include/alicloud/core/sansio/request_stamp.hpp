#ifndef ALICLOUD_CORE_SANSIO_REQUEST_STAMP_HPP
#define ALICLOUD_CORE_SANSIO_REQUEST_STAMP_HPP

// The two values that make every signed request unique: its time and its nonce.
// They are inputs of the signer, never read from a global clock inside it, so
// tests and `alicloud --print-request` can pin them.

#include <chrono>
#include <string>
#include <string_view>

namespace alicloud::sansio {

struct request_stamp {
    std::string timestamp{}; // UTC "yyyy-MM-ddTHH:mm:ssZ"
    std::string nonce{};   // unique per request, retries included
};

// "yyyy-MM-ddTHH:mm:ssZ"; sub-second parts are dropped.
std::string format_timestamp(std::chrono::system_clock::time_point t);

// Whether text has exactly the form "yyyy-MM-ddTHH:mm:ssZ" with a valid date and time.
bool is_valid_timestamp(std::string_view text) noexcept;

// Parses "yyyy-MM-ddTHH:mm:ssZ" (and, for the minute-precision times of ECS
// responses, "yyyy-MM-ddTHH:mmZ"). Returns false when the text is neither, or
// names a time system_clock cannot hold: its 64-bit count of nanoseconds spans
// 1677-09-21T00:12:44Z to 2262-04-11T23:47:16Z.
bool parse_timestamp(std::string_view text, std::chrono::system_clock::time_point& out) noexcept;

// The same, to the second, for any four-digit year.
bool parse_timestamp(std::string_view text, std::chrono::sys_seconds& out) noexcept;

// `t` as a system_clock time point: its first or last one when `t` lies
// beyond them (a year 9999 expiration is "never", a year 1000 one "long ago").
std::chrono::system_clock::time_point clamp_to_system_clock(std::chrono::sys_seconds t) noexcept;

// 32 lower-case hex digits from a per-thread generator seeded by the OS:
// unique enough for a nonce and far cheaper than asking the OS each time.
std::string random_nonce();

// A stamp for now, from the system clock and random_nonce().
request_stamp make_request_stamp();

} // namespace alicloud::sansio

#endif
