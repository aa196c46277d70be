// Sample 02: the calls of sample 01 chained with completion handlers.
//
// No coroutine: each handler looks at its result and starts the next call,
// the way Beast's callback examples chain resolve, connect, write and read.
//
//   alicloud-sample-02-callback [ENDPOINT [CA_FILE]]       exit status 0: every call succeeded

#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;
using alicloud::error_code;
using boost::beast::bind_front_handler;
using namespace std::chrono_literals;

namespace {

// The state of the whole sequence. It lives on main's stack, which outlives
// ioc.run(), so the handlers may hold a plain `this` (a server with many such
// sequences would use shared_from_this, as Beast's sessions do).
class tour {
public:
    explicit tour(ecs::client& ecs) : ecs_(ecs), pause_(ecs.get_executor()) {}

    bool succeeded = false;

    // Outside a coroutine, braced temporaries are fine: the client copies the request.
    void start() { ecs_.describe_regions({}, bind_front_handler(&tour::on_regions, this)); }

private:
    // A failed call ends the chain: nothing more is started, so ioc.run() returns.
    // The response's diag holds the service's Code, Message and RequestId.
    static bool failed(const error_code& ec, const alicloud::diagnostics& diag, const char* call)
    {
        if (ec)
            std::cerr << call << " failed: " << diag.to_string() << " [" << ec.message() << "]\n";
        return ec.failed();
    }

    void on_regions(error_code ec, ecs::describe_regions_response r)
    {
        if (failed(ec, r.diag, "DescribeRegions"))
            return;
        std::cout << "DescribeRegions: " << r.regions.size() << " regions\n";
        // Two instances; they are Pending when RunInstances completes.
        ecs_.run_instances(
            {.amount = 2, .image_id = "aliyun_3_x64_20G_alibase_20240528.vhd", .instance_type = "ecs.g7.large"},
            bind_front_handler(&tour::on_launched, this));
    }

    void on_launched(error_code ec, ecs::run_instances_response r)
    {
        if (failed(ec, r.diag, "RunInstances"))
            return;
        ids_ = std::move(r.instance_id_sets);
        std::cout << "RunInstances: launched " << ids_.size() << " instances\n";
        poll();
    }

    void poll() { ecs_.describe_instance_status({.instance_ids = ids_}, bind_front_handler(&tour::on_status, this)); }

    void on_status(error_code ec, ecs::describe_instance_status_response r)
    {
        if (failed(ec, r.diag, "DescribeInstanceStatus"))
            return;
        const auto& statuses = r.instance_statuses;
        const auto running = static_cast<std::size_t>(
            std::count_if(statuses.begin(), statuses.end(), [](const auto& s) { return s.status == "Running"; }));
        std::cout << "DescribeInstanceStatus #" << ++polls_ << ": " << running << "/" << ids_.size() << " Running\n";
        if (running == ids_.size()) {
            ecs_.describe_instances({.instance_ids = ids_}, bind_front_handler(&tour::on_described, this));
        } else if (polls_ < 600) { // 5 minutes, then give up
            pause_.expires_after(500ms);
            pause_.async_wait([this](error_code) { poll(); });
        } else {
            std::cerr << "the instances did not start\n";
        }
    }

    void on_described(error_code ec, ecs::describe_instances_response r)
    {
        if (failed(ec, r.diag, "DescribeInstances"))
            return;
        for (const auto& i : r.instances)
            std::cout << "DescribeInstances: " << i.instance_id << " " << i.status << " " << i.instance_type << "\n";
        ecs_.delete_instances({.instance_ids = ids_, .force = true}, bind_front_handler(&tour::on_deleted, this));
    }

    void on_deleted(error_code ec, ecs::delete_instances_response r)
    {
        if (failed(ec, r.diag, "DeleteInstances"))
            return;
        std::cout << "DeleteInstances: done (RequestId " << r.request_id << ")\n";
        succeeded = true;
    }

    ecs::client& ecs_;
    asio::steady_timer pause_;
    std::vector<std::string> ids_;
    int polls_ = 0;
};

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));
    tour t(ecs);
    t.start(); // only starts the first call: handlers never run inside an initiating function
    ioc.run(); // runs the whole chain; returns when no call or timer is pending
    return t.succeeded ? 0 : 1;
}
