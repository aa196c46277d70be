#ifndef ALICLOUD_EMULATOR_SCHEMA_CATALOG_HPP
#define ALICLOUD_EMULATOR_SCHEMA_CATALOG_HPP

// Schema mode: the operations the emulator keeps no state for, served from
// the official request and response schema of their product (the same file
// the SDK's generator reads, lib/generator/schemas/, embedded at build time).
// Read independently of the SDK's generated tables, so that a mistake in the
// generator shows up as a disagreement with the emulator, not as agreement.
//
// A request is checked the way the service checks it - required parameters
// present (MissingParameter), typed values well-formed (InvalidParameter),
// flattened lists numbered from 1, JSON-encoded parameters valid JSON - and a
// success answer is synthesized from the response schema: every field
// present and type-correct, lists of two, deterministic but for RequestId.

#include "responses.hpp"

#include <alicloud/core/parameters.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::emulator {

class schema_catalog;
struct schema_operation;

// The embedded schemas (one per product and API version: ECS 2014-05-26,
// VPC 2016-04-28, STS 2015-04-01, RAM 2015-05-01), each parsed the first time
// a request names its version.
const schema_catalog& builtin_schemas();

// The operation `action` of API `version`, or nullptr.
const schema_operation* find_schema_operation(const schema_catalog& catalog, std::string_view version,
                                              std::string_view action);

// Whether `op` is called unsigned (authType Anonymous: STS AssumeRoleWithSAML
// and AssumeRoleWithOIDC, whose caller has no AccessKey yet).
bool is_anonymous(const schema_operation& op);

// The first problem with `params` as a request of `op`, as the service would
// answer it, or nullopt when the request is well-formed.
std::optional<api_reply> check_request(const schema_operation& op, const parameters& params,
                                       std::string_view host_id);

// A success answer of `op` (RequestId fresh, every other value from the schema).
api_reply synthesize_answer(const schema_operation& op);

// Every operation name of `version`, sorted (for tests and the README).
std::vector<std::string> schema_operation_names(const schema_catalog& catalog, std::string_view version);

} // namespace alicloud::emulator

#endif
