#include "temporary_credentials.hpp"

#include <alicloud/core/sansio/request_stamp.hpp>

#include <string>

namespace alicloud::detail {

std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text)
{
    // The request timestamp's format, with fractional seconds (".123") allowed
    // before the "Z" and dropped.
    std::string whole(text);
    if (const auto dot = whole.find('.'); dot != std::string::npos && whole.ends_with('Z')) {
        const auto fraction = std::string_view(whole).substr(dot + 1, whole.size() - dot - 2);
        if (fraction.empty() || fraction.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        whole.erase(dot, fraction.size() + 1);
    }
    std::chrono::sys_seconds t;
    if (!sansio::parse_timestamp(whole, t))
        return std::nullopt;
    return sansio::clamp_to_system_clock(t);
}

bool read_temporary_credentials(const boost::json::value* object, credentials_result& out)
{
    const auto* obj = object ? object->if_object() : nullptr;
    const auto field = [&](std::string_view name) -> std::string {
        const auto* v = obj ? obj->if_contains(name) : nullptr;
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    return accept_temporary_credentials(field("AccessKeyId"), field("AccessKeySecret"), field("SecurityToken"),
                                        field("Expiration"), out);
}

bool accept_temporary_credentials(std::string access_key_id, std::string access_key_secret,
                                  std::string security_token, std::string_view expiration, credentials_result& out)
{
    out.creds = {std::move(access_key_id), std::move(access_key_secret), std::move(security_token)};
    out.expiration = parse_utc_time(expiration);
    if (out.creds.access_key_id.empty() || out.creds.access_key_secret.empty() || out.creds.security_token.empty() ||
        !out.expiration) {
        out.creds = {};
        out.expiration.reset();
        return false;
    }
    return true;
}

} // namespace alicloud::detail
