#include "temporary_credentials.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace alicloud::detail {

std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text)
{
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
    int used = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &y, &mo, &d, &h, &mi, &s, &used) != 6)
        return std::nullopt;
    std::string_view rest = text.substr(static_cast<std::size_t>(used));
    if (rest.starts_with('.')) // fractional seconds
        rest.remove_prefix(std::min(rest.find_first_not_of("0123456789", 1), rest.size()));
    if (rest != "Z")
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

bool read_temporary_credentials(const boost::json::value* object, credentials_result& out)
{
    const auto* obj = object ? object->if_object() : nullptr;
    const auto field = [&](std::string_view name) -> std::string {
        const auto* v = obj ? obj->if_contains(name) : nullptr;
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    out.creds = {field("AccessKeyId"), field("AccessKeySecret"), field("SecurityToken")};
    out.expiration = parse_utc_time(field("Expiration"));
    if (out.creds.access_key_id.empty() || out.creds.access_key_secret.empty() || out.creds.security_token.empty() ||
        !out.expiration) {
        out.creds = {};
        out.expiration.reset();
        return false;
    }
    return true;
}

} // namespace alicloud::detail
