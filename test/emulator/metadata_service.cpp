#include "metadata_service.hpp"

#include "responses.hpp"
#include "utc_time.hpp"

#include <boost/json/serialize.hpp>

#include <cstdlib>

namespace alicloud::emulator {
namespace {

constexpr std::string_view token_path = "/latest/api/token";
constexpr std::string_view credentials_path = "/latest/meta-data/ram/security-credentials/";

metadata_answer answer(unsigned status, std::string body, std::string action)
{
    metadata_answer a;
    a.status = status;
    a.body = std::move(body);
    a.action = std::move(action);
    return a;
}

} // namespace

bool metadata_service::token_ok(const std::string* token) const
{
    if (token == nullptr)
        return !opts_.imds_token_required; // IMDSv1
    const auto it = tokens_.find(*token);
    return it != tokens_.end() && clock_.steady_now() < it->second;
}

metadata_answer metadata_service::handle(std::string_view method, std::string_view path, const std::string* token,
                                         const std::string* ttl)
{
    if (path == token_path) {
        if (method != "PUT")
            return answer(405, "method not allowed: PUT " + std::string(token_path), "MetadataToken");
        char* end = nullptr;
        const long seconds = ttl != nullptr ? std::strtol(ttl->c_str(), &end, 10) : 0;
        if (ttl == nullptr || ttl->empty() || *end != '\0' || seconds < 1 || seconds > 21600)
            return answer(400, "X-aliyun-ecs-metadata-token-ttl-seconds must be 1-21600", "MetadataToken");
        std::string token_text = "AQAE" + random_text(52);
        tokens_[token_text] = clock_.steady_now() + std::chrono::seconds(seconds);
        return answer(200, std::move(token_text), "MetadataToken");
    }
    if (!path.starts_with(credentials_path))
        return answer(404, "Not Found", "Metadata");
    const std::string action = path.size() == credentials_path.size() ? "MetadataRole" : "MetadataCredentials";
    if (method != "GET")
        return answer(405, "method not allowed", action);
    if (token != nullptr || opts_.imds_token_required)
        if (!token_ok(token))
            return answer(401, "Unauthorized: a valid X-aliyun-ecs-metadata-token is needed", action);
    if (opts_.instance_role.empty())
        return answer(404, "Not Found: the instance has no RAM role", action);
    const std::string_view role = path.substr(credentials_path.size());
    if (role.empty())
        return answer(200, opts_.instance_role, action);
    if (role != opts_.instance_role)
        return answer(404, "Not Found", action);

    const auto issued = sts_.issue(std::chrono::hours(6));
    metadata_answer a = answer(200,
                               boost::json::serialize(boost::json::object{
                                   {"AccessKeyId", issued.key.id},
                                   {"AccessKeySecret", issued.key.secret},
                                   {"Expiration", issued.expiration},
                                   {"SecurityToken", issued.key.security_token},
                                   {"LastUpdated", utc_time(clock_.now(), utc_precision::seconds)},
                                   {"Code", "Success"},
                               }),
                               action);
    a.content_type = "application/json";
    return a;
}

} // namespace alicloud::emulator
