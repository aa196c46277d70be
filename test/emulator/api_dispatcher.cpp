// The RPC API path of a request: authenticate, log, apply a fault rule, run the
// operation (with state, run_stateful; else from its product's schema), render
// the answer as the caller asked (JSON or XML).

#include "api_meta.hpp"
#include "schema_catalog.hpp"
#include "stateful_operations.hpp"
#include "wire_values.hpp"
#include "state.hpp"

#include <alicloud/core/sansio/utf8.hpp>

#include <boost/beast/http/field.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iterator>
#include <optional>

namespace alicloud::emulator::detail {
namespace {

namespace http = boost::beast::http;

api_reply fault_reply(const fault_decision& f, std::string_view host)
{
    if (f.kind == fault_kind::throttling)
        return error_reply(f.status ? f.status : 400, f.code.empty() ? "Throttling" : f.code,
                           f.message.empty() ? "Request was denied due to request throttling." : f.message, host);
    const unsigned status = f.status ? f.status : 503;
    const std::string_view code = !f.code.empty()   ? std::string_view(f.code)
                                  : status == 500   ? std::string_view("InternalError")
                                                    : std::string_view("ServiceUnavailable");
    const std::string_view message =
        !f.message.empty() ? std::string_view(f.message)
        : status == 500    ? std::string_view("The request processing has failed due to some unknown error, exception or failure.")
                           : std::string_view("The request has failed due to a temporary failure of the server.");
    return error_reply(status, code, message, host);
}

received_request view_of(const http_request& req)
{
    received_request out;
    out.method = std::string_view(req.method_string().data(), req.method_string().size());
    const std::string_view target(req.target().data(), req.target().size());
    const auto q = target.find('?');
    out.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        out.headers.push_back({std::move(name), std::string(field.value())});
    }
    out.body = req.body();
    return out;
}

// Headers that HTTP or the API protocol define; the others are logged.
bool is_protocol_header(std::string_view name)
{
    static constexpr std::string_view known[] = {"host", "authorization", "content-type", "content-length",
                                                 "user-agent", "accept", "accept-encoding", "connection"};
    return name.starts_with("x-acs-") || std::find(std::begin(known), std::end(known), name) != std::end(known);
}

// VPCs, vSwitches, EIPs: checked against the VPC schema, run by vpc_service.
api_reply run_vpc(state& s, const authenticated_call& call, std::string_view host)
{
    if (const schema_operation* op = find_schema_operation(builtin_schemas(), call.version, call.action))
        if (auto bad = check_request(*op, call.params, host))
            return std::move(*bad);
    return s.vpc.handle(call, host);
}

// The operations the emulator keeps state for, by product (API version), or
// nullopt when `call` is not one of them. They come before schema mode, which
// answers every other operation of a product from its schema. A product's
// stateful service is one entry here.
std::optional<api_reply> run_stateful(state& s, const authenticated_call& call, std::string_view host)
{
    if (!keeps_state(call.version, call.action)) // the one list of them (stateful_operations.hpp)
        return std::nullopt;
    if (call.version == ecs_api_version) {
        // Instances and security groups: checked against the official metadata, run by ecs_service.
        if (const operation_meta* op = find_operation(call.action)) {
            auto bad = check_parameters(*op, call.params, host);
            if (bad)
                return bad;
            return s.ecs.handle(call, host);
        }
    }
    if (call.version == sts_api_version && sts_service::serves(call.action))
        return s.sts.handle(call, host); // AssumeRole: credentials the other products then accept
    if (call.version == vpc_api_version && vpc_service::serves(call.action))
        return run_vpc(s, call, host); // networks: what a launch needs
    return std::nullopt;
}

// An operation that needs no signature (STS AssumeRoleWithSAML, ...) called
// unsigned is read as it is; anything else must authenticate.
std::optional<authenticated_call> read_call(state& s, const received_request& view, std::string_view host,
                                            api_reply& error, bool& anonymous)
{
    anonymous = false;
    if (authenticator::is_unsigned(view)) {
        const auto [action, version] = authenticator::peek_action(view);
        const schema_operation* op = find_schema_operation(builtin_schemas(), version, action);
        anonymous = op != nullptr && is_anonymous(*op);
    }
    if (anonymous)
        return authenticator::read_unsigned(view, host, error);
    return s.auth.authenticate(view, host, error);
}

// Logs the request, applies its fault rule's latency and connection fault, and
// starts the answer (status, keep-alive, Server) - what every path shares.
response_plan start_plan(state& s, const http_request& req, logged_request entry,
                         const std::optional<fault_decision>& fault, unsigned status)
{
    if (fault) {
        entry.fault_rule = fault->rule_id;
        entry.fault = to_string(fault->kind);
    }
    response_plan plan;
    plan.log_sequence = s.log.add(std::move(entry));
    if (fault) {
        plan.latency = fault->latency;
        plan.fault = fault->kind;
    }
    auto& res = plan.response;
    res.version(req.version());
    res.result(status);
    res.keep_alive(req.keep_alive());
    res.set(http::field::server, "alicloud-ecs-emulator");
    return plan;
}

} // namespace

response_plan handle_api(state& s, const http_request& req, std::uint64_t connection_id)
{
    const received_request view = view_of(req);
    const std::string host = view.header("host") ? *view.header("host") : std::string("ecs.aliyuncs.com");

    logged_request entry;
    entry.connection_id = connection_id;
    entry.method = view.method;
    for (const auto& h : view.headers)
        if (!is_protocol_header(h.name))
            entry.extra_headers[h.name] = h.value;

    api_reply reply;
    std::optional<fault_decision> fault;
    bool xml = false;
    std::string action;

    bool anonymous = false;
    if (auto call = read_call(s, view, host, reply, anonymous)) {
        action = call->action;
        xml = call->xml;
        entry.action = call->action;
        entry.version = call->version;
        entry.signature_version = anonymous ? "none" : call->signature == signature_version::v1 ? "v1" : "v3";
        entry.access_key_id = call->access_key_id;
        for (const auto& p : call->params)
            entry.params[p.name] = p.value;
        if (const auto* token = call->params.find("ClientToken"))
            entry.client_token = *token;

        fault = s.faults.match(call->action);
        const bool replaced = fault && (fault->kind == fault_kind::throttling || fault->kind == fault_kind::http_error ||
                                        fault->kind == fault_kind::reset_before_headers);
        if (fault && fault->kind == fault_kind::body) {
            reply.status = fault->status ? fault->status : 200; // the rule's bytes follow, nothing runs
        } else if (replaced) {
            reply = fault->kind == fault_kind::reset_before_headers ? api_reply{} : fault_reply(*fault, host);
        } else if (auto stateful = run_stateful(s, *call, host)) {
            reply = std::move(*stateful);
        } else if (const schema_operation* schema_op =
                       find_schema_operation(builtin_schemas(), call->version, call->action)) {
            // Any other operation of a product (version) we have the schema of.
            auto bad = check_request(*schema_op, call->params, host);
            reply = bad                            ? std::move(*bad)
                    : flag(call->params, "DryRun") ? dry_run_passed(host)
                                                   : synthesize_answer(*schema_op);
        } else {
            reply = error_reply(404, "InvalidAction.NotFound",
                                "Specified api is not found, please check your url and method.", host);
        }
    } else {
        auto [peeked_action, peeked_version] = authenticator::peek_action(view);
        action = peeked_action;
        entry.action = std::move(peeked_action);
        entry.version = std::move(peeked_version);
    }

    entry.status = reply.status;
    entry.error_code = reply.error_code;
    response_plan plan = start_plan(s, req, std::move(entry), fault, reply.status);
    auto& res = plan.response;
    if (const auto* id = reply.body.if_contains("RequestId"); id && id->is_string())
        res.set("x-acs-request-id", std::string_view(id->get_string()));
    if (fault && fault->kind == fault_kind::malformed_json) {
        res.result(200);
        res.set(http::field::content_type, "application/json;charset=utf-8");
        res.body() = "{\"RequestId\":\"" + new_request_id() + "\",\"Instances\":{\"Instance\":[}oops";
    } else if (fault && fault->kind == fault_kind::body) {
        res.set(http::field::content_type, "application/json;charset=utf-8");
        res.body() = fault->body;
    } else {
        if (xml) {
            res.set(http::field::content_type, "text/xml;charset=utf-8");
            res.body() = render_xml(reply.error_code.empty() ? action + "Response" : "Error", reply.body);
        } else {
            res.set(http::field::content_type, "application/json;charset=utf-8");
            res.body() = boost::json::serialize(reply.body);
        }
        // An error may quote the request (its Host as HostId, a parameter's
        // name), whose bytes need not be UTF-8; JSON and XML must be.
        sansio::replace_invalid_utf8(res.body());
    }
    res.prepare_payload();
    return plan;
}

response_plan handle_metadata(state& s, const http_request& req, std::string_view path, std::uint64_t connection_id)
{
    const received_request view = view_of(req);
    const metadata_answer answer = s.metadata.handle(view.method, path, view.header("x-aliyun-ecs-metadata-token"),
                                                     view.header("x-aliyun-ecs-metadata-token-ttl-seconds"));
    logged_request entry;
    entry.connection_id = connection_id;
    entry.method = view.method;
    entry.action = answer.action;
    entry.version = "imds";
    entry.status = answer.status;
    // Latency and connection faults apply; the answer itself stays the service's.
    response_plan plan = start_plan(s, req, std::move(entry), s.faults.match(answer.action), answer.status);
    auto& res = plan.response;
    res.set(http::field::content_type, answer.content_type);
    res.body() = answer.body;
    res.prepare_payload();
    return plan;
}

} // namespace alicloud::emulator::detail
