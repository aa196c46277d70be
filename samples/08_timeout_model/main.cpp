// Sample 08: a long task bounded by a timeout - its result, or a timeout, and
// nothing left running either way.
//
// The task launches an instance and waits until it is Running: one
// RunInstances, then DescribeInstanceStatus every 50 ms. It runs under a
// Go-style context with a timeout, twice: with room to finish (the result),
// then with too little (a timeout). The context reaches the task in both ways
// the SDK offers: every call carries it (call_options::context: its deadline
// ends a call with errc::timeout), and the coroutine is bound to it
// (context_binding: the pause between polls is cancelled too). Whatever was
// launched is deleted afterwards.
//
//   alicloud-sample-08-timeout-model [ENDPOINT [CA_FILE]]

#include <alicloud/ecs.hpp>
#include <alicloud/go.hpp>

#include "sample_options.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <iostream>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
using namespace std::chrono_literals;

namespace {

struct task_result {
    std::vector<std::string> launched; // even when the task did not finish
    int polls = 0;
};

asio::awaitable<void> launch_and_wait(ecs::client& ecs, alicloud::context ctx, task_result& out)
{
    alicloud::call_options under_ctx;
    under_ctx.context = ctx;
    ecs::run_instances_request run;
    run.image_id = "aliyun_3_x64_20G_alibase_20240528.vhd";
    run.instance_type = "ecs.g7.large";
    run.amount = 1;
    const auto launched = co_await ecs.run_instances(run, under_ctx);
    out.launched = launched.instance_id_sets;

    ecs::describe_instance_status_request status;
    status.instance_ids = out.launched;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (;;) {
        ++out.polls;
        const auto page = co_await ecs.describe_instance_status(status, under_ctx);
        if (!page.instance_statuses.empty() && page.instance_statuses.front().status == "Running")
            co_return;
        pause.expires_after(50ms);
        co_await pause.async_wait(asio::deferred);
    }
}

// Runs the task under a timeout until the io_context runs out of work, which
// it does only when no call, timer or socket operation of the task is left.
void run_with_timeout(ecs::client& ecs, asio::io_context& ioc, std::chrono::milliseconds timeout,
                      std::vector<std::string>& to_delete)
{
    auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, timeout);
    alicloud::context_binding bound(ctx, ioc.get_executor());
    task_result result;
    const auto start = std::chrono::steady_clock::now();
    asio::co_spawn(ioc, launch_and_wait(ecs, ctx, result), asio::bind_cancellation_slot(bound.slot(), [&, ctx = ctx](std::exception_ptr e) {
        const auto took = (std::chrono::steady_clock::now() - start) / 1ms;
        std::cout << "timeout " << timeout.count() << " ms: ";
        try {
            if (e)
                std::rethrow_exception(e);
            std::cout << "result: " << result.launched.front() << " Running after " << result.polls << " polls, "
                      << took << " ms\n";
        } catch (const alicloud::error_with_diagnostics& failure) { // an SDK call ended
            const bool timed_out = failure.code() == alicloud::errc::timeout;
            std::cout << (timed_out ? "timed out" : "failed") << " after " << took << " ms ("
                      << failure.get_diagnostics().client_message << ")\n";
        } catch (const boost::system::system_error& failure) { // the pause between polls was cancelled
            const bool timed_out = failure.code() == alicloud::errc::cancelled && ctx.err() == alicloud::errc::timeout;
            std::cout << (timed_out ? "timed out" : "failed") << " after " << took << " ms (while pausing)\n";
        }
    }));
    ioc.run(); // returns when nothing is left to do
    ioc.restart();
    std::cout << "  io_context out of work: nothing of the task left running\n";
    to_delete.insert(to_delete.end(), result.launched.begin(), result.launched.end());
    cancel(); // Go's `defer cancel()`
}

// An instance cannot be deleted while it is still being created (Pending):
// waits for that to end, then deletes them all.
asio::awaitable<void> delete_when_settled(ecs::client& ecs, std::vector<std::string> ids)
{
    auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, 10s);
    alicloud::call_options under_ctx;
    under_ctx.context = ctx;
    ecs::describe_instance_status_request status;
    status.instance_ids = ids;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (;;) {
        const auto page = co_await ecs.describe_instance_status(status, under_ctx);
        const bool pending = std::any_of(page.instance_statuses.begin(), page.instance_statuses.end(),
                                         [](const ecs::instance_status_entry& e) { return e.status == "Pending"; });
        if (!pending)
            break;
        pause.expires_after(50ms);
        co_await pause.async_wait(asio::deferred);
    }
    ecs::delete_instances_request del;
    del.instance_ids = ids;
    del.force = true;
    co_await ecs.delete_instances(del, under_ctx);
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));
    std::vector<std::string> to_delete;
    run_with_timeout(ecs, ioc, 5000ms, to_delete);
    run_with_timeout(ecs, ioc, 100ms, to_delete);

    // Clean up what both tasks launched (the timed-out one's instance too),
    // under a context of its own.
    bool deleted = false;
    asio::co_spawn(ioc, delete_when_settled(ecs, to_delete), [&](std::exception_ptr e) {
        try {
            if (e)
                std::rethrow_exception(e);
            deleted = true;
            std::cout << "DeleteInstances " << to_delete.size() << ": done\n";
        } catch (const std::exception& failure) {
            std::cout << "DeleteInstances " << to_delete.size() << ": " << failure.what() << "\n";
        }
    });
    ioc.run();
    return deleted ? 0 : 1;
}
