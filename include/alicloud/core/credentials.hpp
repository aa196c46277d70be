#ifndef ALICLOUD_CORE_CREDENTIALS_HPP
#define ALICLOUD_CORE_CREDENTIALS_HPP

#include <string>

namespace alicloud {

// The key material a request is signed with: a long-term AccessKey pair, or an
// STS triple whose security_token travels with the request (SecurityToken in V1,
// x-acs-security-token in V3).
//
// The secret is never printed: diagnostics and exception texts name fields,
// never their values.
struct credentials {
    std::string access_key_id{};
    std::string access_key_secret{};
    std::string security_token{}; // empty for a plain AccessKey

    bool is_sts() const noexcept { return !security_token.empty(); }
};

} // namespace alicloud

#endif
