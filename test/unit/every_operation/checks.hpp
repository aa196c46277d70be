#ifndef ALICLOUD_TEST_UNIT_EVERY_OPERATION_CHECKS_HPP
#define ALICLOUD_TEST_UNIT_EVERY_OPERATION_CHECKS_HPP

// Every operation's codec of one product, from its generated descriptors:
// (a) a request with every field set (one element per list) encodes to
// exactly the keys the official SDK sent for it (the schema's wire.query,
// test/<product>/generated/wire_keys.inc); (b) an answer with every field set,
// lists in their wrapper objects as the service sends them, decodes with no
// field left at its default. One file per product runs them over its
// operation list (ecs_test.cpp, vpc_test.cpp...).

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"
#include "model_sample.hpp"
#include "official_wire_keys.hpp"

#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <span>
#include <string>
#include <string_view>

namespace alicloud::test::every_operation {

inline std::string sorted_keys(const parameters& params)
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
void check_request(const detail::operation_info& op, std::span<const official_keys> golden)
{
    namespace model = alicloud::detail::model;
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
    CHECK(sorted_keys(params) == official_keys_of(golden, op.action));
}

template <class Response>
void check_response(const detail::operation_info& op)
{
    namespace model = alicloud::detail::model;
    Response response;
    error_code ec;
    diagnostics diag;
    const std::string body = boost::json::serialize(test::model_sample(*op.response, true, 2));
    REQUIRE(model::decode(*op.response, body, &response, ec, diag));
    INFO(op.action << ": " << diag.client_message);
    REQUIRE_FALSE(ec);
    CHECK(test::first_default(*op.response, &response).empty());
}

} // namespace alicloud::test::every_operation

// X-macro callbacks over a product's operation list, in a test that names the
// product's namespace `product`, its golden keys `golden` and counts
// `operations`.
#define ALICLOUD_CHECK_REQUEST(name)                                                                          \
    ::alicloud::test::every_operation::check_request<product::name##_request>(product::detail::name##_operation, \
                                                                             golden);                         \
    ++operations;
#define ALICLOUD_CHECK_RESPONSE(name)                                                                         \
    ::alicloud::test::every_operation::check_response<product::name##_response>(product::detail::name##_operation);

#endif
