#include "wait_conditions.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <vector>

namespace alicloud::emulator::detail {
namespace {

// A non-negative integer member, or nullopt.
std::optional<std::uint64_t> count_in(const boost::json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto* u = v->if_uint64())
        return *u;
    if (const auto* i = v->if_int64(); i != nullptr && *i >= 0)
        return static_cast<std::uint64_t>(*i);
    return std::nullopt;
}

// Every element a string, or nullopt.
std::optional<std::vector<std::string>> strings_in(const boost::json::value* v)
{
    const auto* a = v ? v->if_array() : nullptr;
    if (a == nullptr)
        return std::nullopt;
    std::vector<std::string> out;
    for (const auto& e : *a) {
        if (!e.is_string())
            return std::nullopt;
        out.emplace_back(e.get_string());
    }
    return out;
}

} // namespace

std::optional<std::string> parse_wait(state& s, const boost::json::value& body, wait_condition& out)
{
    const auto* o = body.if_object();
    if (o == nullptr)
        return "the body is a JSON object: a condition and an optional timeout_ms";
    std::uint64_t timeout_ms = 10'000;
    if (o->contains("timeout_ms")) {
        const auto t = count_in(*o, "timeout_ms");
        if (!t || *t > 60'000)
            return "timeout_ms is a number of milliseconds, at most 60000";
        timeout_ms = *t;
    }
    out.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);

    if (o->contains("connections")) {
        const auto n = count_in(*o, "connections");
        if (!n)
            return "connections is a count";
        out.reached = [&s, most = *n] { return s.connections.size() <= most; };
        return std::nullopt;
    }
    if (const auto* logged = o->if_contains("logged")) {
        const auto* l = logged->if_object();
        const auto* action = l ? l->if_contains("action") : nullptr;
        const auto n = l ? count_in(*l, "count") : std::nullopt;
        const auto* finished = l ? l->if_contains("finished") : nullptr;
        const auto* code = l ? l->if_contains("error_code") : nullptr;
        if (action == nullptr || !action->is_string() || !n || (finished != nullptr && !finished->is_bool()) ||
            (code != nullptr && !code->is_string()))
            return "logged is {\"action\": name, \"count\": N, optional \"finished\": bool, \"error_code\": code}";
        out.reached = [&s, name = std::string(action->get_string()), least = *n,
                       only_finished = finished != nullptr && finished->get_bool(),
                       with_code = code != nullptr ? std::string(code->get_string()) : std::string()] {
            return s.log.count(name, only_finished, with_code) >= least;
        };
        return std::nullopt;
    }
    if (const auto* instances = o->if_contains("instances")) {
        const auto* i = instances->if_object();
        auto ids = i ? strings_in(i->if_contains("ids")) : std::nullopt;
        const auto* status = i ? i->if_contains("status") : nullptr;
        instance_status wanted{};
        if (!ids || status == nullptr || !status->is_string() || !parse_status(status->get_string(), wanted))
            return "instances is {\"ids\": [instance ids], \"status\": Pending|Starting|Running|Stopping|Stopped}";
        out.reached = [&s, listed = std::move(*ids), wanted] {
            return std::all_of(listed.begin(), listed.end(), [&](const std::string& id) {
                const instance* found = s.ecs.find_instance(id);
                return found != nullptr && found->status == wanted;
            });
        };
        return std::nullopt;
    }
    if (const auto* available = o->if_contains("available")) {
        auto ids = strings_in(available);
        if (!ids)
            return "available is a list of VPC and vSwitch ids";
        out.reached = [&s, listed = std::move(*ids)] {
            auto& networks = s.ecs.networks();
            return std::all_of(listed.begin(), listed.end(), [&](const std::string& id) {
                const network_resource* found = networks.find_vpc(id);
                if (found == nullptr)
                    found = networks.find_vswitch(id);
                return found != nullptr && found->available;
            });
        };
        return std::nullopt;
    }
    return "no condition: connections, logged, instances or available";
}

} // namespace alicloud::emulator::detail
