// Sample 03: blocking calls from a plain thread, with asio::use_future.
//
// One thread runs the io_context; main() starts calls and waits on their
// futures. A failed call throws alicloud::error_with_diagnostics from get(),
// carrying the service's Code, Message and RequestId.
//
//   alicloud-sample-03-future [ENDPOINT [CA_FILE]]
//
// Exit status 0 when the first call succeeds and the second fails as it should.

#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdlib>
#include <iostream>
#include <thread>

namespace asio = boost::asio;
namespace ecs = alicloud::ecs;

namespace {

// Runs on main's thread while another thread runs the io_context. get()
// blocks this thread only; calling it on the io_context's own thread would
// wait forever for a completion that thread can no longer run.
int calls(ecs::client& ecs)
{
    try {
        // 1. DescribeInstances: get() returns the response, or throws.
        auto page = ecs.describe_instances({.page_size = 10}, asio::use_future).get();
        std::cout << "DescribeInstances: " << page.total_count << " instances in cn-hangzhou\n";
    } catch (const std::exception& e) { // what(): the code, and the service's or the client's reason
        std::cerr << "DescribeInstances failed: " << e.what() << "\n";
        return 1;
    }

    // 2. An instance that does not exist: the service answers 404 and the
    //    exception carries its words, apart from the client's own.
    try {
        auto attribute = ecs.describe_instance_attribute({.instance_id = "i-doesnotexist"}, asio::use_future).get();
        std::cerr << "DescribeInstanceAttribute: unexpectedly found " << attribute.instance_id << "\n";
        return 1;
    } catch (const alicloud::error_with_diagnostics& e) {
        const alicloud::server_error& server = e.get_diagnostics().server;
        std::cout << "DescribeInstanceAttribute i-doesnotexist failed, as it should:\n"
                  << "  HTTP      " << server.http_status << "\n"
                  << "  Code      " << server.code << "\n"
                  << "  Message   " << server.message << "\n"
                  << "  RequestId " << server.request_id << "\n"
                  << "  condition " << (e.code() == alicloud::errc::not_found ? "errc::not_found" : "other") << "\n";
        return e.code() == alicloud::errc::not_found ? 0 : 1;
    }
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc;
    ecs::client ecs(ioc, samples::options_from(argc, argv));

    // The work guard keeps run() from returning while no call is in flight yet.
    auto work = asio::make_work_guard(ioc);
    std::thread runner([&] { ioc.run(); });

    const int status = calls(ecs);

    work.reset(); // run() returns once nothing is pending
    runner.join();
    return status;
}
