// Sample 09: a request handler that fans out to many calls under one context.
//
// A service handling "describe these instances" makes one
// DescribeInstanceAttribute call per instance, all at once, each sending its
// result into one channel (alicloud::to_channel: Go's fan-in, back-pressured
// by the channel's capacity). One context governs them all: its deadline
// bounds every call, its trace id travels with each as a header (and appears
// in the diagnostics of those that fail), and cancelling it - the client of
// the service went away - ends every call still in flight.
//
//   alicloud-sample-09-fan-out-handler [ENDPOINT [CA_FILE]]

#include <alicloud/ecs.hpp>
#include <alicloud/go.hpp>

#include "sample_options.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <iostream>
#include <functional>
#include <map>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
using namespace std::chrono_literals;

namespace {

// The handler: every call under `ctx`, every result through one channel.
asio::awaitable<std::map<std::string, int>> describe_all(ecs::client& ecs, alicloud::context ctx,
                                                         std::vector<std::string> ids, std::string& example_failure)
{
    auto ex = co_await asio::this_coro::executor;
    alicloud::response_channel<ecs::describe_instance_attribute_response> results(ex, 4);
    alicloud::call_options under_ctx;
    under_ctx.context = ctx;
    for (const auto& id : ids) {
        ecs::describe_instance_attribute_request req;
        req.instance_id = id;
        ecs.describe_instance_attribute(req, under_ctx, alicloud::to_channel(results));
    }

    std::map<std::string, int> outcomes;
    for (std::size_t i = 0; i < ids.size(); ++i) { // exactly one result per call
        // One call's result: its error_code and response (diagnostics included);
        // co_await throws only if the channel itself failed.
        auto result = co_await results.async_receive();
        const alicloud::error_code ec = result.ec;
        if (!ec)
            ++outcomes["found"];
        else if (ec == alicloud::errc::not_found)
            ++outcomes["not found"];
        else if (ec == alicloud::errc::timeout)
            ++outcomes["timed out"];
        else if (ec == alicloud::errc::cancelled)
            ++outcomes["cancelled"];
        else
            ++outcomes["failed: " + ec.message()];
        if (ec && example_failure.empty())
            example_failure = result.response.diag.to_string();
    }
    co_return outcomes;
}

void report(const std::string& what, const std::map<std::string, int>& outcomes, std::chrono::nanoseconds took,
            const std::string& example_failure)
{
    std::cout << what << ":";
    for (const auto& [outcome, n] : outcomes)
        std::cout << " " << n << " " << outcome << ";";
    std::cout << " in " << took / 1ms << " ms\n";
    if (!example_failure.empty())
        std::cout << "  e.g. " << example_failure << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));

    // The instances to describe: those listed, and made-up ones, 20 in all.
    std::vector<std::string> ids;
    ecs.describe_instances({}, [&](alicloud::error_code ec, const ecs::describe_instances_response& page) {
        if (!ec)
            for (const auto& i : page.instances)
                ids.push_back(i.instance_id);
    });
    ioc.run();
    ioc.restart();
    while (ids.size() < 20)
        ids.push_back("i-made-up-" + std::to_string(ids.size()));

    bool ok = true;
    // Serves one request; `goes_away`, when set, cancels it as soon as the
    // handler has started its calls.
    auto serve = [&](const std::string& what, alicloud::context ctx, std::function<void()> goes_away, auto check) {
        std::map<std::string, int> outcomes;
        std::string example_failure;
        const auto start = std::chrono::steady_clock::now();
        asio::co_spawn(ioc, describe_all(ecs, ctx, ids, example_failure), [&](std::exception_ptr e, std::map<std::string, int> o) {
            if (e)
                std::cout << what << ": the handler threw\n";
            outcomes = std::move(o);
        });
        if (goes_away) // queued behind the handler's first steps, which start every call
            asio::post(ioc, [&] {
                std::cout << "  (the service's client went away: cancelling the request)\n";
                goes_away();
            });
        ioc.run();
        ioc.restart();
        report(what, outcomes, std::chrono::steady_clock::now() - start, example_failure);
        ok = ok && check(outcomes);
    };

    {
        auto [ctx, cancel] = alicloud::with_timeout(alicloud::context{}, 5s);
        serve("request t-1 (5 s deadline)", alicloud::with_header(ctx, "x-trace-id", "t-1"), {},
              [](auto& o) { return o["found"] + o["not found"] == 20 && o["not found"] > 0; });
    }
    {
        auto [ctx, cancel] = alicloud::with_cancel(alicloud::context{});
        serve("request t-2 (cancelled)", alicloud::with_header(ctx, "x-trace-id", "t-2"), cancel,
              [](auto& o) { return o["cancelled"] == 20; });
    }
    return ok ? 0 : 1;
}
