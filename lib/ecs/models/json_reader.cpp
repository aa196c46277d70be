#include "ecs/models/json_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace alicloud::ecs::detail {
namespace {

template <class Int>
bool to_integer(const json_node& v, Int& out) noexcept
{
    if (v.kind == json_kind::int64) {
        if (v.int64 < std::numeric_limits<Int>::min() || v.int64 > std::numeric_limits<Int>::max())
            return false;
        out = static_cast<Int>(v.int64);
        return true;
    }
    if (v.kind == json_kind::uint64) {
        if (v.uint64 > static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))
            return false;
        out = static_cast<Int>(v.uint64);
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

namespace {

// The hash tables of the objects being read, innermost last: readers nest as
// the objects do, so a reader's table is pushed when built and popped when the
// reader goes. Slots hold a member's node index + 1; 0 is empty.
thread_local std::vector<json_document::index> table_stack;

constexpr std::uint32_t small_object = 8; // members; smaller objects are scanned

} // namespace

object_reader::~object_reader()
{
    if (table_ != no_table)
        table_stack.resize(table_);
}

json_document::index object_reader::lookup(std::string_view key)
{
    const auto end = doc_.end(object_);
    const auto h = json_document::hash(key);
    const auto is_it = [&](index i) {
        const json_node& n = doc_.at(i);
        return n.key_hash == h && doc_.key(n) == key;
    };
    if (doc_.at(object_).size <= small_object) {
        auto found = end;
        for (auto i = json_document::first(object_); i != end; i = doc_.next(i))
            if (is_it(i))
                found = i; // the last of duplicate keys, as boost::json::parse keeps
        return found;
    }
    if (table_ == no_table)
        build_table();
    for (auto s = h & mask_;; s = (s + 1) & mask_) {
        const index slot = table_stack[table_ + s];
        if (slot == 0)
            return end;
        if (is_it(slot - 1))
            return slot - 1;
    }
}

void object_reader::build_table()
{
    std::uint32_t slots = 16;
    while (slots < 2 * doc_.at(object_).size)
        slots *= 2;
    mask_ = slots - 1;
    table_ = table_stack.size();
    table_stack.resize(table_ + slots, 0);
    for (auto i = json_document::first(object_); i != doc_.end(object_); i = doc_.next(i)) {
        const json_node& member = doc_.at(i);
        auto s = member.key_hash & mask_;
        for (; table_stack[table_ + s] != 0; s = (s + 1) & mask_) {
            const json_node& held = doc_.at(table_stack[table_ + s] - 1);
            if (held.key_hash == member.key_hash && doc_.key(held) == doc_.key(member))
                break; // a duplicate key: the later member replaces it, as boost::json::parse does
        }
        table_stack[table_ + s] = i + 1;
    }
}

const json_node* object_reader::find(std::string_view key)
{
    if (failure_.failed())
        return nullptr;
    const auto i = lookup(key);
    if (i == doc_.end(object_))
        return nullptr;
    const json_node& v = doc_.at(i);
    return v.kind == json_kind::null ? nullptr : &v;
}

void object_reader::fail(std::string_view key, std::string_view what)
{
    failure_.set(json_path{&here_, key}, what);
}

const json_node* object_reader::find_object(std::string_view key)
{
    const json_node* v = find(key);
    if (v == nullptr)
        return nullptr;
    if (v->kind == json_kind::object)
        return v;
    fail(key, "expected an object");
    return nullptr;
}

const json_node* object_reader::find_list(std::string_view key, const json_path& container, std::string_view element)
{
    const json_node* o = find_object(key);
    if (o == nullptr)
        return nullptr;
    const json_path wrapper_path{&here_, key};
    object_reader wrapper(doc_, index_of(o), wrapper_path, failure_);
    const json_node* list = wrapper.find(element);
    if (list == nullptr)
        return nullptr;
    if (list->kind == json_kind::array)
        return list;
    failure_.set(json_path{&container, element}, "expected an array");
    return nullptr;
}

void object_reader::read_string(std::string_view key, const json_node& v, std::string& out)
{
    if (v.kind == json_kind::string)
        out.assign(doc_.string(v));
    else
        fail(key, "expected a string");
}

template <class Int>
void object_reader::read_integer(std::string_view key, Int& out)
{
    const json_node* v = find(key);
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
    if (const json_node* v = find(key))
        read_string(key, *v, out);
}

void object_reader::read(std::string_view key, std::optional<std::string>& out)
{
    if (const json_node* v = find(key))
        read_string(key, *v, out.emplace());
}

void object_reader::read(std::string_view key, bool& out)
{
    const json_node* v = find(key);
    if (v == nullptr)
        return;
    if (v->kind == json_kind::boolean)
        out = v->boolean;
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
    const json_node* v = find(key);
    if (v == nullptr)
        return;
    if (v->is_number()) {
        // Boost.JSON reads a number beyond a double's range (1e999) as
        // infinity, and 1.81 reads 0e999 as NaN: neither is a price, nor
        // anything the caller could print as JSON again.
        if (std::isfinite(v->to_double()))
            out = v->to_double();
        else
            fail(key, "expected a number a double can hold");
        return;
    }
    if (v->kind == json_kind::string) {
        const std::string_view s = doc_.string(*v);
        double d = 0;
        const char* end = s.data() + s.size();
        const auto [ptr, err] = std::from_chars(s.data(), end, d);
        if (err == std::errc() && ptr == end && !s.empty() && std::isfinite(d)) {
            out = d;
            return;
        }
    }
    fail(key, "expected a number or a string holding one");
}

void object_reader::read_strings(std::string_view key, std::string_view element, std::vector<std::string>& out)
{
    const json_path container{&here_, key};
    const json_node* items = find_list(key, container, element);
    if (items == nullptr)
        return;
    out.clear();
    out.reserve(items->size);
    const auto list = index_of(items);
    std::size_t i = 0;
    for (auto e = json_document::first(list); e != doc_.end(list); e = doc_.next(e), ++i) {
        const json_node& s = doc_.at(e);
        if (s.kind != json_kind::string) {
            failure_.set(json_path{&container, element, i}, "expected a string");
            return;
        }
        out.emplace_back(doc_.string(s));
    }
}

} // namespace alicloud::ecs::detail
