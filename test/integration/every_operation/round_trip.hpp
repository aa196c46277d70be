#ifndef ALICLOUD_TEST_INTEGRATION_EVERY_OPERATION_ROUND_TRIP_HPP
#define ALICLOUD_TEST_INTEGRATION_EVERY_OPERATION_ROUND_TRIP_HPP

// Every operation of a product through its client against the emulator's
// schema mode: a request with every field set, encoded by the SDK, passes the
// emulator's checks (read from the same schema by the emulator's own code),
// and the answer decodes into the typed model with every field arrived (none
// left at its default). The member functions themselves (one line of
// service_client.hpp's macro each) are called with every token in
// ecs_client_test.cpp. One file per product (ecs_test.cpp, vpc_test.cpp...).

#include "client_support.hpp"
#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"
#include "model_sample.hpp"
#include "stateful_operations.hpp"
#include "schema_catalog.hpp"

#include <alicloud/detail/typed_call.hpp>
#include <alicloud/service_client.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace alicloud::test::every_operation {

namespace asio = boost::asio;

struct tally {
    std::size_t round_trips = 0;
    std::size_t with_state = 0;
    std::vector<std::string> failures;
};

// What every typed member function runs (typed_call.hpp): the request
// validated, encoded and sent on the client's connections, the answer decoded
// into the model. Called here without the member function template, so that
// 380 operations cost this test data, not 380 handler instantiations.
inline std::optional<std::pair<error_code, rpc_response>> call_typed(service_client& client, asio::io_context& ioc,
                                                              const detail::operation_info& op, void* request)
{
    std::optional<std::pair<error_code, rpc_response>> got;
    detail::async_typed_call(client.rpc().impl(), op, request, call_options{},
                             [&got](error_code ec, rpc_response answer) { got.emplace(ec, std::move(answer)); });
    ioc.restart();
    ioc.run();
    return got;
}

// The operations the emulator keeps state for answer from that state, and
// their own tests check them (emulator::keeps_state says which); every other
// one is served from the schema.
template <class Request, class Response>
void round_trip(const detail::operation_info& op, service_client& client, asio::io_context& ioc, tally& t)
{
    namespace model = alicloud::detail::model;
    if (emulator::keeps_state(op.version, op.action)) {
        ++t.with_state;
        return;
    }
    const std::string action(op.action);
    // Every field set (one element per list), but not DryRun: the answer of a
    // dry run is an error. (CloneDisks has it as a string.)
    boost::json::object sample = test::model_sample(*op.request, false);
    // A policy document is a string to the schema and a JSON policy to the
    // service (RAM's PolicyDocument, AssumeRolePolicyDocument; VPC endpoints').
    for (auto& [name, value] : sample)
        if (std::string_view(name).ends_with("PolicyDocument") && value.is_string())
            value = R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]})";
    if (auto* dry_run = sample.if_contains("DryRun"); dry_run != nullptr && dry_run->is_bool())
        *dry_run = false;
    else if (dry_run != nullptr)
        *dry_run = "false";
    Request request;
    error_code ec;
    diagnostics diag;
    const std::string body = boost::json::serialize(sample);
    if (!model::decode(*op.request, body, &request, ec, diag) || ec) {
        t.failures.push_back(action + ": the sample request does not decode: " + diag.client_message);
        return;
    }
    auto got = call_typed(client, ioc, op, &request);
    if (!got) {
        t.failures.push_back(action + ": the call never completed");
        return;
    }
    Response response;
    ec = got->first;
    detail::finish_typed_call(op, ec, got->second, &response, response.diag, response.request_id);
    if (ec) {
        t.failures.push_back(action + ": " + ec.message() + ": " + response.diag.server.code + " " +
                             response.diag.server.message + response.diag.client_message);
        return;
    }
    if (const std::string left = test::first_default(*op.response, &response); !left.empty()) {
        t.failures.push_back(action + ": " + left + " did not arrive");
        return;
    }
    ++t.round_trips;
}

inline void check_tally(const tally& t, std::string_view version)
{
    std::string failed;
    for (const auto& f : t.failures)
        failed += f + "\n";
    INFO(failed);
    CHECK(t.failures.empty());
    const auto served = emulator::schema_operation_names(emulator::builtin_schemas(), version).size();
    CHECK(t.round_trips + t.with_state == served);
    CHECK(t.with_state == emulator::stateful_operations(version).size());
}

} // namespace alicloud::test::every_operation

// An X-macro callback over a product's operation list, in a test that names
// the product's namespace `product`, and has `client`, `ioc` and `t`.
#define ALICLOUD_ROUND_TRIP(name)                                                                             \
    ::alicloud::test::every_operation::round_trip<product::name##_request, product::name##_response>(          \
        product::detail::name##_operation, client, ioc, t);

#endif
