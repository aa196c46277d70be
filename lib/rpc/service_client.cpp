// The part of every product client that is not per operation: which product's
// endpoint it reaches when the options name none.

#include <alicloud/service_client.hpp>

#include <boost/asio/io_context.hpp>

namespace alicloud {
namespace {

client_options for_product(client_options options, const product_identity& product)
{
    if (options.product.empty()) {
        options.product = product.code;
        options.product_endpoint_rule = product.rule;
    }
    return options;
}

} // namespace

service_client::service_client(executor_type executor, client_options options, const product_identity& product)
    : rpc_(std::move(executor), for_product(std::move(options), product))
{
}

service_client::service_client(boost::asio::io_context* ioc, client_options options, const product_identity& product)
    : service_client(ioc->get_executor(), std::move(options), product)
{
}

service_client::service_client(client_options options, const product_identity& product)
    : rpc_(for_product(std::move(options), product))
{
}

} // namespace alicloud
