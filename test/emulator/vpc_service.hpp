#ifndef ALICLOUD_EMULATOR_VPC_SERVICE_HPP
#define ALICLOUD_EMULATOR_VPC_SERVICE_HPP

// The VPC API (version 2016-04-28) operations a launch needs: VPCs, vSwitches
// and elastic IP addresses, over the network state that ecs_service places
// its instances in. Not thread-safe: the emulator calls it from one executor.

#include "authenticator.hpp"
#include "catalog.hpp"
#include "ecs_service.hpp"
#include "responses.hpp"

#include <string_view>

namespace alicloud::emulator {

inline constexpr std::string_view vpc_api_version = "2016-04-28";

class vpc_service {
public:
    explicit vpc_service(ecs_service& ecs) : ecs_(ecs) {}

    // Whether `action` of the VPC API is one this service keeps state for.
    static bool serves(std::string_view action) noexcept;

    // Runs an authenticated call of an operation it serves, whose parameters
    // passed the schema's checks.
    api_reply handle(const authenticated_call& call, std::string_view host_id);

private:
    using params_t = parameters;

    api_reply create_vpc(const params_t& p, const region_info* region, std::string_view host);
    api_reply describe_vpcs(const params_t& p, const region_info* region, std::string_view host);
    api_reply delete_vpc(const params_t& p, const region_info* region, std::string_view host);
    api_reply create_vswitch(const params_t& p, const region_info* region, std::string_view host);
    api_reply describe_vswitches(const params_t& p, const region_info* region, std::string_view host);
    api_reply delete_vswitch(const params_t& p, const region_info* region, std::string_view host);
    api_reply allocate_eip(const params_t& p, const region_info* region, std::string_view host);
    api_reply associate_eip(const params_t& p, const region_info* region, std::string_view host);
    api_reply unassociate_eip(const params_t& p, const region_info* region, std::string_view host);
    api_reply release_eip(const params_t& p, const region_info* region, std::string_view host);
    api_reply describe_eips(const params_t& p, const region_info* region, std::string_view host);

    ecs_service& ecs_;
};

} // namespace alicloud::emulator

#endif
