#ifndef ALICLOUD_EMULATOR_SESSION_HPP
#define ALICLOUD_EMULATOR_SESSION_HPP

#include "state.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <memory>

namespace alicloud::emulator::detail {

// Serves one accepted connection until it closes.
void start_session(std::shared_ptr<state> s, boost::asio::ip::tcp::socket socket, bool tls);

} // namespace alicloud::emulator::detail

#endif
