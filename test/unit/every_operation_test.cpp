// Every ECS operation's codec, from the generated descriptors: (a) a request
// with every field set (one element per list) encodes to exactly the keys the
// official SDK sent for it (the schema's wire.query, test/ecs/generated/
// wire_keys.inc); (b) an answer with every field set, lists in their wrapper
// objects as the service sends them, decodes with no field left at its default.

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"
#include "model_sample.hpp"
#include "official_wire_keys.hpp"

#include <alicloud/ecs/all_models.hpp>
#include <alicloud/ecs/operations.hpp>

#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

using namespace alicloud;
namespace ecs = alicloud::ecs;
namespace model = alicloud::detail::model;

namespace {

std::string sorted_keys(const parameters& params)
{
    std::set<std::string> names;
    for (const auto& p : params)
        names.insert(p.name);
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : " ") + n;
    return out;
}

template <class Request>
void check_request(const detail::operation_info& op)
{
    Request request;
    error_code ec;
    diagnostics diag;
    const std::string body = boost::json::serialize(test::model_sample(*op.request, false));
    REQUIRE(model::decode(*op.request, body, &request, ec, diag));
    INFO(op.action << ": " << diag.client_message);
    REQUIRE_FALSE(ec);
    CHECK(test::first_default(*op.request, &request).empty());
    parameters params;
    model::encode(*op.request, &request, params);
    CHECK(sorted_keys(params) == test::official_ecs_keys(op.action));
}

template <class Response>
void check_response(const detail::operation_info& op)
{
    Response response;
    error_code ec;
    diagnostics diag;
    const std::string body = boost::json::serialize(test::model_sample(*op.response, true, 2));
    REQUIRE(model::decode(*op.response, body, &response, ec, diag));
    INFO(op.action << ": " << diag.client_message);
    REQUIRE_FALSE(ec);
    CHECK(test::first_default(*op.response, &response).empty());
}

} // namespace

TEST_CASE("every operation: a request with every field encodes to the official SDK's keys", "[ecs][every-operation]")
{
    std::size_t operations = 0;
#define ALICLOUD_CHECK(name)                                                                                   \
    check_request<ecs::name##_request>(ecs::detail::name##_operation);                                        \
    ++operations;
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_CHECK)
#undef ALICLOUD_CHECK
    CHECK(operations == std::size(test::ecs_wire_keys));
}

TEST_CASE("every operation: an answer with every field decodes with none left at its default", "[ecs][every-operation]")
{
#define ALICLOUD_CHECK(name) check_response<ecs::name##_response>(ecs::detail::name##_operation);
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_CHECK)
#undef ALICLOUD_CHECK
}
