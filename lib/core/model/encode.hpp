#ifndef ALICLOUD_LIB_CORE_MODEL_ENCODE_HPP
#define ALICLOUD_LIB_CORE_MODEL_ENCODE_HPP

// A typed request -> its wire parameters, and the checks before that; a success
// answer's body -> a typed response. Each walks the struct's descriptor
// (descriptor.hpp); none knows any particular operation.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>
#include <alicloud/core/parameters.hpp>

#include "core/model/descriptor.hpp"

#include <string_view>

namespace alicloud::detail::model {

// Flattens as the official SDKs do: Name, Name.Sub, Name.1, Name.1.Sub; a field
// marked json as one parameter holding its JSON (object members by wire name).
// Unset optionals and empty lists send nothing.
void encode(const class_info& cls, const void* request, parameters& out);

// Before anything is sent: required fields set (a string non-empty, a list
// non-empty), numbers within their limits, lists within their length, no
// empty items where they are refused - in nested structs too. The first
// failure sets ec (missing_field or invalid_field) and diag.field to the
// flattened parameter name ("DataDisk.2.Size"), diag.client_message to why.
void validate(const class_info& cls, const void* request, error_code& ec, diagnostics& diag);

// The operation's rules between fields (a field required unless another is
// given; two fields of which one may be given), after validate().
void check_rules(const operation_info& op, const void* request, error_code& ec, diagnostics& diag);

// A success answer's body, parsed straight into the model: members the model
// does not know are skipped; a missing member or null leaves the default; a
// number sent as a string (or a string field sent as a number) is taken. A
// body that is not the expected JSON gives malformed_response with
// diag.client_message naming where it broke ("Instances.Instance[2].Cpu:
// expected a number"). Returns false when the body is not JSON at all.
bool decode(const class_info& cls, std::string_view body, void* response, error_code& ec, diagnostics& diag);

} // namespace alicloud::detail::model

#endif
