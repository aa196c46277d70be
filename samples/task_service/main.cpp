// alicloud-task-service: long ECS jobs behind a small HTTP API - submit, poll,
// cancel, time out - with the SDK on the server's own io_context.
//
// One thread runs everything: the listener, every connection, every job's
// ECS calls and timers. Nothing blocks it; a job waiting for ECS is a
// suspended coroutine. Each job runs under a Go-style context whose deadline
// is its timeout and whose cancellation is DELETE /tasks/{id} (or shutdown),
// so the call in flight at that moment is the one that ends. Tasks are kept
// in a task store (SQLite by default, PostgreSQL for several replicas),
// written before the 202 that accepts them.

#include "http_server.hpp"
#include "service_options.hpp"
#include "store_factory.hpp"
#include "task_scheduler.hpp"

#include <alicloud/credentials/providers.hpp>
#include <alicloud/ecs.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <optional>

#include <unistd.h>

namespace asio = boost::asio;
using namespace task_service;

namespace {

alicloud::client_options client_options_from(const service_options& o, const asio::any_io_executor& ex)
{
    alicloud::client_options c;
    c.endpoint = o.endpoint;
    c.region_id = o.region;
    c.tls.ca_file = o.ca_file;
    c.creds = {};
    alicloud::credential_services services;
    services.metadata_endpoint = o.metadata_endpoint;
    services.sts_endpoint = o.sts_endpoint;
    services.sts_tls.ca_file = o.ca_file;
    c.credentials_provider = o.profile.empty() ? alicloud::default_credentials_chain(ex, services)
                                               : alicloud::profile_credentials(ex, o.profile, {}, services);
    return c;
}

std::string default_replica_id()
{
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(getpid());
}

void log_status(const task& t)
{
    std::cout << "task " << t.id << " " << job_name(t.job.kind) << " " << to_string(t.status);
    if (t.error)
        std::cout << " " << t.error->code << (t.error->request_id.empty() ? "" : " RequestId=" + t.error->request_id);
    std::cout << std::endl;
}

} // namespace

int main(int argc, char** argv)
{
    std::string error;
    const auto opts = parse_service_options({argv + 1, argv + argc}, error);
    if (!opts) {
        std::cerr << "alicloud-task-service: " << error << "\n\n" << service_usage;
        return 2;
    }
    if (opts->help) {
        std::cout << service_usage;
        return 0;
    }
    try {
        asio::io_context ioc(1); // the one thread: no locks anywhere
        const auto store = make_task_store(opts->store, opts->db_connections, ioc.get_executor());

        // The store first: a service that cannot keep what it accepts does not listen.
        std::optional<std::string> store_failure;
        bool opened = false;
        asio::co_spawn(ioc, store->open(), [&](std::exception_ptr e) {
            opened = true;
            if (!e)
                return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& x) {
                store_failure = x.what();
            }
        });
        while (!opened && ioc.run_one() != 0) {
        }
        ioc.restart(); // out of work once the store was open: the loop stopped itself
        if (store_failure) {
            // The kind only: a connection string may hold a password.
            std::cerr << "alicloud-task-service: the task store (" << opts->store.substr(0, opts->store.find(':'))
                      << ") cannot be opened: " << *store_failure << "\n";
            return 3;
        }

        alicloud::ecs::client ecs(ioc, client_options_from(*opts, ioc.get_executor()));
        task_scheduler tasks(ioc.get_executor(), ecs, *store, opts->limits,
                             opts->replica_id.empty() ? default_replica_id() : opts->replica_id);
        tasks.on_status = log_status;
        http_server server(ioc.get_executor(), opts->listen, tasks);
        server.start();
        tasks.start();

        const auto port = server.local_endpoint().port();
        std::cout << "listening on http://" << server.local_endpoint() << std::endl;
        if (!opts->port_file.empty())
            std::ofstream(opts->port_file) << "http " << port << "\n";

        // Stop accepting; running jobs get the grace period, then are
        // interrupted; every task ends with a status (or, in a durable store,
        // waits in the queue for the next replica) before the loop stops.
        asio::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([&](boost::system::error_code ec, int signal) {
            if (ec)
                return;
            std::cout << "signal " << signal << ": stopping (" << tasks.running() << " running)" << std::endl;
            server.stop();
            asio::co_spawn(ioc, tasks.shutdown(opts->shutdown_grace), [&](std::exception_ptr) {
                std::cout << "stopped: " << tasks.running() << " running" << std::endl;
                ioc.stop();
            });
        });
        ioc.run();
    } catch (const std::exception& e) {
        std::cerr << "alicloud-task-service: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
