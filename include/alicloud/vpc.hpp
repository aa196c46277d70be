#ifndef ALICLOUD_VPC_HPP
#define ALICLOUD_VPC_HPP

// The VPC client (API version 2016-04-28) and the models of what a launch
// needs: VPCs, vSwitches and EIPs. Every other operation has its own header,
// <alicloud/vpc/models/<operation>.hpp>.

#include <alicloud/vpc/catalog.hpp>
#include <alicloud/vpc/client.hpp>
#include <alicloud/vpc/models/allocate_eip_address.hpp>
#include <alicloud/vpc/models/associate_eip_address.hpp>
#include <alicloud/vpc/models/create_vpc.hpp>
#include <alicloud/vpc/models/create_vswitch.hpp>
#include <alicloud/vpc/models/delete_vpc.hpp>
#include <alicloud/vpc/models/delete_vswitch.hpp>
#include <alicloud/vpc/models/describe_eip_addresses.hpp>
#include <alicloud/vpc/models/describe_vpcs.hpp>
#include <alicloud/vpc/models/describe_vswitches.hpp>
#include <alicloud/vpc/models/release_eip_address.hpp>
#include <alicloud/vpc/models/unassociate_eip_address.hpp>

#endif
