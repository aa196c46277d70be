#ifndef ALICLOUD_EMULATOR_STATEFUL_OPERATIONS_HPP
#define ALICLOUD_EMULATOR_STATEFUL_OPERATIONS_HPP

// Which operations the emulator keeps state for, by product (API version):
// ECS's instances and security groups (those with official metadata in
// api_meta/ecs), STS's AssumeRole, VPC's networks and EIPs. Every other
// operation is answered from its product's schema. The dispatcher routes by
// it, and tests that walk every operation ask it (or GET
// /_emulator/operations) instead of keeping lists of their own.

#include <string>
#include <string_view>
#include <vector>

namespace alicloud::emulator {

// RAM keeps no state (ECS, STS and VPC name their versions beside their services).
inline constexpr std::string_view ram_api_version = "2015-05-01";

bool keeps_state(std::string_view version, std::string_view action);

// The stateful operations of a version, sorted; empty for one it has no schema of.
std::vector<std::string> stateful_operations(std::string_view version);

} // namespace alicloud::emulator

#endif
