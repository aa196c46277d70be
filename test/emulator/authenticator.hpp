#ifndef ALICLOUD_EMULATOR_AUTHENTICATOR_HPP
#define ALICLOUD_EMULATOR_AUTHENTICATOR_HPP

// Verifies an RPC request's signature exactly as the service does
// (ecs-api.md §1.6 for V1, §2.5 for V3; §3.3-3.4 for the answers), and
// extracts the call it carries.

#include "clock.hpp"
#include "credential_store.hpp"
#include "nonce_cache.hpp"
#include "responses.hpp"

#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::emulator {

// The parts of an HTTP request the verifier reads. Header names lower case;
// a header that arrived several times appears several times.
struct received_request {
    std::string_view method; // "GET", "POST"...
    std::string_view query;  // after '?', raw
    std::vector<http_header> headers;
    std::string_view body;

    const std::string* header(std::string_view name) const;
};

struct authenticated_call {
    std::string action;
    std::string version;
    signature_version signature = signature_version::v3;
    std::string access_key_id;
    parameters params; // the operation's parameters (the common ones of V1 removed)
    bool xml = false;  // Format=XML (V1)
};

class authenticator {
public:
    // Temporary credentials expire by `clock` (the emulator's, which tests advance).
    authenticator(const credential_store& keys, nonce_cache& nonces, std::chrono::seconds tolerance,
                  const emulator_clock& clock = real_time())
        : keys_(keys), nonces_(nonces), tolerance_(tolerance), clock_(clock)
    {
    }

    // The call, or nullopt with the service's error in `error`. `host_id` is
    // what error envelopes name as HostId.
    std::optional<authenticated_call> authenticate(const received_request& req, std::string_view host_id,
                                                   api_reply& error);

    // Whether the request carries no credentials at all: no Authorization
    // header, no AccessKeyId or Signature parameter.
    static bool is_unsigned(const received_request& req);

    // The call of an unsigned request, for an operation that needs no
    // signature (authType Anonymous), or nullopt with the error in `error`
    // when its parameters cannot be read. Action and Version come from the
    // parameters (V1 style) or the x-acs-action/x-acs-version headers.
    static std::optional<authenticated_call> read_unsigned(const received_request& req, std::string_view host_id,
                                                           api_reply& error);

    // Where the request's action and version can be read without verifying
    // anything (for logging and fault matching of rejected requests too).
    static std::pair<std::string, std::string> peek_action(const received_request& req);

private:
    std::optional<authenticated_call> verify_v1(const received_request& req, std::string_view host_id,
                                                api_reply& error);
    std::optional<authenticated_call> verify_v3(const received_request& req, std::string_view host_id,
                                                api_reply& error);
    bool check_time(std::string_view timestamp, std::string_view name, std::string_view host_id, api_reply& error);
    bool check_token(const access_key& key, const std::string* token, std::string_view host_id, api_reply& error);

    const credential_store& keys_;
    nonce_cache& nonces_;
    std::chrono::seconds tolerance_;
    const emulator_clock& clock_; // when temporary credentials expire
};

} // namespace alicloud::emulator

#endif
