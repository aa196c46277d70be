#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_HPP

// A submitted job and everything a poller may ask about it.

#include "jobs.hpp"

#include <alicloud/core/context.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace task_service {

enum class task_status { queued, running, succeeded, failed, cancelled, timed_out };

std::string_view to_string(task_status s);
std::optional<task_status> parse_task_status(std::string_view text);
inline bool is_finished(task_status s) { return s != task_status::queued && s != task_status::running; }

struct task_error {
    std::string code;       // the service's Code, or Timeout / Cancelled / ClientError
    std::string message;
    std::string request_id; // the service's, when it answered
};

struct task {
    std::string id;
    job_spec job;
    task_status status = task_status::queued;
    std::chrono::system_clock::time_point created_at;
    std::optional<std::chrono::system_clock::time_point> started_at, finished_at;
    std::chrono::milliseconds timeout{};

    // The job's context: its deadline is created_at + timeout, whether it is
    // still queued or running; `cancel` ends it (DELETE, shutdown).
    alicloud::context ctx;
    alicloud::cancel_function cancel;
    std::string cancel_reason; // set when cancelled: by whom

    boost::json::value result;
    std::optional<task_error> error;
};

boost::json::object to_json(const task& t);

} // namespace task_service

#endif
