// Fuzz target: the ECS models' JSON reading (lib/ecs/models/): the flat
// json_document the client parses a success answer into, and each
// operation's decode from it. The first byte picks the operation, the rest
// is the body.
//
// Invariants: the document accepts exactly the texts Boost.JSON accepts (the
// client counts on it: what the document refuses goes to the generic decoder)
// and holds the same value; a decode either fails as malformed_response or
// yields a model whose RequestId is the body's and whose prices are finite
// numbers. The document is reused from input to input, as the client reuses
// one per thread.

#include "check.hpp"
#include "fuzz_input.hpp"
#include "json_reference.hpp"

#include "ecs/models/codec.hpp"
#include "ecs/models/json_document.hpp"

#include <alicloud/ecs/models.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace {

namespace ecs = alicloud::ecs;
using ecs::detail::json_document;
using ecs::detail::json_kind;

// The document's value at `i`, as a boost::json::value (of duplicate keys the
// last, as boost::json::parse keeps), checking the counts the nodes carry.
boost::json::value to_value(const json_document& doc, json_document::index i)
{
    const auto& n = doc.at(i);
    switch (n.kind) {
    case json_kind::null: return nullptr;
    case json_kind::boolean: return n.boolean;
    case json_kind::int64: return n.int64;
    case json_kind::uint64: return n.uint64;
    case json_kind::number: return n.number;
    case json_kind::string: return boost::json::string_view(json_document::string(n).data(), n.size);
    case json_kind::object: {
        boost::json::object o;
        std::size_t members = 0;
        for (auto m = json_document::first(i); m != doc.end(i); m = doc.next(m), ++members) {
            const auto key = json_document::key(doc.at(m));
            FUZZ_CHECK(doc.at(m).key_hash == json_document::hash(key), "a member's key hash is not its key's");
            o.insert_or_assign(boost::json::string_view(key.data(), key.size()), to_value(doc, m));
        }
        FUZZ_CHECK(members == n.size, "an object's member count is wrong");
        return o;
    }
    case json_kind::array: {
        boost::json::array a;
        for (auto e = json_document::first(i); e != doc.end(i); e = doc.next(e))
            a.push_back(to_value(doc, e));
        FUZZ_CHECK(a.size() == n.size, "an array's element count is wrong");
        return a;
    }
    }
    FUZZ_CHECK(false, "a node of no known kind");
    return nullptr;
}

void check_price(const std::optional<double>& price)
{
    FUZZ_CHECK(!price || std::isfinite(*price), "a price decoded to a number that is not finite");
}

// The prices of the models that carry any; nothing to check for the others.
template <class Response>
void check_prices(const Response&)
{
}
void check_prices(const ecs::describe_instances_response& r)
{
    for (const auto& instance : r.instances)
        check_price(instance.spot_price_limit);
}
void check_prices(const ecs::run_instances_response& r)
{
    check_price(r.trade_price);
}
void check_prices(const ecs::create_instance_response& r)
{
    check_price(r.trade_price);
}

template <class Response>
void decode_as(const json_document& doc, const boost::json::object& body)
{
    Response out;
    alicloud::error_code ec;
    alicloud::diagnostics diag;
    ecs::detail::decode(doc, out, ec, diag);

    const boost::json::value* request_id = body.if_contains("RequestId");
    const bool request_id_usable = request_id == nullptr || request_id->is_null() || request_id->is_string();
    if (ec) {
        FUZZ_CHECK(ec == alicloud::client_errc::malformed_response, "a decode failed other than malformed_response");
        FUZZ_CHECK(diag.client_message.starts_with("malformed response: "), "a failed decode does not say why");
        return;
    }
    FUZZ_CHECK(request_id_usable, "a RequestId that is not a string was accepted");
    std::string_view expected_id;
    if (request_id != nullptr && request_id->is_string())
        expected_id = std::string_view(request_id->get_string().data(), request_id->get_string().size());
    FUZZ_CHECK(out.request_id == expected_id, "the model's RequestId is not the body's");
    check_prices(out);
}

using decoder = void (*)(const json_document&, const boost::json::object&);

constexpr std::array<decoder, 12> decoders = {
    decode_as<ecs::describe_instances_response>,
    decode_as<ecs::describe_instance_attribute_response>,
    decode_as<ecs::describe_instance_status_response>,
    decode_as<ecs::describe_regions_response>,
    decode_as<ecs::describe_zones_response>,
    decode_as<ecs::run_instances_response>,
    decode_as<ecs::create_instance_response>,
    decode_as<ecs::start_instance_response>,
    decode_as<ecs::stop_instance_response>,
    decode_as<ecs::reboot_instance_response>,
    decode_as<ecs::delete_instance_response>,
    decode_as<ecs::delete_instances_response>,
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static json_document doc; // reused, as the client's per-thread document is
    alicloud::fuzz::fuzz_input input(data, size);
    const decoder decode = decoders[input.byte() % decoders.size()];
    const std::string_view body = input.rest();

    boost::json::error_code doc_ec;
    const bool parsed = doc.parse(body, doc_ec);
    boost::json::error_code json_ec;
    const boost::json::value reference = alicloud::fuzz::reference_parse(body, json_ec);
    FUZZ_CHECK(parsed == !json_ec, "json_document and boost::json::parse disagree on whether the body is JSON");
    if (parsed) {
        FUZZ_CHECK(alicloud::fuzz::same_json(to_value(doc, 0), reference),
                   "json_document holds another value than boost::json::parse");
        if (reference.is_object())
            decode(doc, reference.get_object());
    }
    doc.shrink(4 * 1024 * 1024); // as the client does after every answer
    return 0;
}
