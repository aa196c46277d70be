// The one request encoder: walks a descriptor and writes the flattened
// parameters. See descriptor.hpp for how a member is reached and cast.

#include "core/model/encode.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alicloud::detail::model {
namespace {

std::string decimal(std::int64_t v)
{
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), r.ptr);
}

// The shortest text that reads back as the same value.
template <class Float>
std::string shortest(Float v)
{
    std::array<char, 40> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), r.ptr);
}

// One scalar at `p` (the element itself, not a container) as parameter text.
std::string scalar_text(kind k, const void* p)
{
    switch (k) {
    case kind::string: return *static_cast<const std::string*>(p);
    case kind::boolean: return *static_cast<const bool*>(p) ? "true" : "false";
    case kind::int32: return decimal(*static_cast<const std::int32_t*>(p));
    case kind::int64: return decimal(*static_cast<const std::int64_t*>(p));
    case kind::float32: return shortest(*static_cast<const float*>(p));
    case kind::float64: return shortest(*static_cast<const double*>(p));
    case kind::object:
    case kind::map: break;
    }
    return {};
}

// The elements of a std::vector of a scalar kind, without knowing its type:
// each vector<T> here is reached through its own cast.
struct scalar_list {
    const void* data = nullptr;
    std::size_t size = 0;
    std::size_t stride = 0;
    const void* at(std::size_t i) const { return static_cast<const char*>(data) + i * stride; }
};

scalar_list list_of(kind k, const void* v)
{
    switch (k) {
    case kind::string: {
        const auto& l = *static_cast<const std::vector<std::string>*>(v);
        return {l.data(), l.size(), sizeof(std::string)};
    }
    case kind::boolean: {
        // std::vector<bool> has no data(): a list of booleans does not occur in
        // any schema; the generator refuses one (see generate.py).
        return {};
    }
    case kind::int32: {
        const auto& l = *static_cast<const std::vector<std::int32_t>*>(v);
        return {l.data(), l.size(), sizeof(std::int32_t)};
    }
    case kind::int64: {
        const auto& l = *static_cast<const std::vector<std::int64_t>*>(v);
        return {l.data(), l.size(), sizeof(std::int64_t)};
    }
    case kind::float32: {
        const auto& l = *static_cast<const std::vector<float>*>(v);
        return {l.data(), l.size(), sizeof(float)};
    }
    case kind::float64: {
        const auto& l = *static_cast<const std::vector<double>*>(v);
        return {l.data(), l.size(), sizeof(double)};
    }
    case kind::object:
    case kind::map: break;
    }
    return {};
}

boost::json::value scalar_json(kind k, const void* p)
{
    switch (k) {
    case kind::string: return boost::json::value(*static_cast<const std::string*>(p));
    case kind::boolean: return boost::json::value(*static_cast<const bool*>(p));
    case kind::int32: return boost::json::value(*static_cast<const std::int32_t*>(p));
    case kind::int64: return boost::json::value(*static_cast<const std::int64_t*>(p));
    case kind::float32: return boost::json::value(static_cast<double>(*static_cast<const float*>(p)));
    case kind::float64: return boost::json::value(*static_cast<const double*>(p));
    case kind::object:
    case kind::map: break;
    }
    return {};
}

boost::json::value object_json(const class_info& cls, const void* obj);

// The field's value as JSON, or null when unset (for a `json` field).
boost::json::value field_json(const field_info& f, const void* obj)
{
    const void* p = f.at(const_cast<void*>(obj));
    if (f.kind == kind::map) {
        boost::json::object o;
        for (const auto& [k, v] : *static_cast<const std::map<std::string, std::string>*>(p))
            o[k] = v;
        return o;
    }
    auto one = [&](const void* element) {
        return f.kind == kind::object ? object_json(*f.nested, element) : scalar_json(f.kind, element);
    };
    auto many = [&](const void* vec) {
        boost::json::array a;
        if (f.kind == kind::object) {
            for (std::size_t i = 0, n = f.nested->size(vec); i < n; ++i)
                a.push_back(object_json(*f.nested, f.nested->element(vec, i)));
        } else {
            const scalar_list l = list_of(f.kind, vec);
            for (std::size_t i = 0; i < l.size; ++i)
                a.push_back(scalar_json(f.kind, l.at(i)));
        }
        return a;
    };
    switch (f.form) {
    case form::value: return one(p);
    case form::optional: {
        const void* v = f.kind == kind::object ? f.nested->value(p) : optional_scalar(f.kind, p);
        return v != nullptr ? one(v) : boost::json::value();
    }
    case form::list: return many(p);
    case form::optional_list: {
        const auto& o = *static_cast<const std::optional<std::vector<std::string>>*>(p);
        if (f.kind != kind::string || !o)
            return {};
        return many(&*o);
    }
    }
    return {};
}

boost::json::value object_json(const class_info& cls, const void* obj)
{
    boost::json::object o;
    for (const field_info& f : cls.fields) {
        boost::json::value v = field_json(f, obj);
        if (!v.is_null() && !(f.form == form::list && v.as_array().empty()))
            o[f.wire] = std::move(v);
    }
    return o;
}

void encode_into(const class_info& cls, const void* obj, const std::string& prefix, parameters& out);

void encode_field(const field_info& f, const void* obj, const std::string& prefix, parameters& out)
{
    // Named only when sent: most of a request's fields are not set, and a
    // name longer than a short string's buffer is an allocation.
    const auto named = [&] { return prefix + std::string(f.wire); };
    const void* p = f.at(const_cast<void*>(obj));
    if (f.is(field_flags::json)) {
        const boost::json::value v = field_json(f, obj);
        const bool empty_map = f.kind == kind::map && v.as_object().empty();
        const bool empty_list = f.form == form::list && v.as_array().empty();
        if (!v.is_null() && !empty_map && !empty_list)
            out.append(named(), v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v));
        return;
    }
    if (f.is(field_flags::comma_separated)) {
        std::string joined;
        for (const auto& item : *static_cast<const std::vector<std::string>*>(p))
            joined += (joined.empty() ? "" : ",") + item;
        if (!joined.empty())
            out.append(named(), std::move(joined));
        return;
    }
    if (f.kind == kind::map) {
        for (const auto& [k, v] : *static_cast<const std::map<std::string, std::string>*>(p))
            out.append(named() + "." + k, v);
        return;
    }
    auto one = [&](const std::string& at, const void* element) {
        if (f.kind == kind::object)
            encode_into(*f.nested, element, at + ".", out);
        else
            out.append(at, scalar_text(f.kind, element));
    };
    switch (f.form) {
    case form::value: one(named(), p); break;
    case form::optional: {
        const void* v = f.kind == kind::object ? f.nested->value(p) : optional_scalar(f.kind, p);
        if (v != nullptr)
            one(named(), v);
        break;
    }
    case form::list:
    case form::optional_list: {
        const void* vec = p;
        if (f.form == form::optional_list) {
            const auto& o = *static_cast<const std::optional<std::vector<std::string>>*>(p);
            if (!o)
                break;
            vec = &*o;
        }
        if (f.kind == kind::object) {
            for (std::size_t i = 0, n = f.nested->size(vec); i < n; ++i)
                one(named() + "." + decimal(static_cast<std::int64_t>(i + 1)), f.nested->element(vec, i));
        } else {
            const scalar_list l = list_of(f.kind, vec);
            for (std::size_t i = 0; i < l.size; ++i)
                one(named() + "." + decimal(static_cast<std::int64_t>(i + 1)), l.at(i));
        }
        break;
    }
    }
}

void encode_into(const class_info& cls, const void* obj, const std::string& prefix, parameters& out)
{
    for (const field_info& f : cls.fields)
        encode_field(f, obj, prefix, out);
}

} // namespace

void encode(const class_info& cls, const void* request, parameters& out)
{
    encode_into(cls, request, std::string(), out);
}

} // namespace alicloud::detail::model
