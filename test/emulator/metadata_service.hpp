#ifndef ALICLOUD_EMULATOR_METADATA_SERVICE_HPP
#define ALICLOUD_EMULATOR_METADATA_SERVICE_HPP

// The ECS instance metadata service, as far as credentials go (ecs-api.md
// §6.5): an IMDSv2 token (PUT /latest/api/token), the instance's RAM role name
// and that role's temporary credentials
// (GET /latest/meta-data/ram/security-credentials/[role]).

#include "clock.hpp"
#include "options.hpp"
#include "sts_service.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace alicloud::emulator {

struct metadata_answer {
    unsigned status = 200;
    std::string content_type = "text/plain";
    std::string body;
    std::string action; // what the request log calls it: MetadataToken, MetadataRole, MetadataCredentials
};

class metadata_service {
public:
    metadata_service(sts_service& sts, const options& opts, const emulator_clock& clock)
        : sts_(sts), opts_(opts), clock_(clock)
    {
    }

    // `token` is the X-aliyun-ecs-metadata-token header, `ttl` the
    // X-aliyun-ecs-metadata-token-ttl-seconds one (nullptr when absent).
    metadata_answer handle(std::string_view method, std::string_view path, const std::string* token,
                           const std::string* ttl);
    void reset() { tokens_.clear(); }

private:
    bool token_ok(const std::string* token) const;

    sts_service& sts_;
    const options& opts_;
    const emulator_clock& clock_;
    std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> tokens_;
};

} // namespace alicloud::emulator

#endif
