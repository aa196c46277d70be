#include "ecs/models/json_reader.hpp"

#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <system_error>

namespace alicloud::ecs::detail {
namespace {

template <class Int>
bool to_integer(const boost::json::value& v, Int& out) noexcept
{
    if (const auto* i = v.if_int64()) {
        if (*i < std::numeric_limits<Int>::min() || *i > std::numeric_limits<Int>::max())
            return false;
        out = static_cast<Int>(*i);
        return true;
    }
    if (const auto* u = v.if_uint64()) {
        if (*u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))
            return false;
        out = static_cast<Int>(*u);
        return true;
    }
    return false;
}

} // namespace

std::string json_path::to_string() const
{
    std::string out;
    if (parent != nullptr)
        out = parent->to_string();
    if (!key.empty()) {
        if (!out.empty())
            out.push_back('.');
        out.append(key);
    }
    if (index != no_index)
        out.append("[").append(std::to_string(index)).append("]");
    return out;
}

void decode_failure::set(const json_path& where, std::string_view what)
{
    if (failed())
        return;
    ec = client_errc::malformed_response;
    std::string path = where.to_string();
    diag.client_message = "malformed response: " + (path.empty() ? std::string("body") : path) + ": ";
    diag.client_message.append(what);
}

const boost::json::value* object_reader::find(std::string_view key) noexcept
{
    if (failure_.failed())
        return nullptr;
    auto it = next_;
    if (it == object_.end() || it->key() != key) {
        it = object_.find(key);
        if (it == object_.end())
            return nullptr;
    }
    next_ = std::next(it);
    return it->value().is_null() ? nullptr : &it->value();
}

void object_reader::fail(std::string_view key, std::string_view what)
{
    failure_.set(json_path{&here_, key}, what);
}

const boost::json::object* object_reader::find_object(std::string_view key)
{
    const boost::json::value* v = find(key);
    if (v == nullptr)
        return nullptr;
    if (const auto* o = v->if_object())
        return o;
    fail(key, "expected an object");
    return nullptr;
}

const boost::json::array* object_reader::find_list(std::string_view key, const json_path& container,
                                                   std::string_view element)
{
    const boost::json::object* o = find_object(key);
    if (o == nullptr)
        return nullptr;
    const auto it = o->find(element);
    if (it == o->end() || it->value().is_null())
        return nullptr;
    if (const auto* a = it->value().if_array())
        return a;
    failure_.set(json_path{&container, element}, "expected an array");
    return nullptr;
}

void object_reader::read_string(std::string_view key, const boost::json::value& v, std::string& out)
{
    if (const auto* s = v.if_string())
        out.assign(s->data(), s->size());
    else
        fail(key, "expected a string");
}

template <class Int>
void object_reader::read_integer(std::string_view key, Int& out)
{
    const boost::json::value* v = find(key);
    if (v == nullptr || to_integer(*v, out))
        return;
    if (v->is_number())
        fail(key, "expected an integer that fits in " + std::to_string(std::numeric_limits<Int>::digits + 1) +
                      " bits");
    else
        fail(key, "expected a number");
}

void object_reader::read(std::string_view key, std::string& out)
{
    if (const boost::json::value* v = find(key))
        read_string(key, *v, out);
}

void object_reader::read(std::string_view key, std::optional<std::string>& out)
{
    if (const boost::json::value* v = find(key))
        read_string(key, *v, out.emplace());
}

void object_reader::read(std::string_view key, bool& out)
{
    const boost::json::value* v = find(key);
    if (v == nullptr)
        return;
    if (const auto* b = v->if_bool())
        out = *b;
    else
        fail(key, "expected true or false");
}

void object_reader::read(std::string_view key, std::int32_t& out)
{
    read_integer(key, out);
}

void object_reader::read(std::string_view key, std::int64_t& out)
{
    read_integer(key, out);
}

void object_reader::read(std::string_view key, std::optional<double>& out)
{
    const boost::json::value* v = find(key);
    if (v == nullptr)
        return;
    if (v->is_number()) {
        out = v->to_number<double>();
        return;
    }
    if (const auto* s = v->if_string()) {
        double d = 0;
        const char* end = s->data() + s->size();
        const auto [ptr, err] = std::from_chars(s->data(), end, d);
        if (err == std::errc() && ptr == end && !s->empty() && std::isfinite(d)) {
            out = d;
            return;
        }
    }
    fail(key, "expected a number or a string holding one");
}

void object_reader::read_strings(std::string_view key, std::string_view element, std::vector<std::string>& out)
{
    const json_path container{&here_, key};
    const boost::json::array* items = find_list(key, container, element);
    if (items == nullptr)
        return;
    out.clear();
    out.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto* s = (*items)[i].if_string();
        if (s == nullptr) {
            failure_.set(json_path{&container, element, i}, "expected a string");
            return;
        }
        out.emplace_back(s->data(), s->size());
    }
}

} // namespace alicloud::ecs::detail
