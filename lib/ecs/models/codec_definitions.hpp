#ifndef ALICLOUD_LIB_ECS_MODELS_CODEC_DEFINITIONS_HPP
#define ALICLOUD_LIB_ECS_MODELS_CODEC_DEFINITIONS_HPP

// The bodies of codec.hpp's templates, for the operations' source files only.
// Each operation's file defines, for its models,
//     void check_fields(request_checker&, const X_request&);
//     void write_fields(parameter_writer&, const X_request&);
//     void read_members(object_reader&, X_response&);
// and then instantiates the codec with ALICLOUD_ECS_DEFINE_CODEC(X).

#include "ecs/models/codec.hpp"
#include "ecs/models/json_reader.hpp"
#include "ecs/models/parameter_writer.hpp"
#include "ecs/models/request_checker.hpp"

namespace alicloud::ecs::detail {

template <request_model Request>
void validate(const Request& request, error_code& ec, diagnostics& diag)
{
    request_checker check(ec, diag);
    check_fields(check, request);
}

template <request_model Request>
parameters encode(const Request& request)
{
    parameters out;
    parameter_writer w(out);
    write_fields(w, request);
    return out;
}

template <class Response>
void decode(const json_document& body, Response& out, error_code& ec, diagnostics& diag)
{
    ec.clear();
    out = Response{};
    decode_failure failure{ec, diag};
    const json_path root;
    if (body.root().kind == json_kind::object) {
        object_reader reader(body, 0, root, failure);
        read_members(reader, out);
    } else {
        failure.set(root, "expected a JSON object");
    }
}

} // namespace alicloud::ecs::detail

#define ALICLOUD_ECS_DEFINE_CODEC(name)                                                                 \
    template void alicloud::ecs::detail::validate(const alicloud::ecs::name##_request&,                 \
                                                  alicloud::error_code&, alicloud::diagnostics&);       \
    template alicloud::parameters alicloud::ecs::detail::encode(const alicloud::ecs::name##_request&);  \
    template void alicloud::ecs::detail::decode(const alicloud::ecs::detail::json_document&,            \
                                                alicloud::ecs::name##_response&, alicloud::error_code&, \
                                                alicloud::diagnostics&)

#endif
