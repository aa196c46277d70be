#ifndef ALICLOUD_LIB_CREDENTIALS_TEMPORARY_CREDENTIALS_HPP
#define ALICLOUD_LIB_CREDENTIALS_TEMPORARY_CREDENTIALS_HPP

// The JSON object both STS AssumeRole (its "Credentials") and the instance
// metadata service answer with: AccessKeyId, AccessKeySecret, SecurityToken,
// Expiration (ecs-api.md §6.5-6.6).

#include <alicloud/credentials/provider.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace alicloud::detail {

// "yyyy-MM-ddTHH:mm:ssZ", also with fractional seconds. A time past what
// system_clock holds is its last time point (never expires: "9999-12-31T23:59:59Z"),
// one before it its first (expired long ago), not a count that wraps around.
std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text);

// All four fields, or false with `out` empty. Never quotes a value.
bool read_temporary_credentials(const boost::json::value* object, credentials_result& out);
// The same four, already read (STS's typed answer): all set and the
// expiration a time, or false with `out` empty.
bool accept_temporary_credentials(std::string access_key_id, std::string access_key_secret,
                                  std::string security_token, std::string_view expiration, credentials_result& out);

} // namespace alicloud::detail

#endif
