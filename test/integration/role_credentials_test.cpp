// A RAM role's credentials from the emulator's STS: fetched once however many
// calls need them, fetched again when the service refuses them as expired,
// and kept when a refresh fails while they still work.

#include "client_support.hpp"
#include "manual_clock.hpp"

#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;

namespace {

ram_role_arn_options role_at(const running_emulator& emu)
{
    ram_role_arn_options r;
    r.role_arn = "acs:ram::123456789012:role/test-role";
    r.role_session_name = "integration";
    r.sts_endpoint = "http://127.0.0.1:" + std::to_string(emu.http.port());
    return r;
}

// Makes `n` DescribeRegions calls at once; how many succeeded.
int call_many(ecs::client& ecs, asio::io_context& ioc, int n)
{
    int ok = 0, done = 0;
    for (int i = 0; i < n; ++i)
        ecs.describe_regions({}, [&](error_code ec, ecs::describe_regions_response) {
            ok += ec ? 0 : 1;
            ++done;
        });
    ioc.restart();
    ioc.run_for(60s);
    CHECK(done == n);
    return ok;
}

} // namespace

TEST_CASE("role credentials: 1000 calls that find them expired cause one refresh and all succeed",
          "[credentials][refresh]")
{
    auto opts = emulator::test::fast_options();
    opts.sts_lifetime = 4000ms; // they stop working long before the hour their Expiration claims
    running_emulator emu(opts);
    asio::io_context ioc;
    client_options o = test::http_options_for(emu);
    o.creds = {};
    o.credentials_provider =
        ram_role_arn_credentials(ioc.get_executor(), static_credentials({"testid", "testsecret", ""}), role_at(emu));
    ecs::client ecs(ioc, o);

    REQUIRE(call_many(ecs, ioc, 1) == 1); // the first fetch
    CHECK(test::count_logged(emu, "AssumeRole") == 1);
    emulator::test::client ctl(emu.http);
    ctl.advance_clock(4000ms); // the emulator now refuses them as expired; the client does not know
    ctl.clear_requests();

    CHECK(call_many(ecs, ioc, 1000) == 1000);
    CHECK(test::count_logged(emu, "AssumeRole") == 1); // one refresh for all of them
    CHECK(test::count_logged(emu, "DescribeRegions", "InvalidSecurityToken.Expired") >= 1);
}

TEST_CASE("role credentials: a failed refresh keeps the credentials that still work", "[credentials][refresh]")
{
    running_emulator emu;
    asio::io_context ioc;
    client_options o = test::http_options_for(emu);
    o.creds = {};
    auto role = role_at(emu);
    test::manual_clock clock;
    role.clock = clock.system();
    o.credentials_provider =
        ram_role_arn_credentials(ioc.get_executor(), static_credentials({"testid", "testsecret", ""}), role);
    ecs::client ecs(ioc, o);
    REQUIRE(call_many(ecs, ioc, 1) == 1);

    emulator::test::client(emu.http).add_fault(
        boost::json::parse(R"({"action":"AssumeRole","kind":"http_error","status":500})"));
    clock.advance(3500s); // now due (they last an hour, refreshed 180 s ahead); the emulator still takes them
    CHECK(call_many(ecs, ioc, 20) == 20);            // served with the current ones
    CHECK(test::count_logged(emu, "AssumeRole") == 2);     // the first fetch, and one refresh that failed
    CHECK(test::count_logged(emu, "AssumeRole", "InternalError") == 1); // not retried before its pause is over
}

TEST_CASE("role credentials: a refused AssumeRole is a clear failure without the source's secret",
          "[credentials][refresh]")
{
    running_emulator emu;
    asio::io_context ioc;
    client_options o = test::http_options_for(emu);
    o.creds = {};
    auto role = role_at(emu);
    role.role_arn = "acs:ram::123456789012:role/nobody";
    o.credentials_provider =
        ram_role_arn_credentials(ioc.get_executor(), static_credentials({"testid", "testsecret", ""}), role);
    ecs::client ecs(ioc, o);
    error_code ec;
    std::string text;
    ecs.describe_regions({}, [&](error_code e, ecs::describe_regions_response r) {
        ec = e;
        text = r.diag.to_string();
    });
    ioc.run_for(10s);
    CHECK(ec == errc::credentials_unavailable);
    CHECK(text.find("EntityNotExist.Role") != std::string::npos);
    CHECK(text.find("testsecret") == std::string::npos);
    CHECK(test::count_logged(emu, "DescribeRegions") == 0); // nothing sent without credentials
}
