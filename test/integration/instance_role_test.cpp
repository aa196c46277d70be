// The instance's RAM role from the emulator's metadata service, the profile
// types that ask a service, and the default chain's order - each read from
// the emulator's request log.

#include "credentials_support.hpp"
#include "scoped_env.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <catch2/catch.hpp>


using namespace alicloud;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using emulator::test::running_emulator;
using test::count_logged;
using test::describe_regions_with;
using test::scoped_env;

namespace {

std::string metadata_url(const running_emulator& emu)
{
    return "http://127.0.0.1:" + std::to_string(emu.http.port());
}

ecs_ram_role_options role_at(const running_emulator& emu)
{
    ecs_ram_role_options o;
    o.metadata_endpoint = metadata_url(emu);
    o.imdsv1_disabled = false; // whatever the environment says
    return o;
}

// A loopback port nothing listens on.
unsigned short closed_port()
{
    asio::io_context ioc;
    asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

void add_fault(const running_emulator& emu, std::string_view json)
{
    emulator::test::client(emu.http).add_fault(boost::json::parse(json));
}

// The variables the default chain reads, cleared for the test.
struct clean_environment {
    scoped_env id{"ALIBABA_CLOUD_ACCESS_KEY_ID", nullptr};
    scoped_env secret{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", nullptr};
    scoped_env token{"ALIBABA_CLOUD_SECURITY_TOKEN", nullptr};
    scoped_env file{"ALIBABA_CLOUD_CREDENTIALS_FILE", "/nonexistent/credentials"};
    scoped_env profile{"ALIBABA_CLOUD_PROFILE", nullptr};
    scoped_env role{"ALIBABA_CLOUD_ECS_METADATA", nullptr};
    scoped_env disabled{"ALIBABA_CLOUD_ECS_METADATA_DISABLED", nullptr};
    scoped_env v1{"ALIBABA_CLOUD_IMDSV1_DISABLED", nullptr};
};

} // namespace

TEST_CASE("instance role: an IMDSv2 token, the role's name, its credentials - once for many calls",
          "[credentials][imds]")
{
    auto opts = emulator::test::fast_options();
    opts.imds_token_required = true; // nothing without the token
    running_emulator emu(opts);
    asio::io_context ioc;
    const auto role = ecs_ram_role_credentials(ioc.get_executor(), role_at(emu));
    CHECK(role->name() == "ecs_ram_role");
    for (int i = 0; i < 3; ++i)
        CHECK_FALSE(describe_regions_with(emu, role, ioc).ec);
    CHECK(count_logged(emu, "MetadataToken") == 1);
    CHECK(count_logged(emu, "MetadataRole") == 1);
    CHECK(count_logged(emu, "MetadataCredentials") == 1);
    CHECK(count_logged(emu, "DescribeRegions") == 6); // each helper call makes two
}

TEST_CASE("instance role: a named role is not looked up and an unknown one is a clear failure", "[credentials][imds]")
{
    running_emulator emu;
    asio::io_context ioc;
    auto named = role_at(emu);
    named.role_name = "EcsRamRoleTest";
    CHECK_FALSE(describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), named), ioc).ec);
    CHECK(count_logged(emu, "MetadataRole") == 0);

    named.role_name = "NoSuchRole";
    const auto r = describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), named), ioc);
    CHECK(r.ec == errc::credentials_unavailable);
    CHECK(r.texts.find("ecs_ram_role: the credentials of role NoSuchRole: HTTP 404") != std::string::npos);
    CHECK(count_logged(emu, "DescribeRegions") == 2); // only the first provider's calls were sent
}

TEST_CASE("instance role: without a token the service is asked as IMDSv1 unless that is disabled",
          "[credentials][imds]")
{
    running_emulator emu;
    asio::io_context ioc;
    add_fault(emu, R"({"action":"MetadataToken","kind":"reset_before_headers"})");
    CHECK_FALSE(describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), role_at(emu)), ioc).ec);
    CHECK(count_logged(emu, "MetadataCredentials") == 1);

    auto strict = role_at(emu);
    strict.imdsv1_disabled = true;
    const auto r = describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), strict), ioc);
    CHECK(r.ec == errc::credentials_unavailable);
    CHECK(r.texts.find("the IMDSv2 token (PUT /latest/api/token)") != std::string::npos);
    CHECK(r.texts.find("(IMDSv1 is disabled)") != std::string::npos);
    CHECK(count_logged(emu, "MetadataCredentials") == 1); // not asked again
}

TEST_CASE("instance role: no metadata service is a quick failure that says where it looked", "[credentials][imds]")
{
    running_emulator emu;
    asio::io_context ioc;
    ecs_ram_role_options nowhere;
    const auto port = closed_port();
    nowhere.metadata_endpoint = "http://127.0.0.1:" + std::to_string(port);
    const auto start = std::chrono::steady_clock::now();
    const auto r = describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), nowhere), ioc);
    CHECK(std::chrono::steady_clock::now() - start < 1s); // refused: no fallback, no wait
    CHECK(r.ec == errc::credentials_unavailable);
    CHECK(r.texts.find("connecting to 127.0.0.1:" + std::to_string(port) + " failed") != std::string::npos);

    ecs_ram_role_options tls;
    tls.metadata_endpoint = "https://127.0.0.1:1";
    CHECK(describe_regions_with(emu, ecs_ram_role_credentials(ioc.get_executor(), tls), ioc)
              .texts.find("the metadata service speaks plain HTTP") != std::string::npos);
}

TEST_CASE("instance role: credentials the service refuses as expired are fetched again", "[credentials][imds]")
{
    auto opts = emulator::test::fast_options();
    opts.sts_lifetime = 1500ms; // whatever their Expiration (six hours) says
    running_emulator emu(opts);
    asio::io_context ioc;
    const auto role = ecs_ram_role_credentials(ioc.get_executor(), role_at(emu));
    CHECK_FALSE(describe_regions_with(emu, role, ioc).ec);
    emulator::test::client(emu.http).advance_clock(1500ms);
    CHECK_FALSE(describe_regions_with(emu, role, ioc).ec);
    CHECK(count_logged(emu, "MetadataCredentials") == 2);
    CHECK(count_logged(emu, "DescribeRegions", "InvalidSecurityToken.Expired") == 1);
}

TEST_CASE("profile: the ecs_ram_role and ram_role_arn types ask their services", "[credentials][profile]")
{
    running_emulator emu;
    asio::io_context ioc;
    const test::credentials_file file("[ecs]\ntype = ecs_ram_role\n\n"
                                      "[ram]\ntype = ram_role_arn\naccess_key_id = testid\naccess_key_secret = testsecret\n"
                                      "role_arn = acs:ram::123456789012:role/test-role\nrole_session_name = from-profile\n");
    credential_services services;
    services.metadata_endpoint = metadata_url(emu);
    services.sts_endpoint = metadata_url(emu); // the same listener serves STS

    const auto ecs_role = profile_credentials(ioc.get_executor(), "ecs", file.path.string(), services);
    CHECK(ecs_role->name() == "profile/ecs_ram_role");
    CHECK_FALSE(describe_regions_with(emu, ecs_role, ioc).ec);
    CHECK(count_logged(emu, "MetadataCredentials") == 1);

    const auto ram_role = profile_credentials(ioc.get_executor(), "ram", file.path.string(), services);
    CHECK(ram_role->name() == "profile/ram_role_arn");
    CHECK_FALSE(describe_regions_with(emu, ram_role, ioc).ec);
    CHECK(count_logged(emu, "AssumeRole") == 1);
}

TEST_CASE("default chain: the environment, then the profile file, then the instance role", "[credentials][chain]")
{
    auto opts = emulator::test::fast_options();
    opts.access_keys.push_back({"profileid", "profilesecret", {}});
    running_emulator emu(opts);
    asio::io_context ioc;
    clean_environment env;
    const test::credentials_file file("[default]\ntype = access_key\naccess_key_id = profileid\n"
                                      "access_key_secret = profilesecret\n");
    credential_services services;
    services.metadata_endpoint = metadata_url(emu);
    const auto chosen = [&] {
        const auto chain = default_credentials_chain(ioc.get_executor(), services);
        const auto r = describe_regions_with(emu, chain, ioc);
        return r.ec ? r.texts : chain->name();
    };

    scoped_env use_file("ALIBABA_CLOUD_CREDENTIALS_FILE", file.path.c_str());
    {
        scoped_env id("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid");
        scoped_env secret("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret");
        CHECK(chosen() == "default/env");
    }
    CHECK(chosen() == "default/profile/access_key");
    CHECK(count_logged(emu, "MetadataCredentials") == 0); // never asked while an earlier one yields

    scoped_env no_file("ALIBABA_CLOUD_CREDENTIALS_FILE", "/nonexistent/credentials");
    CHECK(chosen() == "default/ecs_ram_role");
    CHECK(count_logged(emu, "MetadataCredentials") == 1);

    services.metadata_endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
    const std::string none = chosen();
    CHECK(none.find("unable to get credentials from any provider of the chain: env: ALIBABA_CLOUD_ACCESS_KEY_ID is not "
                    "set; profile: /nonexistent/credentials: cannot be read; ecs_ram_role: the IMDSv2 token") !=
          std::string::npos);

    scoped_env disabled("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    const std::string without_role = chosen();
    CHECK(without_role.find("cannot be read") != std::string::npos);
    CHECK(without_role.find("ecs_ram_role") == std::string::npos);
}
