#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_HPP

// A submitted job and everything a poller may ask about it: one row of the
// task store, the same whichever store keeps it.

#include "jobs.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace task_service {

using time_point = std::chrono::system_clock::time_point;

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
    time_point created_at;
    std::optional<time_point> started_at, finished_at;
    // The job's deadline is created_at + timeout, whether it is still queued
    // or running, and whichever replica runs it after a crash.
    std::chrono::milliseconds timeout{};
    time_point deadline() const { return created_at + timeout; }

    // Sent as the ClientToken of the job's creating call, on every run of the
    // task: a rerun after a crash is answered with what the first run made.
    std::string client_token;
    // The replica running it, until when it holds it (renewed by its
    // heartbeats; once past, another replica may take the task over), and
    // how many runs it has had.
    std::string owner;
    std::optional<time_point> lease_until;
    int attempts = 0;
    // A DELETE reached it while it ran: the runner ends it as cancelled.
    bool cancel_requested = false;

    boost::json::value result;
    std::optional<task_error> error;
};

boost::json::object to_json(const task& t);

} // namespace task_service

#endif
