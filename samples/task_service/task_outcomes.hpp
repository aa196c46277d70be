#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_TASK_OUTCOMES_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_TASK_OUTCOMES_HPP

// The ends of a task that never ran, worded the same by every store.

#include "task.hpp"

#include <string>

namespace task_service {

inline task_error timed_out_waiting(const task& t)
{
    return {"Timeout", "the job's timeout (" + std::to_string(t.timeout.count()) + " ms) passed before it could start",
            ""};
}

inline task_error cancelled_waiting()
{
    return {"Cancelled", "cancelled (DELETE) before it started", ""};
}

inline void end_unstarted(task& t, task_status status, task_error why, time_point now)
{
    t.status = status;
    t.finished_at = now;
    t.error = std::move(why);
}

} // namespace task_service

#endif
