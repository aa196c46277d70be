// Fuzz target: the task service's request reading and handling
// (samples/task_service/): the bytes of one connection read as the server
// reads them (request_reading.hpp: the parser's limits, the buffer's bound),
// each request answered by handle_request, a read error as the server answers
// it - until the connection would close. The first byte sets how many bytes
// each read returns.
//
// Invariants: every answer is one the API documents (its status, and a
// Content-Length that is its body's), its body is valid UTF-8 and a JSON
// object, every error is {"error": {"code": ..., "message": ...}}, and an
// accepted task's Location names it.

#include "check.hpp"
#include "fuzz_input.hpp"
#include "memory_stream.hpp"

#include "http_api.hpp"
#include "memory_task_store.hpp"
#include "request_reading.hpp"
#include "task_scheduler.hpp"

#include <alicloud/core/sansio/utf8.hpp>
#include <alicloud/ecs/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;
namespace json = boost::json;

// Requests per input: a connection may carry more, none of them differently.
constexpr int max_requests = 16;

// The client the jobs would call ECS with. No job ever runs (nothing runs the
// io_contexts), so it is never asked anything; it is made once.
alicloud::ecs::client& ecs_client()
{
    static boost::asio::io_context ioc;
    static alicloud::ecs::client client(ioc, alicloud::client_options{.endpoint = "http://127.0.0.1:9",
                                                                      .region_id = "cn-hangzhou",
                                                                      .creds = {"id", "secret", ""}});
    return client;
}

bool is_string_member(const json::object& o, std::string_view name)
{
    const json::value* v = o.if_contains(name);
    return v != nullptr && v->is_string();
}

void check_answer(const task_service::http_response& res)
{
    constexpr std::array<unsigned, 9> documented = {200, 202, 400, 404, 405, 413, 429, 431, 503};
    FUZZ_CHECK(std::find(documented.begin(), documented.end(), res.result_int()) != documented.end(),
               "an answer with a status the API does not document: " + std::to_string(res.result_int()));
    const auto length = res.find(http::field::content_length);
    FUZZ_CHECK(length != res.end() && length->value() == std::to_string(res.body().size()),
               "an answer whose Content-Length is not its body's size");
    FUZZ_CHECK(alicloud::sansio::is_valid_utf8(res.body()), "an answer that is not valid UTF-8");

    json::error_code ec;
    const json::value body = json::parse(res.body(), ec);
    FUZZ_CHECK(!ec && body.is_object(), "an answer that is not a JSON object");
    const json::object& o = body.get_object();
    if (res.result_int() >= 400) {
        const json::value* error = o.if_contains("error");
        FUZZ_CHECK(error != nullptr && error->is_object() && is_string_member(error->get_object(), "code") &&
                       is_string_member(error->get_object(), "message"),
                   "an error answer that is not {\"error\": {\"code\": ..., \"message\": ...}}");
    }
    if (res.result_int() == 202 && res.find(http::field::location) != res.end()) {
        FUZZ_CHECK(is_string_member(o, "id"), "an accepted task without its id");
        const auto id = o.at("id").get_string();
        FUZZ_CHECK(res[http::field::location] == "/tasks/" + std::string(id.data(), id.size()),
                   "an accepted task's Location does not name it");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const std::size_t chunk = input.byte();
    alicloud::fuzz::memory_stream stream(input.rest(), chunk);

    // The scheduler is never started: no job runs, and the loop runs only
    // each request's handling (the memory store answers without waiting).
    boost::asio::io_context ioc;
    task_service::memory_task_store store;
    task_service::task_scheduler tasks(ioc.get_executor(), ecs_client(), store, task_service::scheduler_limits{},
                                       "fuzz");

    boost::beast::flat_buffer buffer(task_service::read_buffer_limit);
    for (int n = 0; n < max_requests; ++n) {
        task_service::request_parser parser;
        task_service::set_limits(parser);
        boost::beast::error_code ec;
        http::read(stream, buffer, parser, ec);
        if (ec) {
            if (const auto refusal = task_service::answer_read_error(ec, parser, buffer))
                check_answer(*refusal);
            break; // the server closes the connection after a read error
        }
        std::optional<task_service::http_response> answered;
        boost::asio::co_spawn(ioc, task_service::handle_request(tasks, parser.get()),
                              [&](std::exception_ptr e, task_service::http_response r) {
                                  if (e)
                                      std::rethrow_exception(e); // a crash the fuzzer reports
                                  answered = std::move(r);
                              });
        ioc.restart();
        ioc.run();
        FUZZ_CHECK(answered.has_value(), "a request the service never answered");
        const task_service::http_response& res = *answered;
        check_answer(res);
        if (!res.keep_alive())
            break;
    }
    return 0;
}
