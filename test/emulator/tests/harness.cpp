#include "harness.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <future>

namespace alicloud::emulator::test {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

options fast_options()
{
    options o;
    // Long enough that a test reading a transient state right after the call
    // that entered it still finds it under a sanitizer on a loaded machine.
    o.pending = std::chrono::milliseconds(300);
    o.starting = std::chrono::milliseconds(300);
    o.stopping = std::chrono::milliseconds(300);
    o.header_timeout = std::chrono::milliseconds(1500);
    o.idle_timeout = std::chrono::milliseconds(3000);
    return o;
}

running_emulator::running_emulator(options opts) : emu_(ioc_.get_executor(), std::move(opts))
{
    http = emu_.listen({boost::asio::ip::make_address("127.0.0.1"), 0}, false);
    https = emu_.listen({boost::asio::ip::make_address("127.0.0.1"), 0}, true);
    thread_ = std::thread([this] { ioc_.run(); });
}

running_emulator::~running_emulator()
{
    boost::asio::post(ioc_, [this] { emu_.stop(); });
    thread_.join(); // returns once stop() left the io_context without work
}

std::string response::code() const
{
    const auto* obj = json.if_object();
    const auto* c = obj ? obj->if_contains("Code") : nullptr;
    return c && c->is_string() ? std::string(c->get_string()) : std::string();
}

std::string response::message() const
{
    const auto* obj = json.if_object();
    const auto* m = obj ? obj->if_contains("Message") : nullptr;
    return m && m->is_string() ? std::string(m->get_string()) : std::string();
}

client::client(const tcp::endpoint& at) : at_(at) {}

signed_request client::sign(std::string_view action, const parameters& params, const call_options& opts)
{
    rpc_request req;
    req.action = action;
    req.version = opts.version;
    req.params = params;
    req.method = opts.method;
    req.params_in = opts.params_in;
    req.headers = opts.headers;
    error_code ec;
    diagnostics diag;
    const std::string host = at_.address().to_string() + ":" + std::to_string(at_.port());
    auto out = sansio::sign_rpc_request(req, opts.creds, host, opts.stamp.value_or(sansio::make_request_stamp()),
                                        {.version = opts.signature, .format = opts.format}, ec, diag);
    INFO(diag.to_string());
    REQUIRE_FALSE(ec);
    return out;
}

response client::call(std::string_view action, const parameters& params, const call_options& opts)
{
    return send(sign(action, params, opts));
}

response client::send(const signed_request& signed_req)
{
    http::request<http::string_body> req{signed_req.method == http_method::get ? http::verb::get : http::verb::post,
                                         signed_req.target, 11};
    for (const auto& h : signed_req.headers)
        req.set(h.name, h.value);
    req.body() = signed_req.body;
    req.prepare_payload();
    return exchange(req);
}

response client::raw(http::verb method, std::string_view target, std::string body,
                     const std::vector<http_header>& headers)
{
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, at_.address().to_string() + ":" + std::to_string(at_.port()));
    for (const auto& h : headers)
        req.set(h.name, h.value);
    req.body() = std::move(body);
    req.prepare_payload();
    return exchange(req);
}

response client::exchange(http::request<http::string_body>& req)
{
    // One retry on a fresh connection when the kept-alive one was closed by the
    // server (a fault test resets it on purpose).
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!stream_) {
            stream_.emplace(ioc_);
            stream_->connect(at_);
        }
        boost::system::error_code ec;
        http::write(*stream_, req, ec);
        http::response<http::string_body> res;
        boost::beast::flat_buffer buffer;
        if (!ec)
            http::read(*stream_, buffer, res, ec);
        if (ec) {
            stream_.reset();
            if (attempt == 0)
                continue;
            FAIL("exchange failed: " << ec.message());
        }
        response out;
        out.status = res.result_int();
        out.headers = res.base();
        out.body = res.body();
        boost::json::error_code jec;
        out.json = boost::json::parse(out.body, jec);
        if (jec)
            out.json = nullptr;
        if (!res.keep_alive())
            stream_.reset();
        return out;
    }
    return {};
}

std::uint64_t client::add_fault(const boost::json::value& rule)
{
    auto r = raw(http::verb::post, "/_emulator/faults", boost::json::serialize(rule));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json.at("id").to_number<std::uint64_t>();
}

boost::json::array client::requests()
{
    auto r = raw(http::verb::get, "/_emulator/requests");
    REQUIRE(r.status == 200);
    return r.json.at("requests").as_array();
}

void client::clear_requests()
{
    REQUIRE(raw(http::verb::delete_, "/_emulator/requests").status == 200);
}

void client::reset()
{
    REQUIRE(raw(http::verb::post, "/_emulator/reset").status == 200);
}

void client::advance_clock(std::chrono::milliseconds by)
{
    auto r = raw(http::verb::post, "/_emulator/clock", boost::json::serialize(boost::json::object{{"advance_ms", by.count()}}));
    INFO(r.body);
    REQUIRE(r.status == 200);
}

bool client::wait(boost::json::object condition, std::chrono::milliseconds limit)
{
    condition["timeout_ms"] = limit.count();
    auto r = raw(http::verb::post, "/_emulator/wait", boost::json::serialize(condition));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json.at("reached").as_bool();
}

bool client::wait_for_status(const std::string& region, const std::vector<std::string>& ids, std::string_view status,
                             std::chrono::milliseconds limit)
{
    boost::json::array wanted;
    for (const auto& id : ids)
        wanted.emplace_back(id);
    if (!wait({{"instances", {{"ids", std::move(wanted)}, {"status", status}}}}, limit))
        return false;
    parameters p;
    p.set("RegionId", region);
    p.set_repeat_list("InstanceId", ids);
    p.set("PageSize", 50);
    auto r = call("DescribeInstanceStatus", p);
    REQUIRE(r.status == 200);
    std::size_t matching = 0;
    for (const auto& s : r.json.at("InstanceStatuses").at("InstanceStatus").as_array())
        if (s.at("Status").as_string() == status)
            ++matching;
    return matching == ids.size();
}

} // namespace alicloud::emulator::test
