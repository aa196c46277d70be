// The one response decoder: the answer's JSON read straight into the model,
// steered by its descriptor (json_reader.hpp reads the tokens the model
// expects). No tree is built: a member the model does not know is checked and
// passed over.

#include "core/model/encode.hpp"
#include "core/model/json_reader.hpp"

#include <boost/json/parse.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace alicloud::detail::model {
namespace {

// A scalar as the reader saw it. `text` is its source text (for a number, the
// digits as sent: a map of strings that receives a number keeps them).
struct scalar {
    enum class type : std::uint8_t { string, int64, uint64, float64, boolean } t;
    std::string_view text{};
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    bool b = false;
};

const char* expected(kind k)
{
    switch (k) {
    case kind::string: return "expected a string";
    case kind::boolean: return "expected true or false";
    case kind::int32:
    case kind::int64: return "expected a number";
    case kind::float32:
    case kind::float64: return "expected a number or a string holding one";
    case kind::object:
    case kind::map: return "expected an object";
    }
    return "unexpected value";
}

// Why v does not fit a scalar of kind k.
const char* mismatch(kind k, const scalar& v)
{
    const bool number = v.t == scalar::type::int64 || v.t == scalar::type::uint64 || v.t == scalar::type::float64;
    if (number && k == kind::int32)
        return "expected an integer that fits in 32 bits";
    if (number && k == kind::int64)
        return "expected an integer that fits in 64 bits";
    if (number && k == kind::float64)
        return "expected a number a double can hold";
    if (number && k == kind::float32)
        return "expected a number a float can hold";
    return expected(k);
}

// "" where the model has a number or a boolean: the service's way of saying none.
bool empty_for_non_string(kind k, const scalar& v)
{
    return v.t == scalar::type::string && v.text.empty() && k != kind::string;
}

template <class Int>
bool to_integer(const scalar& v, Int& out)
{
    using limits = std::numeric_limits<Int>;
    switch (v.t) {
    case scalar::type::int64:
        if (v.i < limits::min() || v.i > limits::max())
            return false;
        out = static_cast<Int>(v.i);
        return true;
    case scalar::type::uint64:
        if (v.u > static_cast<std::uint64_t>(limits::max()))
            return false;
        out = static_cast<Int>(v.u);
        return true;
    case scalar::type::float64: {
        // 3.0 is an integer the service wrote with a fraction; 3.5 is not.
        if (!std::isfinite(v.d) || std::trunc(v.d) != v.d || v.d < static_cast<double>(limits::min()) ||
            v.d >= -static_cast<double>(limits::min()))
            return false;
        out = static_cast<Int>(v.d);
        return true;
    }
    case scalar::type::string: {
        if (v.text.empty())
            return true; // "" for a number: the service's way of saying none
        Int n{};
        const auto r = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
        if (r.ec != std::errc() || r.ptr != v.text.data() + v.text.size())
            return false;
        out = n;
        return true;
    }
    case scalar::type::boolean: break;
    }
    return false;
}

template <class Float>
bool to_float(const scalar& v, Float& out)
{
    double d = 0;
    switch (v.t) {
    case scalar::type::int64: d = static_cast<double>(v.i); break;
    case scalar::type::uint64: d = static_cast<double>(v.u); break;
    case scalar::type::float64: d = v.d; break;
    case scalar::type::string: {
        if (v.text.empty())
            return true;
        const auto r = std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
        if (r.ec != std::errc() || r.ptr != v.text.data() + v.text.size())
            return false;
        break;
    }
    case scalar::type::boolean: return false;
    }
    const Float f = static_cast<Float>(d);
    if (!std::isfinite(d) || !std::isfinite(f))
        return false;
    out = f;
    return true;
}

// Stores v into the scalar of kind k at p. False when it does not fit.
bool store(kind k, void* p, const scalar& v)
{
    switch (k) {
    case kind::string:
        // Strict: a number where the model has a string is a different answer,
        // not a formatting habit of the service.
        if (v.t != scalar::type::string)
            return false;
        {
            // clear + append: the field is almost always empty, and append's
            // path is shorter than assign's (no overlap to handle).
            auto& text = *static_cast<std::string*>(p);
            text.clear();
            text.append(v.text);
        }
        return true;
    case kind::boolean: {
        bool& b = *static_cast<bool*>(p);
        if (v.t == scalar::type::boolean) {
            b = v.b;
            return true;
        }
        if (v.t == scalar::type::string && (v.text == "true" || v.text == "false")) {
            b = v.text == "true";
            return true;
        }
        return false;
    }
    case kind::int32: return to_integer(v, *static_cast<std::int32_t*>(p));
    case kind::int64: return to_integer(v, *static_cast<std::int64_t*>(p));
    case kind::float32: return to_float(v, *static_cast<float*>(p));
    case kind::float64: return to_float(v, *static_cast<double*>(p));
    case kind::object:
    case kind::map: break;
    }
    return false;
}

// A new last element of a std::vector of kind k; nullptr for vector<bool>,
// which has no addressable element (no schema has one).
void* append_scalar(kind k, void* vec)
{
    return visit_scalar(k, [vec](auto type) -> void* {
        using T = typename decltype(type)::type;
        if constexpr (std::is_void_v<T> || std::is_same_v<T, bool>)
            return nullptr;
        else
            return &static_cast<std::vector<T>*>(vec)->emplace_back();
    });
}

// The engaged value of a std::optional of kind k.
void* engage_scalar(kind k, void* opt)
{
    return visit_scalar(k, [opt](auto type) -> void* {
        using T = typename decltype(type)::type;
        if constexpr (std::is_void_v<T>)
            return nullptr;
        else
            return &static_cast<std::optional<T>*>(opt)->emplace();
    });
}

// The vector a list field fills (engaging an optional list).
void* list_of(const field_info& f, void* member)
{
    if (f.form == form::optional_list)
        return &static_cast<std::optional<std::vector<std::string>>*>(member)->emplace();
    return member;
}

// The scalar a field's member holds: the member, its engaged optional, or a
// new element when a single value arrives where a list was expected.
void* scalar_slot(const field_info& f, void* member)
{
    switch (f.form) {
    case form::value: return member;
    case form::optional: return engage_scalar(f.kind, member);
    case form::list:
    case form::optional_list: return append_scalar(f.kind, list_of(f, member));
    }
    return nullptr;
}

// A list of objects is read element after element into a std::vector; one
// that grows as they arrive moves every element it already holds each time
// it doubles, and an element (an instance: 2 KB of strings, lists, nested
// objects) is costly to move: 20 % of a DescribeInstances decode went there.
// So the vector is reserved for as many elements as the same list had the
// last time this thread decoded it: a program pages through one kind of
// answer with one page size. (Reading the array's text ahead to count its
// elements cost a tenth of the decode: a second pass over the body.) A list
// that is longer this time grows from there; one that is shorter leaves
// unused capacity, at most `most_expected` elements.
constexpr std::size_t most_expected = 128;

class list_sizes {
public:
    std::size_t expected(const field_info* f) const noexcept
    {
        const entry& e = slots_[slot(f)];
        return e.field == f ? e.count : 0;
    }
    void seen(const field_info* f, std::size_t count) noexcept
    {
        slots_[slot(f)] = {f, static_cast<std::uint32_t>(std::min(count, most_expected))};
    }

private:
    struct entry {
        const field_info* field = nullptr;
        std::uint32_t count = 0;
    };
    static std::size_t slot(const field_info* f) noexcept
    {
        const auto p = reinterpret_cast<std::uintptr_t>(f);
        return static_cast<std::size_t>((p * 0x9E3779B97F4A7C15ull) >> 58); // 64 slots
    }
    std::array<entry, 64> slots_{};
};

thread_local list_sizes last_list_sizes;

// Where the decoder is, for messages: one node per open object, list or map
// on the C++ stack, linked to the one around it; a path is spelled out only
// when a decode fails.
struct path {
    const path* up = nullptr;
    std::string_view name{};            // the member that led here ("" for a list's element)
    std::size_t index = no_index;       // a list: the element being read
    static constexpr std::size_t no_index = std::size_t(-1);
};

class model_reader {
public:
    model_reader(std::string_view body) : json_(body) {}

    json_reader& json() noexcept { return json_; }
    const std::string& failure() const noexcept { return failure_; }

    // The root: an object, or a failure saying that it is not one.
    bool root(const class_info& cls, void* target)
    {
        const char c = json_.peek();
        if (c == '{')
            return object(cls, target, nullptr);
        if (c == 0)
            return json_.fail(); // nothing at all: not JSON
        // A value that is not an object is still read whole when it is short
        // (a scalar): "7" is JSON, "7x" is not.
        if (c != '[' && !json_.skip_value())
            return false;
        return fail(nullptr, {}, "expected a JSON object");
    }

private:
    // '{' peeked: each member's key to on_member, which reads its value.
    template <class OnMember>
    bool members(OnMember on_member)
    {
        if (!json_.enter())
            return false;
        if (!json_.accept('}')) {
            do {
                std::string_view key;
                if (json_.peek() != '"' || !json_.string(key) || !json_.expect(':'))
                    return json_.fail();
                if (!on_member(key))
                    return false;
            } while (json_.next('}'));
            if (json_.failed())
                return false;
        }
        json_.leave();
        return true;
    }

    // '{' peeked: its members into `cls` at `target`. Each key is first
    // compared, as it stands in the text, with the one that followed the last
    // key the last time (see find_field): in an answer of one kind that is
    // nearly every key, and the key is then neither scanned nor looked up.
    // The hot loop of a decode, so written out rather than through members():
    // through it, with the key read in the lambda, GCC 12 ran 5 % more
    // instructions per answer.
    bool object(const class_info& cls, void* target, const path* at)
    {
        if (!json_.enter())
            return false;
        const void* last = &cls; // the field the previous key named (at first: the class)
        if (!json_.accept('}')) {
            do {
                const guess& g = guesses[guess_slot(last)];
                const field_info* f = nullptr;
                if (g.after == last && json_.key_is(g.field->wire)) {
                    f = g.field;
                } else {
                    std::string_view key;
                    if (json_.peek() != '"' || !json_.string(key))
                        return json_.fail();
                    f = find_field(cls, last, key);
                }
                if (!json_.expect(':'))
                    return false;
                if (f == nullptr) {
                    if (!json_.skip_value())
                        return false;
                    continue;
                }
                last = f;
                if (!member(*f, f->at(target), at))
                    return false;
            } while (json_.next('}'));
            if (json_.failed())
                return false;
        }
        json_.leave();
        return true;
    }

    // The value of member f, whose storage is `member`.
    bool member(const field_info& f, void* member, const path* at)
    {
        const char c = json_.peek();
        if (c == 'n')
            return json_.literal("null"); // null leaves the default
        const bool list = f.form == form::list || f.form == form::optional_list;
        if (c == '{') {
            const path here{at, f.wire};
            if (f.kind == kind::object && f.form == form::value)
                return object(*f.nested, member, &here);
            if (f.kind == kind::object && f.form == form::optional)
                return object(*f.nested, f.nested->engage(member), &here);
            if (f.kind == kind::map)
                return map(member);
            if (f.form == form::list && !f.item.empty())
                return wrapper(f, member, &here);
            return fail(at, f.wire, f.form == form::list ? "expected an array" : expected(f.kind));
        }
        if (c == '[') {
            if (!list)
                return fail(at, f.wire, expected(f.kind));
            if (!f.item.empty())
                return fail(at, f.wire, "expected an object"); // the list's wrapper
            // A list the model does not wrap (a request's, or a bare one in an answer).
            return elements(f, list_of(f, member), f.wire, at);
        }
        scalar v;
        if (!read_scalar(c, v))
            return false;
        if (f.kind == kind::object || f.kind == kind::map)
            return fail(at, f.wire, "expected an object");
        if (f.form == form::list && v.t == scalar::type::string && v.text.empty())
            return true; // "" for an empty list, as the service sometimes sends
        if (f.form == form::list && !f.item.empty())
            return fail(at, f.wire, "expected an object");
        if (empty_for_non_string(f.kind, v))
            return true;
        void* slot = scalar_slot(f, member);
        if (slot == nullptr || !store(f.kind, slot, v))
            return fail(at, f.wire, mismatch(f.kind, v));
        return true;
    }

    // '{' peeked: the object the service wraps a list in ("Instances":
    // {"Instance": [...]}); its member named f.item is the list.
    bool wrapper(const field_info& f, void* vector, const path* at)
    {
        return members([&](std::string_view key) {
            if (key != f.item)
                return json_.skip_value();
            const char c = json_.peek();
            if (c == '[')
                return elements(f, vector, f.item, at);
            if (c == 'n')
                return json_.literal("null");
            // Anything else is read first: what is not JSON is said so.
            if (c != '{' && !json_.skip_value())
                return false;
            return fail(at, f.item, "expected an array");
        });
    }

    // '[' peeked: the elements of list field f into `vector`.
    bool elements(const field_info& f, void* vector, std::string_view name, const path* up)
    {
        if (!json_.enter())
            return false;
        path at{up, name, 0};
        const std::size_t expected_size = f.kind == kind::object ? last_list_sizes.expected(&f) : 0;
        std::size_t count = 0;
        if (!json_.accept(']')) {
            do {
                at.index = count++;
                const char c = json_.peek();
                if (c == 'n') {
                    if (!json_.literal("null"))
                        return false;
                    continue;
                }
                if (f.kind == kind::object) {
                    if (c != '{') {
                        if (c != '[' && !json_.skip_value())
                            return false;
                        return fail(&at, {}, "expected an object");
                    }
                    if (!object(*f.nested, f.nested->append(vector, expected_size), &at))
                        return false;
                    continue;
                }
                if (c == '{' || c == '[')
                    return fail(&at, {}, expected(f.kind));
                scalar v;
                if (!read_scalar(c, v))
                    return false;
                if (f.kind == kind::map)
                    return fail(&at, {}, "expected an object");
                void* slot = append_scalar(f.kind, vector);
                if (slot == nullptr || !store(f.kind, slot, v))
                    return fail(&at, {}, mismatch(f.kind, v));
            } while (json_.next(']'));
            if (json_.failed())
                return false;
        }
        json_.leave();
        if (f.kind == kind::object)
            last_list_sizes.seen(&f, count);
        return true;
    }

    // '{' peeked: a map of strings; a member holding an object or an array is
    // passed over (a map of JSON values keeps its scalars only), null too.
    bool map(void* target)
    {
        auto& m = *static_cast<std::map<std::string, std::string>*>(target);
        return members([&](std::string_view key) {
            map_key_.assign(key); // the value's text may be unescaped in the same scratch
            const char c = json_.peek();
            if (c == '{' || c == '[' || c == 'n')
                return json_.skip_value();
            scalar v;
            if (!read_scalar(c, v))
                return false;
            m[map_key_] = std::string(v.text);
            return true;
        });
    }

    // A string, number, true or false (c peeked).
    bool read_scalar(char c, scalar& v)
    {
        switch (c) {
        case '"':
            v.t = scalar::type::string;
            return json_.string(v.text);
        case 't':
            v.t = scalar::type::boolean;
            v.b = true;
            v.text = "true";
            return json_.literal("true");
        case 'f':
            v.t = scalar::type::boolean;
            v.b = false;
            v.text = "false";
            return json_.literal("false");
        default: break;
        }
        if (c != '-' && (c < '0' || c > '9'))
            return json_.fail();
        json_reader::number n{};
        if (!json_.read_number(n))
            return false;
        v.text = n.text;
        switch (n.t) {
        case json_reader::number::type::int64:
            v.t = scalar::type::int64;
            v.i = n.i;
            break;
        case json_reader::number::type::uint64:
            v.t = scalar::type::uint64;
            v.u = n.u;
            break;
        case json_reader::number::type::other:
            v.t = scalar::type::float64;
            v.d = to_double(n.text);
            break;
        }
        return true;
    }

    // A number's text that is not a 64-bit integer, as a double: infinite when
    // it is beyond a double's range, zero when too small for one.
    static double to_double(std::string_view text)
    {
        double d = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
        if (r.ec == std::errc::result_out_of_range) {
            const auto e = text.find_first_of("eE");
            const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
            const bool negative = text.front() == '-';
            d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
            if (negative)
                d = -d;
        }
        return d;
    }

    // The field a key names. An answer's objects of one class list their
    // members in one order (the service writes each from one template: ten
    // instances, ten times InstanceId, InstanceName, Status...), so the field
    // that followed `after` (the object's last field, or its class for the
    // first key) the last time is tried first: one comparison where the
    // binary search over the class's sorted fields made several. A guess that
    // does not match falls back to the search, so any order decodes the same.
    struct guess {
        const void* after = nullptr;
        const field_info* field = nullptr;
    };
    static std::size_t guess_slot(const void* after) noexcept
    {
        const auto p = reinterpret_cast<std::uintptr_t>(after);
        return static_cast<std::size_t>((p * 0x9E3779B97F4A7C15ull) >> 56); // 256 slots
    }

    const field_info* find_field(const class_info& cls, const void* after, std::string_view key)
    {
        guess& g = guesses[guess_slot(after)];
        if (g.after == after && g.field->wire.size() == key.size() && same_bytes(g.field->wire.data(), key.data(), key.size()))
            return g.field;
        const field_info* f = cls.find(key);
        if (f != nullptr)
            g = {after, f};
        return f; // an unknown member: the next key is still guessed from `after`
    }

    bool fail(const path* at, std::string_view last, const char* what)
    {
        std::vector<const path*> chain;
        for (const path* p = at; p != nullptr; p = p->up)
            chain.push_back(p);
        std::string where;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const path& p = **it;
            if (!p.name.empty()) {
                if (!where.empty())
                    where += '.';
                where.append(p.name);
            }
            if (p.index != path::no_index)
                where += "[" + std::to_string(p.index) + "]";
        }
        if (!last.empty()) {
            if (!where.empty())
                where += '.';
            where.append(last);
        }
        failure_ = (where.empty() ? std::string("body") : where) + ": " + what;
        return false;
    }

    // Per thread, and kept from one decode to the next: the second answer of
    // a kind finds every key at the first guess.
    static thread_local std::array<guess, 256> guesses;

    json_reader json_;
    std::string map_key_;
    std::string failure_;
};

thread_local std::array<model_reader::guess, 256> model_reader::guesses{};

} // namespace

bool decode(const class_info& cls, std::string_view body, void* response, error_code& ec, diagnostics& diag)
{
    ec.clear();
    cls.reset(response); // a decode replaces whatever the model held
    model_reader reader(body);
    const bool done = reader.root(cls, response) && reader.json().at_end();
    if (done && !reader.json().unsure())
        return true;
    if (done) {
        // An exponent near INT_MAX: whether it is JSON is Boost.JSON's call.
        boost::json::parse_options options;
        options.max_depth = json_reader::max_depth;
        boost::json::error_code jec;
        boost::json::parse(boost::json::string_view(body.data(), body.size()), jec, {}, options);
        if (!jec)
            return true;
        cls.reset(response);
        ec = client_errc::malformed_response;
        diag.client_message = "malformed response: the body is not JSON (" + jec.message() + ")";
        return false;
    }
    ec = client_errc::malformed_response;
    if (!reader.failure().empty()) {
        diag.client_message = "malformed response: " + reader.failure();
        return true;
    }
    diag.client_message = "malformed response: the body is not JSON";
    return false;
}

} // namespace alicloud::detail::model
