// The README's minimal example, built as an outside project against the
// installed package (so the README cannot drift from what compiles). It runs
// against a closed local port: the failure path, with no network needed.
#include <alicloud/ecs.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

bool failed = false;

boost::asio::awaitable<void> list_instances(alicloud::ecs::client& ecs)
{
    alicloud::ecs::describe_instances_request request;
    request.page_size = 50;
    try {
        auto page = co_await ecs.describe_instances(request);
        for (const auto& instance : page.instances)
            std::cout << instance.instance_id << " " << instance.status << "\n";
    } catch (const alicloud::error_with_diagnostics& e) {
        std::cerr << e.what() << "\n";
        failed = true;
    }
}

int main()
{
    boost::asio::io_context ioc;
    alicloud::ecs::client ecs(ioc, {.endpoint = "http://127.0.0.1:1",
                                    .region_id = "cn-hangzhou",
                                    .creds = {"<AccessKeyId>", "<AccessKeySecret>", ""}});
    boost::asio::co_spawn(ioc, list_instances(ecs), boost::asio::detached);
    ioc.run();
    return failed ? 0 : 1; // nothing listens on port 1: the call must fail, and say so
}
