#include "jobs.hpp"

#include "name_table.hpp"

#include <alicloud/ecs.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace task_service {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace ecs = alicloud::ecs;
using std::chrono::milliseconds;

constexpr name_table<job_kind, 3> jobs = {{
    {"describe_instances", job_kind::describe_instances},
    {"run_instances_and_wait", job_kind::run_instances_and_wait},
    {"stop_instances_and_wait", job_kind::stop_instances_and_wait},
}};

// The parameters each job takes.
const std::map<job_kind, std::set<std::string, std::less<>>>& allowed_params()
{
    static const std::map<job_kind, std::set<std::string, std::less<>>> table = {
        {job_kind::describe_instances, {"region_id", "page_size"}},
        {job_kind::run_instances_and_wait,
         {"region_id", "image_id", "instance_type", "zone_id", "amount", "poll_interval_ms"}},
        {job_kind::stop_instances_and_wait, {"region_id", "instance_ids", "poll_interval_ms"}},
    };
    return table;
}

// Reads the fields of one JSON object, failing on the first that is wrong.
class field_reader {
public:
    field_reader(const json::object& obj, std::string where, submission_error& error)
        : obj_(obj), where_(std::move(where)), error_(error)
    {
    }

    bool ok() const { return error_.code.empty(); }

    bool string(std::string_view key, std::string& out, bool required)
    {
        const auto* v = find(key, required);
        if (v == nullptr)
            return ok();
        if (!v->is_string() || v->get_string().empty())
            return fail("InvalidParameter", key, "must be a non-empty string");
        out = v->get_string();
        return true;
    }

    template <class Int>
    bool integer(std::string_view key, Int& out, std::int64_t min, std::int64_t max)
    {
        const auto* v = find(key, false);
        if (v == nullptr)
            return ok();
        const auto n = v->if_int64();
        if (n == nullptr || *n < min || *n > max)
            return fail("InvalidParameter", key,
                        "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
        out = static_cast<Int>(*n);
        return true;
    }

    bool strings(std::string_view key, std::vector<std::string>& out, std::size_t max)
    {
        const auto* v = find(key, true);
        if (v == nullptr)
            return false;
        const auto* a = v->if_array();
        if (a == nullptr || a->empty() || a->size() > max)
            return fail("InvalidParameter", key, "must be an array of 1 to " + std::to_string(max) + " strings");
        for (const auto& item : *a) {
            if (!item.is_string() || item.get_string().empty())
                return fail("InvalidParameter", key, "must hold non-empty strings only");
            out.emplace_back(item.get_string());
        }
        return true;
    }

    bool fail(std::string code, std::string_view key, const std::string& why)
    {
        error_ = {std::move(code), "'" + where_ + std::string(key) + "' " + why};
        return false;
    }

private:
    const json::value* find(std::string_view key, bool required)
    {
        const auto* v = obj_.if_contains(key);
        if (v == nullptr && required)
            fail("MissingParameter", key, "is required");
        return v;
    }

    const json::object& obj_;
    std::string where_;
    submission_error& error_;
};

// Waits `d`, or less: until the context's deadline, or its cancellation.
// (The service runs on one thread, which is also the one that cancels.)
asio::awaitable<alicloud::error_code> pause(milliseconds d, const alicloud::context& ctx)
{
    asio::steady_timer timer(co_await asio::this_coro::executor);
    auto until = std::chrono::steady_clock::now() + d;
    if (const auto deadline = ctx.deadline(); deadline && *deadline < until)
        until = *deadline;
    timer.expires_at(until);
    const auto subscription = ctx.on_cancel([&timer] { timer.cancel(); });
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return ctx.err();
}

job_outcome failed(alicloud::error_code ec, alicloud::diagnostics diag, json::value result)
{
    return {ec, std::move(diag), std::move(result)};
}

asio::awaitable<job_outcome> describe_all(ecs::client& ecs, const job_spec& job, const alicloud::call_options& call)
{
    // PageNumber/PageSize: the service rounds a MaxResults below 10 up to 10.
    ecs::describe_instances_request req;
    req.region_id = job.region_id;
    req.page_size = job.page_size;
    json::array instances;
    for (std::int32_t page = 1;; ++page) {
        req.page_number = page;
        auto [ec, res] = co_await ecs.describe_instances(req, call, asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return failed(ec, std::move(res.diag), json::object{{"instances", std::move(instances)}, {"pages", page - 1}});
        for (const auto& i : res.instances)
            instances.push_back(json::object{{"InstanceId", i.instance_id}, {"Status", i.status},
                                             {"InstanceType", i.instance_type}, {"ZoneId", i.zone_id}});
        if (res.instances.empty() || instances.size() >= static_cast<std::size_t>(res.total_count)) {
            const auto count = instances.size();
            co_return job_outcome{{}, {}, json::object{{"instances", std::move(instances)}, {"count", count}, {"pages", page}}};
        }
    }
}

// Looks at `ids` until every one has `wanted` status; the last statuses seen go in `statuses`.
asio::awaitable<job_outcome> wait_for_status(ecs::client& ecs, const job_spec& job, const alicloud::call_options& call,
                                             const std::vector<std::string>& ids, std::string_view wanted,
                                             json::object& statuses)
{
    ecs::describe_instances_request req;
    req.region_id = job.region_id;
    req.instance_ids = ids;
    req.page_size = 100;
    for (;;) {
        auto [ec, res] = co_await ecs.describe_instances(req, call, asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return failed(ec, std::move(res.diag), {});
        for (const auto& i : res.instances)
            statuses[i.instance_id] = i.status;
        const bool all = std::all_of(ids.begin(), ids.end(), [&](const std::string& id) {
            const auto* s = statuses.if_contains(id);
            return s && s->is_string() && s->get_string() == wanted;
        });
        if (all)
            co_return job_outcome{};
        if (const auto why = co_await pause(job.poll_interval, call.context)) {
            alicloud::diagnostics diag;
            diag.client_message = "stopped while waiting for " + std::string(wanted);
            co_return failed(why, std::move(diag), {});
        }
    }
}

asio::awaitable<job_outcome> run_and_wait(ecs::client& ecs, const job_spec& job, const alicloud::call_options& call,
                                          const std::string& client_token)
{
    ecs::run_instances_request req;
    req.client_token = client_token;
    req.region_id = job.region_id;
    req.image_id = job.image_id;
    req.instance_type = job.instance_type;
    if (!job.zone_id.empty())
        req.zone_id = job.zone_id;
    req.amount = job.amount;
    auto [ec, created] = co_await ecs.run_instances(req, call, asio::as_tuple(asio::use_awaitable));
    if (ec)
        co_return failed(ec, std::move(created.diag), json::object{{"instance_ids", json::array{}}});
    json::array ids(created.instance_id_sets.begin(), created.instance_id_sets.end());
    json::object statuses;
    auto waited = co_await wait_for_status(ecs, job, call, created.instance_id_sets, "Running", statuses);
    waited.result = json::object{{"instance_ids", std::move(ids)}, {"statuses", std::move(statuses)}};
    co_return waited;
}

asio::awaitable<job_outcome> stop_and_wait(ecs::client& ecs, const job_spec& job, const alicloud::call_options& call)
{
    json::array stopping;
    for (const auto& id : job.instance_ids) {
        ecs::stop_instance_request req;
        req.instance_id = id;
        auto [ec, res] = co_await ecs.stop_instance(req, call, asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return failed(ec, std::move(res.diag), json::object{{"stop_requested", std::move(stopping)}});
        stopping.push_back(json::string(id));
    }
    json::object statuses;
    auto waited = co_await wait_for_status(ecs, job, call, job.instance_ids, "Stopped", statuses);
    waited.result = json::object{{"instance_ids", std::move(stopping)}, {"statuses", std::move(statuses)}};
    co_return waited;
}

} // namespace

std::string_view job_name(job_kind kind)
{
    return name_of(jobs, kind);
}

std::optional<submission> parse_submission(std::string_view body, submission_error& error)
{
    boost::system::error_code jec;
    const json::value doc = json::parse(body, jec);
    if (jec) {
        error = {"MalformedJSON", "the body is not JSON: " + jec.message()};
        return std::nullopt;
    }
    const auto* top = doc.if_object();
    if (top == nullptr) {
        error = {"MalformedJSON", "the body must be a JSON object"};
        return std::nullopt;
    }
    field_reader fields(*top, "", error);
    for (const auto& [key, value] : *top)
        if (key != "job" && key != "params" && key != "timeout_ms") {
            fields.fail("InvalidParameter", key, "is not a field of a task (job, params, timeout_ms)");
            return std::nullopt;
        }
    std::string name;
    if (!fields.string("job", name, true))
        return std::nullopt;
    const auto kind = value_named(jobs, name);
    if (!kind) {
        error = {"UnknownJob", "unknown job '" + name +
                                   "': describe_instances, run_instances_and_wait or stop_instances_and_wait"};
        return std::nullopt;
    }
    submission out;
    out.job.kind = *kind;
    std::int64_t timeout_ms = 0;
    if (!fields.integer("timeout_ms", timeout_ms, 1, std::int64_t(24) * 3600 * 1000))
        return std::nullopt;
    if (timeout_ms != 0)
        out.timeout = milliseconds(timeout_ms);

    static const json::object none;
    const json::object* params = &none;
    if (const auto* p = top->if_contains("params")) {
        params = p->if_object();
        if (params == nullptr) {
            fields.fail("InvalidParameter", "params", "must be a JSON object");
            return std::nullopt;
        }
    }
    field_reader param(*params, "params.", error);
    const auto& allowed = allowed_params().at(out.job.kind);
    for (const auto& [key, value] : *params)
        if (!allowed.contains(key)) {
            param.fail("InvalidParameter", key, "is not a parameter of " + name);
            return std::nullopt;
        }
    auto& job = out.job;
    std::int64_t poll_ms = job.poll_interval.count();
    const bool ok = param.string("region_id", job.region_id, false) && [&] {
        switch (job.kind) {
        case job_kind::describe_instances:
            return param.integer("page_size", job.page_size, 1, 100);
        case job_kind::run_instances_and_wait:
            return param.string("image_id", job.image_id, true) && param.string("instance_type", job.instance_type, true) &&
                   param.string("zone_id", job.zone_id, false) && param.integer("amount", job.amount, 1, 100) &&
                   param.integer("poll_interval_ms", poll_ms, 10, 60'000);
        case job_kind::stop_instances_and_wait:
            return param.strings("instance_ids", job.instance_ids, 100) &&
                   param.integer("poll_interval_ms", poll_ms, 10, 60'000);
        }
        return false;
    }();
    if (!ok)
        return std::nullopt;
    job.poll_interval = milliseconds(poll_ms);
    return out;
}

std::string stored_job(const job_spec& job)
{
    json::object params;
    if (!job.region_id.empty())
        params["region_id"] = job.region_id;
    switch (job.kind) {
    case job_kind::describe_instances:
        params["page_size"] = job.page_size;
        break;
    case job_kind::run_instances_and_wait:
        params["image_id"] = job.image_id;
        params["instance_type"] = job.instance_type;
        if (!job.zone_id.empty())
            params["zone_id"] = job.zone_id;
        params["amount"] = job.amount;
        params["poll_interval_ms"] = job.poll_interval.count();
        break;
    case job_kind::stop_instances_and_wait:
        params["instance_ids"] = json::array(job.instance_ids.begin(), job.instance_ids.end());
        params["poll_interval_ms"] = job.poll_interval.count();
        break;
    }
    return json::serialize(json::object{{"job", job_name(job.kind)}, {"params", std::move(params)}});
}

asio::awaitable<job_outcome> run_job(ecs::client& ecs, job_spec job, alicloud::context ctx, std::string client_token)
{
    alicloud::call_options call;
    call.context = std::move(ctx);
    switch (job.kind) {
    case job_kind::describe_instances:
        co_return co_await describe_all(ecs, job, call);
    case job_kind::run_instances_and_wait:
        co_return co_await run_and_wait(ecs, job, call, client_token);
    case job_kind::stop_instances_and_wait:
        co_return co_await stop_and_wait(ecs, job, call);
    }
    co_return job_outcome{};
}

} // namespace task_service
