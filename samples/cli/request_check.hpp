#ifndef ALICLOUD_SAMPLES_CLI_REQUEST_CHECK_HPP
#define ALICLOUD_SAMPLES_CLI_REQUEST_CHECK_HPP

// A call checked against the product's catalog (<alicloud/core/api_catalog.hpp>)
// before anything is sent: a typo is refused here, with the names that were
// probably meant, rather than by the service after a round trip - or not at
// all, when the service ignores a parameter it does not know.

#include <alicloud/core/api_catalog.hpp>
#include <alicloud/core/parameters.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::cli {

// The operation of `action`, or nullptr with `error` naming the action and
// the nearest ones.
const operation_description* find_action(const api_catalog& catalog, std::string_view action, std::string& error);

// Whether `params`, as they will be sent (RegionId from --region included),
// fit `op`: each name the operation's (or a common parameter), each value of
// its type, each required one there. Otherwise false, and `error` says which
// parameter and why; for an unknown name, the nearest of the operation's
// parameters and of `options` (the tool's own, without "--").
bool check_parameters(const operation_description& op, const parameters& params,
                      const std::vector<std::string>& options, std::string& error);

// The group whose elements or objects each need `name` when it is required:
// "Tag.N" for "Tag.N.Key", "SystemDisk" for "SystemDisk.Category"; empty for
// a top-level name, a list of them ("InstanceId.N") or of groups ("Disk.N").
std::string_view holder_of(std::string_view name) noexcept;

// Protocol parameters any action takes (a caller's value overrides the
// signer's): --Format XML, ...
std::span<const std::string_view> common_parameters() noexcept;

// "String", "Integer (int32)", "JSON array"...: a type as the help shows it.
std::string type_text(parameter_type type);

} // namespace alicloud::cli

#endif
