#include "faults.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace alicloud::emulator {
namespace {

constexpr std::array<std::pair<fault_kind, std::string_view>, 8> kind_names = {{
    {fault_kind::none, "none"},
    {fault_kind::throttling, "throttling"},
    {fault_kind::http_error, "http_error"},
    {fault_kind::reset_before_headers, "reset_before_headers"},
    {fault_kind::reset_after_headers, "reset_after_headers"},
    {fault_kind::truncate_body, "truncate_body"},
    {fault_kind::malformed_json, "malformed_json"},
    {fault_kind::body, "body"},
}};

bool read_count(const boost::json::object& obj, std::string_view key, std::uint64_t& out)
{
    const auto* v = obj.if_contains(key);
    if (v == nullptr)
        return true;
    if (v->is_uint64())
        out = v->get_uint64();
    else if (v->is_int64() && v->get_int64() >= 0)
        out = static_cast<std::uint64_t>(v->get_int64());
    else
        return false;
    return true;
}

} // namespace

std::string_view to_string(fault_kind k) noexcept
{
    for (const auto& [kind, name] : kind_names)
        if (kind == k)
            return name;
    return "none";
}

bool parse_fault_kind(std::string_view text, fault_kind& out) noexcept
{
    for (const auto& [kind, name] : kind_names)
        if (name == text) {
            out = kind;
            return true;
        }
    return false;
}

std::optional<std::string> fault_injector::add(const boost::json::value& spec, std::uint64_t& id)
{
    const auto* obj = spec.if_object();
    if (obj == nullptr)
        return "a fault rule is a JSON object";
    static constexpr std::array<std::string_view, 9> known = {"action", "skip",   "times",   "latency_ms", "kind",
                                                              "status", "code", "message", "body"};
    for (const auto& [key, value] : *obj)
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
            return "unknown field '" + std::string(key) + "'";

    fault_rule rule;
    if (const auto* a = obj->if_contains("action")) {
        if (!a->is_string())
            return "'action' must be a string";
        rule.action = a->get_string();
    }
    std::uint64_t latency = 0, times = 0, status = 0;
    if (!read_count(*obj, "skip", rule.skip) || !read_count(*obj, "latency_ms", latency) ||
        !read_count(*obj, "times", times) || !read_count(*obj, "status", status))
        return "'skip', 'times', 'latency_ms' and 'status' must be non-negative integers";
    if (obj->contains("times"))
        rule.times = times;
    rule.latency = std::chrono::milliseconds(latency);
    if (status != 0 && (status < 100 || status > 599))
        return "'status' must be an HTTP status";
    rule.status = static_cast<unsigned>(status);
    if (const auto* k = obj->if_contains("kind")) {
        if (!k->is_string() || !parse_fault_kind(k->get_string(), rule.kind))
            return "'kind' must be one of none, throttling, http_error, reset_before_headers, "
                   "reset_after_headers, truncate_body, malformed_json, body";
    }
    for (auto [key, field] :
         {std::pair{"code", &rule.code}, std::pair{"message", &rule.message}, std::pair{"body", &rule.body}}) {
        if (const auto* v = obj->if_contains(key)) {
            if (!v->is_string())
                return std::string("'") + key + "' must be a string";
            *field = v->get_string();
        }
    }
    if (rule.kind == fault_kind::none && rule.latency.count() == 0)
        return "a rule needs a 'kind' or a 'latency_ms'";
    id = add(std::move(rule));
    return std::nullopt;
}

std::uint64_t fault_injector::add(fault_rule rule)
{
    rule.id = next_id_++;
    rule.matched = rule.applied = 0;
    rules_.push_back(std::move(rule));
    return rules_.back().id;
}

bool fault_injector::remove(std::uint64_t id)
{
    const auto before = rules_.size();
    std::erase_if(rules_, [&](const fault_rule& r) { return r.id == id; });
    return rules_.size() != before;
}

std::optional<fault_decision> fault_injector::match(std::string_view action)
{
    std::optional<fault_decision> decision;
    for (auto& r : rules_) {
        if (!r.action.empty() && r.action != action)
            continue;
        // Every matching rule counts the request, so that "skip" means the same
        // whatever other rules exist; the first one that applies decides.
        ++r.matched;
        if (decision || r.matched <= r.skip || (r.times && r.applied >= *r.times))
            continue;
        ++r.applied;
        decision = fault_decision{r.id, r.latency, r.kind, r.status, r.code, r.message, r.body};
    }
    return decision;
}

boost::json::value fault_injector::to_json() const
{
    boost::json::array out;
    for (const auto& r : rules_) {
        boost::json::object o{{"id", r.id},
                              {"action", r.action},
                              {"skip", r.skip},
                              {"latency_ms", r.latency.count()},
                              {"kind", to_string(r.kind)},
                              {"matched", r.matched},
                              {"applied", r.applied}};
        if (r.times)
            o["times"] = *r.times;
        if (r.status)
            o["status"] = r.status;
        if (!r.code.empty())
            o["code"] = r.code;
        if (!r.message.empty())
            o["message"] = r.message;
        if (r.kind == fault_kind::body)
            o["body"] = r.body;
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace alicloud::emulator
