#include "stateful_operations.hpp"

#include "api_meta.hpp"
#include "ecs_service.hpp"
#include "schema_catalog.hpp"
#include "sts_service.hpp"
#include "vpc_service.hpp"

namespace alicloud::emulator {

bool keeps_state(std::string_view version, std::string_view action)
{
    if (version == ecs_api_version)
        return find_operation(action) != nullptr;
    if (version == sts_api_version)
        return sts_service::serves(action);
    if (version == vpc_api_version)
        return vpc_service::serves(action);
    return false;
}

std::vector<std::string> stateful_operations(std::string_view version)
{
    std::vector<std::string> out;
    for (auto& name : schema_operation_names(builtin_schemas(), version))
        if (keeps_state(version, name))
            out.push_back(std::move(name));
    return out;
}

} // namespace alicloud::emulator
