#include <alicloud/rpc_client.hpp>

#include "client_impl.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/system_executor.hpp>

#include <openssl/ssl.h>

#include <stdexcept>

namespace alicloud {

namespace detail {

namespace {

admission_gate::state initial_state(bool owns_threads, const async_options& async)
{
    return owns_threads && async.threads == 0 ? admission_gate::state::not_started : admission_gate::state::open;
}

} // namespace

rpc_client_impl::rpc_client_impl(boost::asio::any_io_executor ex, client_options opts)
    : executor(std::move(ex)), options(std::move(opts)), gate(initial_state(false, options.async), options.async)
{
    if (options.async.threads != 0)
        throw std::invalid_argument("client_options::async.threads: a client made on an executor runs on it and owns "
                                    "no threads; make the client without an executor to have threads of its own");
    configure();
}

rpc_client_impl::rpc_client_impl(client_options opts)
    : workers(std::make_unique<worker_pool>()),
      executor(workers->executor()),
      options(std::move(opts)),
      gate(initial_state(true, options.async), options.async)
{
    configure();
    if (options.async.threads > 0)
        workers->start(options.async.threads);
}

void rpc_client_impl::configure()
{
    // Not left to the system's OpenSSL configuration, which may allow TLS 1.0.
    const int oldest = options.tls.min_version == tls_options::version::tls1_3 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(tls.native_handle(), oldest);
    if (options.tls.verify_peer) {
        tls.set_verify_mode(boost::asio::ssl::verify_peer);
        // The system store is loaded on the first TLS connection (use_tls()):
        // reading it costs more than a thousand calls, and http:// clients never need it.
        if (!options.tls.ca_file.empty())
            tls.load_verify_file(options.tls.ca_file);
        if (!options.tls.ca_pem.empty())
            tls.add_certificate_authority(boost::asio::buffer(options.tls.ca_pem));
    } else {
        tls.set_verify_mode(boost::asio::ssl::verify_none);
    }

    error_code ec;
    if (!options.endpoint.empty()) {
        auto ep = parse_endpoint(options.endpoint, ec, endpoint_error);
        if (!ec)
            default_endpoint = std::move(ep);
    } else if (!options.product.empty()) {
        const std::string host = endpoint_host_for(options.product, options.region_id, options.network,
                                                    options.product_endpoint_rule, ec, endpoint_error);
        if (!ec) {
            auto ep = parse_endpoint("https://" + host, ec, endpoint_error);
            if (!ec)
                default_endpoint = std::move(ep);
        }
    } else {
        endpoint_error.field = "endpoint";
        endpoint_error.client_message = "no endpoint: set client_options::endpoint (or product and region_id)";
    }
    if (default_endpoint)
        default_pool = &pool_for(*default_endpoint);
}

boost::asio::any_io_executor rpc_client_impl::completion_fallback() const
{
    if (workers)
        return boost::asio::system_executor();
    return executor;
}

boost::asio::ssl::context& rpc_client_impl::use_tls()
{
    std::call_once(system_store_loaded_, [this] {
        if (options.tls.verify_peer && options.tls.ca_file.empty() && options.tls.ca_pem.empty())
            tls.set_default_verify_paths();
    });
    return tls;
}

connection_pool& rpc_client_impl::pool_for(const endpoint& ep)
{
    std::string key = ep.tls ? "https://" : "http://";
    key += ep.host;
    key += ':';
    key += std::to_string(ep.port);
    std::lock_guard lock(mutex_);
    auto& pool = pools_[key];
    if (!pool)
        pool = std::make_unique<connection_pool>(options.pool);
    return *pool;
}

sansio::request_stamp rpc_client_impl::make_stamp() const
{
    sansio::request_stamp stamp;
    stamp.timestamp = sansio::format_timestamp(options.clock ? options.clock() : std::chrono::system_clock::now());
    stamp.nonce = options.nonce ? options.nonce() : sansio::random_nonce();
    return stamp;
}

std::size_t rpc_client_impl::open_connections() const
{
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [key, pool] : pools_)
        n += pool->open_connections();
    return n;
}


} // namespace detail

rpc_client::rpc_client(executor_type executor, client_options options)
    : impl_(std::make_shared<detail::rpc_client_impl>(std::move(executor), std::move(options)))
{
}

rpc_client::rpc_client(boost::asio::io_context& ioc, client_options options)
    : rpc_client(ioc.get_executor(), std::move(options))
{
}

rpc_client::rpc_client(client_options options) : impl_(std::make_shared<detail::rpc_client_impl>(std::move(options)))
{
}

namespace {

// A client's own threads must not outlive its last handle: abort and join.
void stop_owned_threads(const std::shared_ptr<detail::rpc_client_impl>& impl) noexcept
{
    if (!impl || !impl->workers)
        return;
    if (impl->workers->running_in_this_thread()) {
        // Cannot wait for ourselves: cancel everything; the pool's threads
        // leave once the calls are done (the worker_pool detaches this one).
        try {
            detail::async_shutdown(impl, shutdown_mode::abort, {}, [] {});
        } catch (...) {
            // Resource exhaustion while stopping: nothing more a destructor can do.
        }
        return;
    }
    try {
        detail::shutdown(impl, shutdown_mode::abort, {});
    } catch (...) {
        // Resource exhaustion while stopping: nothing more a destructor can do.
    }
}

} // namespace

rpc_client::~rpc_client()
{
    stop_owned_threads(impl_);
}

rpc_client::rpc_client(rpc_client&&) noexcept = default;

rpc_client& rpc_client::operator=(rpc_client&& other) noexcept
{
    if (this != &other) {
        stop_owned_threads(impl_);
        impl_ = std::move(other.impl_);
    }
    return *this;
}

rpc_client::executor_type rpc_client::get_executor() const noexcept
{
    return impl_->executor;
}

const client_options& rpc_client::options() const noexcept
{
    return impl_->options;
}

std::size_t rpc_client::open_connections() const
{
    return impl_->open_connections();
}

} // namespace alicloud
