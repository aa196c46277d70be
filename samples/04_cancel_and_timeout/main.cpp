// Sample 04: giving up on a slow call, by timeout or by cancellation.
//
// The emulator is told to hold DescribeRegions for 2 s (a fault rule of its
// control API, so ENDPOINT must be the emulator). A per-call timeout of 300 ms
// then ends the call with alicloud::errc::timeout; a cancellation signal
// emitted after 300 ms ends the next one with alicloud::errc::cancelled.
//
//   alicloud-sample-04-cancel-and-timeout [ENDPOINT [CA_FILE]]

#include <alicloud/core/endpoint.hpp>
#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/parse.hpp>

#include <cstdlib>
#include <iostream>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ecs = alicloud::ecs;
using alicloud::errc;
using namespace std::chrono_literals;

namespace {

// One request to the emulator's control API (JSON, no signature) over the
// same verified HTTPS endpoint. Synchronous, on its own io_context: it runs
// before and after the demonstration, never while the client's calls do.
std::string emulator_control(const alicloud::client_options& o, http::verb verb, const std::string& target,
                             const std::string& body = {})
{
    alicloud::error_code ec;
    alicloud::diagnostics diag;
    const alicloud::endpoint ep = alicloud::parse_endpoint(o.endpoint, ec, diag);
    alicloud::throw_on_error(ec, diag);

    asio::io_context ioc;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_verify_mode(asio::ssl::verify_peer);
    o.tls.ca_file.empty() ? tls.set_default_verify_paths() : tls.load_verify_file(o.tls.ca_file);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
    stream.set_verify_callback(asio::ssl::host_name_verification(ep.host));
    asio::ip::tcp::resolver resolver(ioc);
    beast::get_lowest_layer(stream).connect(resolver.resolve(ep.host, std::to_string(ep.port)));
    stream.handshake(asio::ssl::stream_base::client);

    http::request<http::string_body> request(verb, target, 11, body);
    request.set(http::field::host, ep.authority);
    request.set(http::field::content_type, "application/json");
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    stream.shutdown(ec); // the answer is complete: a peer that skips close_notify does no harm
    if (response.result() != http::status::ok)
        throw std::runtime_error(target + ": HTTP " + std::to_string(response.result_int()) + " (not the emulator?)");
    return response.body();
}

asio::awaitable<bool> give_up_on_slow_calls(ecs::client& ecs)
{
    // Named objects, not temporaries, in co_await expressions (GCC 12).
    const ecs::describe_regions_request all_regions;
    auto no_throw = asio::as_tuple(asio::use_awaitable); // (error_code, response): the error is a value
    const alicloud::call_options within_300ms{.timeout = 300ms};
    auto ms_since = [](auto start) { return (std::chrono::steady_clock::now() - start) / 1ms; };

    // 1. Timeout: one call_options field bounds the whole call, retries included.
    auto start = std::chrono::steady_clock::now();
    const auto [timeout_ec, r1] = co_await ecs.describe_regions(all_regions, within_300ms, no_throw);
    std::cout << "timeout:   after " << ms_since(start) << " ms: " << timeout_ec.message()
              << (timeout_ec == errc::timeout ? " (== errc::timeout)" : "") << "\n";

    // 2. Cancellation: the call listens on a slot, anything can emit the signal
    //    (here a timer; `call || timer` with awaitable_operators does the same,
    //    but then the cancelled call's error_code is never seen).
    asio::cancellation_signal give_up;
    asio::steady_timer patience(co_await asio::this_coro::executor, 300ms);
    patience.async_wait([&](alicloud::error_code ec) {
        if (!ec) // not when cancelled below: give_up may be gone by then
            give_up.emit(asio::cancellation_type::terminal);
    });
    auto cancellable = asio::bind_cancellation_slot(give_up.slot(), asio::as_tuple(asio::use_awaitable));
    start = std::chrono::steady_clock::now();
    const auto [cancel_ec, r2] = co_await ecs.describe_regions(all_regions, cancellable);
    patience.cancel();
    std::cout << "cancelled: after " << ms_since(start) << " ms: " << cancel_ec.message()
              << (cancel_ec == errc::cancelled ? " (== errc::cancelled)" : "")
              << (cancel_ec == asio::error::operation_aborted ? " (== asio::error::operation_aborted)" : "") << "\n";

    // 3. Neither harmed the client: a call the fault does not slow down succeeds.
    const ecs::describe_zones_request zones;
    const auto [zones_ec, r3] = co_await ecs.describe_zones(zones, no_throw);
    std::cout << "unaffected: DescribeZones " << (zones_ec ? zones_ec.message() : "answered") << "\n";
    co_return timeout_ec == errc::timeout && cancel_ec == errc::cancelled && !zones_ec;
}

} // namespace

int main(int argc, char** argv)
{
    const auto options = samples::options_from(argc, argv);
    try {
        // Hold every DescribeRegions answer for 2 s; the rule's id removes it afterwards.
        const auto added = boost::json::parse(emulator_control(
            options, http::verb::post, "/_emulator/faults", R"({"action":"DescribeRegions","latency_ms":2000})"));
        const std::string rule = "/_emulator/faults/" + std::to_string(added.at("id").to_number<std::int64_t>());
        std::cout << "fault added: DescribeRegions answers after 2000 ms (" << rule << ")\n";

        asio::io_context ioc;
        ecs::client ecs(ioc, options);
        bool as_expected = false;
        asio::co_spawn(ioc, give_up_on_slow_calls(ecs), [&](std::exception_ptr e, bool ok) { as_expected = !e && ok; });
        ioc.run();

        emulator_control(options, http::verb::delete_, rule); // whatever happened: others need a prompt emulator
        std::cout << "fault removed\n";
        return as_expected ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
