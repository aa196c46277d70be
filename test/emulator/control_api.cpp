// /_emulator/...: fault rules, the request log, credentials, the clock, waits,
// reset. JSON in and out; no authentication (the emulator is a test tool on loopback).

#include "state.hpp"
#include "stateful_operations.hpp"
#include "utc_time.hpp"
#include "wait_conditions.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <alicloud/core/sansio/request_stamp.hpp>
#include <alicloud/core/sansio/utf8.hpp>

#include <charconv>

namespace alicloud::emulator::detail {
namespace {

namespace http = boost::beast::http;

http_response error(const http_request& req, unsigned status, std::string_view message)
{
    return json_response(req, status, boost::json::serialize(boost::json::object{{"error", message}}));
}

http_response ok(const http_request& req, const boost::json::value& body)
{
    return json_response(req, 200, boost::json::serialize(body));
}

http_response add_credential(state& s, const http_request& req, const boost::json::value& body)
{
    const auto* obj = body.if_object();
    const auto text = [&](std::string_view key) -> std::string {
        const auto* v = obj ? obj->if_contains(key) : nullptr;
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    access_key key{text("access_key_id"), text("access_key_secret"), text("security_token")};
    if (key.id.empty() || key.secret.empty())
        return error(req, 400, "access_key_id and access_key_secret are required strings");
    if (const auto expiration = text("expiration"); !expiration.empty()) {
        std::chrono::sys_seconds t;
        if (!sansio::parse_timestamp(expiration, t))
            return error(req, 400, "expiration must be yyyy-MM-ddTHH:mm:ssZ");
        key.expiration = sansio::clamp_to_system_clock(t); // year 9999: never; year 1000: long ago
    }
    s.keys.add(std::move(key));
    return ok(req, boost::json::object{});
}

// POST {"advance_seconds": N} or {"advance_ms": N}: the emulator's clock
// (clock.hpp) moves forward; both, and GET, answer how far ahead it is.
http_response clock_control(state& s, const http_request& req, const boost::json::value& body)
{
    if (req.method() == http::verb::post) {
        const auto* obj = body.if_object();
        const auto* seconds = obj ? obj->if_contains("advance_seconds") : nullptr;
        const auto* ms = obj ? obj->if_contains("advance_ms") : nullptr;
        const auto* amount = seconds ? seconds : ms;
        if ((seconds == nullptr) == (ms == nullptr) || !amount->is_number())
            return error(req, 400, "give one of advance_seconds and advance_ms, a number >= 0");
        const double by_ms = amount->to_number<double>() * (seconds ? 1000.0 : 1.0);
        const auto most = static_cast<double>(emulator_clock::max_offset.count());
        if (!(by_ms >= 0 && by_ms <= most) ||
            !s.clock.advance(std::chrono::milliseconds(static_cast<long long>(by_ms))))
            return error(req, 400, "the clock moves forward only, at most a century ahead of the real time");
    }
    return ok(req, boost::json::object{{"offset_ms", s.clock.offset().count()},
                                       {"now", utc_time(s.clock.now(), utc_precision::milliseconds)}});
}

} // namespace

http_response wait_timed_out(const http_request& req)
{
    return ok(req, boost::json::object{{"reached", false}});
}

http_response json_response(const http_request& req, unsigned status, std::string body)
{
    http_response res{static_cast<http::status>(status), req.version()};
    res.set(http::field::server, "alicloud-ecs-emulator");
    res.set(http::field::content_type, "application/json;charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    // The request log quotes requests (parameters, headers), whose bytes need
    // not be UTF-8; JSON must be.
    sansio::replace_invalid_utf8(res.body());
    res.prepare_payload();
    return res;
}

http_response control(state& s, const http_request& req, std::string_view path, std::optional<wait_condition>& wait)
{
    const auto method = req.method();
    boost::json::value body;
    if (method == http::verb::post && !req.body().empty()) {
        boost::json::error_code ec;
        body = boost::json::parse(req.body(), ec);
        if (ec)
            return error(req, 400, "the body is not JSON: " + ec.message());
    }

    if (path == "/_emulator/health" && method == http::verb::get)
        return ok(req, boost::json::object{{"status", "ok"},
                                          {"instances", s.ecs.instance_count()},
                                          {"connections", s.connections.size()},
                                          {"nonces", s.nonces.size()}});
    if (path == "/_emulator/requests") {
        if (method == http::verb::get)
            return ok(req, boost::json::object{{"requests", s.log.to_json()}});
        if (method == http::verb::delete_) {
            s.log.clear();
            return ok(req, boost::json::object{});
        }
    }
    if (path == "/_emulator/faults") {
        if (method == http::verb::get)
            return ok(req, boost::json::object{{"faults", s.faults.to_json()}});
        if (method == http::verb::delete_) {
            s.faults.clear();
            return ok(req, boost::json::object{});
        }
        if (method == http::verb::post) {
            std::uint64_t id = 0;
            if (auto why = s.faults.add(body, id))
                return error(req, 400, *why);
            return ok(req, boost::json::object{{"id", id}});
        }
    }
    if (path.starts_with("/_emulator/faults/") && method == http::verb::delete_) {
        const auto text = path.substr(std::string_view("/_emulator/faults/").size());
        std::uint64_t id = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec != std::errc() || end != text.data() + text.size())
            return error(req, 400, "a fault id is a number");
        return s.faults.remove(id) ? ok(req, boost::json::object{}) : error(req, 404, "no such fault rule");
    }
    if (path == "/_emulator/resources" && method == http::verb::get) {
        // What is left: a test checks that a run cleaned up after itself.
        boost::json::object resources = s.ecs.networks().to_json();
        resources["instances"] = s.ecs.instances_json();
        return ok(req, resources);
    }
    if (path == "/_emulator/operations" && method == http::verb::get) {
        // Which operations keep state, by API version (the rest: schema mode).
        boost::json::object by_version;
        for (const std::string_view version : {ecs_api_version, sts_api_version, ram_api_version, vpc_api_version}) {
            boost::json::array names;
            for (const auto& name : stateful_operations(version))
                names.emplace_back(name);
            by_version[version] = std::move(names);
        }
        return ok(req, boost::json::object{{"stateful", std::move(by_version)}});
    }
    if (path == "/_emulator/credentials" && method == http::verb::post)
        return add_credential(s, req, body);
    if (path == "/_emulator/clock" && (method == http::verb::get || method == http::verb::post))
        return clock_control(s, req, body);
    if (path == "/_emulator/wait" && method == http::verb::post) {
        wait_condition w;
        if (auto why = parse_wait(s, body, w))
            return error(req, 400, *why);
        wait = std::move(w);
        return ok(req, boost::json::object{{"reached", true}});
    }
    if (path == "/_emulator/reset" && method == http::verb::post) {
        s.reset();
        return ok(req, boost::json::object{});
    }
    return error(req, 404, "no such control endpoint: " + std::string(req.method_string()) + " " + std::string(path));
}

} // namespace alicloud::emulator::detail
