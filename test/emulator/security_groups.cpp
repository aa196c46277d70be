// ECS security groups (2014-05-26): created in a VPC the emulator keeps (or in
// none), their ingress rules, and who uses them - RunInstances places
// instances in them, DeleteSecurityGroup refuses while any does.

#include "call_values.hpp"
#include "catalog.hpp"
#include "ecs_service.hpp"
#include "utc_time.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <charconv>

namespace alicloud::emulator {
namespace {

api_reply group_not_found(std::string_view host)
{
    return error_reply(404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist.", host);
}

api_reply not_valid(std::string_view code, std::string_view parameter, std::string_view host)
{
    return error_reply(400, code, "The specified parameter \"" + std::string(parameter) + "\" is not valid.", host);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string upper(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "from/to", 1 <= from <= to <= 65535.
bool valid_port_range(std::string_view text)
{
    const auto slash = text.find('/');
    if (slash == std::string_view::npos)
        return false;
    int from = 0, to = 0;
    const auto a = text.substr(0, slash), b = text.substr(slash + 1);
    const auto ra = std::from_chars(a.data(), a.data() + a.size(), from);
    const auto rb = std::from_chars(b.data(), b.data() + b.size(), to);
    return !a.empty() && !b.empty() && ra.ec == std::errc() && ra.ptr == a.data() + a.size() &&
           rb.ec == std::errc() && rb.ptr == b.data() + b.size() && from >= 1 && from <= to && to <= 65535;
}

// One ingress rule from its parameters, named with `prefix` ("" for the
// older top-level form, "Permissions.N." for the newer one).
std::optional<api_reply> read_rule(const parameters& p, const std::string& prefix, security_group_rule& rule,
                                   std::string_view host)
{
    const auto value = [&](std::string_view name, std::string_view fallback = {}) {
        return get(p, prefix + std::string(name), fallback);
    };
    const auto has = [&](std::string_view name) { return p.contains(prefix + std::string(name)); };

    if (!has("IpProtocol") || value("IpProtocol").empty())
        return missing_parameter(prefix + "IpProtocol", host);
    const std::string protocol = lower(value("IpProtocol"));
    static constexpr std::string_view protocols[] = {"tcp", "udp", "icmp", "icmpv6", "gre", "all"};
    if (std::find(std::begin(protocols), std::end(protocols), protocol) == std::end(protocols))
        return not_valid("InvalidIpProtocol.Malformed", prefix + "IpProtocol", host);
    rule.ip_protocol = upper(protocol);

    const bool ports = protocol == "tcp" || protocol == "udp";
    if (ports) {
        if (!has("PortRange") || value("PortRange").empty())
            return missing_parameter(prefix + "PortRange", host);
        if (!valid_port_range(value("PortRange")))
            return not_valid("InvalidIpProtocol.Malformed", prefix + "PortRange", host);
        rule.port_range = value("PortRange");
    } else {
        rule.port_range = value("PortRange", "-1/-1");
        if (rule.port_range != "-1/-1")
            return error_reply(400, "OperationDenied",
                               "The specified IpProtocol does not exist or IpProtocol and PortRange do not match.", host);
    }

    rule.source_cidr_ip = value("SourceCidrIp");
    rule.source_group_id = value("SourceGroupId");
    if (rule.source_cidr_ip.empty() && rule.source_group_id.empty() && value("SourcePrefixListId").empty() &&
        value("Ipv6SourceCidrIp").empty())
        return error_reply(403, "MissingParameter",
                           "The input parameter \"SourceGroupId\" or \"SourceCidrIp\" cannot be both blank.", host);
    if (!rule.source_cidr_ip.empty() && !parse_cidr(rule.source_cidr_ip, true))
        return not_valid("InvalidSourceCidrIp.Malformed", prefix + "SourceCidrIp", host);
    rule.dest_cidr_ip = value("DestCidrIp");
    if (!rule.dest_cidr_ip.empty() && !parse_cidr(rule.dest_cidr_ip, true))
        return not_valid("InvalidDestCidrIp.Malformed", prefix + "DestCidrIp", host);
    rule.source_port_range = value("SourcePortRange");

    const std::string policy = lower(value("Policy", "accept"));
    if (policy != "accept" && policy != "drop")
        return not_valid("InvalidPolicy.Malformed", prefix + "Policy", host);
    rule.policy = policy == "accept" ? "Accept" : "Drop";

    rule.priority = value("Priority", "1");
    const auto priority = parse_integer(rule.priority);
    if (!priority || *priority < 1 || *priority > 100)
        return not_valid("InvalidPriority.Malformed", prefix + "Priority", host);

    rule.nic_type = lower(value("NicType", "intranet"));
    if (rule.nic_type != "intranet" && rule.nic_type != "internet")
        return error_reply(400, "InvalidNicType.ValueNotSupported", "The specified NicType does not exist.", host);
    rule.description = value("Description");
    rule.direction = "ingress";
    return std::nullopt;
}

// The rules of an Authorize/RevokeSecurityGroup call: Permissions.N when
// given, the top-level fields otherwise.
std::optional<api_reply> read_rules(const parameters& p, std::vector<security_group_rule>& out, std::string_view host)
{
    for (int n = 1;; ++n) {
        const std::string prefix = "Permissions." + std::to_string(n) + ".";
        const bool present = std::any_of(p.begin(), p.end(), [&](const auto& item) { return item.name.starts_with(prefix); });
        if (!present)
            break;
        security_group_rule rule;
        if (auto bad = read_rule(p, prefix, rule, host))
            return bad;
        out.push_back(std::move(rule));
    }
    if (!out.empty())
        return std::nullopt;
    security_group_rule rule;
    if (auto bad = read_rule(p, "", rule, host))
        return bad;
    out.push_back(std::move(rule));
    return std::nullopt;
}

boost::json::object tags_json(const tag_list& tags)
{
    boost::json::array list;
    for (const auto& [k, v] : tags)
        list.push_back(boost::json::object{{"TagKey", k}, {"TagValue", v}});
    return {{"Tag", std::move(list)}};
}

} // namespace

security_group_record* ecs_service::find_group(std::string_view id, std::string_view region)
{
    security_group_record* g = networks_.find_security_group(id);
    return g != nullptr && g->region_id == region ? g : nullptr;
}

api_reply ecs_service::create_security_group(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    const vpc_record* vpc = nullptr;
    if (p.contains("VpcId") && !get(p, "VpcId").empty()) {
        vpc = networks_.find_vpc(get(p, "VpcId"));
        if (vpc == nullptr || vpc->region_id != region->id)
            return error_reply(404, "InvalidVpcId.NotFound", "Specified VPC does not exist.", host);
    }
    const auto name = get(p, "SecurityGroupName");
    if (p.contains("SecurityGroupName") &&
        (name.size() < 2 || name.size() > 128 || name.starts_with("http://") || name.starts_with("https://")))
        return error_reply(400, "InvalidSecurityGroupName.Malformed", "Specified security group name is not valid.", host);
    const auto type = get(p, "SecurityGroupType", "normal");
    if (type != "normal" && type != "enterprise")
        return invalid_parameter("SecurityGroupType", "It must be normal or enterprise.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    auto& g = networks_.add_security_group(region->id, region->id_hint);
    g.vpc_id = vpc != nullptr ? vpc->id : std::string();
    g.name = name;
    g.description = get(p, "Description");
    g.type = type;
    g.resource_group_id = get(p, "ResourceGroupId");
    g.tags = tags_of(p);
    return ok({{"SecurityGroupId", g.id}});
}

api_reply ecs_service::authorize_security_group(const params_t& p, std::string_view host)
{
    security_group_record* g = find_group(get(p, "SecurityGroupId"), get(p, "RegionId"));
    if (g == nullptr)
        return group_not_found(host);
    std::vector<security_group_rule> rules;
    if (auto bad = read_rules(p, rules, host))
        return std::move(*bad);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    // A rule the group has already is not added again; the call succeeds.
    for (auto& rule : rules) {
        if (std::any_of(g->rules.begin(), g->rules.end(), [&](const auto& r) { return r.same_as(rule); }))
            continue;
        rule.id = networks_.new_rule_id(find_region(g->region_id)->id_hint);
        rule.creation_time = std::chrono::system_clock::now();
        g->rules.push_back(std::move(rule));
    }
    return ok();
}

api_reply ecs_service::revoke_security_group(const params_t& p, std::string_view host)
{
    security_group_record* g = find_group(get(p, "SecurityGroupId"), get(p, "RegionId"));
    if (g == nullptr)
        return group_not_found(host);
    const auto ids = repeat_list(p, "SecurityGroupRuleId");
    std::vector<security_group_rule> rules;
    if (ids.empty())
        if (auto bad = read_rules(p, rules, host))
            return std::move(*bad);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    // Revoking a rule the group does not have succeeds and changes nothing.
    std::erase_if(g->rules, [&](const security_group_rule& r) {
        return std::find(ids.begin(), ids.end(), r.id) != ids.end() ||
               std::any_of(rules.begin(), rules.end(), [&](const auto& x) { return x.same_as(r); });
    });
    return ok();
}

api_reply ecs_service::describe_security_groups(const params_t& p, std::string_view host)
{
    const region_info* region = find_region(get(p, "RegionId"));
    if (region == nullptr)
        return region_not_found(host);
    std::vector<std::string> ids;
    if (p.contains("SecurityGroupIds") && !json_string_array(get(p, "SecurityGroupIds"), ids))
        return invalid_parameter("SecurityGroupIds", "It must be a JSON array of security group IDs.", host);
    page_request page;
    if (auto bad = read_page(p, 50, page, host))
        return std::move(*bad);
    const auto tags = tags_of(p);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);

    std::vector<const security_group_record*> all;
    for (const auto* g : networks_.security_groups()) {
        if (g->region_id != region->id)
            continue;
        if (p.contains("SecurityGroupId") && get(p, "SecurityGroupId") != g->id)
            continue;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), g->id) == ids.end())
            continue;
        if ((p.contains("VpcId") && get(p, "VpcId") != g->vpc_id) ||
            (p.contains("SecurityGroupName") && get(p, "SecurityGroupName") != g->name) ||
            (p.contains("SecurityGroupType") && get(p, "SecurityGroupType") != g->type) ||
            (p.contains("ResourceGroupId") && get(p, "ResourceGroupId") != g->resource_group_id))
            continue;
        const bool tagged = std::all_of(tags.begin(), tags.end(), [&](const auto& want) {
            return std::any_of(g->tags.begin(), g->tags.end(), [&](const auto& t) {
                return t.first == want.first && (want.second.empty() || t.second == want.second);
            });
        });
        if (tagged)
            all.push_back(g);
    }
    boost::json::array items;
    for (std::size_t k = page.begin(all.size()); k < page.end(all.size()); ++k) {
        const auto& g = *all[k];
        const auto group_rules = std::count_if(g.rules.begin(), g.rules.end(),
                                               [](const auto& r) { return !r.source_group_id.empty(); });
        items.push_back(boost::json::object{
            {"SecurityGroupId", g.id},
            {"SecurityGroupName", g.name},
            {"Description", g.description},
            {"SecurityGroupType", g.type},
            {"VpcId", g.vpc_id},
            {"CreationTime", utc_time(g.creation_time, utc_precision::seconds)},
            {"ResourceGroupId", g.resource_group_id},
            {"EcsCount", g.instances.size()},
            // A normal group holds up to 2000 private addresses.
            {"AvailableInstanceAmount", 2000 - static_cast<long long>(g.instances.size())},
            {"RuleCount", g.rules.size()},
            {"GroupToGroupRuleCount", group_rules},
            {"ServiceManaged", false},
            {"ServiceID", 0},
            {"Tags", tags_json(g.tags)}});
    }
    return ok({{"RegionId", region->id},
               {"TotalCount", all.size()},
               {"PageNumber", page.number},
               {"PageSize", page.size},
               {"NextToken", ""},
               {"SecurityGroups", boost::json::object{{"SecurityGroup", std::move(items)}}}});
}

api_reply ecs_service::describe_security_group_attribute(const params_t& p, std::string_view host)
{
    const security_group_record* g = find_group(get(p, "SecurityGroupId"), get(p, "RegionId"));
    if (g == nullptr)
        return group_not_found(host);
    const auto direction = get(p, "Direction", "all");
    if (direction != "all" && direction != "ingress" && direction != "egress")
        return invalid_parameter("Direction", "It must be ingress, egress or all.", host);
    boost::json::array permissions;
    for (const auto& r : g->rules) {
        if (direction != "all" && direction != r.direction)
            continue;
        permissions.push_back(boost::json::object{
            {"SecurityGroupRuleId", r.id},
            {"Direction", r.direction},
            {"IpProtocol", r.ip_protocol},
            {"PortRange", r.port_range},
            {"SourceCidrIp", r.source_cidr_ip},
            {"SourceGroupId", r.source_group_id},
            {"SourceGroupName", ""},
            {"SourceGroupOwnerAccount", ""},
            {"SourcePortRange", r.source_port_range},
            {"SourcePrefixListId", ""},
            {"SourcePrefixListName", ""},
            {"DestCidrIp", r.dest_cidr_ip},
            {"DestGroupId", ""},
            {"DestGroupName", ""},
            {"DestGroupOwnerAccount", ""},
            {"DestPrefixListId", ""},
            {"DestPrefixListName", ""},
            {"Ipv6SourceCidrIp", ""},
            {"Ipv6DestCidrIp", ""},
            {"Policy", r.policy},
            {"Priority", r.priority},
            {"NicType", r.nic_type},
            {"PortRangeListId", ""},
            {"PortRangeListName", ""},
            {"Description", r.description},
            {"CreateTime", utc_time(r.creation_time, utc_precision::seconds)}});
    }
    return ok({{"RegionId", g->region_id},
               {"SecurityGroupId", g->id},
               {"SecurityGroupName", g->name},
               {"Description", g->description},
               {"VpcId", g->vpc_id},
               {"InnerAccessPolicy", "Accept"},
               {"NextToken", ""},
               {"SnapshotPolicyIds", boost::json::object{{"SnapshotPolicyId", boost::json::array{}}}},
               {"Permissions", boost::json::object{{"Permission", std::move(permissions)}}}});
}

api_reply ecs_service::delete_security_group(const params_t& p, std::string_view host)
{
    const security_group_record* g = find_group(get(p, "SecurityGroupId"), get(p, "RegionId"));
    if (g == nullptr)
        return group_not_found(host);
    if (!g->instances.empty())
        return error_reply(403, "DependencyViolation", "There is still instance(s) in the specified security group.",
                           host);
    for (const auto* other : networks_.security_groups())
        if (other != g && std::any_of(other->rules.begin(), other->rules.end(),
                                      [&](const auto& r) { return r.source_group_id == g->id; }))
            return error_reply(403, "DependencyViolation",
                               "The specified security group has been authorized in another one.", host);
    if (flag(p, "DryRun"))
        return dry_run_passed(host);
    networks_.erase_security_group(g->id);
    return ok();
}

} // namespace alicloud::emulator
