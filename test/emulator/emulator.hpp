#ifndef ALICLOUD_EMULATOR_EMULATOR_HPP
#define ALICLOUD_EMULATOR_EMULATOR_HPP

// A local ECS endpoint: HTTPS and/or HTTP listeners on an executor the caller
// owns, real signature checks, live instances, fault injection and a control
// API under /_emulator/ (see README.md in this folder).
//
// Threading: everything runs on the given executor; run its io_context on one
// thread (or give a strand). Construct, listen and stop from that thread or
// before/after it runs; tests drive it over HTTP like any client.

#include "options.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <optional>
#include <string>

namespace alicloud::emulator {

namespace detail {
struct state;
}

struct tls_files {
    std::string certificate_chain_pem;
    std::string private_key_pem;
};

class emulator {
public:
    // Without `tls`, a fresh CA and a certificate for localhost, 127.0.0.1 and
    // ::1 are made (ca_certificate_pem() gives the CA to trust).
    emulator(boost::asio::any_io_executor executor, options opts, std::optional<tls_files> tls = std::nullopt);
    ~emulator();
    emulator(const emulator&) = delete;
    emulator& operator=(const emulator&) = delete;

    // Starts accepting on `at` (port 0: any free port); returns where it listens.
    boost::asio::ip::tcp::endpoint listen(const boost::asio::ip::tcp::endpoint& at, bool tls);

    // Stops accepting, closes every connection and cancels every timer, so the
    // io_context runs out of work. Idempotent.
    void stop();

    // The CA of the generated certificate; empty when certificates were given.
    const std::string& ca_certificate_pem() const;

    std::size_t open_connections() const;

private:
    std::shared_ptr<detail::state> state_;
};

} // namespace alicloud::emulator

#endif
