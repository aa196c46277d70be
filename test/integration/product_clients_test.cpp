// The four product clients side by side: one credentials provider shared by
// all of them refreshes once for all, each reaches its own product's endpoint,
// each has its own Go model (enable_async, shutdown), and the clients beside
// ECS have its contract (every token).

#include "client_support.hpp"

#include <alicloud/adapters/channel.hpp>
#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>
#include <alicloud/ram.hpp>
#include <alicloud/ram/models/list_users.hpp>
#include <alicloud/sts.hpp>
#include <alicloud/vpc.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <optional>

using namespace alicloud;
namespace asio = boost::asio;
using emulator::test::running_emulator;

TEST_CASE("product clients: one role provider shared by the ECS, VPC, RAM and STS clients fetches once for all",
          "[products][credentials]")
{
    running_emulator emu;
    asio::io_context ioc;
    ram_role_arn_options role;
    role.role_arn = "acs:ram::123456789012:role/test-role";
    role.role_session_name = "products";
    role.sts_endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    client_options o = test::http_options_for(emu);
    o.creds = {};
    o.credentials_provider =
        ram_role_arn_credentials(ioc.get_executor(), static_credentials({"testid", "testsecret", ""}), role);
    ecs::client ecs(ioc, o);
    vpc::client vpc(ioc, o);
    ram::client ram(ioc, o);
    sts::client sts(ioc, o);

    int ok = 0;
    int done = 0;
    const auto count = [&](error_code ec) {
        ok += ec ? 0 : 1;
        ++done;
    };
    for (int i = 0; i < 5; ++i) {
        ecs.describe_regions({}, [&](error_code ec, ecs::describe_regions_response) { count(ec); });
        vpc.describe_vpcs({.region_id = "cn-hangzhou"}, [&](error_code ec, vpc::describe_vpcs_response) { count(ec); });
        ram.list_users({}, [&](error_code ec, ram::list_users_response) { count(ec); });
        sts.assume_role_with_oidc({.oidc_provider_arn = "acs:ram::123456789012:oidc-provider/ack",
                                   .oidc_token = "token",
                                   .role_arn = "acs:ram::123456789012:role/test-role",
                                   .role_session_name = "s"},
                                  [&](error_code ec, sts::assume_role_with_oidc_response) { count(ec); });
    }
    ioc.run();
    CHECK(done == 20);
    CHECK(ok == 20);
    // The calls above, and the provider's own AssumeRole, once.
    CHECK(test::count_logged(emu, "AssumeRole") == 1);
    CHECK(test::count_logged(emu, "DescribeVpcs") == 5);
    CHECK(test::count_logged(emu, "ListUsers") == 5);
}

TEST_CASE("product clients: each reaches its own product's endpoint, RAM's central one from any region",
          "[products][endpoint]")
{
    asio::io_context ioc;
    client_options o;
    o.region_id = "cn-hangzhou";
    CHECK(ecs::client(ioc, o).options().product == "ecs");
    CHECK(vpc::client(ioc, o).options().product == "vpc");
    const ram::client ram(ioc, o);
    CHECK(ram.options().product == "ram");
    CHECK(ram.options().product_endpoint_rule == endpoint_rule::central);
    const sts::client sts(ioc, o);
    CHECK(sts.options().product == "sts");
    CHECK(sts.options().product_endpoint_rule == endpoint_rule::regional);
    // A product the user names is kept, with the rule the user gives.
    o.product = "ecs";
    CHECK(vpc::client(ioc, o).options().product == "ecs");
    CHECK(ram::client(ioc, o).options().product_endpoint_rule == endpoint_rule::regional);
}

TEST_CASE("product clients: the VPC client completes by callback, deferred and coroutine, and refuses a missing required field by name",
          "[products][tokens]")
{
    running_emulator emu;
    asio::io_context ioc;
    vpc::client vpc(ioc, test::options_for(emu));

    std::optional<error_code> by_callback;
    vpc.describe_vpcs({.region_id = "cn-hangzhou"},
                      [&](error_code ec, vpc::describe_vpcs_response) { by_callback = ec; });
    std::optional<error_code> by_deferred;
    auto op = vpc.describe_vpcs({.region_id = "cn-hangzhou"}, asio::deferred);
    std::move(op)([&](error_code ec, vpc::describe_vpcs_response) { by_deferred = ec; });
    std::optional<std::string> missing; // the service's Code, from the thrown error
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            try {
                // No VpcId: refused by the emulator's schema check.
                vpc::delete_vpc_request request;
                request.region_id = "cn-hangzhou";
                auto answer = co_await vpc.delete_vpc(request);
                (void)answer;
            } catch (const error_with_diagnostics& e) {
                missing = e.get_diagnostics().client_message;
            }
        },
        asio::detached);
    ioc.run();
    CHECK(by_callback == error_code());
    CHECK(by_deferred == error_code());
    REQUIRE(missing);
    CHECK(missing->find("VpcId") != std::string::npos);
}

TEST_CASE("product clients: enable_async and shutdown are each client's own, as in the Go SDK",
          "[products][go]")
{
    running_emulator emu;
    const client_options o = test::http_options_for(emu);
    vpc::client vpc(o); // no executor: each owns its threads
    ram::client ram(o);
    vpc.enable_async(2, 10);
    ram.enable_async(2, 10);

    auto vpcs = vpc.describe_vpcs({.region_id = "cn-hangzhou"}, alicloud::as_channel); // from this plain thread, as in Go
    auto [vpc_ec, vpc_answer] = vpcs.receive();
    CHECK_FALSE(vpc_ec);
    CHECK_FALSE(vpc_answer.request_id.empty());

    vpc.shutdown();
    auto after = vpc.describe_vpcs({.region_id = "cn-hangzhou"}, alicloud::as_channel).receive();
    CHECK(after.first == errc::shut_down);
    // The RAM client is not the VPC client: it still works.
    auto users = ram.list_users({}, alicloud::as_channel).receive();
    CHECK_FALSE(users.first);
    ram.shutdown();
}
