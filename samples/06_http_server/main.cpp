// Sample 06: an HTTP service whose request handler calls ECS.
//
// GET /instances answers with the instances of cn-hangzhou as a JSON array,
// fetched by ecs.describe_instances on the server's own io_context: one
// thread serves every connection and waits for ECS; nothing blocks it.
//
//   alicloud-sample-06-http-server [ENDPOINT [CA_FILE [PORT]]]
//
// Listens on 127.0.0.1:PORT (default 0: any free port), prints
// "listening on http://127.0.0.1:<port>", and stops on SIGINT or SIGTERM (exit 0).

#include <alicloud/ecs.hpp>

#include "sample_options.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace ecs = alicloud::ecs;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// The body of an answer: the instances, or why ECS did not give them (the
// service's Code and RequestId, which its support will ask for).
std::string to_json(const alicloud::error_code& ec, const ecs::describe_instances_response& page)
{
    if (ec)
        return json::serialize(json::object{{"Code", page.diag.server.code},
                                            {"Message", page.diag.to_string()},
                                            {"RequestId", page.diag.server.request_id}});
    json::array instances;
    for (const auto& i : page.instances)
        instances.push_back(json::object{{"InstanceId", i.instance_id}, {"Status", i.status},
                                         {"InstanceType", i.instance_type}, {"ZoneId", i.zone_id}});
    return json::serialize(instances);
}

// One connection: read a request, answer it, until the client closes. While
// describe_instances is in flight, the thread serves other connections.
asio::awaitable<void> serve(tcp::socket socket, ecs::client& ecs)
{
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    auto no_throw = asio::as_tuple(asio::use_awaitable); // errors as values: a failed connection is routine
    for (;;) {
        http::request<http::string_body> request;
        stream.expires_after(30s); // an idle client does not hold the connection forever
        const auto [read_ec, request_bytes] = co_await http::async_read(stream, buffer, request, no_throw);
        if (read_ec) // end_of_stream when the client closed
            break;

        http::response<http::string_body> response(http::status::ok, request.version());
        if (request.method() == http::verb::get && request.target() == "/instances") {
            ecs::describe_instances_request all; // a named object: no temporaries in co_await (GCC 12)
            all.page_size = 100;
            const auto [ec, page] = co_await ecs.describe_instances(all, no_throw);
            response.result(ec ? http::status::bad_gateway : http::status::ok);
            response.body() = to_json(ec, page);
        } else {
            response.result(http::status::not_found);
            response.body() = R"({"Code":"NotFound","Message":"try GET /instances"})";
        }
        response.set(http::field::content_type, "application/json");
        response.keep_alive(request.keep_alive());
        response.prepare_payload();
        stream.expires_after(30s);
        const auto [write_ec, response_bytes] = co_await http::async_write(stream, response, no_throw);
        if (write_ec || !response.keep_alive())
            break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_connections(tcp::acceptor& acceptor, ecs::client& ecs)
{
    auto no_throw = asio::as_tuple(asio::use_awaitable);
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(no_throw);
        if (ec) // closed by the signal handler (or failing): stop accepting
            co_return;
        asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), ecs), asio::detached);
    }
}

} // namespace

int main(int argc, char** argv)
{
    asio::io_context ioc; // the one loop, for HTTP connections and ECS calls alike
    ecs::client ecs(ioc, samples::options_from(argc, argv));
    const auto port = static_cast<unsigned short>(argc > 3 ? std::atoi(argv[3]) : 0);
    tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
    // Flushed: a script waits for this line to learn the port.
    std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    asio::co_spawn(ioc, accept_connections(acceptor, ecs), asio::detached);

    // A stop request ends the loop: pending reads and ECS calls are abandoned,
    // and their coroutines destroyed with the io_context.
    asio::signal_set stop_signals(ioc, SIGINT, SIGTERM);
    stop_signals.async_wait([&](const beast::error_code&, int signal) {
        std::cout << "signal " << signal << ": stopping" << std::endl;
        acceptor.close();
        ioc.stop();
    });
    ioc.run();
    return 0;
}
