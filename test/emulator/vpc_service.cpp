#include "vpc_service.hpp"

#include "call_values.hpp"
#include "catalog.hpp"
#include "utc_time.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace alicloud::emulator {
namespace {

api_reply vpc_not_found(std::string_view host)
{
    return error_reply(404, "InvalidVpcId.NotFound", "Specified VPC does not exist.", host);
}

api_reply vswitch_not_found(std::string_view host)
{
    return error_reply(404, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist.", host);
}

api_reply eip_not_found(std::string_view host)
{
    return error_reply(404, "InvalidAllocationId.NotFound", "Specified allocation ID is not found", host);
}

api_reply incorrect_eip_status(std::string_view host)
{
    return error_reply(400, "IncorrectEipStatus", "Current elastic IP status does not support this operation.", host);
}

api_reply cidr_malformed(std::string_view host)
{
    return error_reply(400, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", host);
}

// "a,b,c" as a list (the VPC API's multi-valued filters).
std::vector<std::string> comma_list(std::string_view text)
{
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        if (!item.empty())
            out.emplace_back(item);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

bool listed(const std::vector<std::string>& list, std::string_view id)
{
    return list.empty() || std::find(list.begin(), list.end(), id) != list.end();
}

// A resource of the region the call names (any region when it names none).
template <class Record>
Record* in_region(Record* r, const region_info* region)
{
    return r != nullptr && (region == nullptr || r->region_id == region->id) ? r : nullptr;
}

boost::json::object tags_json(const tag_list& tags)
{
    boost::json::array list;
    for (const auto& [k, v] : tags)
        list.push_back(boost::json::object{{"Key", k}, {"Value", v}});
    return {{"Tag", std::move(list)}};
}

std::string iso_time(std::chrono::system_clock::time_point t)
{
    return utc_time(t, utc_precision::seconds);
}

} // namespace

bool vpc_service::serves(std::string_view action) noexcept
{
    static constexpr std::string_view actions[] = {
        "CreateVpc",          "DescribeVpcs",        "DeleteVpc",           "CreateVSwitch",
        "DescribeVSwitches",  "DeleteVSwitch",       "AllocateEipAddress",  "AssociateEipAddress",
        "UnassociateEipAddress", "ReleaseEipAddress", "DescribeEipAddresses"};
    return std::find(std::begin(actions), std::end(actions), action) != std::end(actions);
}

api_reply vpc_service::handle(const authenticated_call& call, std::string_view host)
{
    const auto& a = call.action;
    const auto& p = call.params;
    // The region named, if any (the schema's checks made sure that the
    // operations that need one have one); resources of other regions are
    // not found.
    const region_info* region = nullptr;
    if (p.contains("RegionId")) {
        region = find_region(get(p, "RegionId"));
        if (region == nullptr)
            return region_not_found(host);
    } else if (a == "CreateVpc" || a == "DescribeVpcs" || a == "AllocateEipAddress" || a == "DescribeEipAddresses") {
        return missing_parameter("RegionId", host);
    }
    if (a == "CreateVpc") return create_vpc(p, region, host);
    if (a == "DescribeVpcs") return describe_vpcs(p, region, host);
    if (a == "DeleteVpc") return delete_vpc(p, region, host);
    if (a == "CreateVSwitch") return create_vswitch(p, region, host);
    if (a == "DescribeVSwitches") return describe_vswitches(p, region, host);
    if (a == "DeleteVSwitch") return delete_vswitch(p, region, host);
    if (a == "AllocateEipAddress") return allocate_eip(p, region, host);
    if (a == "AssociateEipAddress") return associate_eip(p, region, host);
    if (a == "UnassociateEipAddress") return unassociate_eip(p, region, host);
    if (a == "ReleaseEipAddress") return release_eip(p, region, host);
    if (a == "DescribeEipAddresses") return describe_eips(p, region, host);
    return error_reply(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.",
                       host);
}

// ------------------------------------------------------------------ VPCs ---

api_reply vpc_service::create_vpc(const params_t& p, const region_info* region, std::string_view host)
{
    // A private block, /8 to /28 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and their subnets).
    const auto cidr = parse_cidr(get(p, "CidrBlock", "172.16.0.0/12"));
    if (!cidr || !is_private(*cidr) || cidr->prefix < 8 || cidr->prefix > 28)
        return cidr_malformed(host);
    const auto name = get(p, "VpcName");
    if (p.contains("VpcName") &&
        (name.size() < 1 || name.size() > 128 || name.starts_with("http://") || name.starts_with("https://")))
        return error_reply(400, "InvalidVpcName.Malformed", "Specified VPC name is not valid.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    auto& v = ecs_.networks().add_vpc(region->id, region->id_hint, *cidr);
    v.name = name;
    v.description = get(p, "Description");
    if (p.contains("ResourceGroupId"))
        v.resource_group_id = get(p, "ResourceGroupId");
    v.tags = tags_of(p);
    return ok({{"VpcId", v.id},
               {"VRouterId", v.vrouter_id},
               {"RouteTableId", v.route_table_id},
               {"ResourceGroupId", v.resource_group_id}});
}

api_reply vpc_service::describe_vpcs(const params_t& p, const region_info* region, std::string_view host)
{
    page_request page;
    if (auto out_of_range = read_page(p, 50, page, host))
        return std::move(*out_of_range);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    const auto ids = comma_list(get(p, "VpcId"));
    auto& networks = ecs_.networks();

    std::vector<const vpc_record*> all;
    for (const auto* v : networks.vpcs())
        if (v->region_id == region->id && listed(ids, v->id) &&
            (!p.contains("VpcName") || get(p, "VpcName") == v->name) &&
            (!p.contains("ResourceGroupId") || get(p, "ResourceGroupId") == v->resource_group_id) &&
            !flag(p, "IsDefault")) // none of them is the default VPC
            all.push_back(v);

    boost::json::array items;
    for (std::size_t k = page.begin(all.size()); k < page.end(all.size()); ++k) {
        const auto& v = *all[k];
        std::vector<std::string> vswitch_ids;
        for (const auto* vs : networks.vswitches())
            if (vs->vpc_id == v.id)
                vswitch_ids.push_back(vs->id);
        items.push_back(boost::json::object{
            {"VpcId", v.id},
            {"RegionId", v.region_id},
            {"Status", v.status()},
            {"VpcName", v.name},
            {"Description", v.description},
            {"CidrBlock", v.cidr.to_string()},
            {"CreationTime", iso_time(v.creation_time)},
            {"IsDefault", false},
            {"VRouterId", v.vrouter_id},
            {"ResourceGroupId", v.resource_group_id},
            {"OwnerId", 1234567890123456LL},
            {"EnabledIpv6", false},
            {"Ipv6CidrBlock", ""},
            {"Ipv6CidrBlocks", boost::json::object{{"Ipv6CidrBlock", boost::json::array{}}}},
            {"CenStatus", "Detached"},
            {"DhcpOptionsSetId", ""},
            {"DhcpOptionsSetStatus", ""},
            {"DnsHostnameStatus", "DISABLED"},
            {"VSwitchIds", boost::json::object{{"VSwitchId", strings(vswitch_ids)}}},
            {"RouterTableIds", boost::json::object{{"RouterTableIds", boost::json::array{v.route_table_id}}}},
            {"NatGatewayIds", boost::json::object{{"NatGatewayIds", boost::json::array{}}}},
            {"SecondaryCidrBlocks", boost::json::object{{"SecondaryCidrBlock", boost::json::array{}}}},
            {"UserCidrs", boost::json::object{{"UserCidr", boost::json::array{}}}},
            {"Tags", tags_json(v.tags)}});
    }
    return ok({{"TotalCount", all.size()},
               {"PageNumber", page.number},
               {"PageSize", page.size},
               {"Vpcs", boost::json::object{{"Vpc", std::move(items)}}}});
}

api_reply vpc_service::delete_vpc(const params_t& p, const region_info* region, std::string_view host)
{
    auto& networks = ecs_.networks();
    const vpc_record* v = in_region(networks.find_vpc(get(p, "VpcId")), region);
    if (v == nullptr)
        return vpc_not_found(host);
    if (!v->available)
        return error_reply(400, "IncorrectVpcStatus", "Current VPC status does not support this operation.", host);
    const auto vswitches = networks.vswitches();
    if (std::any_of(vswitches.begin(), vswitches.end(), [&](const auto* vs) { return vs->vpc_id == v->id; }))
        return error_reply(400, "DependencyViolation.VSwitch", "Specified object has dependent resources", host);
    const auto groups = networks.security_groups();
    if (std::any_of(groups.begin(), groups.end(), [&](const auto* g) { return g->vpc_id == v->id; }))
        return error_reply(400, "DependencyViolation.SecurityGroup",
                           "Specified object has dependent resources SecurityGroup.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    networks.erase_vpc(v->id);
    return ok();
}

// ------------------------------------------------------------- vSwitches ---

api_reply vpc_service::create_vswitch(const params_t& p, const region_info* region, std::string_view host)
{
    auto& networks = ecs_.networks();
    const vpc_record* v = in_region(networks.find_vpc(get(p, "VpcId")), region);
    if (v == nullptr)
        return vpc_not_found(host);
    const zone_info* zone = find_zone(*find_region(v->region_id), get(p, "ZoneId"));
    if (zone == nullptr)
        return error_reply(404, "InvalidZoneId.NotFound", "Specified zone does not exist.", host);
    if (!p.contains("CidrBlock"))
        return missing_parameter("CidrBlock", host);
    const auto cidr = parse_cidr(get(p, "CidrBlock"));
    if (!cidr)
        return cidr_malformed(host);
    if (cidr->prefix < 16 || cidr->prefix > 29) // the code's spelling is the service's
        return error_reply(400, "InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .", host);
    if (!v->cidr.contains(*cidr))
        return error_reply(400, "InvalidParameter", "Specified CIDR block is not valid in VPC.", host);
    for (const auto* other : networks.vswitches())
        if (other->vpc_id == v->id && other->cidr.overlaps(*cidr))
            return error_reply(400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.",
                               host);
    if (!v->available)
        return error_reply(400, "IncorrectVpcStatus", "Current VPC status does not support this operation.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    auto& vs = networks.add_vswitch(*v, find_region(v->region_id)->id_hint, zone->id, *cidr);
    vs.name = get(p, "VSwitchName");
    vs.description = get(p, "Description");
    return ok({{"VSwitchId", vs.id}});
}

api_reply vpc_service::describe_vswitches(const params_t& p, const region_info* region, std::string_view host)
{
    page_request page;
    if (auto out_of_range = read_page(p, 50, page, host))
        return std::move(*out_of_range);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    const auto ids = comma_list(get(p, "VSwitchId"));
    auto& networks = ecs_.networks();

    std::vector<const vswitch_record*> all;
    for (const auto* vs : networks.vswitches())
        if (in_region(vs, region) != nullptr && listed(ids, vs->id) &&
            (!p.contains("VpcId") || get(p, "VpcId") == vs->vpc_id) &&
            (!p.contains("ZoneId") || get(p, "ZoneId") == vs->zone_id) &&
            (!p.contains("VSwitchName") || get(p, "VSwitchName") == vs->name) && !flag(p, "IsDefault"))
            all.push_back(vs);

    boost::json::array items;
    for (std::size_t k = page.begin(all.size()); k < page.end(all.size()); ++k) {
        const auto& vs = *all[k];
        const vpc_record* v = networks.find_vpc(vs.vpc_id);
        items.push_back(boost::json::object{
            {"VSwitchId", vs.id},
            {"VpcId", vs.vpc_id},
            {"ZoneId", vs.zone_id},
            {"Status", vs.status()},
            {"CidrBlock", vs.cidr.to_string()},
            {"VSwitchName", vs.name},
            {"Description", vs.description},
            {"CreationTime", iso_time(vs.creation_time)},
            {"IsDefault", false},
            {"AvailableIpAddressCount", vs.usable() - vs.addresses.size()},
            {"ResourceGroupId", v != nullptr ? v->resource_group_id : std::string()},
            {"OwnerId", 1234567890123456LL},
            {"EnabledIpv6", false},
            {"Ipv6CidrBlock", ""},
            {"NetworkAclId", ""},
            {"ShareType", ""},
            {"RouteTable", boost::json::object{{"RouteTableId", v != nullptr ? v->route_table_id : std::string()},
                                               {"RouteTableType", "System"}}},
            {"Tags", boost::json::object{{"Tag", boost::json::array{}}}}});
    }
    return ok({{"TotalCount", all.size()},
               {"PageNumber", page.number},
               {"PageSize", page.size},
               {"VSwitches", boost::json::object{{"VSwitch", std::move(items)}}}});
}

api_reply vpc_service::delete_vswitch(const params_t& p, const region_info* region, std::string_view host)
{
    auto& networks = ecs_.networks();
    const vswitch_record* vs = in_region(networks.find_vswitch(get(p, "VSwitchId")), region);
    if (vs == nullptr)
        return vswitch_not_found(host);
    if (!vs->available)
        return error_reply(400, "IncorrectVSwitchStatus", "The current status of virtual switch does not support this operation.",
                           host);
    if (!vs->addresses.empty()) // instances are in it
        return error_reply(400, "DependencyViolation", "Specified object has dependent resources.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    networks.erase_vswitch(vs->id);
    return ok();
}

// ---------------------------------------------------- elastic IP addresses ---

api_reply vpc_service::allocate_eip(const params_t& p, const region_info* region, std::string_view host)
{
    const auto bandwidth = get(p, "Bandwidth", "5");
    const auto mbps = parse_integer(bandwidth);
    if (!mbps || *mbps < 1 || *mbps > 200)
        return error_reply(400, "InvalidParameter", "Specified value of \"Bandwidth\" is not supported.", host);
    const auto charge = get(p, "InternetChargeType", "PayByBandwidth");
    if (charge != "PayByBandwidth" && charge != "PayByTraffic")
        return invalid_parameter("InternetChargeType", "It must be PayByBandwidth or PayByTraffic.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    auto& e = ecs_.networks().add_eip(region->id, region->id_hint);
    e.bandwidth = bandwidth;
    e.internet_charge_type = charge;
    e.name = get(p, "Name");
    e.description = get(p, "Description");
    e.isp = get(p, "ISP", "BGP");
    e.resource_group_id = get(p, "ResourceGroupId");
    return ok({{"AllocationId", e.allocation_id},
               {"EipAddress", e.ip_address},
               {"ResourceGroupId", e.resource_group_id}});
}

api_reply vpc_service::associate_eip(const params_t& p, const region_info* region, std::string_view host)
{
    auto& networks = ecs_.networks();
    eip_record* e = in_region(networks.find_eip(get(p, "AllocationId")), region);
    if (e == nullptr)
        return eip_not_found(host);
    const auto type = get(p, "InstanceType", "EcsInstance");
    static constexpr std::string_view types[] = {"EcsInstance", "Nat",   "SlbInstance",
                                                 "NetworkInterface", "HaVip", "IpAddress"};
    if (std::find(std::begin(types), std::end(types), type) == std::end(types))
        return error_reply(400, "InvalidInstanceType.ValueNotSupported",
                           "The specified value of InstanceType is not supported.", host);
    if (!e->instance_id.empty()) // associated already, with this instance or another
        return error_reply(400, "IncorrectEipStatus", "Current elastic IP status does not support this operation", host);
    const auto instance_id = get(p, "InstanceId");
    std::string private_ip;
    if (type == "EcsInstance") {
        const instance* i = ecs_.find_instance(instance_id);
        if (i == nullptr) // the code's spelling is the service's
            return error_reply(404, "InvalidInstanId.NotFound", "Specified instance does not exist.", host);
        if (i->region_id != e->region_id)
            return error_reply(400, "InvalidParameter.Mismatch",
                               "Specified elastic IP address and ECS instance are not in the same region.", host);
        if (i->status != instance_status::running && i->status != instance_status::stopped)
            return error_reply(400, "IncorrectInstanceStatus", "Current instance status does not support this operation.",
                               host);
        if (networks.eip_of_instance(i->id) != nullptr)
            return error_reply(400, "InvalidAssociation.Duplicated", "Specified instance already is associated.", host);
        private_ip = i->private_ip;
    }
    // Other kinds of instance (NAT gateways, load balancers, ...) are not
    // kept by the emulator: their ids are taken as they come.
    e->instance_id = instance_id;
    e->instance_type = type;
    e->private_ip = private_ip;
    return ok();
}

api_reply vpc_service::unassociate_eip(const params_t& p, const region_info* region, std::string_view host)
{
    eip_record* e = in_region(ecs_.networks().find_eip(get(p, "AllocationId")), region);
    if (e == nullptr)
        return eip_not_found(host);
    if (e->instance_id.empty())
        return incorrect_eip_status(host);
    if (p.contains("InstanceId") && get(p, "InstanceId") != e->instance_id)
        return error_reply(400, "InvalidInstanceId.NotFound", "Specified instance does not exist.", host);
    e->instance_id.clear();
    e->instance_type.clear();
    e->private_ip.clear();
    return ok();
}

api_reply vpc_service::release_eip(const params_t& p, const region_info* region, std::string_view host)
{
    auto& networks = ecs_.networks();
    const eip_record* e = in_region(networks.find_eip(get(p, "AllocationId")), region);
    if (e == nullptr)
        return eip_not_found(host);
    if (!e->instance_id.empty()) // only an Available EIP can be released
        return incorrect_eip_status(host);
    networks.erase_eip(e->allocation_id);
    return ok();
}

api_reply vpc_service::describe_eips(const params_t& p, const region_info* region, std::string_view host)
{
    page_request page;
    if (auto out_of_range = read_page(p, 100, page, host))
        return std::move(*out_of_range);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    const auto ids = comma_list(get(p, "AllocationId"));
    const auto addresses = comma_list(get(p, "EipAddress"));

    std::vector<const eip_record*> all;
    for (const auto* e : ecs_.networks().eips())
        if (e->region_id == region->id && listed(ids, e->allocation_id) && listed(addresses, e->ip_address) &&
            (!p.contains("Status") || get(p, "Status") == e->status()) &&
            (!p.contains("AssociatedInstanceId") || get(p, "AssociatedInstanceId") == e->instance_id) &&
            (!p.contains("AssociatedInstanceType") || get(p, "AssociatedInstanceType") == e->instance_type) &&
            (!p.contains("EipName") || get(p, "EipName") == e->name))
            all.push_back(e);

    boost::json::array items;
    for (std::size_t k = page.begin(all.size()); k < page.end(all.size()); ++k) {
        const auto& e = *all[k];
        const instance* i = e.instance_type == "EcsInstance" ? ecs_.find_instance(e.instance_id) : nullptr;
        items.push_back(boost::json::object{
            {"AllocationId", e.allocation_id},
            {"IpAddress", e.ip_address},
            {"RegionId", e.region_id},
            {"Status", e.status()},
            {"InstanceId", e.instance_id},
            {"InstanceType", e.instance_type},
            {"InstanceRegionId", e.instance_id.empty() ? std::string() : e.region_id},
            {"PrivateIpAddress", e.private_ip},
            {"VpcId", i != nullptr ? i->vpc_id : std::string()},
            {"Name", e.name},
            {"Description", e.description},
            {"Bandwidth", e.bandwidth},
            {"EipBandwidth", e.bandwidth},
            {"InternetChargeType", e.internet_charge_type},
            {"ChargeType", "PostPaid"},
            {"ISP", e.isp},
            {"Netmode", "public"},
            {"Mode", e.instance_id.empty() ? "" : "NAT"},
            {"AllocationTime", iso_time(e.allocation_time)},
            {"ExpiredTime", ""},
            {"ResourceGroupId", e.resource_group_id},
            {"DeletionProtection", false},
            {"SecondLimited", false},
            {"ServiceManaged", 0},
            {"ServiceID", 0},
            {"BusinessStatus", "Normal"},
            {"BizType", ""},
            {"HDMonitorStatus", "OFF"},
            {"HasReservationData", "false"},
            {"BandwidthPackageId", ""},
            {"BandwidthPackageBandwidth", ""},
            {"BandwidthPackageType", ""},
            {"PublicIpAddressPoolId", ""},
            {"SegmentInstanceId", ""},
            {"Zone", ""},
            {"ReservationActiveTime", ""},
            {"ReservationBandwidth", ""},
            {"ReservationInternetChargeType", ""},
            {"ReservationOrderType", ""},
            {"OperationLocks", boost::json::object{{"LockReason", boost::json::array{}}}},
            {"SecurityProtectionTypes", boost::json::object{{"SecurityProtectionType", boost::json::array{}}}},
            {"Tags", boost::json::object{{"Tag", boost::json::array{}}}}});
    }
    return ok({{"TotalCount", all.size()},
               {"PageNumber", page.number},
               {"PageSize", page.size},
               {"EipAddresses", boost::json::object{{"EipAddress", std::move(items)}}}});
}

} // namespace alicloud::emulator
