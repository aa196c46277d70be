#ifndef ALICLOUD_CORE_PARAMETERS_HPP
#define ALICLOUD_CORE_PARAMETERS_HPP

// The flat name/value parameters of an RPC API call, as the wire wants them.
//
// RPC APIs know only strings: booleans travel as "true"/"false", integers as
// decimal, lists either as repeat lists (Name.1, Name.2, ... and Name.N.Sub) or
// as a JSON array inside one string, and structs flatten to Prefix.Field. The
// operation's metadata says which encoding a parameter uses; these helpers make
// each of them impossible to get subtly wrong (1-based indices, JSON escaping).

#include <boost/json/fwd.hpp>

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud {

struct parameter {
    std::string name{};
    std::string value{};

    friend bool operator==(const parameter&, const parameter&) = default;
};

class parameters {
public:
    using const_iterator = std::vector<parameter>::const_iterator;

    parameters() = default;
    parameters(std::initializer_list<parameter> init);

    // Sets name to value, replacing an earlier value of the same name.
    parameters& set(std::string_view name, std::string_view value);
    parameters& set(std::string_view name, const char* value) { return set(name, std::string_view(value)); }
    parameters& set(std::string_view name, const std::string& value) { return set(name, std::string_view(value)); }
    // "true" / "false".
    parameters& set(std::string_view name, bool value);
    // Decimal, no sign for non-negative values.
    template <std::integral Int>
        requires(!std::same_as<Int, bool> && !std::same_as<Int, char>)
    parameters& set(std::string_view name, Int value)
    {
        if constexpr (std::is_signed_v<Int>)
            return set_integer(name, static_cast<std::int64_t>(value));
        else
            return set_unsigned(name, static_cast<std::uint64_t>(value));
    }

    // Name.1=values[0], Name.2=values[1], ... (1-based, as RepeatList parameters want).
    parameters& set_repeat_list(std::string_view name, std::span<const std::string> values);
    parameters& set_repeat_list(std::string_view name, std::initializer_list<std::string_view> values);

    // Name=["a","b"]: a JSON array of strings inside one parameter (e.g.
    // DescribeInstances.InstanceIds). An empty list gives "[]", which the
    // service treats as a filter that matches nothing.
    parameters& set_json_array(std::string_view name, std::span<const std::string> values);
    parameters& set_json_array(std::string_view name, std::initializer_list<std::string_view> values);

    // Flattens a JSON value the way the official SDKs do: an object becomes
    // Prefix.Key, an array Prefix.1, Prefix.2..., nested to any depth; strings
    // as they are, booleans and numbers as above; null is skipped.
    // E.g. prefix "DataDisk", [{"Size":40,"Category":"cloud_essd"}] gives
    // DataDisk.1.Size=40 and DataDisk.1.Category=cloud_essd.
    parameters& set_flattened(std::string_view prefix, const boost::json::value& value);

    // Appends without looking for an earlier value of the same name; for
    // decoders that must keep exactly what arrived.
    void append(std::string name, std::string value);

    // The value of name, or nullptr.
    const std::string* find(std::string_view name) const noexcept;
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }
    // Removes name; returns whether it was there.
    bool erase(std::string_view name);

    const_iterator begin() const noexcept { return items_.begin(); }
    const_iterator end() const noexcept { return items_.end(); }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }
    void clear() noexcept { items_.clear(); }
    void reserve(std::size_t n) { items_.reserve(n); }
    std::span<const parameter> items() const noexcept { return items_; }

    friend bool operator==(const parameters&, const parameters&) = default;

private:
    parameters& set_integer(std::string_view name, std::int64_t value);
    parameters& set_unsigned(std::string_view name, std::uint64_t value);

    std::vector<parameter> items_;
};

} // namespace alicloud

#endif
