#include "http_api.hpp"

#include "task_scheduler.hpp"

#include <alicloud/core/sansio/utf8.hpp>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <charconv>

namespace task_service {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace json = boost::json;

http_response answer(const http_request& req, http::status status, const json::value& body)
{
    http_response res(status, req.version());
    res.set(http::field::content_type, "application/json");
    res.keep_alive(req.keep_alive());
    res.body() = json::serialize(body); // (copies the bytes of strings as they are)
    // A message may quote the request (a percent-decoded path) and the
    // request's bytes need not be UTF-8; JSON must be.
    alicloud::sansio::replace_invalid_utf8(res.body());
    res.body() += '\n';
    res.prepare_payload();
    return res;
}


http_response unknown_task(const http_request& req, const std::string& id)
{
    return error_response(req, http::status::not_found, "TaskNotFound", "no task " + id + " (or it was forgotten)");
}

http_response not_allowed(const http_request& req, std::string_view allow)
{
    auto res = error_response(req, http::status::method_not_allowed, "MethodNotAllowed",
                     std::string(req.method_string()) + " is not allowed here; allowed: " + std::string(allow));
    res.set(http::field::allow, allow);
    return res;
}

// The store failed: 503 while it cannot be reached (try again), 500 when it
// refused (that will not change by trying again).
http_response store_failure(const http_request& req, bool unavailable, const std::string& what)
{
    if (!unavailable)
        return error_response(req, http::status::internal_server_error, "StoreError", "the task store failed: " + what);
    auto res = error_response(req, http::status::service_unavailable, "StoreUnavailable",
                              "the task store cannot be reached now (" + what + "); try again later");
    res.set(http::field::retry_after, "1");
    return res;
}

asio::awaitable<http_response> submit(task_scheduler& tasks, const http_request& req)
{
    submission_error bad;
    auto s = parse_submission(req.body(), bad);
    if (!s)
        co_return error_response(req, http::status::bad_request, bad.code, bad.message);
    auto verdict = co_await tasks.submit(std::move(*s));
    using v = task_scheduler::admission::verdict;
    switch (verdict.outcome) {
    case v::accepted: {
        auto res = answer(req, http::status::accepted, to_json(*verdict.accepted));
        res.set(http::field::location, "/tasks/" + verdict.accepted->id);
        co_return res;
    }
    case v::bad_timeout:
        co_return error_response(req, http::status::bad_request, "InvalidParameter", verdict.problem);
    case v::shutting_down:
        co_return error_response(req, http::status::service_unavailable, "ShuttingDown", "the service is shutting down");
    case v::store_failed:
        co_return store_failure(req, verdict.store_unavailable, verdict.problem);
    case v::full:
        break;
    }
    auto res = error_response(req, http::status::too_many_requests, "TooManyTasks",
                              "as many tasks as allowed are waiting (" + std::to_string(tasks.max_queued()) +
                                  " beyond those running); try again later");
    res.set(http::field::retry_after, "1");
    co_return res;
}

asio::awaitable<http_response> list(task_scheduler& tasks, const http_request& req,
                                    const boost::urls::params_view& query)
{
    std::size_t limit = 50;
    std::optional<task_status> status;
    std::string after;
    for (const auto& p : query) {
        if (p.key == "limit") {
            const auto [end, ec] = std::from_chars(p.value.data(), p.value.data() + p.value.size(), limit);
            if (ec != std::errc() || end != p.value.data() + p.value.size() || limit < 1 || limit > 500)
                co_return error_response(req, http::status::bad_request, "InvalidParameter", "'limit' must be from 1 to 500");
        } else if (p.key == "status") {
            status = parse_task_status(p.value);
            if (!status)
                co_return error_response(req, http::status::bad_request, "InvalidParameter",
                             "'status' must be queued, running, succeeded, failed, cancelled or timed_out");
        } else if (p.key == "after") {
            after = p.value;
        } else {
            co_return error_response(req, http::status::bad_request, "InvalidParameter",
                         "unknown query parameter '" + std::string(p.key) + "' (status, limit, after)");
        }
    }
    std::string next;
    json::array items;
    auto page = co_await tasks.page(after, limit, status, next);
    for (const task& t : page)
        items.push_back(to_json(t));
    json::object body{{"tasks", std::move(items)}};
    if (!next.empty())
        body["next"] = next;
    co_return answer(req, http::status::ok, body);
}

} // namespace

http_response error_response(const http_request& req, http::status status, std::string_view code,
                             std::string_view message)
{
    return answer(req, status, json::object{{"error", json::object{{"code", code}, {"message", message}}}});
}

namespace {

asio::awaitable<http_response> route(task_scheduler& tasks, const http_request& req)
{
    const auto target = boost::urls::parse_origin_form(req.target());
    if (!target)
        co_return error_response(req, http::status::bad_request, "InvalidTarget", "the request target is not a path");
    const std::string path = target->path();
    if (path == "/tasks" || path == "/tasks/") {
        if (req.method() == http::verb::post)
            co_return co_await submit(tasks, req);
        if (req.method() == http::verb::get)
            co_return co_await list(tasks, req, target->params());
        co_return not_allowed(req, "GET, POST");
    }
    if (path.starts_with("/tasks/") && path.find('/', 7) == std::string::npos) {
        const std::string id = path.substr(7);
        if (req.method() != http::verb::get && req.method() != http::verb::delete_)
            co_return not_allowed(req, "GET, DELETE");
        if (req.method() == http::verb::get) {
            const auto t = co_await tasks.find(id);
            if (!t)
                co_return unknown_task(req, id);
            co_return answer(req, http::status::ok, to_json(*t));
        }
        const auto c = co_await tasks.cancel(id);
        if (c.outcome == cancellation::unknown || !c.now)
            co_return unknown_task(req, id);
        co_return answer(req, c.outcome == cancellation::cancelling ? http::status::accepted : http::status::ok,
                         to_json(*c.now));
    }
    co_return error_response(req, http::status::not_found, "NotFound", "no such resource: " + path + " (try /tasks)");
}

} // namespace

asio::awaitable<http_response> handle_request(task_scheduler& tasks, const http_request& req)
{
    std::optional<store_error> failed;
    try {
        auto res = co_await route(tasks, req);
        co_return res;
    } catch (const store_error& e) {
        failed = e; // answered outside the handler: no co_await in a catch block
    } catch (const std::exception& e) {
        // A stored row this service cannot read, or a bug: this request
        // fails, the service goes on.
        failed = store_error(e.what(), false);
    }
    co_return store_failure(req, failed->unavailable(), failed->what());
}

} // namespace task_service
