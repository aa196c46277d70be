#include <alicloud/core/sansio/request_encoder.hpp>

#include <alicloud/core/sansio/percent_encoding.hpp>
#include <alicloud/core/sansio/signer_v1.hpp>
#include <alicloud/core/sansio/signer_v3.hpp>
#include <alicloud/core/sansio/utf8.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>

namespace alicloud::sansio {
namespace {

constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

// Headers the encoder writes itself; a caller's extra header may not replace them.
constexpr std::array<std::string_view, 11> managed_headers = {
    "host", "authorization", "content-type", "content-length", "x-acs-action", "x-acs-version", "x-acs-date",
    "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "x-acs-accesskey-id"};

bool is_tchar(char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) noexcept
{
    return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

bool is_visible_ascii(std::string_view s) noexcept
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool has_control(std::string_view s) noexcept
{
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// The first byte that makes `s` fail, as text for an error message.
std::string describe_first(std::string_view s, bool (*bad)(unsigned char))
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (bad(u)) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "byte 0x%02X at offset %zu", u, i);
            return buf;
        }
    }
    return "an unexpected byte";
}

bool fail(error_code& ec, diagnostics& diag, client_errc code, std::string_view field, std::string message)
{
    ec = code;
    diag.field.assign(field);
    diag.client_message = std::move(message);
    return false;
}

// Action and Version travel in headers (V3) and name the API: tokens only.
bool check_header_token(std::string_view value, std::string_view field, error_code& ec, diagnostics& diag)
{
    if (value.empty())
        return fail(ec, diag, client_errc::missing_field, field, std::string(field) + " is empty");
    if (!is_token(value))
        return fail(ec, diag, client_errc::invalid_field, field,
                    std::string(field) + " contains " + describe_first(value, [](unsigned char c) {
                        return !is_tchar(static_cast<char>(c));
                    }) + ", which a header cannot carry");
    return true;
}

bool check_parameter(const parameter& p, error_code& ec, diagnostics& diag)
{
    if (p.name.empty())
        return fail(ec, diag, client_errc::invalid_parameter_name, "", "a parameter has an empty name");
    if (has_control(p.name))
        return fail(ec, diag, client_errc::invalid_parameter_name, p.name,
                    "parameter name contains a control character (" +
                        describe_first(p.name, [](unsigned char c) { return c < 0x20 || c == 0x7f; }) + ")");
    if (!is_valid_utf8(p.name))
        return fail(ec, diag, client_errc::invalid_parameter_name, p.name, "parameter name is not valid UTF-8");
    if (p.name == "Signature")
        return fail(ec, diag, client_errc::reserved_parameter, p.name,
                    "parameter 'Signature' is computed by the signer and cannot be set");
    if (p.value.find('\0') != std::string::npos)
        return fail(ec, diag, client_errc::invalid_field, p.name,
                    "value of parameter '" + p.name + "' contains a NUL byte");
    if (!is_valid_utf8(p.value))
        return fail(ec, diag, client_errc::invalid_field, p.name,
                    "value of parameter '" + p.name + "' is not valid UTF-8");
    return true;
}

bool check_extra_header(const http_header& h, error_code& ec, diagnostics& diag)
{
    if (!is_token(h.name))
        return fail(ec, diag, client_errc::invalid_field, h.name, "header name '" + h.name + "' is not an HTTP token");
    std::string lower = h.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    if (std::find(managed_headers.begin(), managed_headers.end(), lower) != managed_headers.end())
        return fail(ec, diag, client_errc::reserved_parameter, h.name,
                    "header '" + h.name + "' is written by the signer and cannot be set");
    if (std::any_of(h.value.begin(), h.value.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return (u < 0x20 && u != '\t') || u == 0x7f;
        }))
        return fail(ec, diag, client_errc::invalid_field, h.name,
                    "value of header '" + h.name + "' contains CR, LF, NUL or another control character");
    return true;
}

bool check_stamp(const request_stamp& stamp, std::string_view host, signature_version version, error_code& ec,
                 diagnostics& diag)
{
    if (!is_valid_timestamp(stamp.timestamp))
        return fail(ec, diag, client_errc::invalid_field, "Timestamp",
                    "Timestamp '" + stamp.timestamp + "' is not in the form yyyy-MM-ddTHH:mm:ssZ");
    if (stamp.nonce.empty())
        return fail(ec, diag, client_errc::missing_field, "SignatureNonce", "SignatureNonce is empty");
    // V1 carries the nonce as a percent-encoded parameter, V3 in a header.
    if (version == signature_version::v3 ? !is_visible_ascii(stamp.nonce)
                                         : has_control(stamp.nonce) || !is_valid_utf8(stamp.nonce))
        return fail(ec, diag, client_errc::invalid_field, "SignatureNonce",
                    version == signature_version::v3
                        ? "SignatureNonce travels in a header with V3: printable ASCII without spaces only"
                        : "SignatureNonce must be UTF-8 text without control characters");
    if (host.empty() || !is_visible_ascii(host))
        return fail(ec, diag, client_errc::invalid_endpoint, "endpoint",
                    "the Host header must be a non-empty host[:port] of printable ASCII");
    return true;
}

// In the caller's order, as openapi-client writes it: only the hash of these
// exact bytes is signed, so the order is free, and matching the SDK keeps the
// bodies comparable byte for byte.
std::string form_encode(std::span<const parameter> params)
{
    std::string out;
    for (const auto& p : params) {
        if (!out.empty())
            out.push_back('&');
        percent_encode_append(out, p.name);
        out.push_back('=');
        percent_encode_append(out, p.value);
    }
    return out;
}

signed_request sign_v1(const rpc_request& request, const credentials& creds, std::string_view host,
                       const request_stamp& stamp, const signing_options& options, error_code& ec,
                       diagnostics& diag)
{
    const auto location = request.params_in.value_or(
        request.method == http_method::get ? parameter_location::query : parameter_location::body);
    if (request.method == http_method::get && location == parameter_location::body) {
        fail(ec, diag, client_errc::invalid_field, "params_in", "a GET request cannot carry a form body");
        return {};
    }

    parameters all;
    all.reserve(request.params.size() + 9);
    all.set("AccessKeyId", creds.access_key_id);
    all.set("Action", request.action);
    all.set("Format", options.format);
    all.set("SignatureMethod", "HMAC-SHA1");
    all.set("SignatureNonce", stamp.nonce);
    all.set("SignatureVersion", "1.0");
    all.set("Timestamp", stamp.timestamp);
    all.set("Version", request.version);
    if (creds.is_sts())
        all.set("SecurityToken", creds.security_token);
    for (const auto& p : request.params)
        all.set(p.name, p.value); // a caller's value overrides a common default

    signed_request out;
    out.method = request.method;
    const std::string canonical = v1_canonical_query(all.items());
    out.string_to_sign = v1_string_to_sign(request.method, canonical);
    out.signature = v1_signature(creds.access_key_secret, out.string_to_sign);

    std::string wire;
    wire.reserve(canonical.size() + 16 + out.signature.size() * 2);
    wire.append(canonical).append("&Signature=");
    percent_encode_append(wire, out.signature);

    out.headers.push_back({"host", std::string(host)});
    if (location == parameter_location::query) {
        out.target = "/?" + wire;
    } else {
        out.target = "/";
        out.body = std::move(wire);
        out.headers.push_back({"content-type", std::string(form_content_type)});
    }
    for (const auto& h : request.headers)
        out.headers.push_back(h);
    return out;
}

signed_request sign_v3(const rpc_request& request, const credentials& creds, std::string_view host,
                       const request_stamp& stamp, error_code&, diagnostics&)
{
    const auto location = request.params_in.value_or(parameter_location::query);

    signed_request out;
    out.method = request.method;
    std::span<const parameter> query_params;
    if (location == parameter_location::query)
        query_params = request.params.items();
    else
        out.body = form_encode(request.params.items());

    const std::string canonical_query = v3_canonical_query(query_params);
    out.target = canonical_query.empty() ? "/" : "/?" + canonical_query;
    const std::string hashed_payload = v3_hashed_payload(out.body);

    out.headers.reserve(10 + request.headers.size());
    out.headers.push_back({"host", std::string(host)});
    out.headers.push_back({"x-acs-action", request.action});
    out.headers.push_back({"x-acs-version", request.version});
    out.headers.push_back({"x-acs-date", stamp.timestamp});
    out.headers.push_back({"x-acs-signature-nonce", stamp.nonce});
    out.headers.push_back({"x-acs-content-sha256", hashed_payload});
    if (creds.is_sts()) {
        // As openapi-client does: the key id travels beside the token, signed.
        out.headers.push_back({"x-acs-security-token", creds.security_token});
        out.headers.push_back({"x-acs-accesskey-id", creds.access_key_id});
    }
    for (const auto& h : request.headers) {
        http_header lower{h.name, h.value};
        std::transform(lower.name.begin(), lower.name.end(), lower.name.begin(),
                       [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
        out.headers.push_back(std::move(lower));
    }
    if (!out.body.empty())
        out.headers.push_back({"content-type", std::string(form_content_type)});

    // Usually every header is signed; only extra caller headers may not be.
    const bool all_signed =
        std::all_of(out.headers.begin(), out.headers.end(), [](const auto& h) { return v3_is_signed_header(h.name); });
    std::vector<http_header> to_sign;
    if (!all_signed)
        std::copy_if(out.headers.begin(), out.headers.end(), std::back_inserter(to_sign),
                     [](const auto& h) { return v3_is_signed_header(h.name); });
    const auto canonical_headers = v3_canonical_headers(all_signed ? std::span<const http_header>(out.headers) : to_sign);

    out.canonical_request =
        v3_canonical_request(request.method, "/", canonical_query, canonical_headers, hashed_payload);
    out.string_to_sign = v3_string_to_sign(out.canonical_request);
    out.signature = v3_signature(creds.access_key_secret, out.string_to_sign);
    out.headers.push_back(
        {"authorization", v3_authorization(creds.access_key_id, canonical_headers.signed_headers, out.signature)});
    return out;
}

} // namespace

void validate_rpc_request(const rpc_request& request, error_code& ec, diagnostics& diag)
{
    ec.clear();
    if (!check_header_token(request.action, "Action", ec, diag) ||
        !check_header_token(request.version, "Version", ec, diag))
        return;
    for (const auto& p : request.params)
        if (!check_parameter(p, ec, diag))
            return;
    for (const auto& h : request.headers)
        if (!check_extra_header(h, ec, diag))
            return;
}

void validate_credentials(const credentials& creds, error_code& ec, diagnostics& diag)
{
    ec.clear();
    if (creds.access_key_id.empty())
        fail(ec, diag, client_errc::missing_field, "AccessKeyId",
             "AccessKeyId is empty: credentials are needed to sign a request");
    else if (!is_visible_ascii(creds.access_key_id))
        fail(ec, diag, client_errc::invalid_field, "AccessKeyId",
             "AccessKeyId must be printable ASCII without spaces, CR, LF or NUL");
    else if (creds.access_key_secret.empty())
        fail(ec, diag, client_errc::missing_field, "AccessKeySecret",
             "AccessKeySecret is empty: credentials are needed to sign a request");
    else if (!creds.security_token.empty() && !is_visible_ascii(creds.security_token))
        fail(ec, diag, client_errc::invalid_field, "SecurityToken",
             "SecurityToken must be printable ASCII without spaces, CR, LF or NUL");
}

signed_request sign_rpc_request(
    const rpc_request& request,
    const credentials& creds,
    std::string_view host,
    const request_stamp& stamp,
    const signing_options& options,
    error_code& ec,
    diagnostics& diag)
{
    validate_rpc_request(request, ec, diag);
    if (ec)
        return {};
    validate_credentials(creds, ec, diag);
    if (ec)
        return {};
    if (!check_stamp(stamp, host, options.version, ec, diag))
        return {};
    if (options.version == signature_version::v1 && !is_token(options.format)) {
        fail(ec, diag, client_errc::invalid_field, "Format", "Format must be a token such as JSON or XML");
        return {};
    }
    return options.version == signature_version::v1 ? sign_v1(request, creds, host, stamp, options, ec, diag)
                                                     : sign_v3(request, creds, host, stamp, ec, diag);
}

} // namespace alicloud::sansio
