// The typed operations of every product, done once: see typed_call.hpp.

#include <alicloud/detail/typed_call.hpp>

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"
#include "rpc/client_impl.hpp"

#include <alicloud/core/sansio/response_decoder.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

namespace alicloud::detail {

namespace asio = boost::asio;

void async_typed_call(const std::shared_ptr<rpc_client_impl>& impl, const operation_info& op, void* request,
                      call_options options, rpc_handler handler)
{
    // The client's region is the default of a required RegionId.
    if (const model::field_info* region = op.request->find("RegionId");
        region != nullptr && region->kind == model::kind::string && region->form == model::form::value) {
        auto& value = *static_cast<std::string*>(region->at(request));
        if (value.empty())
            value = impl->options.region_id;
    }

    error_code ec;
    rpc_response refused;
    model::validate(*op.request, request, ec, refused.diag);
    if (!ec)
        model::check_rules(op, request, ec, refused.diag);
    if (ec) {
        // Refused before anything was sent; still never inside the initiating function.
        // post() runs the appended handler through its own associated executor.
        asio::post(impl->completion_fallback(), asio::append(std::move(handler), ec, std::move(refused)));
        return;
    }

    rpc_call call;
    call.action = op.action;
    call.version = op.version;
    model::encode(*op.request, request, call.params);
    call.idempotent = op.idempotent;
    if (op.has_client_token)
        call.client_token_parameter = "ClientToken";
    call.options = std::move(options);
    call.parse_body = false; // parsed by finish_typed_call, straight into the model
    async_call(impl, std::move(call), std::move(handler));
}

void finish_typed_call(const operation_info& op, error_code& ec, rpc_response& answer, void* response,
                       diagnostics& diag, std::string& request_id)
{
    if (ec) {
        diag = std::move(answer.diag);
    } else if (answer.http_status < 200 || answer.http_status >= 300 ||
               !model::decode(*op.response, answer.text, response, ec, diag)) {
        // Not a success answer, or not JSON: the generic decoder says what the
        // service or the body got wrong, as for an untyped call.
        error_code generic;
        diag.clear();
        sansio::decode_rpc_response(answer.http_status, answer.text, generic, diag);
        ec = generic ? generic : error_code(client_errc::malformed_response);
        if (!generic)
            diag.client_message = "malformed response: the body could not be parsed";
    }
    if (request_id.empty())
        request_id = std::move(answer.request_id);
    if (ec && diag.server.http_status == 0)
        diag.server.http_status = answer.http_status;
}

} // namespace alicloud::detail
