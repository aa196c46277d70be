#ifndef ALICLOUD_EMULATOR_STATE_HPP
#define ALICLOUD_EMULATOR_STATE_HPP

// Everything one emulator owns, shared by its listeners and sessions (they hold
// a shared_ptr, so a coroutine frame destroyed late never outlives it).

#include "authenticator.hpp"
#include "credential_store.hpp"
#include "ecs_service.hpp"
#include "faults.hpp"
#include "metadata_service.hpp"
#include "nonce_cache.hpp"
#include "options.hpp"
#include "request_log.hpp"
#include "sts_service.hpp"
#include "vpc_service.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace alicloud::emulator::detail {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

// A POST /_emulator/wait: answered once `reached` holds, or at `deadline`.
struct wait_condition {
    std::function<bool()> reached;
    std::chrono::steady_clock::time_point deadline;
};

// What a session does with a request's answer.
struct response_plan {
    http_response response;
    std::optional<wait_condition> wait; // answer `response` once it is reached (or not, at its deadline)
    std::chrono::milliseconds latency{0};
    fault_kind fault = fault_kind::none;
    std::optional<std::uint64_t> log_sequence;
};

struct state {
    state(boost::asio::any_io_executor ex, options opts);

    boost::asio::any_io_executor executor;
    options opts;
    boost::asio::ssl::context tls{boost::asio::ssl::context::tls_server};
    std::string ca_pem;

    emulator_clock clock; // what tests advance: lifetimes of what the emulator hands out
    credential_store keys;
    nonce_cache nonces;
    authenticator auth;
    ecs_service ecs;
    vpc_service vpc{ecs}; // VPCs, vSwitches, EIPs: over ecs's network state
    sts_service sts;
    metadata_service metadata;
    fault_injector faults;
    request_log log;

    bool stopped = false;
    std::uint64_t next_connection_id = 1;
    std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> acceptors;
    // Open connections, to close them all on stop().
    std::map<std::uint64_t, boost::asio::ip::tcp::socket*> connections;

    // Restores the initial state: instances, networks, tokens, nonces, faults, log, keys, the clock.
    void reset();

    // Something a wait may be waiting for changed (a request arrived or was
    // answered, a connection closed, an instance or a network resource moved
    // on): wakes every waiting /_emulator/wait to check its condition again.
    // Their timers double as condition variables.
    void changed();
    std::vector<std::weak_ptr<boost::asio::steady_timer>> waiters;

    response_plan handle(const http_request& req, std::uint64_t connection_id);
    void finished(const response_plan& plan, std::string_view outcome);

    void stop();
};

// The /_emulator/ control API.
// A wait (POST /_emulator/wait) comes back in `wait`, with the answer to give
// once it is reached; wait_timed_out() is the answer when it is not.
http_response control(state& s, const http_request& req, std::string_view path, std::optional<wait_condition>& wait);
http_response wait_timed_out(const http_request& req);

// The RPC API: authentication, faults, the operation (ECS, or STS by its version).
response_plan handle_api(state& s, const http_request& req, std::uint64_t connection_id);

// The instance metadata service (/latest/...): logged, and subject to faults, like API calls.
response_plan handle_metadata(state& s, const http_request& req, std::string_view path, std::uint64_t connection_id);

// A small JSON answer (control API, plain HTTP errors).
http_response json_response(const http_request& req, unsigned status, std::string body);

} // namespace alicloud::emulator::detail

#endif
