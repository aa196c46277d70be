// The ECS catalog (<alicloud/ecs/catalog.hpp>) against two sources it must
// agree with: the keys the official SDK sent for each operation (the schema's
// wire.query, test/ecs/generated/wire_keys.inc), and the descriptor tables the
// library's own encoder and validator walk (lib/core/model/descriptor.hpp).

#include "core/model/descriptor.hpp"
#include "official_wire_keys.hpp"

#include <alicloud/ecs/catalog.hpp>
#include <alicloud/ecs/operations.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using namespace alicloud;
namespace model = alicloud::detail::model;

namespace {

// "Tag.1.Key" -> "Tag.N.Key": the official keys number one element per list.
std::string numbered_as_n(std::string_view key)
{
    std::string out;
    std::size_t start = 0;
    while (start <= key.size()) {
        const std::size_t dot = std::min(key.find('.', start), key.size());
        const std::string_view part = key.substr(start, dot - start);
        const bool number = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        out += (start == 0 ? "" : ".") + (number ? std::string("N") : std::string(part));
        start = dot + 1;
    }
    return out;
}

std::set<std::string> official_names(std::string_view action)
{
    std::set<std::string> out;
    std::istringstream keys{std::string(test::official_ecs_keys(action))};
    for (std::string key; keys >> key;)
        out.insert(numbered_as_n(key));
    return out;
}

using entry = std::tuple<std::string, parameter_type, bool>;

parameter_type scalar_type(model::kind k)
{
    switch (k) {
    case model::kind::boolean: return parameter_type::boolean;
    case model::kind::int32: return parameter_type::int32;
    case model::kind::int64: return parameter_type::int64;
    case model::kind::float32: return parameter_type::float32;
    case model::kind::float64: return parameter_type::float64;
    default: return parameter_type::string;
    }
}

// What the encoder sends for a request's descriptor, flattened independently
// of the generator: the catalog must say the same.
void flatten(const model::class_info& cls, const std::string& prefix, std::set<entry>& out)
{
    for (const model::field_info& f : cls.fields) {
        const std::string name = prefix + std::string(f.wire);
        const bool many = f.form == model::form::list || f.form == model::form::optional_list;
        const bool required = f.is(model::field_flags::required);
        if (f.is(model::field_flags::json)) {
            const bool object = f.kind == model::kind::object || f.kind == model::kind::map;
            out.emplace(name, many ? parameter_type::json_array : object ? parameter_type::json_object : scalar_type(f.kind),
                        required);
        } else if (f.kind == model::kind::object) {
            const std::string group = name + (many ? ".N" : "");
            out.emplace(group, parameter_type::object, required);
            flatten(*f.nested, group + ".", out);
        } else {
            out.emplace(name + (many ? ".N" : ""), scalar_type(f.kind), required);
        }
    }
}

const parameter_description* find_parameter(const operation_description& op, std::string_view name)
{
    const auto it = std::find_if(op.parameters.begin(), op.parameters.end(),
                                 [&](const parameter_description& p) { return p.name == name; });
    return it == op.parameters.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("ecs catalog: 380 operations of 2014-05-26, sorted, each found by its Action", "[ecs][catalog]")
{
    const api_catalog& c = ecs::catalog();
    CHECK(c.product == "ecs");
    CHECK(c.version == "2014-05-26");
    REQUIRE(c.operations.size() == 380);
    CHECK(c.operations.size() == std::size(test::ecs_wire_keys));
    for (std::size_t i = 1; i < c.operations.size(); ++i)
        CHECK(c.operations[i - 1].action < c.operations[i].action);
    for (const auto& op : c.operations)
        CHECK(c.find(op.action) == &op);
    CHECK(c.find("DescribeInstnces") == nullptr);
    CHECK(c.find("describeinstances") == nullptr);
    CHECK(c.find("") == nullptr);
    CHECK(c.find("ZZZ") == nullptr);
}

TEST_CASE("ecs catalog: each operation's parameters are the official SDK's keys, lists numbered N", "[ecs][catalog]")
{
    for (const auto& op : ecs::catalog().operations) {
        INFO(op.action);
        std::set<std::string> names;
        for (const auto& p : op.parameters)
            if (p.type != parameter_type::object) // a group is not sent itself
                CHECK(names.insert(std::string(p.name)).second);
        CHECK(names == official_names(op.action));
    }
}

TEST_CASE("ecs catalog: types and required flags are those of the descriptors the encoder walks", "[ecs][catalog]")
{
    std::size_t checked = 0;
    auto check = [&](const detail::operation_info& info) {
        const operation_description* op = ecs::catalog().find(info.action);
        INFO(info.action);
        REQUIRE(op != nullptr);
        CHECK(op->idempotent == info.idempotent);
        std::set<entry> expected, listed;
        flatten(*info.request, "", expected);
        for (const auto& p : op->parameters)
            listed.emplace(std::string(p.name), p.type, p.required);
        CHECK(listed.size() == op->parameters.size());
        CHECK(listed == expected);
        ++checked;
    };
#define ALICLOUD_CHECK(name) check(ecs::detail::name##_operation);
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_CHECK)
#undef ALICLOUD_CHECK
    CHECK(checked == 380);
}

TEST_CASE("ecs catalog: RegionId first, then the required parameters, then the rest by name", "[ecs][catalog]")
{
    for (const auto& op : ecs::catalog().operations) {
        INFO(op.action);
        const auto region = find_parameter(op, "RegionId");
        if (region != nullptr)
            CHECK(region == op.parameters.data());
        // Each top-level name (a group or list counted once, by its first
        // entry) in (RegionId, required, rest) order, each part by name.
        using rank = std::tuple<bool, bool, std::string_view>;
        std::vector<rank> order;
        for (const auto& p : op.parameters) {
            const std::string_view top = p.name.substr(0, p.name.find('.'));
            if (order.empty() || std::get<2>(order.back()) != top)
                order.emplace_back(top != "RegionId", !p.required, top);
        }
        CHECK(std::is_sorted(order.begin(), order.end()));
        std::set<std::string_view> tops; // a group's members together, after it
        for (const auto& r : order)
            CHECK(tops.insert(std::get<2>(r)).second);
    }
}

TEST_CASE("ecs catalog: flattened lists, JSON strings, groups and required parameters", "[ecs][catalog]")
{
    const api_catalog& c = ecs::catalog();
    const auto* run = c.find("RunInstances");
    REQUIRE(run != nullptr);
    CHECK_FALSE(run->idempotent);
    REQUIRE(!run->parameters.empty());
    CHECK(run->parameters.front().name == "RegionId");
    CHECK(run->parameters.front().required);
    const auto* tag = find_parameter(*run, "Tag.N");
    const auto* key = find_parameter(*run, "Tag.N.Key");
    REQUIRE(tag != nullptr);
    REQUIRE(key != nullptr);
    CHECK(tag->type == parameter_type::object);
    CHECK_FALSE(tag->required); // RunInstances needs no tag...
    CHECK(key->type == parameter_type::string);
    CHECK(key->required);       // ...but each tag it has needs a key
    CHECK(tag + 1 == key);      // a group just before its members
    REQUIRE(find_parameter(*run, "SecurityGroupIds.N") != nullptr);
    CHECK(find_parameter(*run, "SecurityGroupIds.N")->type == parameter_type::string);
    CHECK(find_parameter(*run, "SystemDisk.Size")->type == parameter_type::int32);
    CHECK(find_parameter(*run, "SpotPriceLimit")->type == parameter_type::float64);
    CHECK(find_parameter(*run, "NetworkInterface.N.SecurityGroupIds.N") != nullptr);

    const auto* describe = c.find("DescribeInstances");
    REQUIRE(describe != nullptr);
    CHECK(describe->idempotent);
    REQUIRE(find_parameter(*describe, "InstanceIds") != nullptr);
    CHECK(find_parameter(*describe, "InstanceIds")->type == parameter_type::json_array);
    CHECK(find_parameter(*describe, "PageSize")->type == parameter_type::int32);
    CHECK(find_parameter(*describe, "DryRun")->type == parameter_type::boolean);
    CHECK(find_parameter(*describe, "OwnerId")->type == parameter_type::int64);

    const auto* del = c.find("DeleteInstances");
    REQUIRE(del != nullptr);
    REQUIRE(find_parameter(*del, "InstanceId.N") != nullptr);
    CHECK(find_parameter(*del, "InstanceId.N")->required); // at least one

    const auto* reset = c.find("ResetDisks");
    REQUIRE(reset != nullptr);
    REQUIRE(find_parameter(*reset, "Disk.N") != nullptr);
    CHECK(find_parameter(*reset, "Disk.N")->required); // a required list of objects: a group says so

    const auto* plan = c.find("CreatePlanMaintenanceWindow");
    REQUIRE(plan != nullptr);
    REQUIRE(find_parameter(*plan, "TimePeriod") != nullptr);
    CHECK(find_parameter(*plan, "TimePeriod")->type == parameter_type::json_object);
    CHECK(find_parameter(*plan, "TimePeriod.RangeList") == nullptr); // inside the JSON, not a parameter

    const auto* run_command = c.find("RunCommand");
    REQUIRE(run_command != nullptr);
    CHECK(find_parameter(*run_command, "Parameters")->type == parameter_type::json_object); // a map, as JSON
}

TEST_CASE("ecs catalog: type names as the service documents them", "[ecs][catalog]")
{
    CHECK(to_string(parameter_type::string) == "String");
    CHECK(to_string(parameter_type::int32) == "Integer");
    CHECK(to_string(parameter_type::int64) == "Long");
    CHECK(to_string(parameter_type::float32) == "Float");
    CHECK(to_string(parameter_type::float64) == "Double");
    CHECK(to_string(parameter_type::boolean) == "Boolean");
    CHECK(to_string(parameter_type::json_array) == "JSON array");
    CHECK(to_string(parameter_type::json_object) == "JSON object");
    CHECK(to_string(parameter_type::object) == "Object");
}
