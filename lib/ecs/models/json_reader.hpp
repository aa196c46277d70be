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
// The body arrives as a json_document (see there why not a boost::json::value).
//
// Each model type T gets a `void read_members(object_reader&, T&)` overload in
// namespace detail; the templates below find it by argument-dependent lookup.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>

#include "ecs/models/json_document.hpp"

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
    using index = json_document::index;

    object_reader(const json_document& doc, index object, const json_path& here, decode_failure& failure) noexcept
        : doc_(doc), object_(object), here_(here), failure_(failure)
    {
    }
    ~object_reader();
    object_reader(const object_reader&) = delete;
    object_reader& operator=(const object_reader&) = delete;

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
        if (const json_node* o = find_object(key)) {
            const json_path path{&here_, key};
            object_reader nested(doc_, index_of(o), path, failure_);
            read_members(nested, out);
        }
    }

    // {"Key": {"Element": [{...}, {...}]}}
    template <class T>
    void read_objects(std::string_view key, std::string_view element, std::vector<T>& out)
    {
        const json_path container{&here_, key};
        const json_node* items = find_list(key, container, element);
        if (items == nullptr)
            return;
        out.clear();
        out.resize(items->size);
        const index list = index_of(items);
        std::size_t i = 0;
        for (index e = json_document::first(list); e != doc_.end(list) && !failure_.failed(); e = doc_.next(e), ++i) {
            const json_path path{&container, element, i};
            if (doc_.at(e).kind != json_kind::object) {
                failure_.set(path, "expected an object");
                return;
            }
            object_reader nested(doc_, e, path, failure_);
            read_members(nested, out[i]);
        }
    }

private:
    // The member's value, or nullptr when it is missing or null; of duplicate
    // keys, the last (as boost::json::parse keeps). A small object is scanned;
    // a large one - an instance has fifty members or more, read in whatever
    // order the service sent them - gets a hash table of its members on the
    // first lookup.
    const json_node* find(std::string_view key);
    index lookup(std::string_view key);
    void build_table();
    const json_node* find_object(std::string_view key);
    const json_node* find_list(std::string_view key, const json_path& container, std::string_view element);
    void fail(std::string_view key, std::string_view what);
    template <class Int>
    void read_integer(std::string_view key, Int& out);
    void read_string(std::string_view key, const json_node& v, std::string& out);
    index index_of(const json_node* n) const noexcept { return static_cast<index>(n - &doc_.at(0)); }

    static constexpr std::size_t no_table = static_cast<std::size_t>(-1);

    const json_document& doc_;
    index object_;
    std::size_t table_ = no_table; // where this object's table starts in the thread's table stack
    std::uint32_t mask_ = 0;
    const json_path& here_;
    decode_failure& failure_;
};

} // namespace alicloud::ecs::detail

#endif
