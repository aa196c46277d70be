// The ECS client. Its operations are generated (ecs/generated/): each is a
// table the typed call of rpc/typed_call.cpp walks; nothing here is per
// operation.

#include <alicloud/ecs/client.hpp>

#include <boost/asio/io_context.hpp>

namespace alicloud::ecs {
namespace {

client_options for_ecs(client_options options)
{
    if (options.product.empty())
        options.product = "ecs"; // its endpoint, when none is given
    return options;
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

} // namespace alicloud::ecs
