#include "authenticator.hpp"

#include <alicloud/core/sansio/percent_encoding.hpp>
#include <alicloud/core/sansio/request_stamp.hpp>
#include <alicloud/core/sansio/signer_v1.hpp>
#include <alicloud/core/sansio/signer_v3.hpp>

#include <openssl/crypto.h>

#include <algorithm>
#include <array>

namespace alicloud::emulator {
namespace {

using sansio::decode_mode;

// V1 parameters that describe the signature, not the operation.
constexpr std::array<std::string_view, 11> v1_common = {
    "AccessKeyId", "Action", "Version", "Format", "Signature", "SignatureMethod",
    "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "SignatureType"};

bool equal_constant_time(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_form(const received_request& req)
{
    const auto* ct = req.header("content-type");
    return ct != nullptr && ct->starts_with("application/x-www-form-urlencoded");
}

// Query ∪ form body, decoded ('+' is a space: the Go SDK writes spaces so).
bool collect_parameters(const received_request& req, parameters& out, std::string_view host_id, api_reply& error)
{
    error_code ec;
    diagnostics diag;
    out = sansio::decode_form(req.query, decode_mode::form, ec, diag);
    if (!ec && is_form(req)) {
        const auto body = sansio::decode_form(req.body, decode_mode::form, ec, diag);
        for (const auto& p : body)
            out.append(p.name, p.value);
    }
    if (ec) {
        error = invalid_parameter(diag.field, "It is not correctly percent-encoded.", host_id);
        return false;
    }
    return true;
}

api_reply incomplete_signature(std::string_view host_id)
{
    return error_reply(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.",
                       host_id);
}

api_reply signature_mismatch(std::string_view string_to_sign, std::string_view host_id)
{
    return error_reply(400, "SignatureDoesNotMatch",
                       "Specified signature is not matched with our calculation. server string to sign is:" +
                           std::string(string_to_sign),
                       host_id);
}

api_reply key_not_found(std::string_view host_id)
{
    return error_reply(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", host_id);
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

// The call a V1 request's parameters make (Action, Version, Format; the
// others but the common ones are the operation's).
authenticated_call v1_call(const parameters& all)
{
    authenticated_call call;
    const auto* action = all.find("Action");
    const auto* version = all.find("Version");
    call.action = action != nullptr ? *action : std::string();
    call.version = version != nullptr ? *version : std::string();
    call.signature = signature_version::v1;
    const auto* format = all.find("Format");
    call.xml = format != nullptr && iequals(*format, "XML");
    for (const auto& p : all)
        if (std::find(v1_common.begin(), v1_common.end(), p.name) == v1_common.end())
            call.params.append(p.name, p.value);
    return call;
}

} // namespace

const std::string* received_request::header(std::string_view name) const
{
    auto it = std::find_if(headers.begin(), headers.end(), [&](const http_header& h) { return h.name == name; });
    return it == headers.end() ? nullptr : &it->value;
}

std::pair<std::string, std::string> authenticator::peek_action(const received_request& req)
{
    if (const auto* a = req.header("x-acs-action")) {
        const auto* v = req.header("x-acs-version");
        return {*a, v ? *v : std::string()};
    }
    error_code ec;
    diagnostics diag;
    auto params = sansio::decode_form(req.query, decode_mode::form, ec, diag);
    if (!ec && is_form(req))
        for (const auto& p : sansio::decode_form(req.body, decode_mode::form, ec, diag))
            params.append(p.name, p.value);
    const auto* action = params.find("Action");
    const auto* version = params.find("Version");
    return {action ? *action : std::string(), version ? *version : std::string()};
}

bool authenticator::is_unsigned(const received_request& req)
{
    if (req.header("authorization") != nullptr)
        return false;
    parameters params;
    api_reply ignored;
    return collect_parameters(req, params, "", ignored) && !params.contains("AccessKeyId") &&
           !params.contains("Signature");
}

std::optional<authenticated_call> authenticator::read_unsigned(const received_request& req, std::string_view host_id,
                                                               api_reply& error)
{
    parameters all;
    if (!collect_parameters(req, all, host_id, error))
        return std::nullopt;
    if (all.contains("Action"))
        return v1_call(all);
    authenticated_call call;
    const auto* header_action = req.header("x-acs-action");
    const auto* header_version = req.header("x-acs-version");
    if (header_action == nullptr || header_version == nullptr) {
        error = missing_parameter("Action", host_id);
        return std::nullopt;
    }
    call.action = *header_action;
    call.version = *header_version;
    call.signature = signature_version::v3;
    call.params = std::move(all);
    return call;
}

std::optional<authenticated_call> authenticator::authenticate(const received_request& req, std::string_view host_id,
                                                              api_reply& error)
{
    if (const auto* auth = req.header("authorization"))
        return auth->starts_with(sansio::v3_algorithm) ? verify_v3(req, host_id, error)
                                                       : (error = incomplete_signature(host_id), std::nullopt);
    return verify_v1(req, host_id, error);
}

bool authenticator::check_time(std::string_view timestamp, std::string_view name, std::string_view host_id,
                               api_reply& error)
{
    std::chrono::system_clock::time_point t;
    if (!sansio::is_valid_timestamp(timestamp) || !sansio::parse_timestamp(timestamp, t)) {
        error = error_reply(400, "IllegalTimestamp",
                            "The input parameter \"" + std::string(name) +
                                "\" that is mandatory for processing this request is not supplied.",
                            host_id);
        return false;
    }
    const auto now = std::chrono::system_clock::now();
    if (t < now - tolerance_ || t > now + tolerance_) {
        error = error_reply(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", host_id);
        return false;
    }
    return true;
}

bool authenticator::check_token(const access_key& key, const std::string* token, std::string_view host_id,
                                api_reply& error)
{
    if (token == nullptr || token->empty()) {
        if (key.security_token.empty())
            return true;
        error = error_reply(400, "MissingSecurityToken", "SecurityToken is mandatory for this AccessKeyId.", host_id);
        return false;
    }
    const std::string* owner = keys_.token_owner(*token);
    if (owner == nullptr) {
        error = error_reply(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.", host_id);
        return false;
    }
    if (*owner != key.id || !equal_constant_time(*token, key.security_token)) {
        error = error_reply(400, "InvalidSecurityToken.MismatchWithAccessKey",
                            "Specified SecurityToken mismatch with the AccessKey.", host_id);
        return false;
    }
    if (clock_.now() >= key.expiration) {
        error = error_reply(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", host_id);
        return false;
    }
    return true;
}

std::optional<authenticated_call> authenticator::verify_v1(const received_request& req, std::string_view host_id,
                                                           api_reply& error)
{
    parameters all;
    if (!collect_parameters(req, all, host_id, error))
        return std::nullopt;

    for (std::string_view required : {"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod",
                                      "SignatureVersion", "SignatureNonce", "Timestamp"}) {
        if (!all.contains(required)) {
            error = missing_parameter(required, host_id);
            return std::nullopt;
        }
    }
    if (*all.find("SignatureMethod") != "HMAC-SHA1" || *all.find("SignatureVersion") != "1.0") {
        const bool method = *all.find("SignatureMethod") != "HMAC-SHA1";
        error = error_reply(400, "InvalidParamater",
                            std::string("The specified parameter \"") + (method ? "SignatureMethod" : "SignatureVersion") +
                                "\" is not valid.",
                            host_id);
        return std::nullopt;
    }

    const access_key* key = keys_.find(*all.find("AccessKeyId"));
    if (key == nullptr) {
        error = key_not_found(host_id);
        return std::nullopt;
    }
    if (!check_time(*all.find("Timestamp"), "Timestamp", host_id, error))
        return std::nullopt;

    const http_method method = req.method == "GET" ? http_method::get : http_method::post;
    const std::string string_to_sign = sansio::v1_string_to_sign(method, sansio::v1_canonical_query(all.items()));
    const std::string expected = sansio::v1_signature(key->secret, string_to_sign);
    if (!equal_constant_time(expected, *all.find("Signature"))) {
        error = signature_mismatch(string_to_sign, host_id);
        return std::nullopt;
    }
    if (!check_token(*key, all.find("SecurityToken"), host_id, error))
        return std::nullopt;
    if (!nonces_.insert(key->id, *all.find("SignatureNonce"), std::chrono::steady_clock::now())) {
        error = error_reply(400, "SignatureNonceUsed", "Specified signature nonce was used already.", host_id);
        return std::nullopt;
    }

    authenticated_call call = v1_call(all);
    call.access_key_id = key->id;
    return call;
}

std::optional<authenticated_call> authenticator::verify_v3(const received_request& req, std::string_view host_id,
                                                           api_reply& error)
{
    // ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>
    std::string_view rest = std::string_view(*req.header("authorization")).substr(sansio::v3_algorithm.size());
    if (rest.empty() || rest.front() != ' ') {
        error = incomplete_signature(host_id);
        return std::nullopt;
    }
    rest.remove_prefix(1);
    std::string credential, signed_headers, signature;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos) {
            error = incomplete_signature(host_id);
            return std::nullopt;
        }
        const auto name = item.substr(0, eq);
        const auto value = item.substr(eq + 1);
        if (name == "Credential") credential = value;
        else if (name == "SignedHeaders") signed_headers = value;
        else if (name == "Signature") signature = value;
    }
    if (credential.empty() || signed_headers.empty() || signature.empty()) {
        error = incomplete_signature(host_id);
        return std::nullopt;
    }

    std::vector<std::string> names;
    for (std::string_view list = signed_headers; !list.empty();) {
        const auto semi = list.find(';');
        names.emplace_back(list.substr(0, semi));
        list = semi == std::string_view::npos ? std::string_view() : list.substr(semi + 1);
    }
    for (std::string_view required :
         {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"}) {
        if (std::find(names.begin(), names.end(), required) == names.end() || req.header(required) == nullptr) {
            error = incomplete_signature(host_id);
            return std::nullopt;
        }
    }

    const access_key* key = keys_.find(credential);
    if (key == nullptr) {
        error = key_not_found(host_id);
        return std::nullopt;
    }
    if (!check_time(*req.header("x-acs-date"), "x-acs-date", host_id, error))
        return std::nullopt;

    std::vector<http_header> to_sign;
    for (const auto& name : names) {
        bool found = false;
        for (const auto& h : req.headers)
            if (h.name == name) {
                to_sign.push_back(h);
                found = true;
            }
        if (!found) {
            error = incomplete_signature(host_id);
            return std::nullopt;
        }
    }

    parameters query;
    {
        error_code ec;
        diagnostics diag;
        query = sansio::decode_form(req.query, decode_mode::form, ec, diag);
        if (ec) {
            error = invalid_parameter(diag.field, "It is not correctly percent-encoded.", host_id);
            return std::nullopt;
        }
    }

    // The canonical request hashes the body the server received; a client whose
    // x-acs-content-sha256 does not match it signed something else.
    const std::string body_hash = sansio::v3_hashed_payload(req.body);
    const std::string method(req.method);
    const std::string canonical_request =
        sansio::v3_canonical_request(method == "GET" ? http_method::get : http_method::post, "/",
                                     sansio::v3_canonical_query(query.items()), sansio::v3_canonical_headers(to_sign),
                                     body_hash);
    const std::string string_to_sign = sansio::v3_string_to_sign(canonical_request);
    if (!equal_constant_time(*req.header("x-acs-content-sha256"), body_hash) ||
        !equal_constant_time(sansio::v3_signature(key->secret, string_to_sign), signature)) {
        error = signature_mismatch(string_to_sign, host_id);
        return std::nullopt;
    }
    if (!check_token(*key, req.header("x-acs-security-token"), host_id, error))
        return std::nullopt;
    if (!nonces_.insert(key->id, *req.header("x-acs-signature-nonce"), std::chrono::steady_clock::now())) {
        error = error_reply(400, "SignatureNonceUsed", "Specified signature nonce was used already.", host_id);
        return std::nullopt;
    }

    authenticated_call call;
    call.action = *req.header("x-acs-action");
    call.version = *req.header("x-acs-version");
    call.signature = signature_version::v3;
    call.access_key_id = key->id;
    call.params = std::move(query);
    if (is_form(req)) {
        error_code ec;
        diagnostics diag;
        for (const auto& p : sansio::decode_form(req.body, decode_mode::form, ec, diag))
            call.params.append(p.name, p.value);
        if (ec) {
            error = invalid_parameter(diag.field, "It is not correctly percent-encoded.", host_id);
            return std::nullopt;
        }
    }
    return call;
}

} // namespace alicloud::emulator
