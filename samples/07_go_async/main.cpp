// Sample 07: the Go SDK's asynchronous calls, line for line.
//
// The classic Alibaba Cloud SDK for Go documents EnableAsync, FooWithChan,
// FooWithCallback and Shutdown. Each Go line is quoted above its C++ twin.
// No io_context in sight: like the Go client, this one owns its threads.
//
//   alicloud-sample-07-go-async [ENDPOINT [CA_FILE]]

#include <alicloud/ecs.hpp>
#include <alicloud/go.hpp>

#include "sample_options.hpp"

#include <iostream>

namespace ecs = alicloud::ecs;

int main(int argc, char** argv)
{
    // client, err := ecs.NewClientWithAccessKey("cn-hangzhou", "<accessKeyId>", "<accessSecret>")
    ecs::client client(samples::options_from(argc, argv)); // no executor: threads of its own

    // client.EnableAsync(5, 1000)
    client.enable_async(5, 1000); // 5 threads, at most 1000 calls in flight

    // request := ecs.CreateDescribeInstancesRequest()
    ecs::describe_instances_request request;
    request.page_size = 10;

    { // Go's select, in its own scope
        // responseChannel, errChannel := client.DescribeInstancesWithChan(request)
        auto channel = client.describe_instances(request, alicloud::as_channel);
        // select { case response := <-responseChannel: ... case err := <-errChannel: ... }
        // One channel carries both: the error code, then the response.
        auto [err, response] = channel.receive();
        if (err) {
            std::cout << "WithChan: failed: " << err.message() << " " << response.diag.to_string() << "\n";
            return 1;
        }
        std::cout << "WithChan: " << response.total_count << " instances (RequestId " << response.request_id << ")\n";
    }

    // blocker := client.DescribeInstancesWithCallback(request, func(response *ecs.DescribeInstancesResponse, err error) {
    //     fmt.Println(response)
    //     fmt.Println(err)
    // })
    auto blocker = client.describe_instances(
        request, alicloud::with_blocker([](alicloud::error_code err, const ecs::describe_instances_response& response) {
            // On one of the client's threads, as the Go callback runs on a goroutine of the pool.
            std::cout << "WithCallback: " << (err ? err.message() : std::to_string(response.total_count) + " instances")
                      << "\n";
        }));
    // result := <-blocker    (1: the call succeeded, 0: it failed; after the callback returned)
    const int result = blocker.wait();
    std::cout << "blocker: " << result << "\n";

    // client.Shutdown()
    client.shutdown(); // graceful: accepted calls finish (30 s at most), then the threads stop

    // What Go leaves unsaid: a call after Shutdown fails at once, and says why.
    auto late = client.describe_instances(request, alicloud::as_channel).receive();
    std::cout << "after shutdown: " << late.first.message()
              << (late.first == alicloud::errc::shut_down ? " (== errc::shut_down)" : "") << "\n";
    return result == 1 && late.first == alicloud::errc::shut_down ? 0 : 1;
}
