#ifndef ALICLOUD_LIB_ECS_MODELS_CODEC_HPP
#define ALICLOUD_LIB_ECS_MODELS_CODEC_HPP

// What the client needs to send an operation and read its answer, for each of
// the typed ECS operations:
//
//     validate(request, ec, diag)   before sending: missing_field / invalid_field,
//                                   diag.field naming the API parameter
//     encode(request)               the wire parameters, flattened as the
//                                   official SDKs flatten them
//     decode(body, response, ec, diag)
//                                   body: a success answer's JSON, parsed (see
//                                   json_document.hpp); a member of the wrong
//                                   type gives malformed_response naming its path
//     operation_traits<Request>     the Action, the response type, and whether a
//                                   repeat is safe
//
// Internal: the public headers stay free of Boost.JSON.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>
#include <alicloud/core/parameters.hpp>
#include <alicloud/ecs/models.hpp>


#include <optional>
#include <string>
#include <string_view>

namespace alicloud::ecs::detail {

// operation_traits<Request>:
//   response          the response model
//   action            the API's Action
//   idempotent        true when repeating the call cannot change the outcome
//                     (the Describe* reads), so a retry policy may repeat it freely
//   has_client_token  the operation takes a ClientToken. Such a call becomes safe
//                     to repeat once a token is set: client_token(request) gives
//                     the member, for the client to fill once per logical call
//                     (before the first attempt, the same for every retry) when
//                     the caller left it unset or empty.
template <class Request>
struct operation_traits;

// The requests of models.hpp: those with operation_traits.
template <class Request>
concept request_model = requires { typename operation_traits<Request>::response; };

// Each is defined (explicitly instantiated) for every request and response of
// models.hpp, in the operation's source file.
template <request_model Request>
void validate(const Request& request, error_code& ec, diagnostics& diag);

template <request_model Request>
parameters encode(const Request& request);

class json_document;

template <class Response>
void decode(const json_document& body, Response& out, error_code& ec, diagnostics& diag);

template <class Response, bool Idempotent>
struct operation_kind {
    using response = Response;
    static constexpr bool idempotent = Idempotent;
    static constexpr bool has_client_token = false;
};

template <class Request, class Response>
struct operation_with_client_token {
    using response = Response;
    static constexpr bool idempotent = false;
    static constexpr bool has_client_token = true;
    static std::optional<std::string>& client_token(Request& request) noexcept { return request.client_token; }
};

template <>
struct operation_traits<describe_regions_request> : operation_kind<describe_regions_response, true> {
    static constexpr std::string_view action = "DescribeRegions";
};
template <>
struct operation_traits<describe_zones_request> : operation_kind<describe_zones_response, true> {
    static constexpr std::string_view action = "DescribeZones";
};
template <>
struct operation_traits<describe_instances_request> : operation_kind<describe_instances_response, true> {
    static constexpr std::string_view action = "DescribeInstances";
};
template <>
struct operation_traits<describe_instance_status_request> : operation_kind<describe_instance_status_response, true> {
    static constexpr std::string_view action = "DescribeInstanceStatus";
};
template <>
struct operation_traits<describe_instance_attribute_request>
    : operation_kind<describe_instance_attribute_response, true> {
    static constexpr std::string_view action = "DescribeInstanceAttribute";
};
template <>
struct operation_traits<run_instances_request>
    : operation_with_client_token<run_instances_request, run_instances_response> {
    static constexpr std::string_view action = "RunInstances";
};
template <>
struct operation_traits<create_instance_request>
    : operation_with_client_token<create_instance_request, create_instance_response> {
    static constexpr std::string_view action = "CreateInstance";
};
template <>
struct operation_traits<start_instance_request> : operation_kind<start_instance_response, false> {
    static constexpr std::string_view action = "StartInstance";
};
template <>
struct operation_traits<stop_instance_request> : operation_kind<stop_instance_response, false> {
    static constexpr std::string_view action = "StopInstance";
};
template <>
struct operation_traits<reboot_instance_request> : operation_kind<reboot_instance_response, false> {
    static constexpr std::string_view action = "RebootInstance";
};
template <>
struct operation_traits<delete_instance_request> : operation_kind<delete_instance_response, false> {
    static constexpr std::string_view action = "DeleteInstance";
};
template <>
struct operation_traits<delete_instances_request>
    : operation_with_client_token<delete_instances_request, delete_instances_response> {
    static constexpr std::string_view action = "DeleteInstances";
};

} // namespace alicloud::ecs::detail

#endif
