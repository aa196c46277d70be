#include "sts_service.hpp"

#include "utc_time.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace alicloud::emulator {
namespace {

// acs:ram::<account>:role/<name>; the account is digits (the docs mask some with *).
bool valid_role_arn(std::string_view arn)
{
    static const std::regex pattern(R"(acs:ram::[0-9*]{1,32}:role/[A-Za-z0-9.@_-]{1,64})");
    return std::regex_match(arn.begin(), arn.end(), pattern);
}

bool valid_session_name(std::string_view name)
{
    return name.size() >= 2 && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
               return std::isalnum(c) || c == '.' || c == '@' || c == '_' || c == '-';
           });
}

} // namespace


issued_credentials sts_service::issue(std::chrono::seconds lifetime)
{
    const auto now = clock_.now();
    issued_credentials out;
    out.key.id = "STS." + random_text(24);
    out.key.secret = random_text(40);
    out.key.security_token = "CAIS" + random_text(120);
    // With sts_lifetime they stop working early, whatever Expiration says (as
    // if revoked, or as if the clocks disagreed).
    out.key.expiration = now + (opts_.sts_lifetime ? *opts_.sts_lifetime : std::chrono::milliseconds(lifetime));
    out.expiration = utc_time(now + lifetime, utc_precision::seconds);
    keys_.add(out.key);
    return out;
}

api_reply sts_service::handle(const authenticated_call& call, std::string_view host_id)
{
    if (serves(call.action))
        return assume_role(call, host_id);
    return error_reply(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.",
                       host_id);
}

api_reply sts_service::assume_role(const authenticated_call& call, std::string_view host_id)
{
    const std::string* arn = call.params.find("RoleArn");
    if (arn == nullptr || arn->empty())
        return missing_parameter("RoleArn", host_id);
    if (!valid_role_arn(*arn))
        return error_reply(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.", host_id);
    const std::string* session = call.params.find("RoleSessionName");
    if (session == nullptr || session->empty())
        return missing_parameter("RoleSessionName", host_id);
    if (!valid_session_name(*session))
        return error_reply(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.",
                           host_id);
    long duration = 3600;
    if (const std::string* d = call.params.find("DurationSeconds")) {
        char* end = nullptr;
        duration = std::strtol(d->c_str(), &end, 10);
        if (d->empty() || *end != '\0' || duration < 900 || duration > opts_.sts_max_session_seconds)
            return error_reply(400, "InvalidParameter.DurationSeconds",
                               "The Min/Max value of DurationSeconds is 15min/" +
                                   std::to_string(opts_.sts_max_session_seconds / 60) + "min.",
                               host_id);
    }
    if (const std::string* policy = call.params.find("Policy"); policy != nullptr && policy->size() > 1024)
        return error_reply(400, "InvalidParameter.PolicySize", "The size of Policy must be smaller than 1024 bytes.",
                           host_id);
    if (std::find(opts_.roles.begin(), opts_.roles.end(), *arn) == opts_.roles.end())
        return error_reply(404, "EntityNotExist.Role", "The role not exists: " + *arn + ".", host_id);

    const auto issued = issue(std::chrono::seconds(duration));
    api_reply r;
    r.body["RequestId"] = new_request_id();
    r.body["AssumedRoleUser"] = boost::json::object{
        {"Arn", *arn + "/" + *session},
        {"AssumedRoleId", "34458433936495" + std::to_string(arn->size()) + ":" + *session},
    };
    r.body["Credentials"] = boost::json::object{
        {"AccessKeyId", issued.key.id},
        {"AccessKeySecret", issued.key.secret},
        {"SecurityToken", issued.key.security_token},
        {"Expiration", issued.expiration},
    };
    return r;
}

} // namespace alicloud::emulator
