// The one response decoder: Boost.JSON's parser events go straight into the
// model, steered by its descriptor. No tree is built: a member the model does
// not know is skipped as it streams past.

#include "core/model/encode.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <new>
#include <string>
#include <vector>

namespace alicloud::detail::model {
namespace {

// A scalar as the parser saw it. `text` is its source text (for a number, the
// digits as sent: a string field that receives a number keeps them).
struct scalar {
    enum class type : std::uint8_t { string, int64, uint64, float64, boolean } t;
    std::string_view text{};
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    bool b = false;
};

struct frame {
    enum class type : std::uint8_t { object, wrapper, list, map } t;
    const class_info* cls = nullptr; // object: the struct being filled
    void* target = nullptr;          // object: the struct; list: the vector; map: the map
    const field_info* field = nullptr; // wrapper, list, map: the field they fill
    std::string_view name{};         // the member that led here, for messages
    std::size_t count = 0;           // list: elements so far
    std::size_t expected = 0;        // list of objects: elements in all, read ahead (0: unknown)
    const field_info* pending = nullptr; // object: the field the next value fills
    const void* last = nullptr;      // object: the field its last known key named (at first: cls)
    bool item_next = false;          // wrapper: the next value is the list itself
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
        static_cast<std::string*>(p)->assign(v.text);
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

// The frames of the values being filled, one per open object or array: as
// deep as the parser allows (parse_options::max_depth), and never allocated.
constexpr std::size_t max_depth = 64;

class frame_stack {
public:
    frame_stack() {} // the slots stay uninitialised until pushed: 5 KB not written per decode
    bool empty() const noexcept { return size_ == 0; }
    frame& back() noexcept { return slots_[size_ - 1].f; }
    void push_back(const frame& f) noexcept { ::new (&slots_[size_++].f) frame(f); }
    void pop_back() noexcept { --size_; }
    std::size_t size() const noexcept { return size_; }
    const frame& operator[](std::size_t i) const noexcept { return slots_[i].f; }

private:
    static_assert(std::is_trivially_destructible_v<frame> && std::is_trivially_copyable_v<frame>);
    union slot {
        slot() {}
        frame f;
    };
    std::array<slot, max_depth + 1> slots_;
    std::size_t size_ = 0;
};

class model_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    model_handler(const class_info& cls, void* root) : root_cls_(cls), root_(root)
    {
    }

    // Why the decode stopped, when it was the model (not the JSON) that did not fit.
    const std::string& failure() const noexcept { return failure_; }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

    bool on_object_begin(boost::json::error_code& ec)
    {
        if (skipping()) {
            ++skip_depth_; // a value inside the one being skipped
            return true;
        }
        if (stack_.empty())
            return push({frame::type::object, &root_cls_, root_});
        frame& top = stack_.back();
        switch (top.t) {
        case frame::type::object: {
            const field_info* f = take_pending(top);
            if (f == nullptr)
                return skip_value();
            void* member = f->at(top.target);
            if (f->kind == kind::object && f->form == form::value)
                return push({frame::type::object, f->nested, member, f, f->wire});
            if (f->kind == kind::object && f->form == form::optional)
                return push({frame::type::object, f->nested, f->nested->engage(member), f, f->wire});
            if (f->kind == kind::map)
                return push({frame::type::map, nullptr, member, f, f->wire});
            if ((f->form == form::list) && !f->item.empty())
                return push({frame::type::wrapper, nullptr, member, f, f->wire});
            return fail(ec, f->wire, f->form == form::list ? "expected an array" : expected(f->kind));
        }
        case frame::type::wrapper:
            if (!top.item_next)
                return skip_value();
            top.item_next = false;
            return fail(ec, top.field->item, "expected an array");
        case frame::type::list: {
            const field_info& f = *top.field;
            ++top.count;
            if (f.kind != kind::object)
                return fail(ec, {}, expected(f.kind));
            return push({frame::type::object, f.nested, f.nested->append(top.target, top.expected), &f, {}});
        }
        case frame::type::map: return skip_value(); // a map of JSON values keeps the scalars only
        }
        return true;
    }

    bool on_object_end(std::size_t, boost::json::error_code&)
    {
        if (unskip())
            return true;
        stack_.pop_back();
        return true;
    }

    bool on_array_begin(boost::json::error_code& ec)
    {
        if (skipping()) {
            ++skip_depth_;
            return true;
        }
        if (stack_.empty())
            return fail(ec, {}, "expected a JSON object");
        frame& top = stack_.back();
        switch (top.t) {
        case frame::type::object: {
            const field_info* f = take_pending(top);
            if (f == nullptr)
                return skip_value();
            if (f->form != form::list && f->form != form::optional_list)
                return fail(ec, f->wire, expected(f->kind));
            if (!f->item.empty())
                return fail(ec, f->wire, "expected an object"); // the list's wrapper
            // A list the model does not wrap (a request's, or a bare one in an answer).
            return push_list({frame::type::list, nullptr, list_of(*f, f->at(top.target)), f, f->wire});
        }
        case frame::type::wrapper:
            if (!top.item_next)
                return skip_value();
            top.item_next = false;
            return push_list({frame::type::list, nullptr, top.target, top.field, top.field->item});
        case frame::type::list: ++top.count; return fail(ec, {}, expected(top.field->kind));
        case frame::type::map: return skip_value();
        }
        return true;
    }

    bool on_array_end(std::size_t, boost::json::error_code&)
    {
        if (unskip())
            return true;
        const frame& top = stack_.back();
        if (top.t == frame::type::list && top.field->kind == kind::object)
            last_list_sizes.seen(top.field, top.count);
        stack_.pop_back();
        return true;
    }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (!skipping())
            key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (skipping())
            return true;
        std::string_view key(s.data(), s.size());
        if (!key_.empty()) {
            key_.append(key);
            key = key_;
        }
        frame& top = stack_.back();
        switch (top.t) {
        case frame::type::object: top.pending = find_field(top, key); break;
        case frame::type::wrapper: top.item_next = key == top.field->item; break;
        case frame::type::map: map_key_.assign(key); break;
        case frame::type::list: break; // a list has no keys
        }
        if (top.t == frame::type::object && top.pending == nullptr)
            skip_next_ = true;
        key_.clear();
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (!skipping() && !skip_next_)
            text_.append(s.data(), s.size());
        return true;
    }

    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code& ec)
    {
        scalar v{scalar::type::string, std::string_view(s.data(), s.size())};
        if (!text_.empty()) {
            text_.append(v.text);
            v.text = text_;
        }
        const bool ok = value(v, ec);
        text_.clear();
        return ok;
    }

    bool on_number_part(boost::json::string_view s, boost::json::error_code&)
    {
        if (!skipping() && !skip_next_)
            text_.append(s.data(), s.size());
        return true;
    }

    bool on_int64(std::int64_t i, boost::json::string_view s, boost::json::error_code& ec)
    {
        scalar v{scalar::type::int64, number_text(s)};
        v.i = i;
        return number_done(value(v, ec));
    }

    bool on_uint64(std::uint64_t u, boost::json::string_view s, boost::json::error_code& ec)
    {
        scalar v{scalar::type::uint64, number_text(s)};
        v.u = u;
        return number_done(value(v, ec));
    }

    bool on_double(double d, boost::json::string_view s, boost::json::error_code& ec)
    {
        scalar v{scalar::type::float64, number_text(s)};
        v.d = d;
        return number_done(value(v, ec));
    }

    bool on_bool(bool b, boost::json::error_code& ec)
    {
        scalar v{scalar::type::boolean, b ? std::string_view("true") : std::string_view("false")};
        v.b = b;
        return value(v, ec);
    }

    bool on_null(boost::json::error_code& ec)
    {
        // null leaves the default; it still answers the key that announced it.
        if (skipping())
            return true;
        if (stack_.empty())
            return fail(ec, {}, "expected a JSON object"); // the whole body is null
        if (skip_next_) {
            skip_next_ = false;
            return true;
        }
        if (!stack_.empty()) {
            frame& top = stack_.back();
            if (top.t == frame::type::object)
                top.pending = nullptr;
            else if (top.t == frame::type::wrapper)
                top.item_next = false;
            else if (top.t == frame::type::list)
                ++top.count;
        }
        return true;
    }

private:
    // The field a key names. An answer's objects of one class list their
    // members in one order (the service writes each from one template: ten
    // instances, ten times InstanceId, InstanceName, Status...), so the field
    // that followed `after` (the frame's last field, or its class for the
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
        return static_cast<std::size_t>((p * 0x9E3779B97F4A7C15ull) >> 58); // 64 slots
    }

    const field_info* find_field(frame& top, std::string_view key)
    {
        guess& g = guesses_[guess_slot(top.last)];
        const field_info* f = nullptr;
        if (g.after == top.last && g.field != nullptr && g.field->wire == key) {
            f = g.field;
        } else {
            f = top.cls->find(key);
            if (f == nullptr)
                return nullptr; // an unknown member: the next key is still guessed from `last`
            g = {top.last, f};
        }
        top.last = f;
        return f;
    }

    bool skipping() const noexcept { return skip_depth_ > 0; }

    // The value about to start is not wanted: skip it whole.
    bool skip_value()
    {
        skip_next_ = false;
        skip_depth_ = 1;
        return true;
    }

    bool unskip()
    {
        if (skip_depth_ == 0)
            return false;
        --skip_depth_;
        return true;
    }

    const field_info* take_pending(frame& top)
    {
        if (skip_next_) {
            skip_next_ = false;
            return nullptr;
        }
        return std::exchange(top.pending, nullptr);
    }

    bool push(frame f)
    {
        if (f.t == frame::type::object)
            f.last = f.cls; // no member yet: the first key is guessed from the class
        stack_.push_back(f);
        return true;
    }

    bool push_list(frame f)
    {
        if (f.field->kind == kind::object)
            f.expected = last_list_sizes.expected(f.field);
        return push(f);
    }

    std::string_view number_text(boost::json::string_view s)
    {
        if (text_.empty())
            return {s.data(), s.size()};
        text_.append(s.data(), s.size());
        return text_;
    }

    bool number_done(bool ok)
    {
        text_.clear();
        return ok;
    }

    // A scalar arrived: it fills the pending field, the next list element, or a map entry.
    bool value(const scalar& v, boost::json::error_code& ec)
    {
        if (skipping())
            return true;
        if (stack_.empty())
            return fail(ec, {}, "expected a JSON object");
        frame& top = stack_.back();
        switch (top.t) {
        case frame::type::object: {
            const field_info* f = take_pending(top);
            if (f == nullptr)
                return true;
            if (f->kind == kind::object || f->kind == kind::map)
                return fail(ec, f->wire, "expected an object");
            if (f->form == form::list && v.t == scalar::type::string && v.text.empty())
                return true; // "" for an empty list, as the service sometimes sends
            if (f->form == form::list && !f->item.empty())
                return fail(ec, f->wire, "expected an object");
            if (empty_for_non_string(f->kind, v))
                return true;
            void* slot = scalar_slot(*f, f->at(top.target));
            if (slot == nullptr || !store(f->kind, slot, v))
                return fail(ec, f->wire, mismatch(f->kind, v));
            return true;
        }
        case frame::type::wrapper:
            if (top.item_next) {
                top.item_next = false;
                return fail(ec, top.field->item, "expected an array");
            }
            return true;
        case frame::type::list: {
            const field_info& f = *top.field;
            ++top.count;
            if (f.kind == kind::object || f.kind == kind::map)
                return fail(ec, {}, "expected an object");
            void* slot = append_scalar(f.kind, top.target);
            if (slot == nullptr || !store(f.kind, slot, v))
                return fail(ec, {}, mismatch(f.kind, v));
            return true;
        }
        case frame::type::map: {
            auto& m = *static_cast<std::map<std::string, std::string>*>(top.target);
            m[map_key_] = std::string(v.text);
            return true;
        }
        }
        return true;
    }

    bool fail(boost::json::error_code& ec, std::string_view last, const char* what)
    {
        std::string path;
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            const frame& f = stack_[i];
            if (!f.name.empty()) {
                if (!path.empty())
                    path += '.';
                path.append(f.name);
            }
            if (f.t == frame::type::list)
                path += "[" + std::to_string(f.count == 0 ? 0 : f.count - 1) + "]";
        }
        if (!last.empty()) {
            if (!path.empty())
                path += '.';
            path.append(last);
        }
        failure_ = (path.empty() ? std::string("body") : path) + ": " + what;
        ec = boost::json::error::extra_data; // any error: it stops the parser; failure_ says why
        return false;
    }

    const class_info& root_cls_;
    void* root_;
    frame_stack stack_;
    std::array<guess, 64> guesses_{};
    std::size_t skip_depth_ = 0;
    bool skip_next_ = false;
    std::string key_;     // a key that arrived in parts
    std::string text_;    // a string or number that arrived in parts
    std::string map_key_;
    std::string failure_;
};

} // namespace

bool decode(const class_info& cls, std::string_view body, void* response, error_code& ec, diagnostics& diag)
{
    ec.clear();
    cls.reset(response); // a decode replaces whatever the model held
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<model_handler> parser(options, cls, response);
    boost::json::error_code jec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), jec);
    if (!jec && used != body.size())
        jec = boost::json::error::extra_data;
    if (!jec)
        return true;
    ec = client_errc::malformed_response;
    if (!parser.handler().failure().empty()) {
        diag.client_message = "malformed response: " + parser.handler().failure();
        return true;
    }
    diag.client_message = "malformed response: the body is not JSON (" + jec.message() + " at byte " +
                          std::to_string(used) + ")";
    return false;
}

} // namespace alicloud::detail::model
