// The typed ECS operations: validate -> encode -> the shared RPC call ->
// decode. One template, instantiated here once per operation, so that a user's
// translation unit compiles only the thin initiating functions of client.hpp.

#include <alicloud/ecs/client.hpp>

#include "ecs/models/codec.hpp"
#include "ecs/models/json_document.hpp"
#include "rpc/client_impl.hpp"

#include <alicloud/core/sansio/response_decoder.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <optional>

namespace alicloud::ecs {
namespace {

namespace asio = boost::asio;

client_options for_ecs(client_options options)
{
    if (options.product.empty())
        options.product = "ecs"; // its endpoint, when none is given
    return options;
}

// The answer's text -> the model. A success answer is parsed into a
// json_document this thread keeps and reuses (no allocation per call once warm)
// and read from there; an error answer, or a body that is not JSON, goes to the
// generic decoder, which says what the service or the body got wrong.
// One per thread for every operation (a thread_local in the template below
// would be one per response type, each keeping its own buffers).
detail::json_document& thread_document()
{
    thread_local detail::json_document document;
    return document;
}

template <class Response>
void decode_answer(const rpc_response& r, Response& out, error_code& ec)
{
    constexpr std::size_t keep_at_most = 4 * 1024 * 1024;
    detail::json_document& document = thread_document();
    boost::json::error_code parse_ec;
    if (r.http_status >= 200 && r.http_status < 300 && document.parse(r.text, parse_ec) &&
        document.root().kind == detail::json_kind::object) {
        detail::decode(document, out, ec, out.diag);
    } else {
        sansio::decode_rpc_response(r.http_status, r.text, ec, out.diag);
        if (!ec) { // Boost.JSON took what the document did not: both parse standard JSON, so this is a bug
            ec = client_errc::malformed_response;
            out.diag.client_message = "malformed response: the body could not be parsed (" + parse_ec.message() + ")";
        }
    }
    document.shrink(keep_at_most);
}

// The RPC call's handler: decodes the answer into the model, then completes
// the caller's handler - on that handler's own executor, which the associator
// below reports, or else wherever the RPC layer completes (the client's
// executor; a system thread for a call refused by a stopped client).
template <class Response>
struct decode_then_complete {
    detail::handler<Response> h;

    void operator()(error_code call_ec, rpc_response r)
    {
        Response out;
        if (!call_ec)
            decode_answer(r, out, call_ec);
        else
            out.diag = std::move(r.diag);
        if (out.request_id.empty())
            out.request_id = std::move(r.request_id);
        if (call_ec && out.diag.server.http_status == 0)
            out.diag.server.http_status = r.http_status;
        std::move(h)(call_ec, std::move(out));
    }
};

} // namespace
} // namespace alicloud::ecs

template <class Response, class Candidate>
struct boost::asio::associated_executor<alicloud::ecs::decode_then_complete<Response>, Candidate> {
    using type = boost::asio::associated_executor_t<alicloud::ecs::detail::handler<Response>, Candidate>;
    static type get(const alicloud::ecs::decode_then_complete<Response>& d, const Candidate& c = Candidate()) noexcept
    {
        return boost::asio::get_associated_executor(d.h, c);
    }
};

namespace alicloud::ecs {
namespace {

template <class Request>
void async_operation(const std::shared_ptr<alicloud::detail::rpc_client_impl>& impl, Request request,
                     call_options options, detail::handler<typename detail::operation_traits<Request>::response> h)
{
    using traits = detail::operation_traits<Request>;
    using response_type = typename traits::response;

    if constexpr (requires { request.region_id; }) {
        if (request.region_id.empty())
            request.region_id = impl->options.region_id; // the client's region is the default
    }

    response_type failed;
    error_code ec;
    detail::validate(request, ec, failed.diag);
    if (ec) {
        // Refused before anything was sent; still never inside the initiating function.
        // post() runs the appended handler through its own associated executor.
        asio::post(impl->completion_fallback(), asio::append(std::move(h), ec, std::move(failed)));
        return;
    }

    rpc_call call;
    call.action = traits::action;
    call.version = api_version;
    call.params = detail::encode(request);
    call.idempotent = traits::idempotent;
    if constexpr (traits::has_client_token)
        call.client_token_parameter = "ClientToken";
    call.options = std::move(options);
    call.parse_body = false; // parsed here, straight into the model

    auto slot = asio::get_associated_cancellation_slot(h);
    alicloud::detail::async_call(impl, std::move(call),
                                 asio::bind_cancellation_slot(slot, decode_then_complete<response_type>{std::move(h)}));
}

} // namespace

client::client(executor_type executor, client_options options)
    : rpc_(std::move(executor), for_ecs(std::move(options)))
{
}

client::client(boost::asio::io_context& ioc, client_options options) : client(ioc.get_executor(), std::move(options))
{
}

client::client(client_options options) : rpc_(for_ecs(std::move(options))) {}

namespace detail {

#define ALICLOUD_ECS_DEFINE(name)                                                                            \
    void async_##name(const std::shared_ptr<alicloud::detail::rpc_client_impl>& impl, name##_request request, \
                      call_options options, handler<name##_response> h)                                      \
    {                                                                                                        \
        async_operation(impl, std::move(request), std::move(options), std::move(h));                         \
    }
ALICLOUD_ECS_DEFINE(describe_regions)
ALICLOUD_ECS_DEFINE(describe_zones)
ALICLOUD_ECS_DEFINE(describe_instances)
ALICLOUD_ECS_DEFINE(describe_instance_status)
ALICLOUD_ECS_DEFINE(describe_instance_attribute)
ALICLOUD_ECS_DEFINE(run_instances)
ALICLOUD_ECS_DEFINE(create_instance)
ALICLOUD_ECS_DEFINE(start_instance)
ALICLOUD_ECS_DEFINE(stop_instance)
ALICLOUD_ECS_DEFINE(reboot_instance)
ALICLOUD_ECS_DEFINE(delete_instance)
ALICLOUD_ECS_DEFINE(delete_instances)
#undef ALICLOUD_ECS_DEFINE

} // namespace detail
} // namespace alicloud::ecs
