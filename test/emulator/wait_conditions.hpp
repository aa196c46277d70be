#ifndef ALICLOUD_EMULATOR_WAIT_CONDITIONS_HPP
#define ALICLOUD_EMULATOR_WAIT_CONDITIONS_HPP

// What POST /_emulator/wait can wait for, so that a test waits for the state
// it needs (a request arrived, a connection closed, an instance running)
// instead of polling for it:
//
//     {"connections": N}                                    at most N open connections
//     {"logged": {"action": A, "count": N}}                 N requests of A logged; with "finished": true,
//                                                           answered (or ended); with "error_code": E, that code
//     {"instances": {"ids": [...], "status": S}}            every one of them in status S
//     {"available": [ids]}                                  these VPCs and vSwitches Available
//
// with "timeout_ms" (default 10000, at most 60000).

#include "state.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace alicloud::emulator::detail {

// The condition in `body`, or why there is none.
std::optional<std::string> parse_wait(state& s, const boost::json::value& body, wait_condition& out);

} // namespace alicloud::emulator::detail

#endif
