#ifndef ALICLOUD_LIB_CREDENTIALS_SERVICE_PROVIDERS_HPP
#define ALICLOUD_LIB_CREDENTIALS_SERVICE_PROVIDERS_HPP

// The providers that ask a service, under the name their maker gives them:
// "ecs_ram_role" alone, "profile/ecs_ram_role" from a profile (ecs-api.md §6.9).

#include <alicloud/credentials/providers.hpp>

namespace alicloud::detail {

std::shared_ptr<credentials_provider> make_ecs_ram_role(boost::asio::any_io_executor ex, ecs_ram_role_options options,
                                                        std::string name);

std::shared_ptr<credentials_provider> make_ram_role_arn(boost::asio::any_io_executor ex,
                                                        std::shared_ptr<credentials_provider> source,
                                                        ram_role_arn_options options, std::string name);

// The value of an environment variable, empty when unset.
std::string environment(const char* name);

} // namespace alicloud::detail

#endif
