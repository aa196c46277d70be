#include "responses.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <random>

namespace alicloud::emulator {
namespace {

void escape_xml(std::string& out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
}

void render_value(std::string& out, std::string_view name, const boost::json::value& v)
{
    if (const auto* arr = v.if_array()) {
        // An array under key K is a run of <K> elements, as the service renders lists.
        for (const auto& item : *arr)
            render_value(out, name, item);
        return;
    }
    out.append("<").append(name).append(">");
    if (const auto* obj = v.if_object()) {
        for (const auto& [key, member] : *obj)
            render_value(out, key, member);
    } else if (const auto* s = v.if_string()) {
        escape_xml(out, *s);
    } else if (!v.is_null()) {
        out += boost::json::serialize(v);
    }
    out.append("</").append(name).append(">");
}

} // namespace

std::string new_request_id()
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    const std::uint64_t a = engine(), b = engine();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llX-%04llX-%04llX-%04llX-%012llX",
                  static_cast<unsigned long long>(a >> 32), static_cast<unsigned long long>((a >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(0x4000 | (a & 0x0FFF)),
                  static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
    return buf;
}

std::string random_text(std::size_t n, std::string_view alphabet)
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string out(n, ' ');
    for (char& c : out)
        c = alphabet[pick(engine)];
    return out;
}

api_reply error_reply(unsigned status, std::string_view code, std::string_view message, std::string_view host_id)
{
    api_reply r;
    r.status = status;
    r.error_code.assign(code);
    const std::string request_id = new_request_id();
    r.body["RequestId"] = request_id;
    r.body["HostId"] = host_id;
    r.body["Code"] = code;
    r.body["Message"] = message;
    r.body["Recommend"] = "https://api.aliyun.com/troubleshoot?q=" + std::string(code) +
                          "&product=Ecs&requestId=" + request_id;
    return r;
}

api_reply missing_parameter(std::string_view name, std::string_view host_id)
{
    return error_reply(400, "MissingParameter",
                       "The input parameter \"" + std::string(name) +
                           "\" that is mandatory for processing this request is not supplied.",
                       host_id);
}

api_reply invalid_parameter(std::string_view name, std::string_view why, std::string_view host_id)
{
    std::string message = "The specified parameter \"" + std::string(name) + "\" is not valid.";
    if (!why.empty())
        message.append(" ").append(why);
    return error_reply(400, "InvalidParameter", message, host_id);
}

api_reply dry_run_passed(std::string_view host_id)
{
    return error_reply(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.", host_id);
}

std::string render_xml(std::string_view root, const boost::json::object& body)
{
    std::string out = "<?xml version='1.0' encoding='UTF-8'?>";
    render_value(out, root, body);
    return out;
}

} // namespace alicloud::emulator
