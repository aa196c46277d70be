#include "task.hpp"

#include "name_table.hpp"

#include <ctime>

namespace task_service {
namespace {

constexpr name_table<task_status, 6> names = {{
    {"queued", task_status::queued},
    {"running", task_status::running},
    {"succeeded", task_status::succeeded},
    {"failed", task_status::failed},
    {"cancelled", task_status::cancelled},
    {"timed_out", task_status::timed_out},
}};

// RFC 3339 in UTC, with milliseconds.
std::string utc(std::chrono::system_clock::time_point t)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[40];
    const auto n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms % 1000));
    return text;
}

} // namespace

std::string_view to_string(task_status s)
{
    return name_of(names, s);
}

std::optional<task_status> parse_task_status(std::string_view text)
{
    return value_named(names, text);
}

boost::json::object to_json(const task& t)
{
    boost::json::object o{{"id", t.id},
                          {"job", job_name(t.job.kind)},
                          {"status", to_string(t.status)},
                          {"created_at", utc(t.created_at)},
                          {"timeout_ms", t.timeout.count()},
                          {"client_token", t.client_token},
                          {"attempts", t.attempts}};
    if (t.started_at)
        o["started_at"] = utc(*t.started_at);
    if (t.finished_at)
        o["finished_at"] = utc(*t.finished_at);
    if (t.status == task_status::running && !t.owner.empty())
        o["runner"] = t.owner;
    if (!t.result.is_null())
        o["result"] = t.result;
    if (t.error)
        o["error"] = boost::json::object{
            {"code", t.error->code}, {"message", t.error->message}, {"request_id", t.error->request_id}};
    return o;
}

} // namespace task_service
