#ifndef ALICLOUD_DETAIL_TYPED_CALL_HPP
#define ALICLOUD_DETAIL_TYPED_CALL_HPP

// How a typed operation (ecs::client::describe_instances...) becomes the
// generic RPC call and back, with the least compiled per operation: the
// library does the work once for every operation (lib/rpc/typed_call.cpp),
// driven by the operation's descriptor tables; what a program instantiates per
// operation it calls is the initiation below and one handler adapter.

#include <alicloud/detail/forwarding_associator.hpp>
#include <alicloud/detail/token_rule.hpp>
#include <alicloud/rpc_client.hpp>

#include <memory>
#include <string>
#include <utility>

namespace alicloud::detail {

struct operation_info; // generated, one per operation (lib/core/model/descriptor.hpp)

// Fills a required RegionId left empty with the client's region, validates,
// encodes and starts the call. A request refused before sending completes the
// handler with the reason (never inside this function). `request` is read and
// may be changed; it need not outlive the call.
void async_typed_call(const std::shared_ptr<rpc_client_impl>& impl, const operation_info& op, void* request,
                      call_options options, rpc_handler handler);

// The call's outcome -> the response model: a success answer decoded into
// `response`, or the failure's diagnostics moved into `diag`.
void finish_typed_call(const operation_info& op, error_code& ec, rpc_response& answer, void* response,
                       diagnostics& diag, std::string& request_id);

template <class Response, class Handler>
struct typed_completion {
    const operation_info* op;
    Handler handler;

    void operator()(error_code ec, rpc_response answer)
    {
        Response out;
        finish_typed_call(*op, ec, answer, &out, out.diag, out.request_id);
        std::move(handler)(ec, std::move(out));
    }
};

template <class Response, class Request, class CompletionToken>
auto initiate_typed(const std::shared_ptr<rpc_client_impl>& impl, const operation_info& op, const Request& request,
                    const call_options& options, CompletionToken&& token)
{
    return initiate_call<void(error_code, Response)>(
        [impl, op = &op](auto handler, Request r, call_options o) {
            using completion = typed_completion<Response, decltype(handler)>;
            async_typed_call(impl, *op, &r, std::move(o), rpc_handler(completion{op, std::move(handler)}));
        },
        std::forward<CompletionToken>(token), request, options);
}

} // namespace alicloud::detail

// The adapter completes where, and is cancelled as, the caller's handler says.
template <template <class, class> class Associator, class Response, class Handler, class DefaultCandidate>
struct boost::asio::associator<Associator, alicloud::detail::typed_completion<Response, Handler>, DefaultCandidate>
    : alicloud::detail::forwarding_associator<Associator, alicloud::detail::typed_completion<Response, Handler>,
                                              Handler, DefaultCandidate> {};

#endif
