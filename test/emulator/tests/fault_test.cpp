// Every fault kind, rules matched by action and count, the request log and the
// control API.

#include "harness.hpp"

#include <alicloud/core/sansio/response_decoder.hpp>

#include <boost/asio/connect.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace alicloud;
using namespace alicloud::emulator::test;
namespace http = boost::beast::http;
using boost::json::parse;

namespace {

struct raw_result {
    boost::system::error_code ec;
    bool got_header = false;
    http::response<http::string_body> res;
};

// A fresh connection per call, reading with a parser so that a reset after
// the header is told apart from one before it.
raw_result send_once(const boost::asio::ip::tcp::endpoint& at, client& signer, std::string_view action)
{
    const auto signed_req = signer.sign(action);
    http::request<http::string_body> req{http::verb::post, signed_req.target, 11};
    for (const auto& h : signed_req.headers)
        req.set(h.name, h.value);
    req.prepare_payload();

    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(at);
    raw_result out;
    http::write(stream, req, out.ec);
    REQUIRE_FALSE(out.ec);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    http::read_header(stream, buffer, parser, out.ec);
    out.got_header = !out.ec;
    if (!out.ec)
        http::read(stream, buffer, parser, out.ec);
    out.res = parser.release();
    return out;
}

std::size_t instance_count(client& c)
{
    return c.call("DescribeInstances", {{"RegionId", "cn-hangzhou"}}).json.at("TotalCount").to_number<std::size_t>();
}

const parameters run_params{{"RegionId", "cn-hangzhou"}, {"ImageId", "img"}, {"InstanceType", "ecs.g7.large"}};

} // namespace

TEST_CASE("latency delays the answer", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":300})"));
    const auto start = std::chrono::steady_clock::now();
    CHECK(c.call("DescribeRegions").status == 200);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    const auto log = c.requests();
    CHECK(log.back().at("outcome") == "answered");
    CHECK(log.back().at("fault") == "none");
}

TEST_CASE("throttling and 5xx replace the answer, the operation does not run", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"RunInstances","kind":"throttling","times":1})"));
    c.add_fault(parse(R"({"action":"RunInstances","kind":"http_error","times":1})"));
    c.add_fault(parse(R"({"action":"RunInstances","kind":"http_error","status":500,"times":1})"));

    auto throttled = c.call("RunInstances", run_params);
    CHECK(throttled.status == 400);
    CHECK(throttled.code() == "Throttling");
    auto unavailable = c.call("RunInstances", run_params);
    CHECK(unavailable.status == 503);
    CHECK(unavailable.code() == "ServiceUnavailable");
    auto internal = c.call("RunInstances", run_params);
    CHECK(internal.status == 500);
    CHECK(internal.code() == "InternalError");
    CHECK(instance_count(c) == 0);
    CHECK(c.call("RunInstances", run_params).status == 200);
    CHECK(instance_count(c) == 1);

    c.add_fault(parse(R"({"kind":"throttling","status":429,"code":"Throttling.User","message":"Request was denied due to user flow control.","times":1})"));
    auto custom = c.call("DescribeRegions");
    CHECK(custom.status == 429);
    CHECK(custom.code() == "Throttling.User");
    CHECK(custom.message() == "Request was denied due to user flow control.");
}

TEST_CASE("skip and times count matching requests, other actions pass", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"DescribeZones","kind":"http_error","skip":1,"times":2})"));
    const parameters p{{"RegionId", "cn-hangzhou"}};
    CHECK(c.call("DescribeZones", p).status == 200);
    CHECK(c.call("DescribeRegions").status == 200); // another action: not counted
    CHECK(c.call("DescribeZones", p).status == 503);
    CHECK(c.call("DescribeZones", p).status == 503);
    CHECK(c.call("DescribeZones", p).status == 200);
    auto rules = c.raw(http::verb::get, "/_emulator/faults").json.at("faults").as_array();
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].at("matched") == 4);
    CHECK(rules[0].at("applied") == 2);
}

TEST_CASE("connection resets before and after the header", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"RunInstances","kind":"reset_before_headers","times":1})"));
    auto before = send_once(emu.http, c, "DescribeRegions"); // not matched
    CHECK_FALSE(before.ec);

    auto r = send_once(emu.http, c, "RunInstances");
    CHECK(r.ec);
    CHECK_FALSE(r.got_header);

    c.add_fault(parse(R"({"action":"DescribeRegions","kind":"reset_after_headers","times":1})"));
    auto after = send_once(emu.http, c, "DescribeRegions");
    CHECK(after.got_header);
    CHECK(after.ec);
    CHECK(after.res.result_int() == 200);

    const auto log = c.requests();
    CHECK(log[log.size() - 2].at("outcome") == "reset");
    CHECK(log.back().at("outcome") == "reset");
    CHECK(log.back().at("fault") == "reset_after_headers");
}

TEST_CASE("a truncated body and a malformed body are what the client sees", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"DescribeRegions","kind":"truncate_body","times":1})"));
    auto cut = send_once(emu.http, c, "DescribeRegions");
    CHECK(cut.got_header);
    CHECK(cut.ec == http::error::partial_message);

    c.add_fault(parse(R"({"action":"DescribeRegions","kind":"malformed_json","times":1})"));
    auto bad = send_once(emu.http, c, "DescribeRegions");
    REQUIRE_FALSE(bad.ec);
    CHECK(bad.res.result_int() == 200);
    error_code ec;
    diagnostics diag;
    sansio::decode_rpc_response(bad.res.result_int(), bad.res.body(), ec, diag);
    CHECK(ec == client_errc::malformed_response);
    CHECK(c.requests().back().at("outcome") == "answered");
}

TEST_CASE("a body fault answers exactly the bytes given, with its status, and runs nothing", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    const std::string text = "{\"Code\":\"Bad\u001b[2J\",\"TotalCount\":1e400}\x1b\u009b"; // not even JSON
    boost::json::object rule{{"action", "DeleteInstance"}, {"kind", "body"}, {"status", 400}, {"body", text}, {"times", 1}};
    c.add_fault(rule);
    auto r = send_once(emu.http, c, "DeleteInstance");
    REQUIRE_FALSE(r.ec);
    CHECK(r.res.result_int() == 400);
    CHECK(r.res.body() == text);
    CHECK(r.res[http::field::content_type] == "application/json;charset=utf-8");
    const auto log = c.requests().back();
    CHECK(log.at("fault") == "body");
    CHECK(log.at("status") == 400);

    c.add_fault(parse(R"({"action":"DescribeRegions","kind":"body","body":"","times":1})"));
    auto empty = send_once(emu.http, c, "DescribeRegions");
    REQUIRE_FALSE(empty.ec);
    CHECK(empty.res.result_int() == 200); // unless a status is given
    CHECK(empty.res.body().empty());
    CHECK(c.raw(http::verb::post, "/_emulator/faults", R"({"kind":"body","body":7})").status == 400);
}

TEST_CASE("a client that leaves during the latency is logged as such", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    c.add_fault(parse(R"({"action":"DescribeRegions","latency_ms":5000})"));
    {
        const auto signed_req = c.sign("DescribeRegions");
        http::request<http::string_body> req{http::verb::post, signed_req.target, 11};
        for (const auto& h : signed_req.headers)
            req.set(h.name, h.value);
        boost::asio::io_context ioc;
        boost::beast::tcp_stream stream(ioc);
        stream.connect(emu.http);
        http::write(stream, req);
        // Wait until the emulator has the request (it is in the log, outcome pending), then leave.
        REQUIRE(c.wait({{"logged", {{"action", "DescribeRegions"}, {"count", 1}}}}, std::chrono::seconds(5)));
        CHECK(c.requests().front().at("outcome") == "pending");
    } // the stream closes here
    c.raw(http::verb::delete_, "/_emulator/faults");
    // Long before the 5 s latency ran out.
    REQUIRE(c.wait({{"logged", {{"action", "DescribeRegions"}, {"count", 1}, {"finished", true}}}}, std::chrono::seconds(3)));
    CHECK(c.requests().front().at("outcome") == "client_closed");
}

TEST_CASE("the request log records calls, tokens and connections, and can be cleared", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    parameters p = run_params;
    p.set("ClientToken", "token-123");
    c.call("RunInstances", p);
    c.call("DescribeRegions", {}, {.signature = signature_version::v1});
    c.call("DescribeRegions", {}, {.creds = {"nosuch", "x", ""}});
    const auto log = c.requests();
    REQUIRE(log.size() == 3);
    CHECK(log[0].at("action") == "RunInstances");
    CHECK(log[0].at("client_token") == "token-123");
    CHECK(log[0].at("params").at("InstanceType") == "ecs.g7.large");
    CHECK(log[0].at("signature_version") == "v3");
    CHECK(log[1].at("signature_version") == "v1");
    CHECK(log[2].at("error_code") == "InvalidAccessKeyId.NotFound");
    CHECK(log[2].at("action") == "DescribeRegions"); // read from the request even though it was refused
    CHECK(log[2].at("signature_version") == "");
    CHECK(log[0].at("connection_id") == log[2].at("connection_id")); // one kept-alive connection
    c.clear_requests();
    CHECK(c.requests().empty());
}

TEST_CASE("a wait answers once its condition holds, or says it did not at its timeout", "[emulator][control]")
{
    running_emulator emu;
    client c(emu.http);
    client other(emu.http);
    // Reached now (the one connection is the wait's own): answered at once.
    CHECK(c.wait({{"connections", 1}}));
    // Not reached within the timeout: said so, at the timeout.
    auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(c.wait({{"logged", {{"action", "DescribeZones"}, {"count", 1}}}}, std::chrono::milliseconds(100)));
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(100));
    // Reached while it waits: the answer to another connection wakes it, long before its timeout.
    c.add_fault(parse(R"({"action":"DescribeZones","latency_ms":300})"));
    start = std::chrono::steady_clock::now();
    std::thread caller([&] { CHECK(other.call("DescribeZones", {{"RegionId", "cn-hangzhou"}}).status == 200); });
    CHECK(c.wait({{"logged", {{"action", "DescribeZones"}, {"count", 1}, {"finished", true}}}}, std::chrono::seconds(20)));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    caller.join();
    // An instance that reaches a status on the emulator's timers.
    const auto run = c.call("RunInstances", run_params);
    REQUIRE(run.status == 200);
    boost::json::array ids;
    ids.emplace_back(run.json.at("InstanceIdSets").at("InstanceIdSet").at(0));
    CHECK(c.wait({{"instances", {{"ids", ids}, {"status", "Running"}}}}));

    CHECK(c.raw(http::verb::post, "/_emulator/wait", R"({"connections":1,"timeout_ms":60001})").status == 400);
    CHECK(c.raw(http::verb::post, "/_emulator/wait", R"({"instances":{"ids":["i-1"],"status":"Asleep"}})").status == 400);
    CHECK(c.raw(http::verb::post, "/_emulator/wait", R"({"timeout_ms":1})").status == 400);
}

TEST_CASE("the control API refuses bad rules and resets everything", "[emulator][faults]")
{
    running_emulator emu;
    client c(emu.http);
    CHECK(c.raw(http::verb::post, "/_emulator/faults", "{not json").status == 400);
    auto bad_kind = c.raw(http::verb::post, "/_emulator/faults", R"({"kind":"explode"})");
    CHECK(bad_kind.status == 400);
    CHECK(bad_kind.json.at("error").as_string().starts_with("'kind' must be one of"));
    CHECK(c.raw(http::verb::post, "/_emulator/faults", R"({"kind":"throttling","colour":"red"})").status == 400);
    CHECK(c.raw(http::verb::post, "/_emulator/faults", R"({"action":"X"})").status == 400);
    CHECK(c.raw(http::verb::get, "/_emulator/nothing").status == 404);
    CHECK(c.raw(http::verb::delete_, "/_emulator/faults/999").status == 404);

    const auto id = c.add_fault(parse(R"({"kind":"http_error"})"));
    CHECK(c.call("DescribeRegions").status == 503);
    CHECK(c.raw(http::verb::delete_, "/_emulator/faults/" + std::to_string(id)).status == 200);
    CHECK(c.call("DescribeRegions").status == 200);

    c.call("RunInstances", run_params);
    CHECK(instance_count(c) == 1);
    c.add_fault(parse(R"({"kind":"http_error","action":"DescribeZones"})"));
    c.reset();
    CHECK(instance_count(c) == 0);
    CHECK(c.raw(http::verb::get, "/_emulator/faults").json.at("faults").as_array().empty());
    CHECK(c.requests().size() == 1); // only the DescribeInstances above, after the reset
}
