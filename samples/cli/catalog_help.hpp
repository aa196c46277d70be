#ifndef ALICLOUD_SAMPLES_CLI_CATALOG_HELP_HPP
#define ALICLOUD_SAMPLES_CLI_CATALOG_HELP_HPP

// `alicloud <product> --help` and `alicloud <product> <Action> --help`: what
// the product's catalog knows, laid out for a terminal.

#include <alicloud/core/api_catalog.hpp>

#include <ostream>

namespace alicloud::cli {

// Every action, grouped by its verb (Describe, Create...), in columns as wide
// as the terminal ($COLUMNS, else the terminal's own width, else 80).
void print_actions(std::ostream& out, const api_catalog& catalog);

// The action's parameters: wire name, type, whether required.
void print_operation(std::ostream& out, const api_catalog& catalog, const operation_description& op);

} // namespace alicloud::cli

#endif
