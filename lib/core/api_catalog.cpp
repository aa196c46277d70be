#include <alicloud/core/api_catalog.hpp>

#include <algorithm>

namespace alicloud {

std::string_view to_string(parameter_type type) noexcept
{
    switch (type) {
    case parameter_type::string: return "String";
    case parameter_type::int32: return "Integer";
    case parameter_type::int64: return "Long";
    case parameter_type::float32: return "Float";
    case parameter_type::float64: return "Double";
    case parameter_type::boolean: return "Boolean";
    case parameter_type::json_array: return "JSON array";
    case parameter_type::json_object: return "JSON object";
    case parameter_type::object: return "Object";
    }
    return "?";
}

const operation_description* api_catalog::find(std::string_view action) const noexcept
{
    const auto it = std::lower_bound(operations.begin(), operations.end(), action,
                                     [](const operation_description& op, std::string_view a) { return op.action < a; });
    return it != operations.end() && it->action == action ? &*it : nullptr;
}

} // namespace alicloud
