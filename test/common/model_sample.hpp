#ifndef ALICLOUD_TEST_COMMON_MODEL_SAMPLE_HPP
#define ALICLOUD_TEST_COMMON_MODEL_SAMPLE_HPP

// Tests of every operation at once, driven by the same descriptors as the
// codec (lib/core/model/descriptor.hpp): a JSON body with every field of a
// model set, and a walker that finds a field left at its default.

#include "core/model/descriptor.hpp"

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alicloud::test {

namespace model = alicloud::detail::model;

// Every field set, none to its C++ default: strings "x-<Wire>", numbers 7 (2.5
// for floating point), booleans true, maps one entry, lists `list_size`
// elements. `as_sent_by_service`: lists inside their wrapper object
// ({"Instances": {"Instance": [...]}}), as answers carry them.
inline boost::json::object model_sample(const model::class_info& cls, bool as_sent_by_service, std::size_t list_size = 1)
{
    auto scalar = [](const model::field_info& f) -> boost::json::value {
        switch (f.kind) {
        case model::kind::string: return boost::json::value("x-" + std::string(f.wire));
        case model::kind::boolean: return true;
        case model::kind::int32:
        case model::kind::int64: return 7;
        case model::kind::float32:
        case model::kind::float64: return 2.5;
        case model::kind::map: return boost::json::object{{"k", "v"}};
        case model::kind::object: break;
        }
        return nullptr;
    };
    boost::json::object out;
    for (const model::field_info& f : cls.fields) {
        auto one = [&]() -> boost::json::value {
            if (f.kind == model::kind::object)
                return model_sample(*f.nested, as_sent_by_service, list_size);
            return scalar(f);
        };
        if (f.form == model::form::list || f.form == model::form::optional_list) {
            boost::json::array items;
            for (std::size_t i = 0; i < list_size; ++i)
                items.push_back(one());
            if (as_sent_by_service && !f.item.empty())
                out[f.wire] = boost::json::object{{f.item, std::move(items)}};
            else
                out[f.wire] = std::move(items);
        } else {
            out[f.wire] = one();
        }
    }
    return out;
}

template <class T>
const void* model_optional(const void* p)
{
    const auto& o = *static_cast<const std::optional<T>*>(p);
    return o ? &*o : nullptr;
}

// The flattened name of the first field of `object` still at its default
// (empty string, 0, false, empty list or map, disengaged optional), or "".
inline std::string first_default(const model::class_info& cls, const void* object, const std::string& prefix = "")
{
    for (const model::field_info& f : cls.fields) {
        const std::string name = prefix + std::string(f.wire);
        const void* p = f.at(const_cast<void*>(object));
        if (f.kind == model::kind::object) {
            const void* inner = nullptr;
            if (f.form == model::form::value)
                inner = p;
            else if (f.form == model::form::optional)
                inner = f.nested->value(p);
            else if (f.nested->size(p) != 0)
                inner = f.nested->element(p, 0);
            if (inner == nullptr)
                return name;
            std::string nested = first_default(*f.nested, inner, name + ".");
            if (!nested.empty())
                return nested;
            continue;
        }
        if (f.kind == model::kind::map) {
            if (static_cast<const std::map<std::string, std::string>*>(p)->empty())
                return name;
            continue;
        }
        auto empty_list = [&]() -> bool {
            switch (f.kind) {
            case model::kind::string: return static_cast<const std::vector<std::string>*>(p)->empty();
            case model::kind::int32: return static_cast<const std::vector<std::int32_t>*>(p)->empty();
            case model::kind::int64: return static_cast<const std::vector<std::int64_t>*>(p)->empty();
            case model::kind::float32: return static_cast<const std::vector<float>*>(p)->empty();
            case model::kind::float64: return static_cast<const std::vector<double>*>(p)->empty();
            default: return true;
            }
        };
        auto is_default = [&](const void* v) -> bool {
            switch (f.kind) {
            case model::kind::string: return static_cast<const std::string*>(v)->empty();
            case model::kind::boolean: return !*static_cast<const bool*>(v);
            case model::kind::int32: return *static_cast<const std::int32_t*>(v) == 0;
            case model::kind::int64: return *static_cast<const std::int64_t*>(v) == 0;
            case model::kind::float32: return *static_cast<const float*>(v) == 0;
            case model::kind::float64: return *static_cast<const double*>(v) == 0;
            default: return true;
            }
        };
        auto engaged = [&]() -> const void* {
            switch (f.kind) {
            case model::kind::string: return model_optional<std::string>(p);
            case model::kind::boolean: return model_optional<bool>(p);
            case model::kind::int32: return model_optional<std::int32_t>(p);
            case model::kind::int64: return model_optional<std::int64_t>(p);
            case model::kind::float32: return model_optional<float>(p);
            case model::kind::float64: return model_optional<double>(p);
            default: return nullptr;
            }
        };
        bool left = false;
        switch (f.form) {
        case model::form::value: left = is_default(p); break;
        case model::form::optional: left = engaged() == nullptr; break;
        case model::form::list: left = empty_list(); break;
        case model::form::optional_list: {
            const auto& o = *static_cast<const std::optional<std::vector<std::string>>*>(p);
            left = !o || o->empty();
            break;
        }
        }
        if (left)
            return name;
    }
    return {};
}

} // namespace alicloud::test

#endif
