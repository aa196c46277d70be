// The one request validator: walks a descriptor before anything is sent.

#include "core/model/encode.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alicloud::detail::model {
namespace {

// Where a field is: its wire name under its parent, or an item's number
// under its list. Rendered ("Tag.2.Key") only when a check fails, so that a
// valid request - every request, nearly - costs no string building.
struct path {
    const path* parent = nullptr;
    std::string_view part{}; // a field's wire name
    std::size_t item = 0;    // or a list item's number, from 1

    std::string str() const
    {
        std::string out = parent != nullptr ? parent->str() : std::string();
        if (item != 0)
            return out.append(".").append(std::to_string(item));
        if (!out.empty())
            out += '.';
        return out.append(part);
    }
};

class checker {
public:
    checker(error_code& ec, diagnostics& diag) : ec_(ec), diag_(diag) {}

    bool failed() const noexcept { return static_cast<bool>(ec_); }

    void fail(client_errc code, const path& where, const std::string& why)
    {
        if (failed())
            return;
        ec_ = code;
        diag_.field = where.str();
        diag_.client_message = diag_.field + " " + why;
    }

    void object(const class_info& cls, const void* obj, const path* parent)
    {
        for (const field_info& f : cls.fields) {
            if (failed())
                return;
            const path name{parent, f.wire};
            field(f, f.at(const_cast<void*>(obj)), name);
        }
    }

private:
    void field(const field_info& f, const void* p, const path& name)
    {
        const bool required = f.is(field_flags::required);
        switch (f.form) {
        case form::value:
            if (f.kind == kind::string && required && static_cast<const std::string*>(p)->empty())
                fail(client_errc::missing_field, name, "is required but empty");
            else if (f.kind == kind::map && required && static_cast<const std::map<std::string, std::string>*>(p)->empty())
                fail(client_errc::missing_field, name, "is required but empty");
            else if (f.kind == kind::object)
                object(*f.nested, p, &name);
            else if (f.kind == kind::string)
                text(f, *static_cast<const std::string*>(p), name);
            else
                number(f, p, name);
            return;
        case form::optional: {
            const void* v = engaged(f, p);
            if (v == nullptr) {
                if (required)
                    fail(client_errc::missing_field, name, "is required but not set");
                return;
            }
            if (f.kind == kind::object)
                object(*f.nested, v, &name);
            else if (f.kind == kind::string && required && static_cast<const std::string*>(v)->empty())
                fail(client_errc::missing_field, name, "is required but empty");
            else if (f.kind == kind::string)
                text(f, *static_cast<const std::string*>(v), name);
            else
                number(f, v, name);
            return;
        }
        case form::list: list(f, p, name); return;
        case form::optional_list: {
            const auto& o = *static_cast<const std::optional<std::vector<std::string>>*>(p);
            if (o)
                list(f, &*o, name);
            else if (required)
                fail(client_errc::missing_field, name, "is required but not set");
            return;
        }
        }
    }

    static const void* engaged(const field_info& f, const void* p)
    {
        if (f.kind == kind::object)
            return f.nested->value(p);
        return f.kind == kind::map ? p : optional_scalar(f.kind, p);
    }

    void text(const field_info& f, const std::string& s, const path& name)
    {
        const bool ascii = !f.is(field_flags::printable_ascii) || std::all_of(s.begin(), s.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u >= 0x20 && u < 0x7f;
        });
        if (s.size() > f.limits.max_length || !ascii)
            fail(client_errc::invalid_field, name,
                 "must be at most " + std::to_string(f.limits.max_length) +
                     (f.is(field_flags::printable_ascii) ? " printable ASCII characters" : " bytes"));
    }

    void number(const field_info& f, const void* v, const path& name)
    {
        if (f.limits.min == no_min && f.limits.max == no_max)
            return;
        std::int64_t n = 0;
        if (f.kind == kind::int32)
            n = *static_cast<const std::int32_t*>(v);
        else if (f.kind == kind::int64)
            n = *static_cast<const std::int64_t*>(v);
        else
            return;
        if (n >= f.limits.min && n <= f.limits.max)
            return;
        const std::string bound = f.limits.max == no_max ? "at least " + std::to_string(f.limits.min)
                                  : f.limits.min == no_min
                                      ? "at most " + std::to_string(f.limits.max)
                                      : "between " + std::to_string(f.limits.min) + " and " + std::to_string(f.limits.max);
        fail(client_errc::invalid_field, name, "must be " + bound + ", not " + std::to_string(n));
    }

    void list(const field_info& f, const void* vec, const path& name)
    {
        std::size_t n = 0;
        if (f.kind == kind::object)
            n = f.nested->size(vec);
        else if (f.kind == kind::string)
            n = static_cast<const std::vector<std::string>*>(vec)->size();
        else if (f.kind == kind::int32)
            n = static_cast<const std::vector<std::int32_t>*>(vec)->size();
        else if (f.kind == kind::int64)
            n = static_cast<const std::vector<std::int64_t>*>(vec)->size();
        else if (f.kind == kind::float32)
            n = static_cast<const std::vector<float>*>(vec)->size();
        else if (f.kind == kind::float64)
            n = static_cast<const std::vector<double>*>(vec)->size();
        // Sent as one parameter (JSON, or comma-separated): named as a whole.
        const bool json = f.is(field_flags::json) || f.is(field_flags::comma_separated);
        auto item = [&](std::size_t i) { return json ? name : path{&name, {}, i + 1}; };
        if (n == 0 && f.is(field_flags::required) && f.form == form::list) {
            fail(client_errc::missing_field, item(0), "is required: give at least one");
            return;
        }
        if (n > f.limits.max_items) {
            if (json)
                fail(client_errc::invalid_field, name,
                     "has " + std::to_string(n) + " items: at most " + std::to_string(f.limits.max_items) +
                         " are allowed");
            else
                fail(client_errc::invalid_field, item(f.limits.max_items),
                     "is past the limit of " + std::to_string(f.limits.max_items) + " " + std::string(f.wire) +
                         " entries (the request has " + std::to_string(n) + ")");
            return;
        }
        if (f.kind == kind::string && f.is(field_flags::no_empty_items)) {
            const auto& l = *static_cast<const std::vector<std::string>*>(vec);
            for (std::size_t i = 0; i < l.size(); ++i) {
                if (l[i].empty()) {
                    if (json)
                        fail(client_errc::invalid_field, name, "has an empty item");
                    else
                        fail(client_errc::missing_field, item(i), "is empty");
                    return;
                }
            }
        }
        if (f.is(field_flags::comma_separated)) {
            // Joined with commas on the wire: an item holding one, or an empty
            // one, would arrive as other items than were given.
            const auto& l = *static_cast<const std::vector<std::string>*>(vec);
            for (const auto& one : l) {
                if (one.empty() || one.find(',') != std::string::npos) {
                    fail(client_errc::invalid_field, name,
                         one.empty() ? "has an empty item (sent comma-separated)"
                                     : "has an item with a comma (sent comma-separated): '" + one + "'");
                    return;
                }
            }
        }
        if (f.kind == kind::object) {
            for (std::size_t i = 0; i < n && !failed(); ++i) {
                const path element = item(i);
                object(*f.nested, f.nested->element(vec, i), &element);
            }
        }
    }

    error_code& ec_;
    diagnostics& diag_;
};

} // namespace

void validate(const class_info& cls, const void* request, error_code& ec, diagnostics& diag)
{
    ec.clear();
    checker c(ec, diag);
    c.object(cls, request, nullptr);
}

namespace {

// Whether a top-level field carries something to send.
bool is_set(const field_info& f, const void* request)
{
    const void* p = f.at(const_cast<void*>(request));
    switch (f.form) {
    case form::value:
        if (f.kind == kind::string)
            return !static_cast<const std::string*>(p)->empty();
        if (f.kind == kind::map)
            return !static_cast<const std::map<std::string, std::string>*>(p)->empty();
        return true;
    case form::optional:
        if (f.kind == kind::object)
            return f.nested->value(p) != nullptr;
        return f.kind == kind::map || optional_scalar(f.kind, p) != nullptr;
    case form::list:
        if (f.kind == kind::object)
            return f.nested->size(p) != 0;
        if (f.kind == kind::string)
            return !static_cast<const std::vector<std::string>*>(p)->empty();
        return true; // lists of numbers: no rule names one
    case form::optional_list: return static_cast<const std::optional<std::vector<std::string>>*>(p)->has_value();
    }
    return false;
}

} // namespace

void check_rules(const operation_info& op, const void* request, error_code& ec, diagnostics& diag)
{
    checker c(ec, diag);
    for (const request_rule& rule : op.rules) {
        if (c.failed())
            return;
        const field_info* f = op.request->find(rule.field);
        if (f == nullptr)
            continue;
        const bool set = is_set(*f, request);
        if (rule.kind == request_rule::type::not_both) {
            for (std::string_view other : rule.others) {
                const field_info* o = op.request->find(other);
                if (set && o != nullptr && is_set(*o, request)) {
                    c.fail(client_errc::invalid_field, path{nullptr, other},
                           "cannot be given together with " + std::string(rule.field) + ": choose one");
                    return;
                }
            }
        } else if (!set) {
            const bool excused = std::any_of(rule.others.begin(), rule.others.end(), [&](std::string_view other) {
                const field_info* o = op.request->find(other);
                return o != nullptr && is_set(*o, request);
            });
            if (!excused) {
                std::string unless;
                for (std::string_view other : rule.others)
                    unless += (unless.empty() ? "" : " or ") + std::string(other);
                c.fail(client_errc::missing_field, path{nullptr, rule.field}, "is required unless " + unless + " is given");
            }
        }
    }
}

const field_info* class_info::find(std::string_view wire) const noexcept
{
    std::size_t lo = 0;
    std::size_t hi = fields.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const int c = fields[mid].wire.compare(wire);
        if (c == 0)
            return &fields[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return nullptr;
}

} // namespace alicloud::detail::model
