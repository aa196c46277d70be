// Fuzz target: the emulator's signature check (test/emulator/authenticator.cpp)
// against the SDK's signer (lib/core/request_encoder.cpp). The fuzzer writes
// the call - Action, Version, nonce, parameters, extra headers, V1 or V3, GET
// or POST, query or form body, AccessKey or STS token - the SDK signs it, and
// the emulator verifies what would arrive.
//
// Invariants, for every call the SDK agrees to sign: the emulator accepts it
// and reads back the same action, version, key and parameters; the same
// request with one parameter added is refused as SignatureDoesNotMatch; and
// the request sent again is refused as SignatureNonceUsed.
//
// Input: a flags byte (bit 0: V1, bit 1: GET, bits 2-3: parameters in the
// query / a form body / unset, bit 4: an STS key), then fields separated by
// 0xFF (never part of UTF-8): Action, Version, nonce, then name, value pairs;
// a name starting with ':' is an extra header's.

#include "check.hpp"
#include "fuzz_input.hpp"

#include "authenticator.hpp"

#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/core/sansio/request_stamp.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace emulator = alicloud::emulator;
using alicloud::parameter;

constexpr char separator = '\xFF';
constexpr std::string_view host = "ecs.aliyuncs.com";

// V1's common parameters: a call that sets one itself (the SDK lets it override
// the default) signs something the emulator is right to refuse.
constexpr std::array<std::string_view, 11> v1_common = {
    "AccessKeyId", "Action", "Version", "Format", "Signature", "SignatureMethod",
    "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "SignatureType"};

struct call {
    alicloud::rpc_request request;
    alicloud::sansio::request_stamp stamp;
    alicloud::sansio::signing_options options;
    alicloud::credentials creds;
};

call read_call(alicloud::fuzz::fuzz_input& input)
{
    call c;
    const std::uint8_t flags = input.byte();
    c.options.version = (flags & 1) != 0 ? alicloud::signature_version::v1 : alicloud::signature_version::v3;
    c.request.method = (flags & 2) != 0 ? alicloud::http_method::get : alicloud::http_method::post;
    if (const int in = (flags >> 2) & 3; in == 1)
        c.request.params_in = alicloud::parameter_location::query;
    else if (in == 2)
        c.request.params_in = alicloud::parameter_location::body;
    c.creds = (flags & 16) != 0 ? alicloud::credentials{"stsid", "stssecret", "ststoken"}
                                : alicloud::credentials{"testid", "testsecret", ""};
    c.request.action = input.until(separator);
    c.request.version = input.until(separator);
    c.stamp.timestamp = alicloud::sansio::format_timestamp(std::chrono::system_clock::now());
    c.stamp.nonce = input.until(separator);
    while (!input.empty()) {
        const std::string_view name = input.until(separator);
        const std::string_view value = input.until(separator);
        if (name.starts_with(':'))
            c.request.headers.push_back({std::string(name.substr(1)), std::string(value)});
        else
            c.request.params.append(std::string(name), std::string(value));
    }
    return c;
}

// What an HTTP server hands the emulator: names lower-cased (api_dispatcher's
// view_of), values without the blanks HTTP strips from their ends.
std::vector<alicloud::http_header> as_received(const std::vector<alicloud::http_header>& sent)
{
    std::vector<alicloud::http_header> out;
    for (auto h : sent) {
        std::transform(h.name.begin(), h.name.end(), h.name.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
        const auto first = h.value.find_first_not_of(" \t");
        h.value = first == std::string::npos ? "" : h.value.substr(first, h.value.find_last_not_of(" \t") - first + 1);
        out.push_back(std::move(h));
    }
    return out;
}

// Parameters in an order that does not depend on where they travelled.
void sort_parameters(std::vector<parameter>& params)
{
    std::sort(params.begin(), params.end(), [](const parameter& a, const parameter& b) {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
}

// The parameters the emulator should read back, sorted.
std::vector<parameter> expected_parameters(const call& c)
{
    std::vector<parameter> out;
    if (c.options.version == alicloud::signature_version::v1) {
        alicloud::parameters set; // V1 signs each name once: a later value replaces an earlier
        for (const auto& p : c.request.params)
            set.set(p.name, p.value);
        out.assign(set.begin(), set.end());
    } else {
        out.assign(c.request.params.begin(), c.request.params.end());
    }
    sort_parameters(out);
    return out;
}

bool sets_v1_common(const call& c)
{
    return c.options.version == alicloud::signature_version::v1 &&
           std::any_of(c.request.params.begin(), c.request.params.end(), [](const parameter& p) {
               return std::find(v1_common.begin(), v1_common.end(), p.name) != v1_common.end();
           });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const call c = read_call(input);

    alicloud::error_code ec;
    alicloud::diagnostics diag;
    const alicloud::signed_request sent =
        alicloud::sansio::sign_rpc_request(c.request, c.creds, host, c.stamp, c.options, ec, diag);
    if (ec || sets_v1_common(c))
        return 0; // refused by the SDK, or not meant to verify

    emulator::credential_store keys;
    keys.add({"testid", "testsecret", ""});
    keys.add({"stsid", "stssecret", "ststoken"});
    emulator::nonce_cache nonces(std::chrono::minutes(30));
    emulator::authenticator auth(keys, nonces, std::chrono::minutes(15));

    const std::string_view target = sent.target;
    const auto q = target.find('?');
    emulator::received_request received;
    received.method = sent.method == alicloud::http_method::get ? "GET" : "POST";
    received.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    received.headers = as_received(sent.headers);
    received.body = sent.body;

    emulator::api_reply reply;
    emulator::received_request tampered = received;
    const std::string tampered_query = std::string(received.query) + (received.query.empty() ? "" : "&") + "Tampered=1";
    tampered.query = tampered_query;
    FUZZ_CHECK(!auth.authenticate(tampered, host, reply), "a request with a parameter added was accepted");
    FUZZ_CHECK(reply.error_code == "SignatureDoesNotMatch",
               "a request with a parameter added was refused as " + reply.error_code);

    const auto verified = auth.authenticate(received, host, reply);
    FUZZ_CHECK(verified, "a request the SDK signed was refused as " + reply.error_code + "; the SDK signed:\n" +
                             sent.string_to_sign);
    FUZZ_CHECK(verified->action == c.request.action && verified->version == c.request.version,
               "the emulator read another Action or Version than was signed");
    FUZZ_CHECK(verified->access_key_id == c.creds.access_key_id, "the emulator read another AccessKeyId");
    FUZZ_CHECK(verified->signature == c.options.version, "the emulator read another signature version");
    std::vector<parameter> got(verified->params.begin(), verified->params.end());
    sort_parameters(got);
    FUZZ_CHECK(got == expected_parameters(c), "the emulator read other parameters than were signed");

    FUZZ_CHECK(!auth.authenticate(received, host, reply), "a request sent twice was accepted twice");
    FUZZ_CHECK(reply.error_code == "SignatureNonceUsed", "a request sent twice was refused as " + reply.error_code);
    return 0;
}
