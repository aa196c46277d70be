#ifndef ALICLOUD_LIB_CORE_MODEL_DESCRIPTOR_HPP
#define ALICLOUD_LIB_CORE_MODEL_DESCRIPTOR_HPP

// What a typed model looks like, as data: for each struct, its fields - the
// name on the wire, the C++ type in two words (kind and form), and where the
// member sits. The generator writes one table per struct (lib/<product>/
// generated/); one encoder, one validator and one decoder (encode.cpp,
// validate.cpp, decode.cpp) walk any of them. 380 operations cost tables, not
// 380 instantiations of a codec template.
//
// The walkers reach a member through `at`, a function the generator writes per
// field (a pointer-to-member cannot be stored without knowing its class), and
// cast it by kind and form - the only C++ types a model field can have:
//
//   kind \ form   value          optional                list                 optional_list
//   string        std::string    std::optional<string>   std::vector<string>  optional<vector<string>>
//   boolean       bool           ...                     ...
//   int32/int64   std::int32_t / std::int64_t
//   float32/64    float / double
//   object        the nested struct (class_info::`nested` says which; containers of it through
//                 the class's own functions)
//   map           std::map<std::string, std::string> (value form only)

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace alicloud::detail::model {

enum class kind : std::uint8_t { string, boolean, int32, int64, float32, float64, object, map };
enum class form : std::uint8_t { value, optional, list, optional_list };

enum class field_flags : std::uint8_t {
    none = 0,
    required = 1,       // the request is refused before sending when it is unset
    json = 2,           // sent as one parameter holding JSON, not flattened
    no_empty_items = 4, // a list whose items may not be empty strings
    printable_ascii = 8, // a string of printable ASCII only (ClientToken)
    comma_separated = 16, // a list of strings sent as one parameter, "a,b" (the SDKs' "simple" style)
};
constexpr field_flags operator|(field_flags a, field_flags b) noexcept
{
    return static_cast<field_flags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(field_flags set, field_flags f) noexcept
{
    return (static_cast<unsigned>(set) & static_cast<unsigned>(f)) != 0;
}

inline constexpr std::int64_t no_min = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t no_max = std::numeric_limits<std::int64_t>::max();
inline constexpr std::uint32_t no_max_items = std::numeric_limits<std::uint32_t>::max();

// Checked before sending (from the reviewed overrides: the schema has no ranges).
struct limits {
    std::int64_t min = no_min; // numbers
    std::int64_t max = no_max;
    std::uint32_t max_items = no_max_items; // lists
    std::uint32_t max_length = no_max_items; // strings, in bytes
};

// Calls f(std::type_identity<T>{}) with the C++ type of a scalar kind, and
// with std::type_identity<void> for object and map: one switch for every walker
// that casts a member by its kind.
template <class F>
decltype(auto) visit_scalar(kind k, F&& f)
{
    switch (k) {
    case kind::string: return f(std::type_identity<std::string>{});
    case kind::boolean: return f(std::type_identity<bool>{});
    case kind::int32: return f(std::type_identity<std::int32_t>{});
    case kind::int64: return f(std::type_identity<std::int64_t>{});
    case kind::float32: return f(std::type_identity<float>{});
    case kind::float64: return f(std::type_identity<double>{});
    case kind::object:
    case kind::map: break;
    }
    return f(std::type_identity<void>{});
}

// The engaged value of a std::optional of a scalar kind, or nullptr.
inline const void* optional_scalar(kind k, const void* p)
{
    return visit_scalar(k, [p](auto type) -> const void* {
        using T = typename decltype(type)::type;
        if constexpr (std::is_void_v<T>) {
            return nullptr;
        } else {
            const auto& o = *static_cast<const std::optional<T>*>(p);
            return o ? &*o : nullptr;
        }
    });
}

struct class_info;

struct field_info {
    std::string_view wire; // "InstanceId"
    // Responses only: the element a wrapper object holds the list in, as the
    // service sends lists: "Instances": {"Instance": [...]} has item "Instance".
    std::string_view item;
    model::kind kind;
    model::form form;
    field_flags flags;
    const class_info* nested; // kind::object
    model::limits limits;
    void* (*at)(void* object) noexcept;

    bool is(field_flags f) const noexcept { return has(flags, f); }
};

struct class_info {
    std::string_view name; // the C++ struct, for messages
    std::span<const field_info> fields; // sorted by wire name (bytewise), for look-up

    // Containers of this struct (kind::object fields): each set only when some
    // field holds the struct that way (a list, an optional); reset for an
    // operation's request and response, which a decode starts from.
    // std::vector<T>: a new last element. `expected`: how many elements the
    // list will hold in all, when the decoder could tell (else 0), so that the
    // vector is allocated once instead of moving every element as it grows.
    void* (*append)(void* vector, std::size_t expected);
    std::size_t (*size)(const void* vector);
    const void* (*element)(const void* vector, std::size_t i);
    void* (*engage)(void* optional);                // std::optional<T>: emplace, return the value
    const void* (*value)(const void* optional);     // nullptr when disengaged
    void (*reset)(void* object);                    // back to a value-initialised T

    const field_info* find(std::string_view wire) const noexcept;
};

namespace containers {
template <class T>
void* append(void* v, std::size_t expected)
{
    auto& vector = *static_cast<std::vector<T>*>(v);
    if (expected > vector.capacity())
        vector.reserve(expected);
    return &vector.emplace_back();
}
template <class T>
std::size_t size(const void* v)
{
    return static_cast<const std::vector<T>*>(v)->size();
}
template <class T>
const void* element(const void* v, std::size_t i)
{
    return &(*static_cast<const std::vector<T>*>(v))[i];
}
template <class T>
void* engage(void* o)
{
    return &static_cast<std::optional<T>*>(o)->emplace();
}
template <class T>
void reset(void* p)
{
    *static_cast<T*>(p) = T{};
}
template <class T>
const void* value(const void* o)
{
    const auto& opt = *static_cast<const std::optional<T>*>(o);
    return opt ? &*opt : nullptr;
}
} // namespace containers

} // namespace alicloud::detail::model

namespace alicloud::detail {

// A check between top-level request fields, by wire name (from the overrides).
struct request_rule {
    enum class type : std::uint8_t {
        not_both,        // `field` and each of `others` are not both set
        required_unless, // `field` is required unless one of `others` is set
    } kind;
    std::string_view field;
    std::span<const std::string_view> others;
};

// One operation: what the typed call needs beyond the request's own fields.
struct operation_info {
    std::string_view action;
    std::string_view version;
    const model::class_info* request;
    const model::class_info* response;
    bool idempotent;       // a read: a failed attempt may be repeated
    bool has_client_token; // a ClientToken field makes a repeat safe
    std::span<const request_rule> rules = {};
};

} // namespace alicloud::detail

#endif
