// Credential providers that need no network: the INI dialect of the shared
// credentials file, the environment, profiles, the chain and its reasons.

#include <alicloud/credentials/providers.hpp>

#include "credentials/ini.hpp"
#include "credentials/refreshing_provider.hpp"
#include "credentials/temporary_credentials.hpp"
#include "credentials_file.hpp"
#include "manual_clock.hpp"
#include "scoped_env.hpp"

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace alicloud;

namespace {

using test::credentials_file;
using test::scoped_env;

// What providers that might ask a service are made with; never run here.
boost::asio::any_io_executor unused_executor()
{
    static boost::asio::io_context ioc;
    return ioc.get_executor();
}

// What async_get completes with (a fixed provider posts; run it through).
std::pair<error_code, credentials_result> ask(credentials_provider& p)
{
    boost::asio::io_context ioc;
    std::pair<error_code, credentials_result> out;
    bool inside = true, done = false;
    p.async_get(ioc.get_executor(), [&](error_code ec, credentials_result r) {
        CHECK_FALSE(inside); // never inside the initiating function
        out = {ec, std::move(r)};
        done = true;
    });
    inside = false;
    ioc.run();
    REQUIRE(done);
    return out;
}

constexpr auto sample_file = R"(; the shared credentials file
[default]
type = access_key
access_key_id = foo
access_key_secret = s3cr3t-value

[ecs]
type = ecs_ram_role
role_name = EcsRamRoleTest

[broken]
type = access_key
access_key_id = only-the-id
  # indented comment
[ram]
type = ram_role_arn
policy = {"Statement":[],"Version":"1"}      ; optional

[odd]
type = rsa_key_pair
)";

} // namespace

TEST_CASE("ini: sections, keys, comments, trailing comments", "[credentials][ini]")
{
    std::string error;
    const auto file = detail::parse_ini(sample_file, error);
    REQUIRE(error.empty());
    CHECK(file.at("default").at("access_key_id") == "foo");
    CHECK(file.at("ecs").at("role_name") == "EcsRamRoleTest");
    CHECK(file.at("ram").at("policy") == R"({"Statement":[],"Version":"1"})");
    CHECK(file.size() == 5);
}

TEST_CASE("ini: a byte order mark and CRLF line ends are read through", "[credentials][ini]")
{
    std::string error;
    const auto file = detail::parse_ini("\xEF\xBB\xBF[default]\r\ntype = access_key\r\n", error);
    REQUIRE(error.empty());
    CHECK(file.at("default").at("type") == "access_key");
}

TEST_CASE("ini: malformed lines are named by number", "[credentials][ini]")
{
    std::string error;
    CHECK(detail::parse_ini("[a]\nkey value\n", error).empty());
    CHECK(error == "line 2: expected key = value");
    detail::parse_ini("key = value\n", error);
    CHECK(error == "line 1: key = value before any [section]");
    detail::parse_ini("[]\n", error);
    CHECK(error == "line 1: a section header is [name]");
}

TEST_CASE("environment: both variables, an optional token", "[credentials][env]")
{
    {
        scoped_env id("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id");
        scoped_env secret("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        scoped_env token("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
        const auto p = environment_credentials();
        const auto got = p->try_get();
        REQUIRE(got);
        CHECK(got->creds.access_key_id == "env-id");
        CHECK(got->creds.security_token == "env-token");
        CHECK(p->name() == "env");
    }
    scoped_env id("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id");
    scoped_env secret("ALIBABA_CLOUD_ACCESS_KEY_SECRET", nullptr);
    const auto p = environment_credentials();
    CHECK_FALSE(p->try_get());
    const auto [ec, r] = ask(*p);
    CHECK(ec == client_errc::credentials_unavailable);
    CHECK(r.why == "env: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
}

TEST_CASE("profile: the section named, or ALIBABA_CLOUD_PROFILE, or default", "[credentials][profile]")
{
    const credentials_file f(sample_file);
    scoped_env file("ALIBABA_CLOUD_CREDENTIALS_FILE", f.path.c_str());
    {
        scoped_env profile("ALIBABA_CLOUD_PROFILE", nullptr);
        const auto got = profile_credentials(unused_executor())->try_get();
        REQUIRE(got);
        CHECK(got->creds.access_key_id == "foo");
        CHECK(got->creds.access_key_secret == "s3cr3t-value");
    }
    const auto reason = [](const std::shared_ptr<credentials_provider>& p) { return ask(*p).second.why; };
    CHECK(reason(profile_credentials(unused_executor(), "broken")).find("access_key_id and access_key_secret are both required") !=
          std::string::npos);
    CHECK(profile_credentials(unused_executor(), "ecs")->name() == "profile/ecs_ram_role");
    CHECK(reason(profile_credentials(unused_executor(), "ram")).find("access_key_id, access_key_secret and role_arn are all required") !=
          std::string::npos);
    CHECK(reason(profile_credentials(unused_executor(), "odd")).find("type rsa_key_pair is not one of access_key, ecs_ram_role, ram_role_arn") !=
          std::string::npos);
    CHECK(reason(profile_credentials(unused_executor(), "nobody")).find("no profile [nobody]") != std::string::npos);
    CHECK(reason(profile_credentials(unused_executor(), "default", "/nonexistent/credentials")) ==
          "profile: /nonexistent/credentials: cannot be read");
    scoped_env profile("ALIBABA_CLOUD_PROFILE", "broken");
    CHECK_FALSE(profile_credentials(unused_executor())->try_get());
}

TEST_CASE("chain: the first that yields, kept, otherwise every reason, and no secret", "[credentials][chain]")
{
    const credentials_file f(sample_file);
    scoped_env file("ALIBABA_CLOUD_CREDENTIALS_FILE", f.path.c_str());
    scoped_env no_profile("ALIBABA_CLOUD_PROFILE", nullptr);
    scoped_env no_id("ALIBABA_CLOUD_ACCESS_KEY_ID", nullptr);
    scoped_env no_secret("ALIBABA_CLOUD_ACCESS_KEY_SECRET", nullptr);

    const auto chain = default_credentials_chain(unused_executor());
    CHECK_FALSE(chain->try_get()); // the first gives nothing: asking in order is asynchronous
    const auto [first_ec, first] = ask(*chain);
    REQUIRE_FALSE(first_ec);
    CHECK(first.creds.access_key_id == "foo"); // env gave nothing, the profile did
    CHECK(chain->name() == "default/profile/access_key");
    const auto kept = chain->try_get(); // from then on, at hand
    REQUIRE(kept);
    CHECK(kept->creds.access_key_id == "foo");

    const auto none = credentials_chain({environment_credentials(), profile_credentials(unused_executor(), "broken"),
                                         static_credentials({"id-only", "", ""})});
    CHECK_FALSE(none->try_get());
    const auto [ec, r] = ask(*none);
    CHECK(ec == client_errc::credentials_unavailable);
    CHECK(ec == errc::credentials_unavailable);
    CHECK(r.why.starts_with("unable to get credentials from any provider of the chain: env: "));
    INFO(r.why);
    CHECK(r.why.find("; profile/access_key: ") != std::string::npos); // the broken profile, read as its type says
    CHECK(r.why.find("; static: ") != std::string::npos);
    CHECK(r.why.find("s3cr3t-value") == std::string::npos);
    CHECK(r.why.find("only-the-id") == std::string::npos);
}

TEST_CASE("temporary credentials: Expiration is read as the request timestamp's format, fractions dropped",
          "[credentials]")
{
    using detail::parse_utc_time;
    using namespace std::chrono;
    const auto whole = parse_utc_time("2026-11-23T05:00:07Z");
    REQUIRE(whole);
    CHECK(*whole == sys_days(year(2026) / 11 / 23) + hours(5) + seconds(7));
    CHECK(parse_utc_time("2026-11-23T05:00:07.250Z") == whole);
    CHECK_FALSE(parse_utc_time("2026-11-23T05:00:07.Z"));
    CHECK_FALSE(parse_utc_time("2026-11-23T05:00:07.2a0Z"));
    CHECK_FALSE(parse_utc_time("2026-11-23T05:00:07"));   // no zone
    CHECK_FALSE(parse_utc_time("2026-11-3T05:00:07Z"));   // every field has its digits
    CHECK_FALSE(parse_utc_time("2026-02-30T05:00:07Z"));  // no such day
    CHECK_FALSE(parse_utc_time("2026-11-23T24:00:07Z"));
    CHECK_FALSE(parse_utc_time(""));
}

TEST_CASE("temporary credentials: an Expiration past what the clock holds never expires, one long gone has expired",
          "[credentials]")
{
    using detail::parse_utc_time;
    using clock = std::chrono::system_clock;
    CHECK(parse_utc_time("9999-12-31T23:59:59Z") == clock::time_point::max());
    CHECK(parse_utc_time("9999-12-31T23:59:59.999Z") == clock::time_point::max());
    CHECK(parse_utc_time("1000-01-01T00:00:00Z") == clock::time_point::min());

    // As a provider fetching them sees them: the first are used (and not due
    // for refresh), the others are refused as expired - neither wraps around.
    const auto fetched_with = [](std::string expiration) {
        boost::asio::io_context ioc;
        auto p = std::make_shared<detail::refreshing_provider>(
            "sts", ioc.get_executor(),
            [expiration](credentials_provider::handler h) {
                const boost::json::value answer{{"AccessKeyId", "STS.id"},
                                                {"AccessKeySecret", "secret"},
                                                {"SecurityToken", "token"},
                                                {"Expiration", expiration}};
                credentials_result r;
                CHECK(detail::read_temporary_credentials(&answer, r));
                std::move(h)(error_code{}, std::move(r));
            },
            std::chrono::seconds(300));
        std::pair<error_code, credentials_result> out;
        p->async_get(ioc.get_executor(), [&](error_code ec, credentials_result r) { out = {ec, std::move(r)}; });
        ioc.run();
        return std::pair{out, p->try_get().has_value()};
    };
    const auto [far_future, fresh] = fetched_with("9999-12-31T23:59:59Z");
    CHECK_FALSE(far_future.first);
    CHECK(far_future.second.creds.access_key_id == "STS.id");
    CHECK(fresh);
    const auto [long_gone, kept] = fetched_with("1000-01-01T00:00:00Z");
    CHECK(long_gone.first == client_errc::credentials_unavailable);
    CHECK(long_gone.second.why == "sts: the credentials fetched had already expired (is the clock right?)");
    CHECK_FALSE(kept);
}

namespace {

// A refreshing provider over a scripted service and a clock the test moves:
// each fetch is held until the test answers it (answer) or fails it (fail).
struct scripted_refresh {
    boost::asio::io_context ioc;
    test::manual_clock clock;
    std::vector<credentials_provider::handler> fetches; // asked, not yet answered
    int fetched = 0;
    std::shared_ptr<detail::refreshing_provider> provider = std::make_shared<detail::refreshing_provider>(
        "sts", ioc.get_executor(),
        [this](credentials_provider::handler h) {
            ++fetched;
            fetches.push_back(std::move(h));
        },
        std::chrono::seconds(180), clock.system());

    // Answers the oldest fetch with credentials `id` that expire in an hour.
    void answer(const std::string& id)
    {
        REQUIRE_FALSE(fetches.empty());
        auto h = std::move(fetches.front());
        fetches.erase(fetches.begin());
        credentials_result r{{id, "secret", "token"}, clock.system()() + std::chrono::hours(1), {}};
        std::move(h)(error_code{}, std::move(r));
        settle();
    }

    void fail()
    {
        REQUIRE_FALSE(fetches.empty());
        auto h = std::move(fetches.front());
        fetches.erase(fetches.begin());
        credentials_result none;
        none.why = "the service said no";
        std::move(h)(client_errc::credentials_unavailable, std::move(none));
        settle();
    }

    // What async_get completes with once everything posted has run; nullopt
    // while it waits for a fetch.
    std::shared_ptr<std::optional<std::pair<error_code, credentials_result>>> get()
    {
        auto out = std::make_shared<std::optional<std::pair<error_code, credentials_result>>>();
        provider->async_get(ioc.get_executor(), [out](error_code ec, credentials_result r) { *out = {ec, std::move(r)}; });
        settle();
        return out;
    }

    void settle()
    {
        ioc.restart();
        ioc.run();
    }
};

} // namespace

TEST_CASE("refreshing provider: served from memory until due, refreshed once in the background, then replaced",
          "[credentials][refresh]")
{
    using namespace std::chrono_literals;
    scripted_refresh s;
    const auto first = s.get();
    CHECK_FALSE(*first); // waits for the first fetch
    s.answer("STS.one");
    REQUIRE(*first);
    CHECK((*first)->second.creds.access_key_id == "STS.one");
    CHECK(s.provider->try_get());

    s.clock.advance(3600s - 181s); // not yet due: no fetch
    CHECK(s.provider->try_get());
    CHECK((*s.get())->second.creds.access_key_id == "STS.one");
    CHECK(s.fetched == 1);

    s.clock.advance(2s); // due, still good: served, and one fetch in the background
    CHECK_FALSE(s.provider->try_get());
    for (int i = 0; i < 5; ++i)
        CHECK((*s.get())->second.creds.access_key_id == "STS.one");
    CHECK(s.fetched == 2);
    s.answer("STS.two");
    CHECK(s.provider->try_get()->creds.access_key_id == "STS.two");
}

TEST_CASE("refreshing provider: expired ones are never served, the calls wait for the one fetch",
          "[credentials][refresh]")
{
    using namespace std::chrono_literals;
    scripted_refresh s;
    s.get();
    s.answer("STS.one");
    s.clock.advance(3600s);
    const auto a = s.get();
    const auto b = s.get();
    CHECK_FALSE(*a);
    CHECK_FALSE(*b);
    CHECK(s.fetched == 2); // one fetch for both
    s.answer("STS.two");
    CHECK((*a)->second.creds.access_key_id == "STS.two");
    CHECK((*b)->second.creds.access_key_id == "STS.two");
}

TEST_CASE("refreshing provider: a failed refresh keeps what still works and is retried after a pause",
          "[credentials][refresh]")
{
    using namespace std::chrono_literals;
    scripted_refresh s;
    s.get();
    s.answer("STS.one");
    s.clock.advance(3500s); // due
    CHECK((*s.get())->second.creds.access_key_id == "STS.one");
    s.fail();
    CHECK((*s.get())->second.creds.access_key_id == "STS.one"); // kept, not asked again at once
    CHECK(s.fetched == 2);
    s.clock.advance(1s); // the first pause is over
    CHECK((*s.get())->second.creds.access_key_id == "STS.one");
    CHECK(s.fetched == 3);
    s.fail();

    s.clock.advance(100s); // expired, and failing: the calls are told why
    const auto late = s.get();
    CHECK_FALSE(*late);
    s.fail();
    REQUIRE(*late);
    CHECK((*late)->first == client_errc::credentials_unavailable);
    CHECK((*late)->second.why == "sts: the service said no");
    // Within the 4 s pause after that third failure, a call fails at once, without a fetch.
    const auto refused = s.get();
    REQUIRE(*refused);
    CHECK((*refused)->first == client_errc::credentials_unavailable);
    CHECK(s.fetched == 4);
}
