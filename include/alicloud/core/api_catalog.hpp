#ifndef ALICLOUD_CORE_API_CATALOG_HPP
#define ALICLOUD_CORE_API_CATALOG_HPP

// What an API's operations take, as a program can read it at run time: each
// operation's Action and its parameters as they go on the wire, with their
// type and whether the service requires them. For tools that build calls from
// text - a command line, a configuration file - and want to refuse a typo
// before anything is sent. Each product has one (alicloud::ecs::catalog() in
// <alicloud/ecs/catalog.hpp>), generated from the same schema as its models;
// it is plain data in an object file of its own, linked only by a program
// that calls it.

#include <cstdint>
#include <span>
#include <string_view>

namespace alicloud {

// The type of one parameter's value as the service reads it.
enum class parameter_type : std::uint8_t {
    string,
    int32,       // "Integer": a decimal that fits 32 bits
    int64,       // "Long": a decimal that fits 64 bits
    float32,     // "Float"
    float64,     // "Double"
    boolean,     // "true" or "false"
    json_array,  // one parameter holding a JSON array: ["i-1","i-2"]
    json_object, // one parameter holding a JSON object: {"Key":"Value"}
    object,      // not a parameter: a group of those named under it - a nested
                 // object ("SystemDisk") or a list's element ("Tag.N")
};

// "String", "Integer", "Long", "Float", "Double", "Boolean", "JSON array",
// "JSON object", "Object": the names of the service's own documentation.
std::string_view to_string(parameter_type type) noexcept;

struct parameter_description {
    // The wire name. A list is flattened, its elements numbered from 1 where
    // the name has N: "SecurityGroupIds.N", "Tag.N.Key"; a member of a nested
    // object after a dot: "SystemDisk.Category". A parameter sent as one JSON
    // string has its plain name ("InstanceIds") and a JSON type. A group
    // (type object: "Tag.N", "SystemDisk") comes just before its members.
    std::string_view name;
    parameter_type type;
    // Whether what holds it needs it: the request, for a top-level name; each
    // element or object of the group above it, for a member ("Tag.N.Key" in
    // every Tag.N the request has). A list - a name ending in N, a scalar
    // "InstanceId.N" or a group "Disk.N" - needs at least one element.
    bool required;
};

struct operation_description {
    std::string_view action; // "DescribeInstances", as sent on the wire
    // RegionId first, then the other required ones, then the rest, each by
    // wire name (bytewise); a group's members follow it, in the same order.
    std::span<const parameter_description> parameters;
    bool idempotent; // a read: repeating it after a failure is safe
};

struct api_catalog {
    std::string_view product; // "ecs"
    std::string_view version; // the API version the catalog describes: "2014-05-26"
    std::span<const operation_description> operations; // sorted by action (bytewise)

    // The operation of this Action (exact match), or nullptr.
    const operation_description* find(std::string_view action) const noexcept;
};

} // namespace alicloud

#endif
