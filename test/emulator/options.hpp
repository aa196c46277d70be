#ifndef ALICLOUD_EMULATOR_OPTIONS_HPP
#define ALICLOUD_EMULATOR_OPTIONS_HPP

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace alicloud::emulator {

struct access_key {
    std::string id;
    std::string secret;
    std::string security_token; // non-empty: an STS credential; requests must carry this token
    // When set, requests signed with this key after this time get InvalidSecurityToken.Expired.
    std::chrono::system_clock::time_point expiration = std::chrono::system_clock::time_point::max();
};

struct options {
    // The documented default pair (the one of the official signature examples).
    std::vector<access_key> access_keys = {{"testid", "testsecret", {}}};

    // How long the transient instance states last.
    std::chrono::milliseconds pending{2000};
    std::chrono::milliseconds starting{2000};
    std::chrono::milliseconds stopping{2000};

    // The service accepts request times within this distance of its clock.
    std::chrono::seconds timestamp_tolerance{15 * 60};

    // Server limits.
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::milliseconds header_timeout{10'000}; // from connection (or last response) to a full header
    std::chrono::milliseconds idle_timeout{60'000};   // keep-alive connection with no request
    std::size_t max_connections = 4096;               // beyond this, new connections are closed at once

    // Request log entries kept (oldest dropped first), so memory stays bounded.
    std::size_t request_log_limit = 10'000;

    // STS AssumeRole: the roles that exist, and the longest session one allows.
    std::vector<std::string> roles = {"acs:ram::123456789012:role/test-role"};
    long sts_max_session_seconds = 3600;
    // When set, every temporary credential (STS, metadata service) stops
    // working after this long, whatever was asked and whatever its Expiration
    // says (as if revoked, or the clocks disagreed) - so that tests see
    // credentials refused as expired.
    std::optional<std::chrono::milliseconds> sts_lifetime;

    // The instance metadata service (GET/PUT /latest/... on any listener):
    // the instance's RAM role, and whether requests need an IMDSv2 token.
    std::string instance_role = "EcsRamRoleTest";
    bool imds_token_required = false;
};

} // namespace alicloud::emulator

#endif
