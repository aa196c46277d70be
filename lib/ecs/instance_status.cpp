#include <alicloud/ecs/instance_status.hpp>

#include <array>
#include <utility>

namespace alicloud::ecs {

instance_status parse_instance_status(std::string_view text) noexcept
{
    static constexpr std::array<std::pair<std::string_view, instance_status>, 5> known{{
        {"Pending", instance_status::pending},
        {"Starting", instance_status::starting},
        {"Running", instance_status::running},
        {"Stopping", instance_status::stopping},
        {"Stopped", instance_status::stopped},
    }};
    for (const auto& [name, status] : known)
        if (name == text)
            return status;
    return instance_status::unknown;
}

} // namespace alicloud::ecs
