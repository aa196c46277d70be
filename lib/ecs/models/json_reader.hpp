#ifndef ALICLOUD_LIB_ECS_MODELS_JSON_READER_HPP
#define ALICLOUD_LIB_ECS_MODELS_JSON_READER_HPP

// Reading a response body into a model by hand.
//
// Boost.JSON's automatic struct conversion rejects members it does not know, and
// the service adds members all the time; so each model lists the members it
// wants, and everything else in the body is ignored. A member that is missing
// or null leaves the model's default. A member of the wrong JSON type fails the
// whole decode with client_errc::malformed_response and a message naming its
// path in the body, e.g. "Instances.Instance[2].Cpu: expected a number".
//
// Each model type T gets a `void read_members(object_reader&, T&)` overload in
// namespace detail; the templates below find it by argument-dependent lookup.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::ecs::detail {

// Where a value sits in the body: a chain of frames on the reader's stack, turned
// into text only when something is wrong.
struct json_path {
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);

    const json_path* parent = nullptr;
    std::string_view key;         // empty for the body itself
    std::size_t index = no_index; // set for an element of the array `key`

    std::string to_string() const;
};

// The first failure of one decode; later reads do nothing once it is set.
struct decode_failure {
    error_code& ec;
    diagnostics& diag;

    bool failed() const noexcept { return static_cast<bool>(ec); }
    void set(const json_path& where, std::string_view what);
};

class object_reader {
public:
    object_reader(const boost::json::object& object, const json_path& here, decode_failure& failure) noexcept
        : object_(object), next_(object.begin()), here_(here), failure_(failure)
    {
    }

    void read(std::string_view key, std::string& out);
    void read(std::string_view key, std::optional<std::string>& out);
    void read(std::string_view key, bool& out);
    void read(std::string_view key, std::int32_t& out);
    void read(std::string_view key, std::int64_t& out);
    // Prices: a JSON number, or a string holding one (the documentation's
    // RunInstances sample prints TradePrice as "0.165").
    void read(std::string_view key, std::optional<double>& out);

    // {"Key": {"Element": ["a", "b"]}}: the service wraps every list in an object.
    void read_strings(std::string_view key, std::string_view element, std::vector<std::string>& out);

    // {"Key": {...}} into a model with its own read_members.
    template <class T>
    void read_object(std::string_view key, T& out)
    {
        if (const boost::json::object* o = find_object(key)) {
            const json_path path{&here_, key};
            object_reader nested(*o, path, failure_);
            read_members(nested, out);
        }
    }

    // {"Key": {"Element": [{...}, {...}]}}
    template <class T>
    void read_objects(std::string_view key, std::string_view element, std::vector<T>& out)
    {
        const json_path container{&here_, key};
        const boost::json::array* items = find_list(key, container, element);
        if (items == nullptr)
            return;
        out.clear();
        out.resize(items->size());
        for (std::size_t i = 0; i < items->size() && !failure_.failed(); ++i) {
            const json_path path{&container, element, i};
            const boost::json::object* o = (*items)[i].if_object();
            if (o == nullptr) {
                failure_.set(path, "expected an object");
                return;
            }
            object_reader nested(*o, path, failure_);
            read_members(nested, out[i]);
        }
    }

private:
    // The member's value, or nullptr when it is missing or null. Looks at the
    // member after the previous hit first: models list members in the order the
    // service sends them, so a lookup is usually one comparison, not a hash.
    const boost::json::value* find(std::string_view key) noexcept;
    const boost::json::object* find_object(std::string_view key);
    const boost::json::array* find_list(std::string_view key, const json_path& container, std::string_view element);
    void fail(std::string_view key, std::string_view what);
    template <class Int>
    void read_integer(std::string_view key, Int& out);
    void read_string(std::string_view key, const boost::json::value& v, std::string& out);

    const boost::json::object& object_;
    boost::json::object::const_iterator next_;
    const json_path& here_;
    decode_failure& failure_;
};

} // namespace alicloud::ecs::detail

#endif
