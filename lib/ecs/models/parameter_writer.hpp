#ifndef ALICLOUD_LIB_ECS_MODELS_PARAMETER_WRITER_HPP
#define ALICLOUD_LIB_ECS_MODELS_PARAMETER_WRITER_HPP

// Flattening a request model into RPC parameters, the way the official SDKs do:
// a struct member becomes Prefix.Name, an element of a repeat list Prefix.N.Name
// (1-based), booleans "true"/"false", numbers in decimal. An unset optional or an
// empty list writes nothing.
//
// Each request struct type T gets a `void write_fields(parameter_writer&, const T&)`
// overload in namespace detail; the templates below find it by argument-dependent
// lookup.

#include <alicloud/core/parameters.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alicloud::ecs::detail {

class parameter_writer {
public:
    explicit parameter_writer(parameters& out) noexcept : out_(out) {}

    // A required value: written even when empty (validation has had its say).
    void operator()(std::string_view name, const std::string& value);
    void operator()(std::string_view name, const std::optional<std::string>& value);
    void operator()(std::string_view name, const std::optional<bool>& value);
    void operator()(std::string_view name, const std::optional<std::int32_t>& value);
    void operator()(std::string_view name, const std::optional<std::int64_t>& value);
    void operator()(std::string_view name, const std::optional<double>& value);
    // A repeat list: Name.1, Name.2, ...
    void operator()(std::string_view name, const std::vector<std::string>& values);
    // A JSON array inside one parameter: Name=["a","b"]; an engaged empty list gives "[]".
    void json_array(std::string_view name, const std::optional<std::vector<std::string>>& values);

    // A struct: Name.Member...
    template <class T>
    void operator()(std::string_view name, const std::optional<T>& value)
    {
        if (value) {
            parameter_writer nested(out_, prefixed(name) + ".");
            write_fields(nested, *value);
        }
    }

    // A repeat list of structs: Name.1.Member, Name.2.Member, ...
    template <class T>
    void operator()(std::string_view name, const std::vector<T>& values)
    {
        for (std::size_t i = 0; i < values.size(); ++i) {
            parameter_writer nested(out_, element_prefix(name, i));
            write_fields(nested, values[i]);
        }
    }

private:
    parameter_writer(parameters& out, std::string prefix) noexcept : out_(out), prefix_(std::move(prefix)) {}

    std::string prefixed(std::string_view name) const;
    // "Name.N." for the element at 0-based index i.
    std::string element_prefix(std::string_view name, std::size_t i) const;

    parameters& out_;
    std::string prefix_;
};

} // namespace alicloud::ecs::detail

#endif
