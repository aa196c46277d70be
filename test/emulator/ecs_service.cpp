#include "ecs_service.hpp"

#include "call_values.hpp"
#include "catalog.hpp"
#include "cidr.hpp"
#include "schema_catalog.hpp"
#include "wire_values.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace alicloud::emulator {
namespace {

using namespace std::chrono;
using plan_t = std::deque<std::pair<milliseconds, instance_status>>;

api_reply instance_not_found(std::string_view host)
{
    return error_reply(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.", host);
}

api_reply incorrect_status(std::string_view host)
{
    return error_reply(403, "IncorrectInstanceStatus",
                       "The current status of the resource does not support this operation.", host);
}

bool wildcard_match(std::string_view pattern, std::string_view text)
{
    // '*' matches any run; iterative with one backtrack point.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::string random_alnum(std::size_t n)
{
    return random_text(n, "abcdefghijklmnopqrstuvwxyz0123456789");
}

// A UUID-shaped serial, as the service returns.
std::string serial_number()
{
    const std::string hex = random_text(32, "0123456789abcdef");
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

// Everything the caller chose, minus what changes between retries of one call.
std::string fingerprint(const authenticated_call& call)
{
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& p : call.params)
        items.emplace_back(p.name, p.value);
    std::sort(items.begin(), items.end());
    std::string out = call.action;
    for (const auto& [k, v] : items)
        out.append("\n").append(k).append("=").append(v);
    return out;
}

} // namespace

ecs_service::ecs_service(boost::asio::any_io_executor executor, const options& opts)
    : executor_(std::move(executor)), options_(opts), networks_(executor_, opts.pending)
{
}

ecs_service::~ecs_service() = default;

void ecs_service::reset()
{
    instances_.clear(); // destroying the timers cancels them; their handlers touch nothing then
    client_tokens_.clear();
    networks_.reset();
    next_sequence_ = 1;
    next_address_ = 10;
}

instance* ecs_service::find(std::string_view id)
{
    auto it = instances_.find(id);
    return it == instances_.end() ? nullptr : it->second.get();
}

std::string ecs_service::new_instance_id(std::string_view id_hint)
{
    std::string id;
    do
        id = "i-" + std::string(id_hint) + random_alnum(18);
    while (instances_.contains(id));
    return id;
}

void ecs_service::set_plan(instance& i, plan_t plan)
{
    i.plan = std::move(plan);
    if (!i.timer)
        i.timer = std::make_unique<boost::asio::steady_timer>(executor_);
    i.timer->cancel();
    const std::uint64_t generation = ++i.plan_generation;
    if (i.plan.empty())
        return;
    i.timer->expires_after(i.plan.front().first);
    // The handler names the instance by id, not by pointer: it may be gone
    // (deleted, reset) by the time the timer fires.
    i.timer->async_wait([this, alive = std::weak_ptr<int>(lifetime_), id = i.id,
                         generation](const boost::system::error_code& ec) {
        if (!ec && !alive.expired())
            run_next_step(id, generation);
    });
}

void ecs_service::run_next_step(const std::string& id, std::uint64_t generation)
{
    instance* i = find(id);
    if (i == nullptr || i->plan_generation != generation || i->plan.empty())
        return;
    i->status = i->plan.front().second;
    i->plan.pop_front();
    if (i->status == instance_status::running)
        i->start_time = system_clock::now();
    set_plan(*i, std::move(i->plan));
    if (on_change)
        on_change();
}

api_reply ecs_service::handle(const authenticated_call& call, std::string_view host)
{
    const auto& a = call.action;
    const auto& p = call.params;
    if (a == "DescribeRegions") return describe_regions(p, host);
    if (a == "DescribeZones") return describe_zones(p, host);
    if (a == "DescribeInstances") return describe_instances(p, host);
    if (a == "DescribeInstanceStatus") return describe_instance_status(p, host);
    if (a == "DescribeInstanceAttribute") return describe_instance_attribute(p, host);
    if (a == "RunInstances")
        return idempotent(call, host, [&] { return run_instances(p, host, false); });
    if (a == "CreateInstance")
        return idempotent(call, host, [&] { return run_instances(p, host, true); });
    if (a == "StartInstance") return start_instance(p, host);
    if (a == "StopInstance") return stop_instance(p, host);
    if (a == "RebootInstance") return reboot_instance(p, host);
    if (a == "DeleteInstance") return delete_instance(p, host);
    if (a == "DeleteInstances")
        return idempotent(call, host, [&] { return delete_instances(p, host); });
    if (a.find("SecurityGroup") != std::string::npos) {
        // Security groups have the schema's checks too, stricter than the
        // metadata's (Permissions.N numbered from 1, typed fields).
        if (const schema_operation* op = find_schema_operation(builtin_schemas(), ecs_api_version, a))
            if (auto bad = check_request(*op, p, host))
                return std::move(*bad);
    }
    if (a == "CreateSecurityGroup")
        return idempotent(call, host, [&] { return create_security_group(p, host); });
    if (a == "AuthorizeSecurityGroup") return authorize_security_group(p, host);
    if (a == "RevokeSecurityGroup") return revoke_security_group(p, host);
    if (a == "DescribeSecurityGroups") return describe_security_groups(p, host);
    if (a == "DescribeSecurityGroupAttribute") return describe_security_group_attribute(p, host);
    if (a == "DeleteSecurityGroup") return delete_security_group(p, host);
    return error_reply(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.",
                       host);
}

template <class Operation>
api_reply ecs_service::idempotent(const authenticated_call& call, std::string_view host, Operation&& op)
{
    const auto* token = call.params.find("ClientToken");
    if (token == nullptr || token->empty())
        return op();
    if (token->size() > 64 ||
        !std::all_of(token->begin(), token->end(), [](char c) { return c > 0x20 && c < 0x7f; }))
        return error_reply(400, "InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid.", host);

    const std::string print = fingerprint(call);
    if (auto it = client_tokens_.find(*token); it != client_tokens_.end()) {
        if (it->second.action != call.action || it->second.fingerprint != print)
            return error_reply(400, "IdempotentParameterMismatch", "The request is retried with updated parameters.",
                               host);
        api_reply again = it->second.reply; // the same result, under a new RequestId
        again.body["RequestId"] = new_request_id();
        return again;
    }
    api_reply reply = op();
    // Only what was done is remembered: a failed call may be retried with the same token.
    if (reply.status == 200)
        client_tokens_.emplace(*token, remembered_call{call.action, print, reply});
    return reply;
}

api_reply ecs_service::describe_regions(const params_t& p, std::string_view)
{
    const bool english = get(p, "AcceptLanguage").starts_with("en");
    boost::json::array list;
    for (const auto& r : regions())
        list.push_back(boost::json::object{{"RegionId", r.id},
                                           {"LocalName", english ? r.name_en : r.name_zh},
                                           {"RegionEndpoint", "ecs." + std::string(r.id) + ".aliyuncs.com"},
                                           {"Status", "available"}});
    return ok({{"Regions", boost::json::object{{"Region", std::move(list)}}}});
}

api_reply ecs_service::describe_zones(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    const bool english = get(p, "AcceptLanguage").starts_with("en");
    const bool verbose = flag(p, "Verbose", true);

    boost::json::array types, families;
    for (const auto& t : instance_types()) {
        types.emplace_back(t.name);
        if (std::find(families.begin(), families.end(), boost::json::value(t.family)) == families.end())
            families.emplace_back(t.family);
    }
    const boost::json::array disks{"cloud_essd", "cloud_efficiency", "cloud_ssd", "cloud_auto"};

    boost::json::array zones;
    for (const auto& z : region->zones) {
        boost::json::object zone{{"ZoneId", z.id}, {"LocalName", english ? z.name_en : z.name_zh}, {"ZoneType", "AvailabilityZone"}};
        if (verbose) {
            zone["AvailableResourceCreation"] =
                boost::json::object{{"ResourceTypes", boost::json::array{"Instance", "Disk", "VSwitch"}}};
            zone["AvailableDiskCategories"] = boost::json::object{{"DiskCategories", disks}};
            zone["AvailableInstanceTypes"] = boost::json::object{{"InstanceTypes", types}};
            zone["AvailableVolumeCategories"] = boost::json::object{{"VolumeCategories", boost::json::array{}}};
            zone["AvailableDedicatedHostTypes"] = boost::json::object{{"DedicatedHostType", boost::json::array{}}};
            zone["DedicatedHostGenerations"] = boost::json::object{{"DedicatedHostGeneration", boost::json::array{}}};
            zone["AvailableResources"] = boost::json::object{
                {"ResourcesInfo",
                 boost::json::array{boost::json::object{
                     {"IoOptimized", true},
                     {"InstanceGenerations", boost::json::object{{"supportedInstanceGeneration", boost::json::array{"ecs-5"}}}},
                     {"InstanceTypeFamilies", boost::json::object{{"supportedInstanceTypeFamily", families}}},
                     {"InstanceTypes", boost::json::object{{"supportedInstanceType", types}}},
                     {"NetworkTypes", boost::json::object{{"supportedNetworkCategory", boost::json::array{"vpc"}}}},
                     {"SystemDiskCategories", boost::json::object{{"supportedSystemDiskCategory", disks}}},
                     {"DataDiskCategories", boost::json::object{{"supportedDataDiskCategory", disks}}}}}}};
        }
        zones.push_back(std::move(zone));
    }
    return ok({{"Zones", boost::json::object{{"Zone", std::move(zones)}}}});
}

api_reply ecs_service::describe_instances(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);

    std::vector<std::string> ids;
    const bool by_ids = p.contains("InstanceIds");
    if (by_ids && (!json_string_array(get(p, "InstanceIds"), ids) || ids.size() > 100))
        return invalid_parameter("InstanceIds", "It must be a JSON array of at most 100 instance IDs.", host);
    std::vector<std::string> private_ips, public_ips;
    if (p.contains("PrivateIpAddresses") && !json_string_array(get(p, "PrivateIpAddresses"), private_ips))
        return invalid_parameter("PrivateIpAddresses", "It must be a JSON array of IP addresses.", host);
    if (p.contains("PublicIpAddresses") && !json_string_array(get(p, "PublicIpAddresses"), public_ips))
        return invalid_parameter("PublicIpAddresses", "It must be a JSON array of IP addresses.", host);

    instance_status status{};
    const bool by_status = p.contains("Status");
    if (by_status && !parse_status(get(p, "Status"), status))
        return error_reply(404, "InvalidStatus.NotFound", "The specified Status is not found.", host);
    const auto tags = tags_of(p);

    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    const bool by_token = p.contains("NextToken") && !get(p, "NextToken").empty();
    std::uint64_t from_sequence = 0;
    if (by_token) {
        const auto token = get(p, "NextToken");
        const auto [end, ec] = std::from_chars(token.data() + std::min<std::size_t>(2, token.size()),
                                               token.data() + token.size(), from_sequence, 16);
        if (!token.starts_with("NT") || ec != std::errc() || end != token.data() + token.size())
            return invalid_parameter("NextToken", "It was not issued by a previous DescribeInstances call.", host);
    }

    const long long page_number = number(p, "PageNumber", 1);
    const long long page_size = number(p, "PageSize", 10);
    if (page_number < 1)
        return invalid_parameter("PageNumber", "It must be at least 1.", host);
    if (page_size < 1 || page_size > 100)
        return invalid_parameter("PageSize", "It must be from 1 to 100.", host);
    long long max_results = number(p, "MaxResults", 10);
    max_results = std::clamp<long long>(max_results < 10 ? 10 : max_results, 10, 100);

    auto matches = [&](const instance& i) {
        if (i.region_id != region->id)
            return false;
        if (by_ids && std::find(ids.begin(), ids.end(), i.id) == ids.end())
            return false;
        if (by_status && i.status != status)
            return false;
        if (p.contains("InstanceName") && !wildcard_match(get(p, "InstanceName"), i.name))
            return false;
        const std::pair<std::string_view, const std::string*> exact[] = {
            {"ZoneId", &i.zone_id},           {"VpcId", &i.vpc_id},
            {"VSwitchId", &i.vswitch_id},     {"ImageId", &i.image_id},
            {"InstanceType", &i.instance_type}, {"InstanceTypeFamily", &i.instance_type_family},
            {"InstanceChargeType", &i.instance_charge_type}, {"InternetChargeType", &i.internet_charge_type},
            {"KeyPairName", &i.key_pair_name}, {"ResourceGroupId", &i.resource_group_id}};
        for (const auto& [name, field] : exact)
            if (p.contains(name) && get(p, name) != *field)
                return false;
        if (p.contains("SecurityGroupId") &&
            std::find(i.security_group_ids.begin(), i.security_group_ids.end(), get(p, "SecurityGroupId")) ==
                i.security_group_ids.end())
            return false;
        if (p.contains("InstanceNetworkType") && get(p, "InstanceNetworkType") != "vpc")
            return false;
        if (!private_ips.empty() && std::find(private_ips.begin(), private_ips.end(), i.private_ip) == private_ips.end())
            return false;
        if (!public_ips.empty() && std::find(public_ips.begin(), public_ips.end(), i.public_ip) == public_ips.end())
            return false;
        for (const auto& [key, value] : tags) {
            const bool has = std::any_of(i.tags.begin(), i.tags.end(), [&](const auto& t) {
                return t.first == key && (value.empty() || t.second == value);
            });
            if (!has)
                return false;
        }
        return true;
    };

    std::vector<const instance*> all;
    for (const auto& [id, i] : instances_)
        if (matches(*i))
            all.push_back(i.get());
    std::sort(all.begin(), all.end(), [](const instance* a, const instance* b) { return a->sequence < b->sequence; });

    std::size_t begin = 0, count = 0;
    if (by_token || p.contains("MaxResults")) {
        begin = static_cast<std::size_t>(
            std::find_if(all.begin(), all.end(), [&](const instance* i) { return i->sequence >= from_sequence; }) -
            all.begin());
        count = static_cast<std::size_t>(max_results);
    } else {
        begin = static_cast<std::size_t>((page_number - 1) * page_size);
        count = static_cast<std::size_t>(page_size);
    }
    begin = std::min(begin, all.size());
    const std::size_t end = std::min(all.size(), begin + count);

    boost::json::array items;
    for (std::size_t k = begin; k < end; ++k) {
        boost::json::object item = describe_instances_item(*all[k]);
        show_eip(*all[k], item, true);
        items.push_back(std::move(item));
    }
    std::string next_token;
    if ((by_token || p.contains("MaxResults")) && end < all.size()) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "NT%llx", static_cast<unsigned long long>(all[end]->sequence));
        next_token = buf;
    }
    const bool token_mode = by_token || p.contains("MaxResults");
    return ok({{"TotalCount", all.size()},
               {"PageNumber", token_mode ? 1 : page_number},
               {"PageSize", token_mode ? max_results : page_size},
               {"NextToken", next_token},
               {"Instances", boost::json::object{{"Instance", std::move(items)}}}});
}

api_reply ecs_service::describe_instance_status(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    const auto ids = repeat_list(p, "InstanceId");
    if (ids.size() > 100)
        return invalid_parameter("InstanceId", "At most 100 instance IDs.", host);
    const long long page_number = number(p, "PageNumber", 1);
    const long long page_size = number(p, "PageSize", 10);
    if (page_number < 1)
        return invalid_parameter("PageNumber", "It must be at least 1.", host);
    if (page_size < 1 || page_size > 50)
        return invalid_parameter("PageSize", "It must be from 1 to 50.", host);

    std::vector<const instance*> all;
    for (const auto& [id, i] : instances_) {
        if (i->region_id != region->id || (p.contains("ZoneId") && get(p, "ZoneId") != i->zone_id))
            continue;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), i->id) == ids.end())
            continue;
        all.push_back(i.get());
    }
    std::sort(all.begin(), all.end(), [](const instance* a, const instance* b) { return a->sequence < b->sequence; });
    const auto begin = std::min(all.size(), static_cast<std::size_t>((page_number - 1) * page_size));
    const auto end = std::min(all.size(), begin + static_cast<std::size_t>(page_size));
    boost::json::array items;
    for (std::size_t k = begin; k < end; ++k)
        items.push_back(boost::json::object{{"InstanceId", all[k]->id}, {"Status", to_string(all[k]->status)}});
    return ok({{"TotalCount", all.size()},
               {"PageNumber", page_number},
               {"PageSize", page_size},
               {"InstanceStatuses", boost::json::object{{"InstanceStatus", std::move(items)}}}});
}

api_reply ecs_service::describe_instance_attribute(const params_t& p, std::string_view host)
{
    const instance* i = find(get(p, "InstanceId"));
    if (i == nullptr)
        return instance_not_found(host);
    boost::json::object body = describe_instance_attribute_body(*i);
    show_eip(*i, body, false);
    return ok(std::move(body));
}

api_reply ecs_service::run_instances(const params_t& p, std::string_view host, bool create_only)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    std::string image = std::string(get(p, "ImageId", get(p, "ImageFamily")));
    if (image.empty())
        return missing_parameter("ImageId", host);
    if (!p.contains("InstanceType"))
        return missing_parameter("InstanceType", host);
    const instance_type_info* type = find_instance_type(get(p, "InstanceType"));
    if (type == nullptr)
        return error_reply(400, "InvalidInstanceType.ValueNotSupported",
                           "The specified InstanceType does not exist or is not supported.", host);

    const zone_info* zone = &region->zones.front();
    if (p.contains("ZoneId")) {
        zone = find_zone(*region, get(p, "ZoneId"));
        if (zone == nullptr)
            return error_reply(404, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.", host);
    }

    std::vector<std::string> groups = repeat_list(p, "SecurityGroupIds");
    if (p.contains("SecurityGroupId")) {
        if (!groups.empty())
            return invalid_parameter("SecurityGroupId", "SecurityGroupId and SecurityGroupIds.N are mutually exclusive.",
                                     host);
        groups.emplace_back(get(p, "SecurityGroupId"));
    }
    if (groups.empty())
        groups.push_back("sg-" + std::string(region->id_hint) + "1default00000000");

    const long long amount = create_only ? 1 : number(p, "Amount", 1);
    if (amount < 1 || amount > 100)
        return invalid_parameter("Amount", "It must be from 1 to 100.", host);
    if (p.contains("MinAmount") && (number(p, "MinAmount", 1) < 1 || number(p, "MinAmount", 1) > amount))
        return invalid_parameter("MinAmount", "It must be from 1 to Amount.", host);

    const auto name = get(p, "InstanceName");
    if (p.contains("InstanceName") && (name.size() < 2 || name.size() > 128))
        return error_reply(400, "InvalidInstanceName.Malformed", "The specified InstanceName is not valid.", host);
    const auto description = get(p, "Description");
    if (description.starts_with("http://") || description.starts_with("https://"))
        return error_reply(400, "InvalidDescription.Malformed", "The specified Description is not valid.", host);

    const auto tags = tags_of(p);
    for (const auto& [key, value] : tags)
        if (key.empty() || key.size() > 128 || key.starts_with("acs:") || key.starts_with("aliyun"))
            return error_reply(400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.", host);

    const long long bandwidth_out = number(p, "InternetMaxBandwidthOut", 0);
    if (bandwidth_out < 0 || bandwidth_out > 100)
        return invalid_parameter("InternetMaxBandwidthOut", "It must be from 0 to 100.", host);

    // Placement in the networks the emulator keeps. A vSwitch or security
    // group id it does not know is taken as it comes, as before it kept any.
    vswitch_record* known_vswitch = nullptr;
    if (p.contains("VSwitchId")) {
        known_vswitch = networks_.find_vswitch(get(p, "VSwitchId"));
        if (known_vswitch != nullptr && known_vswitch->region_id != region->id)
            return error_reply(404, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist.", host);
    }
    std::vector<security_group_record*> known_groups;
    for (const auto& g : groups)
        if (auto* record = networks_.find_security_group(g)) {
            if (record->region_id != region->id)
                return error_reply(404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.",
                                   host);
            known_groups.push_back(record);
        }
    if (known_vswitch != nullptr)
        for (const auto* g : known_groups)
            if (g->vpc_id != known_vswitch->vpc_id)
                return error_reply(400, "InvalidParameter.Mismatch",
                                   "Specified security group and virtual switch are not in the same VPC.", host);
    // Every address is chosen before any instance is made: all or nothing.
    std::vector<std::uint32_t> addresses;
    if (known_vswitch != nullptr) {
        std::uint32_t next = 0;
        if (p.contains("PrivateIpAddress")) {
            const auto given = parse_ipv4(get(p, "PrivateIpAddress"));
            if (!given)
                return error_reply(400, "InvalidPrivateIpAddress.Malformed", "Specified private IP address is malformed.",
                                   host);
            // With Amount > 1, consecutive addresses from the one given.
            for (long long n = 0; n < amount; ++n) {
                const std::uint32_t a = *given + static_cast<std::uint32_t>(n);
                if (!known_vswitch->cidr.contains(a) || a == known_vswitch->cidr.base || a >= known_vswitch->cidr.last() - 2)
                    return error_reply(400, "InvalidPrivateIpAddress",
                                       "Specified private IP address is not in the CIDR block of virtual switch.", host);
                if (!networks_.address_available(*known_vswitch, a))
                    return error_reply(400, "InvalidPrivateIpAddress.Duplicated",
                                       "Specified private IP address is duplicated.", host);
                addresses.push_back(a);
            }
        } else {
            for (long long n = 0; n < amount; ++n) {
                next = networks_.free_address(*known_vswitch, next);
                if (next == 0)
                    break;
                addresses.push_back(next++);
            }
            if (addresses.size() < static_cast<std::size_t>(amount))
                return error_reply(403, "InvalidVSwitchId.IpNotEnough",
                                   "The specified VSwitch \"" + known_vswitch->id + "\" has not enough IpAddress.", host);
        }
    }

    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    const std::string vswitch =
        std::string(get(p, "VSwitchId", "vsw-" + std::string(region->id_hint) + "1" + std::string(zone->id.substr(zone->id.size() - 1)) + "default000000"));
    // Each vSwitch belongs to one VPC: derive a stable VPC id from the vSwitch id.
    char vpc_suffix[24];
    std::snprintf(vpc_suffix, sizeof vpc_suffix, "%016zx", std::hash<std::string>{}(vswitch));
    const std::string vpc = "vpc-" + std::string(region->id_hint) + "1" + vpc_suffix;

    boost::json::array ids;
    const auto now = system_clock::now();
    for (long long n = 0; n < amount; ++n) {
        auto i = std::make_unique<instance>();
        i->sequence = next_sequence_++;
        i->id = new_instance_id(region->id_hint);
        std::string suffix;
        if (flag(p, "UniqueSuffix") && amount > 1) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%03lld", n + 1);
            suffix = buf;
        }
        i->name = p.contains("InstanceName") ? std::string(name) + suffix : i->id;
        i->host_name = p.contains("HostName") ? std::string(get(p, "HostName")) + suffix : "iZ" + i->id.substr(2) + "Z";
        i->description = description;
        i->region_id = region->id;
        i->zone_id = zone->id;
        i->instance_type = type->name;
        i->instance_type_family = type->family;
        i->cpu = type->cpu;
        i->memory_mib = type->memory_mib;
        i->image_id = image;
        i->vpc_id = vpc;
        i->vswitch_id = vswitch;
        i->security_group_ids = groups;
        i->tags = tags;
        i->instance_charge_type = get(p, "InstanceChargeType", "PostPaid");
        i->internet_charge_type = get(p, "InternetChargeType", "PayByTraffic");
        i->spot_strategy = get(p, "SpotStrategy", "NoSpot");
        i->key_pair_name = get(p, "KeyPairName");
        i->resource_group_id = get(p, "ResourceGroupId");
        i->deletion_protection = flag(p, "DeletionProtection");
        i->internet_max_bandwidth_out = create_only ? 0 : static_cast<int>(bandwidth_out);
        i->internet_max_bandwidth_in = static_cast<int>(number(p, "InternetMaxBandwidthIn", 100));
        const std::uint32_t address = next_address_++;
        char ip[32];
        std::snprintf(ip, sizeof ip, "172.16.%u.%u", (address >> 8) & 0xFF, address & 0xFF);
        i->private_ip = ip;
        if (known_vswitch != nullptr) {
            // In the vSwitch: its VPC, its zone, an address of its block.
            const std::uint32_t mine = addresses[static_cast<std::size_t>(n)];
            i->vpc_id = known_vswitch->vpc_id;
            i->vswitch_id = known_vswitch->id;
            i->zone_id = known_vswitch->zone_id;
            i->private_ip = format_ipv4(mine);
            known_vswitch->addresses.emplace(mine, i->id);
        }
        for (auto* g : known_groups)
            g->instances.insert(i->id);
        if (i->internet_max_bandwidth_out > 0) { // RunInstances only: a public IP with bandwidth
            std::snprintf(ip, sizeof ip, "47.96.%u.%u", (address >> 8) & 0xFF, address & 0xFF);
            i->public_ip = ip;
        }
        char mac[24];
        std::snprintf(mac, sizeof mac, "00:16:3e:%02x:%02x:%02x", (address >> 16) & 0xFF, (address >> 8) & 0xFF,
                      address & 0xFF);
        i->mac_address = mac;
        i->network_interface_id = "eni-" + std::string(region->id_hint) + random_alnum(17);
        i->serial_number = serial_number();
        i->creation_time = now;
        i->status = instance_status::pending;
        ids.emplace_back(i->id);

        instance& ref = *i;
        instances_.emplace(i->id, std::move(i));
        if (create_only)
            set_plan(ref, {{options_.pending, instance_status::stopped}});
        else
            set_plan(ref, {{options_.pending, instance_status::starting}, {options_.starting, instance_status::running}});
    }

    if (create_only)
        return ok({{"InstanceId", ids.front()}, {"TradePrice", 0.165}});
    return ok({{"InstanceIdSets", boost::json::object{{"InstanceIdSet", std::move(ids)}}},
               {"TradePrice", 0.165 * static_cast<double>(amount)}});
}

api_reply ecs_service::start_instance(const params_t& p, std::string_view host)
{
    instance* i = find(get(p, "InstanceId"));
    if (i == nullptr)
        return instance_not_found(host);
    if (i->status != instance_status::stopped)
        return incorrect_status(host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    i->status = instance_status::starting;
    i->stopped_mode = "Not-applicable";
    set_plan(*i, {{options_.starting, instance_status::running}});
    return ok();
}

api_reply ecs_service::stop_instance(const params_t& p, std::string_view host)
{
    instance* i = find(get(p, "InstanceId"));
    if (i == nullptr)
        return instance_not_found(host);
    if (i->status != instance_status::running)
        return incorrect_status(host);
    const auto mode = get(p, "StoppedMode", "KeepCharging");
    if (mode != "KeepCharging" && mode != "StopCharging")
        return invalid_parameter("StoppedMode", "It must be KeepCharging or StopCharging.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    i->status = instance_status::stopping;
    i->stopped_mode = mode;
    set_plan(*i, {{flag(p, "ForceStop") ? milliseconds(0) : options_.stopping, instance_status::stopped}});
    return ok();
}

api_reply ecs_service::reboot_instance(const params_t& p, std::string_view host)
{
    instance* i = find(get(p, "InstanceId"));
    if (i == nullptr)
        return instance_not_found(host);
    if (i->status != instance_status::running)
        return incorrect_status(host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    i->status = instance_status::starting;
    set_plan(*i, {{options_.starting, instance_status::running}});
    return ok();
}

api_reply ecs_service::delete_instance(const params_t& p, std::string_view host)
{
    instance* i = find(get(p, "InstanceId"));
    if (i == nullptr)
        return instance_not_found(host);
    if (i->status == instance_status::pending)
        return error_reply(403, "IncorrectInstanceStatus.Initializing",
                           "The specified instance status does not support this operation.", host);
    if (i->status != instance_status::stopped && !flag(p, "Force"))
        return incorrect_status(host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    const std::string id = i->id;
    instances_.erase(id);
    networks_.forget_instance(id);
    return ok();
}

api_reply ecs_service::delete_instances(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    const auto ids = repeat_list(p, "InstanceId");
    if (ids.size() > 100)
        return invalid_parameter("InstanceId", "At most 100 instance IDs.", host);
    const bool force = flag(p, "Force");
    // All or nothing: every instance is checked before any is deleted.
    for (const auto& id : ids) {
        const instance* i = find(id);
        if (i == nullptr || i->region_id != region->id)
            return instance_not_found(host);
        if (i->status == instance_status::pending)
            return error_reply(403, "IncorrectInstanceStatus.Initializing",
                               "The specified instance status does not support this operation.", host);
        if (i->status != instance_status::stopped && !force)
            return incorrect_status(host);
    }
    if (flag(p, "DryRun"))
        return error_reply(400, "DRYRUN.SUCCESS", "This request is a dryrun request with successful result.", host);
    for (const auto& id : ids) {
        instances_.erase(id);
        networks_.forget_instance(id);
    }
    return ok();
}

void ecs_service::show_eip(const instance& i, boost::json::object& item, bool with_unassociate)
{
    const eip_record* e = networks_.eip_of_instance(i.id);
    if (e == nullptr)
        return; // the empty EipAddress of instance.cpp
    boost::json::object eip{{"AllocationId", e->allocation_id},
                            {"IpAddress", e->ip_address},
                            {"InternetChargeType", e->internet_charge_type},
                            {"Bandwidth", parse_integer(e->bandwidth).value_or(0)}};
    if (with_unassociate)
        eip["IsSupportUnassociate"] = true;
    item["EipAddress"] = std::move(eip);
}

boost::json::array ecs_service::instances_json() const
{
    std::vector<const instance*> all;
    for (const auto& [id, i] : instances_)
        all.push_back(i.get());
    std::sort(all.begin(), all.end(), [](const instance* a, const instance* b) { return a->sequence < b->sequence; });
    boost::json::array out;
    for (const auto* i : all) {
        boost::json::array groups;
        for (const auto& g : i->security_group_ids)
            groups.emplace_back(g);
        out.push_back(boost::json::object{{"InstanceId", i->id},
                                          {"Status", to_string(i->status)},
                                          {"RegionId", i->region_id},
                                          {"ZoneId", i->zone_id},
                                          {"VpcId", i->vpc_id},
                                          {"VSwitchId", i->vswitch_id},
                                          {"PrivateIpAddress", i->private_ip},
                                          {"SecurityGroupIds", std::move(groups)}});
    }
    return out;
}

} // namespace alicloud::emulator
