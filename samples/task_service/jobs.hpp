#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_JOBS_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_JOBS_HPP

// The long cloud jobs the service runs, what a submission must say to name
// one, and how each runs: a chain of ECS calls under one Go-style context, so
// that a cancellation or the job's deadline ends whichever call is in flight.

#include <alicloud/core/context.hpp>
#include <alicloud/core/diagnostics.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::ecs {
class client;
}

namespace task_service {

enum class job_kind { describe_instances, run_instances_and_wait, stop_instances_and_wait };

struct job_spec {
    job_kind kind = job_kind::describe_instances;
    std::string region_id; // empty: the client's
    // describe_instances: instances per page, every page is read.
    std::int32_t page_size = 100;
    // run_instances_and_wait
    std::string image_id;
    std::string instance_type;
    std::string zone_id;
    std::int32_t amount = 1;
    // stop_instances_and_wait
    std::vector<std::string> instance_ids;
    // How often the *_and_wait jobs look at the instances' status.
    std::chrono::milliseconds poll_interval{500};
};

std::string_view job_name(job_kind kind);

struct submission {
    job_spec job;
    std::optional<std::chrono::milliseconds> timeout; // timeout_ms, when given
};

// Why a submission is refused: an error code for the answer ("MalformedJSON",
// "UnknownJob", "MissingParameter", "InvalidParameter") and a message naming
// the field.
struct submission_error {
    std::string code;
    std::string message;
};

// {"job": NAME, "params": {...}, "timeout_ms": N}: every field checked, an
// unknown one refused, so that nothing half-understood is queued.
std::optional<submission> parse_submission(std::string_view body, submission_error& error);

struct job_outcome {
    alicloud::error_code ec;
    alicloud::diagnostics diag;
    // What the job did, also when it failed part way: a run_instances_and_wait
    // that timed out still names the instances it created.
    boost::json::value result;
};

// {"job": NAME, "params": {...}}: what a store keeps of a job; read back by
// parse_submission, so that a stored job is checked like a submitted one.
std::string stored_job(const job_spec& job);

// Runs `job` with every call bound to `ctx`; `client_token` goes with the
// call that creates resources (RunInstances), so that a rerun of the same
// task - after a crash - makes nothing twice.
boost::asio::awaitable<job_outcome> run_job(alicloud::ecs::client& ecs, job_spec job, alicloud::context ctx,
                                            std::string client_token);

} // namespace task_service

#endif
