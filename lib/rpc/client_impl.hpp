#ifndef ALICLOUD_LIB_RPC_CLIENT_IMPL_HPP
#define ALICLOUD_LIB_RPC_CLIENT_IMPL_HPP

// What an rpc_client shares with its calls (which keep it alive): options, the
// TLS context, one connection pool per host.

#include "connection_pool.hpp"

#include <alicloud/core/endpoint.hpp>
#include <alicloud/core/sansio/request_stamp.hpp>
#include <alicloud/rpc_client.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace alicloud::detail {

class rpc_client_impl {
public:
    rpc_client_impl(boost::asio::any_io_executor ex, client_options opts);

    boost::asio::any_io_executor executor;
    client_options options;
    boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
    // The client's own endpoint; nullopt with the reason in endpoint_error when
    // it could not be parsed (every call then fails with that reason).
    std::optional<endpoint> default_endpoint;
    diagnostics endpoint_error;

    // The TLS context, with the system's CAs loaded the first time it is needed.
    boost::asio::ssl::context& use_tls();

    connection_pool& pool_for(const endpoint& ep);
    sansio::request_stamp make_stamp() const;

    // Connections open to all hosts (for tests and diagnostics).
    std::size_t open_connections() const;

private:
    std::once_flag system_store_loaded_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<connection_pool>, std::less<>> pools_;
};

// The endpoint a client uses when none is given: "<product>.<region>.aliyuncs.com".
std::string regional_endpoint(std::string_view product, std::string_view region);

} // namespace alicloud::detail

#endif
