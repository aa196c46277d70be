#include <alicloud/core/sansio/response_decoder.hpp>

#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>

namespace alicloud::sansio {
namespace {

bool contains(std::string_view s, std::string_view part) noexcept { return s.find(part) != std::string_view::npos; }

// Identity failures: the request could not be attributed to a valid signer.
constexpr std::array<std::string_view, 8> authentication_prefixes = {
    "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "InvalidTimeStamp",
    "IllegalTimestamp",      "SignatureNonceUsed",  "InvalidSecurityToken", "MissingSecurityToken"};

constexpr std::array<std::string_view, 6> conflict_prefixes = {
    "Incorrect", "OperationConflict", "LastTokenProcessing", "IdempotentParameterMismatch",
    "InvalidIdempotenceParameter", "DependencyViolation"};

template <std::size_t N>
bool starts_with_any(std::string_view code, const std::array<std::string_view, N>& prefixes) noexcept
{
    for (auto p : prefixes)
        if (code.starts_with(p))
            return true;
    return false;
}

// A string member, or the JSON text of a non-string one (some services send numbers).
std::string member_text(const boost::json::object& obj, std::string_view upper, std::string_view lower)
{
    const boost::json::value* v = obj.if_contains(upper);
    if (v == nullptr)
        v = obj.if_contains(lower);
    if (v == nullptr || v->is_null())
        return {};
    if (const auto* s = v->if_string())
        return std::string(*s);
    return boost::json::serialize(*v);
}

boost::json::value malformed(unsigned status, std::string_view body, std::string why, error_code& ec,
                             diagnostics& diag)
{
    ec = client_errc::malformed_response;
    diag.server.http_status = status;
    diag.body_excerpt = body_excerpt(body);
    diag.client_message = "malformed response: HTTP " + std::to_string(status) + ", " + why + "; body starts with \"" +
                          diag.body_excerpt + "\"";
    return nullptr;
}

} // namespace

std::string body_excerpt(std::string_view body, std::size_t max_bytes)
{
    std::string out;
    const std::size_t n = std::min(body.size(), max_bytes);
    out.reserve(n + 3);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out.push_back(static_cast<char>(c));
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    if (body.size() > max_bytes)
        out += "...";
    return out;
}

server_errc classify_server_error(unsigned http_status, std::string_view code) noexcept
{
    if (contains(code, "Throttling") || http_status == 429)
        return server_errc::throttled;
    if (code == "DryRunOperation" || code == "DRYRUN.SUCCESS")
        return server_errc::dry_run_passed;
    if (starts_with_any(code, authentication_prefixes) || code == "Forbidden.AccessKeyDisabled")
        return server_errc::authentication;
    if (code.starts_with("Forbidden") || code == "NoPermission")
        return server_errc::forbidden;
    if (starts_with_any(code, conflict_prefixes))
        return server_errc::conflict;
    if (code.ends_with(".NotFound"))
        return server_errc::not_found;
    if (http_status >= 500 || code == "InternalError" || code.starts_with("ServiceUnavailable"))
        return server_errc::server_error;
    if (code.starts_with("Invalid") || code.starts_with("Missing") || code.starts_with("Unsupported") ||
        code.starts_with("IllegalParam") || code.ends_with(".ValueNotSupported") || code.ends_with(".Malformed"))
        return server_errc::invalid_parameter;
    if (http_status == 404)
        return server_errc::not_found;
    if (http_status == 409)
        return server_errc::conflict;
    return server_errc::other;
}

boost::json::value decode_rpc_response(unsigned http_status, std::string_view body, error_code& ec, diagnostics& diag,
                                       boost::json::storage_ptr storage)
{
    ec.clear();
    if (body.empty())
        return malformed(http_status, body, "the body is empty", ec, diag);

    boost::json::error_code json_ec;
    boost::json::value value =
        boost::json::parse(boost::json::string_view(body.data(), body.size()), json_ec, std::move(storage));
    if (json_ec) {
        const bool truncated = json_ec == boost::json::error::incomplete;
        return malformed(http_status, body,
                         truncated ? "the JSON body is truncated" : "the body is not JSON (" + json_ec.message() + ")",
                         ec, diag);
    }
    if (!value.is_object())
        return malformed(http_status, body, "the body is not a JSON object", ec, diag);

    if (http_status >= 200 && http_status < 300)
        return value;

    const auto& obj = value.get_object();
    server_error& err = diag.server;
    err.http_status = http_status;
    err.code = member_text(obj, "Code", "code");
    err.message = member_text(obj, "Message", "message");
    err.request_id = member_text(obj, "RequestId", "requestId");
    err.host_id = member_text(obj, "HostId", "hostId");
    err.recommend = member_text(obj, "Recommend", "recommend");
    err.access_denied_detail = member_text(obj, "AccessDeniedDetail", "accessDeniedDetail");
    ec = classify_server_error(http_status, err.code);
    return value;
}

} // namespace alicloud::sansio
