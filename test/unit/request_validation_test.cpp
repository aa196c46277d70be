// Every kind of bad input is refused before anything is signed, with an error
// that names the field.

#include <alicloud/core/sansio/request_encoder.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

namespace {

struct outcome {
    error_code ec;
    diagnostics diag;
    signed_request out;
};

outcome sign(const rpc_request& req, const credentials& creds = {"id", "secret", ""},
             const sansio::request_stamp& stamp = {"2024-01-02T03:04:05Z", "nonce"},
             signature_version v = signature_version::v3, std::string_view host = "ecs.aliyuncs.com")
{
    outcome o;
    o.out = sansio::sign_rpc_request(req, creds, host, stamp, {.version = v}, o.ec, o.diag);
    return o;
}

rpc_request good()
{
    rpc_request req{.action = "DescribeInstances", .version = "2014-05-26"};
    req.params.set("RegionId", "cn-hangzhou");
    return req;
}

void check_rejected(const outcome& o, client_errc code, std::string_view field)
{
    CHECK(o.ec == code);
    CHECK(o.ec == errc::invalid_parameter);
    CHECK(o.diag.field == field);
    CHECK_FALSE(o.diag.client_message.empty());
    CHECK(o.out.string_to_sign.empty()); // nothing was signed
}

} // namespace

TEST_CASE("a good request signs with both algorithms", "[validation]")
{
    for (auto v : {signature_version::v1, signature_version::v3}) {
        auto o = sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "nonce"}, v);
        CHECK_FALSE(o.ec);
        CHECK_FALSE(o.out.signature.empty());
    }
}

TEST_CASE("empty or unsendable Action and Version", "[validation]")
{
    auto req = good();
    req.action.clear();
    check_rejected(sign(req), client_errc::missing_field, "Action");

    req = good();
    req.version.clear();
    check_rejected(sign(req), client_errc::missing_field, "Version");

    req = good();
    req.action = "Describe\r\nX-Injected: 1";
    check_rejected(sign(req), client_errc::invalid_field, "Action");

    req = good();
    req.version = std::string("2014-05-26\0", 11);
    check_rejected(sign(req), client_errc::invalid_field, "Version");
}

TEST_CASE("missing or unsendable credentials", "[validation]")
{
    check_rejected(sign(good(), {"", "secret", ""}), client_errc::missing_field, "AccessKeyId");
    check_rejected(sign(good(), {"id", "", ""}), client_errc::missing_field, "AccessKeySecret");
    check_rejected(sign(good(), {"id\r\n", "secret", ""}), client_errc::invalid_field, "AccessKeyId");
    check_rejected(sign(good(), {"id", "secret", "tok\nen"}), client_errc::invalid_field, "SecurityToken");
}

TEST_CASE("the secret never appears in an error", "[validation]")
{
    auto o = sign(good(), {"bad\nid", "TopSecretValue", "TokenValue"});
    REQUIRE(o.ec);
    CHECK(o.diag.to_string().find("TopSecretValue") == std::string::npos);
    CHECK(o.diag.to_string().find("TokenValue") == std::string::npos);
}

TEST_CASE("parameter names that would break the wire", "[validation]")
{
    auto req = good();
    req.params.append("", "x");
    check_rejected(sign(req), client_errc::invalid_parameter_name, "");

    for (std::string name : {std::string("Bad\rName"), std::string("Bad\nName"), std::string("Bad\0Name", 8),
                             std::string("Bad\x7FName")}) {
        req = good();
        req.params.set(name, "x");
        check_rejected(sign(req), client_errc::invalid_parameter_name, name);
    }

    req = good();
    req.params.set("Na\xC3me", "x"); // truncated UTF-8 sequence
    check_rejected(sign(req), client_errc::invalid_parameter_name, "Na\xC3me");

    req = good();
    req.params.set("Signature", "forged");
    check_rejected(sign(req), client_errc::reserved_parameter, "Signature");
}

TEST_CASE("parameter values with NUL or invalid UTF-8", "[validation]")
{
    auto req = good();
    req.params.set("Description", std::string_view("a\0b", 3));
    check_rejected(sign(req), client_errc::invalid_field, "Description");

    for (std::string bad : {"\xFF", "\xC0\xAF" /* overlong '/' */, "\xED\xA0\x80" /* surrogate */, "\xF4\x90\x80\x80"}) {
        req = good();
        req.params.set("InstanceName", "x" + bad);
        check_rejected(sign(req), client_errc::invalid_field, "InstanceName");
    }
}

TEST_CASE("CR and LF in a parameter value are percent-encoded, not rejected", "[validation]")
{
    // They never reach a header; a multi-line Description or policy document is legitimate.
    auto req = good();
    req.params.set("Description", "line 1\r\nline 2");
    auto o = sign(req);
    REQUIRE_FALSE(o.ec);
    CHECK(o.out.target.find("Description=line%201%0D%0Aline%202") != std::string::npos);
}

TEST_CASE("extra headers that would break the wire or replace the signer's", "[validation]")
{
    auto req = good();
    req.headers.push_back({"x-acs-trace-id", "abc\r\nInjected: 1"});
    check_rejected(sign(req), client_errc::invalid_field, "x-acs-trace-id");

    req = good();
    req.headers.push_back({"bad header", "v"});
    check_rejected(sign(req), client_errc::invalid_field, "bad header");

    req = good();
    req.headers.push_back({"X-Acs-Date", "2020-01-01T00:00:00Z"});
    check_rejected(sign(req), client_errc::reserved_parameter, "X-Acs-Date");
}

TEST_CASE("a malformed timestamp or an empty nonce", "[validation]")
{
    for (std::string ts : {"2024-01-02 03:04:05", "2024-01-02T03:04:05.123Z", "2024-13-02T03:04:05Z",
                           "2024-02-30T03:04:05Z", "2024-01-02T24:00:00Z", ""}) {
        INFO(ts);
        check_rejected(sign(good(), {"id", "secret", ""}, {ts, "nonce"}), client_errc::invalid_field, "Timestamp");
    }
    check_rejected(sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", ""}), client_errc::missing_field,
                   "SignatureNonce");
    // V3 sends the nonce in a header: printable ASCII only.
    check_rejected(sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "a b"}), client_errc::invalid_field,
                   "SignatureNonce");
    // V1 percent-encodes it as a parameter: UTF-8 text is fine, control characters are not.
    check_rejected(sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "a\nb"}, signature_version::v1),
                   client_errc::invalid_field, "SignatureNonce");
    CHECK_FALSE(sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "n\xC3\xA9 1"}, signature_version::v1).ec);
}

TEST_CASE("an empty or unsendable host", "[validation]")
{
    check_rejected(sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "n"}, signature_version::v3, ""),
                   client_errc::invalid_endpoint, "endpoint");
    check_rejected(
        sign(good(), {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "n"}, signature_version::v3, "h\r\nX: y"),
        client_errc::invalid_endpoint, "endpoint");
}

TEST_CASE("V1 GET cannot carry a form body", "[validation]")
{
    auto req = good();
    req.method = http_method::get;
    req.params_in = parameter_location::body;
    check_rejected(sign(req, {"id", "secret", ""}, {"2024-01-02T03:04:05Z", "n"}, signature_version::v1),
                   client_errc::invalid_field, "params_in");
}
