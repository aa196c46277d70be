// Fuzz target: the emulator's request handling (test/emulator/): the bytes of
// one connection read as its sessions read them (Beast's parser with the
// emulator's header and body limits, in a buffer of the session's bound), each
// request handed to state::handle - the control API, the metadata service, or
// the RPC API with its signature check. The first byte sets how many bytes
// each read returns.
//
// The time window for signatures is widened to fifty years, so that any
// well-formed x-acs-date or Timestamp gets past the clock check and the
// signature itself is computed over the fuzzer's headers and parameters.
//
// Invariants: every answer has a real status and a Content-Length that is its
// body's; a JSON answer is JSON (unless a fault rule asked for one that is
// not); and no RPC API request is answered 2xx - the fuzzer cannot sign, so
// one would be a request that got past the signature check.

#include "check.hpp"
#include "fuzz_input.hpp"
#include "memory_stream.hpp"

#include "state.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;
namespace emulator = alicloud::emulator;

// Requests per input: a connection may carry more, none of them differently.
constexpr int max_requests = 16;

bool is_rpc_api(std::string_view target)
{
    const std::string_view path = target.substr(0, target.find('?'));
    return !path.starts_with("/_emulator/") && !path.starts_with("/latest/");
}

void check_answer(const emulator::detail::http_request& req, const emulator::detail::response_plan& plan)
{
    const auto& res = plan.response;
    const std::string_view target(req.target().data(), req.target().size());
    FUZZ_CHECK(res.result_int() >= 100 && res.result_int() <= 599, "an answer without a real HTTP status");
    const auto length = res.find(http::field::content_length);
    FUZZ_CHECK(length != res.end() && length->value() == std::to_string(res.body().size()),
               "an answer whose Content-Length is not its body's size");
    const bool json = res[http::field::content_type].starts_with("application/json");
    const bool deliberately_bad = plan.fault == emulator::fault_kind::malformed_json ||
                                  plan.fault == emulator::fault_kind::body;
    if (json && !deliberately_bad) {
        boost::json::error_code ec;
        boost::json::parse(res.body(), ec);
        FUZZ_CHECK(!ec, "a JSON answer that is not JSON");
    }
    if (is_rpc_api(target))
        FUZZ_CHECK(res.result_int() / 100 != 2, "an unsigned RPC API request was answered 2xx");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const std::size_t chunk = input.byte();
    alicloud::fuzz::memory_stream stream(input.rest(), chunk);

    emulator::options opts;
    opts.timestamp_tolerance = std::chrono::hours(24 * 365 * 50);
    // Never run: the timers an operation starts stay pending, and go with it.
    boost::asio::io_context ioc;
    emulator::detail::state s(ioc.get_executor(), opts);

    boost::beast::flat_buffer buffer(opts.header_limit + 4096); // as the session's
    for (int n = 0; n < max_requests; ++n) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
        parser.body_limit(opts.body_limit);
        boost::beast::error_code ec;
        http::read(stream, buffer, parser, ec);
        if (ec)
            break; // answered with a plain 4xx, or nothing, and the connection closed
        const emulator::detail::response_plan plan = s.handle(parser.get(), 1);
        check_answer(parser.get(), plan);
        if (!plan.response.keep_alive())
            break;
    }
    s.stop();
    return 0;
}
