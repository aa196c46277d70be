// Fuzz target: the typed models' decoder (lib/core/model/decode.cpp), which
// turns a success answer into any operation's response by walking its
// generated descriptors. The first two bytes pick one of the 380 ECS
// operations, the rest is the body.
//
// Invariants: a decode succeeds only on a body Boost.JSON accepts whose root
// is an object; it fails only as malformed_response, saying why; on success
// the model's RequestId is the body's (of duplicate keys the last, as
// boost::json::parse keeps), and no floating-point member holds infinity or
// NaN, at any depth.

#include "check.hpp"
#include "fuzz_input.hpp"

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"

#include <alicloud/ecs/all_models.hpp>
#include <alicloud/ecs/operations.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

namespace ecs = alicloud::ecs;
namespace model = alicloud::detail::model;

// Every float and double member of `object` is finite, in nested structs and lists too.
void check_finite(const model::class_info& cls, const void* object)
{
    for (const model::field_info& f : cls.fields) {
        const void* p = f.at(const_cast<void*>(object));
        if (f.kind == model::kind::object) {
            if (f.form == model::form::value) {
                check_finite(*f.nested, p);
            } else if (f.form == model::form::optional) {
                if (const void* v = f.nested->value(p))
                    check_finite(*f.nested, v);
            } else {
                for (std::size_t i = 0, n = f.nested->size(p); i < n; ++i)
                    check_finite(*f.nested, f.nested->element(p, i));
            }
            continue;
        }
        auto finite = [&](auto type) {
            using T = typename decltype(type)::type;
            if constexpr (std::is_floating_point_v<T>) {
                if (f.form == model::form::value)
                    FUZZ_CHECK(std::isfinite(*static_cast<const T*>(p)), "a number decoded that is not finite");
                else if (f.form == model::form::optional)
                    FUZZ_CHECK(!model::optional_scalar(f.kind, p) || std::isfinite(*static_cast<const T*>(
                                                                         model::optional_scalar(f.kind, p))),
                               "a number decoded that is not finite");
                else
                    for (T v : *static_cast<const std::vector<T>*>(p))
                        FUZZ_CHECK(std::isfinite(v), "a number decoded that is not finite");
            }
        };
        model::visit_scalar(f.kind, finite);
    }
}

template <class Response>
void decode_as(const alicloud::detail::operation_info& op, std::string_view body, const boost::json::value& reference,
               bool is_json)
{
    Response out;
    alicloud::error_code ec;
    alicloud::diagnostics diag;
    const bool parsed = model::decode(*op.response, body, &out, ec, diag);
    // "Not JSON" is said only of what is not; a body that stopped fitting the
    // model is not read further, so it may be called JSON and malformed.
    FUZZ_CHECK(parsed || !is_json, "the decoder called JSON not JSON");
    if (ec) {
        FUZZ_CHECK(ec == alicloud::client_errc::malformed_response, "a decode failed other than malformed_response");
        FUZZ_CHECK(diag.client_message.starts_with("malformed response: "), "a failed decode does not say why");
        return;
    }
    FUZZ_CHECK(reference.is_object(), "a body whose root is not an object was decoded");
    const boost::json::value* request_id = reference.get_object().if_contains("RequestId");
    FUZZ_CHECK(request_id == nullptr || request_id->is_null() || request_id->is_string(),
               "a RequestId that is not a string was accepted");
    std::string_view expected_id;
    if (request_id != nullptr && request_id->is_string())
        expected_id = std::string_view(request_id->get_string().data(), request_id->get_string().size());
    FUZZ_CHECK(out.request_id == expected_id, "the model's RequestId is not the body's");
    check_finite(*op.response, &out);
}

using decoder = void (*)(const alicloud::detail::operation_info&, std::string_view, const boost::json::value&, bool);

struct operation {
    const alicloud::detail::operation_info* info;
    decoder decode;
};

const std::vector<operation>& operations()
{
    static const std::vector<operation> all = [] {
        std::vector<operation> v;
#define ALICLOUD_FUZZ_OPERATION(name) v.push_back({&ecs::detail::name##_operation, decode_as<ecs::name##_response>});
        ALICLOUD_ECS_OPERATIONS(ALICLOUD_FUZZ_OPERATION)
#undef ALICLOUD_FUZZ_OPERATION
        return v;
    }();
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    alicloud::fuzz::fuzz_input input(data, size);
    const auto& all = operations();
    const operation& op = all[input.u16() % all.size()];
    const std::string_view body = input.rest();
    // The decoder's own depth limit, so that both parsers judge the same texts.
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::error_code json_ec;
    const boost::json::value reference =
        boost::json::parse(boost::json::string_view(body.data(), body.size()), json_ec, {}, options);
    op.decode(*op.info, body, reference, !json_ec);
    return 0;
}
