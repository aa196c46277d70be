#ifndef ALICLOUD_LIB_RPC_CLIENT_IMPL_HPP
#define ALICLOUD_LIB_RPC_CLIENT_IMPL_HPP

// What an rpc_client shares with its calls (which keep it alive): options, the
// TLS context, one connection pool per host, the admission gate - and, for a
// client made without an executor, the threads it runs on.

#include "admission_gate.hpp"
#include "connection_pool.hpp"
#include "worker_pool.hpp"

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
    // On the application's executor.
    rpc_client_impl(boost::asio::any_io_executor ex, client_options opts);
    // On threads of its own (started now when opts.async.threads > 0).
    explicit rpc_client_impl(client_options opts);

    // Declared first, destroyed last: the sockets below live on its io_context.
    std::unique_ptr<worker_pool> workers;
    boost::asio::any_io_executor executor;
    client_options options;
    boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
    // The client's own endpoint; nullopt with the reason in endpoint_error when
    // it could not be parsed (every call then fails with that reason).
    std::optional<endpoint> default_endpoint;
    diagnostics endpoint_error;
    // The default endpoint's pool, found once: most calls go there, and the
    // look-up by host builds a key and takes a lock.
    connection_pool* default_pool = nullptr;
    admission_gate gate;

    // Where a completion goes when its handler names no executor and the call
    // never ran: the client's executor, or a system thread for a client that
    // owns threads (they may be stopped).
    boost::asio::any_io_executor completion_fallback() const;

    // The TLS context, with the system's CAs loaded the first time it is needed.
    boost::asio::ssl::context& use_tls();

    connection_pool& pool_for(const endpoint& ep);
    sansio::request_stamp make_stamp() const;

    // Connections open to all hosts (for tests and diagnostics).
    std::size_t open_connections() const;

private:
    void configure(); // TLS and endpoint, from options

    std::once_flag system_store_loaded_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<connection_pool>, std::less<>> pools_;
};


} // namespace alicloud::detail

#endif
