#ifndef ALICLOUD_EMULATOR_STS_SERVICE_HPP
#define ALICLOUD_EMULATOR_STS_SERVICE_HPP

// STS (2015-04-01): AssumeRole, and the temporary credentials it and the
// metadata service hand out (ecs-api.md §6.5-6.6). Issued credentials go into
// the credential store with their expiry, so the ECS side accepts them - and
// refuses them with InvalidSecurityToken.Expired once they expire.

#include "authenticator.hpp"
#include "clock.hpp"
#include "credential_store.hpp"
#include "options.hpp"
#include "responses.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace alicloud::emulator {

inline constexpr std::string_view sts_api_version = "2015-04-01";

struct issued_credentials {
    access_key key;
    std::string expiration; // "yyyy-MM-ddTHH:mm:ssZ"
};

class sts_service {
public:
    sts_service(credential_store& keys, const options& opts, const emulator_clock& clock)
        : keys_(keys), opts_(opts), clock_(clock)
    {
    }

    // The STS operations with state; the others are served from the schema.
    static bool serves(std::string_view action) { return action == "AssumeRole"; }

    api_reply handle(const authenticated_call& call, std::string_view host_id);

    // New temporary credentials, valid `lifetime` (or opts.sts_lifetime when
    // set), accepted from now on.
    issued_credentials issue(std::chrono::seconds lifetime);

private:
    api_reply assume_role(const authenticated_call& call, std::string_view host_id);

    credential_store& keys_;
    const options& opts_;
    const emulator_clock& clock_;
};

} // namespace alicloud::emulator

#endif
