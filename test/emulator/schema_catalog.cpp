#include "schema_catalog.hpp"
#include "wire_values.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace alicloud::emulator {

namespace detail {
// Embedded by cmake/embed_text.cmake from lib/generator/schemas/.
extern const std::string_view ecs_schema_json;
extern const std::string_view vpc_schema_json;
} // namespace detail

namespace {

enum class value_type { string, int32, int64, floating, boolean, object, array, map };

constexpr std::size_t no_class = static_cast<std::size_t>(-1);

struct schema_field {
    std::string name;
    value_type type = value_type::string;
    bool required = false;
    std::size_t ref = no_class; // the class of an object, or of an array's items
    value_type item = value_type::string;
    std::string example;
};

struct schema_class {
    std::string name;
    std::vector<schema_field> fields;

    const schema_field* find(std::string_view wire) const
    {
        for (const auto& f : fields)
            if (f.name == wire)
                return &f;
        return nullptr;
    }
};

struct schema_product;

} // namespace

struct schema_operation {
    std::string action;
    const schema_product* product = nullptr;
    std::size_t request = no_class;
    std::size_t response = no_class;
    std::vector<std::string> json_encoded; // parameters sent as one JSON string
};

namespace {

struct schema_product {
    std::string version;
    std::vector<schema_class> classes;
    std::map<std::string, schema_operation, std::less<>> operations;
};

value_type scalar_type(const boost::json::object& f)
{
    const std::string_view type = f.at("type").as_string();
    if (type == "boolean")
        return value_type::boolean;
    if (type == "number") {
        const auto* format = f.if_contains("format");
        const std::string_view fmt = format != nullptr ? std::string_view(format->as_string()) : std::string_view();
        if (fmt == "int32")
            return value_type::int32;
        if (fmt == "float" || fmt == "double")
            return value_type::floating;
        if (fmt.empty()) { // rare: the schema's README says int64 unless an example has a dot
            const auto* example = f.if_contains("example");
            if (example != nullptr && example->is_string() && example->get_string().find('.') != std::string::npos)
                return value_type::floating;
        }
        return value_type::int64;
    }
    if (type == "object")
        return value_type::object;
    if (type == "array")
        return value_type::array;
    if (type == "map")
        return value_type::map;
    return value_type::string; // string, and `any` (kept as text)
}

std::unique_ptr<schema_product> load_product(std::string_view text)
{
    const boost::json::value doc = boost::json::parse(boost::json::string_view(text.data(), text.size()));
    const auto& definitions = doc.at("definitions").as_object();
    auto product = std::make_unique<schema_product>();

    std::map<std::string, std::size_t, std::less<>> index;
    for (const auto& [name, _] : definitions) {
        index.emplace(std::string(name), product->classes.size());
        product->classes.push_back({std::string(name), {}});
    }
    auto class_of = [&](std::string_view name) {
        auto it = index.find(name);
        if (it == index.end())
            throw std::runtime_error("schema: no class " + std::string(name));
        return it->second;
    };
    for (const auto& [name, definition] : definitions) {
        auto& cls = product->classes[class_of(name)];
        for (const auto& v : definition.at("fields").as_array()) {
            const auto& f = v.as_object();
            schema_field field;
            field.name = f.at("name").as_string();
            field.type = scalar_type(f);
            if (const auto* r = f.if_contains("required"))
                field.required = r->is_bool() && r->get_bool();
            if (const auto* e = f.if_contains("example"); e != nullptr && e->is_string())
                field.example = e->get_string();
            if (field.type == value_type::object)
                field.ref = class_of(f.at("ref").as_string());
            if (field.type == value_type::array) {
                const auto& items = f.at("items").as_object();
                field.item = scalar_type(items);
                if (field.item == value_type::object)
                    field.ref = class_of(items.at("ref").as_string());
            }
            cls.fields.push_back(std::move(field));
        }
    }
    for (const auto& [action, v] : doc.at("operations").as_object()) {
        const auto& o = v.as_object();
        schema_operation op;
        op.action = action;
        op.product = product.get();
        op.request = class_of(o.at("request").as_string());
        op.response = class_of(o.at("responseBody").as_string());
        if (const auto* j = o.if_contains("jsonEncodedParams"))
            for (const auto& name : j->as_array())
                op.json_encoded.emplace_back(name.as_string());
        if (product->version.empty())
            product->version = o.at("version").as_string();
        product->operations.emplace(std::string(action), std::move(op));
    }
    return product;
}

// ---- checking a request -------------------------------------------------

// The parameters as a tree: "Tag.1.Key" is root → Tag → 1 → Key.
struct param_node {
    const std::string* value = nullptr;
    std::map<std::string_view, param_node, std::less<>> children;

    bool present() const { return (value != nullptr && !value->empty()) || !children.empty(); }
};

param_node tree_of(const parameters& params)
{
    param_node root;
    for (const auto& p : params) {
        param_node* at = &root;
        std::string_view rest = p.name;
        while (true) {
            const auto dot = rest.find('.');
            at = &at->children[rest.substr(0, dot)];
            if (dot == std::string_view::npos)
                break;
            rest.remove_prefix(dot + 1);
        }
        at->value = &p.value;
    }
    return root;
}

// An integer of the type's width, or nullopt.
std::optional<std::int64_t> integer_of(std::string_view s, value_type t)
{
    const auto v = parse_integer(s);
    if (v && t == value_type::int32 && (*v < INT32_MIN || *v > INT32_MAX))
        return std::nullopt;
    return v;
}

// A finite number, or nullopt: the service reads no "inf" or "nan".
std::optional<double> finite_number(std::string_view s)
{
    const auto v = parse_number(s);
    return v && std::isfinite(*v) ? v : std::nullopt;
}

bool is_index(std::string_view s)
{
    return !s.empty() && s.size() <= 4 && s[0] != '0' && std::all_of(s.begin(), s.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
}

std::string_view type_name(value_type t)
{
    switch (t) {
    case value_type::int32: return "an Integer";
    case value_type::int64: return "a Long";
    case value_type::floating: return "a Float";
    case value_type::boolean: return "a Boolean (true or false)";
    case value_type::object: return "a Struct (Name.Field)";
    case value_type::array: return "a list (Name.1, Name.2, ...)";
    case value_type::map: return "a map (Name.Key)";
    case value_type::string: break;
    }
    return "a String";
}

class request_checker {
public:
    request_checker(const schema_product& product, const std::vector<std::string>& json_encoded, std::string_view host)
        : product_(product), json_encoded_(json_encoded), host_(host)
    {
    }

    std::optional<api_reply> check_class(std::size_t cls, const param_node& node, const std::string& prefix)
    {
        const schema_class& c = product_.classes[cls];
        for (const auto& f : c.fields) {
            if (!f.required)
                continue;
            const auto it = node.children.find(f.name);
            if (it != node.children.end() && it->second.present())
                continue;
            // A flattened list is missing its first element.
            const bool flattened = f.type == value_type::array && !(prefix.empty() && is_json_encoded(f.name));
            return missing_parameter(prefix + f.name + (flattened ? ".1" : ""), host_);
        }
        for (const auto& [name, child] : node.children) {
            const schema_field* f = c.find(name);
            if (f == nullptr)
                continue; // the service ignores parameters it does not know
            if (prefix.empty() && is_json_encoded(name)) {
                if (auto bad = check_json(f->type, child, f->name))
                    return bad;
                continue;
            }
            if (auto bad = check_value(f->type, f->ref, f->item, child, prefix + std::string(name)))
                return bad;
        }
        return std::nullopt;
    }

private:
    bool is_json_encoded(std::string_view name) const
    {
        return std::find(json_encoded_.begin(), json_encoded_.end(), name) != json_encoded_.end();
    }

    std::optional<api_reply> check_json(value_type type, const param_node& node, const std::string& name)
    {
        if (node.value == nullptr || !node.children.empty())
            return invalid_parameter(name, "It must be one parameter holding JSON.", host_);
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(*node.value, ec);
        const bool ok = !ec && (type == value_type::array    ? v.is_array()
                                : type == value_type::string ? true
                                                             : v.is_object());
        if (!ok)
            return invalid_parameter(name, "It must be JSON (" + std::string(type_name(type)) + ").", host_);
        return std::nullopt;
    }

    std::optional<api_reply> check_value(value_type type, std::size_t ref, value_type item, const param_node& node,
                                         const std::string& name)
    {
        switch (type) {
        case value_type::object:
            if (node.value != nullptr)
                return invalid_parameter(name, "It must be " + std::string(type_name(type)) + ".", host_);
            return check_class(ref, node, name + ".");
        case value_type::array:
            if (node.value != nullptr)
                return invalid_parameter(name, "It must be " + std::string(type_name(type)) + ".", host_);
            for (const auto& [index, element] : node.children) {
                if (!is_index(index))
                    return invalid_parameter(name + "." + std::string(index), "A list is numbered from 1.", host_);
                if (auto bad = check_value(item, ref, value_type::string, element, name + "." + std::string(index)))
                    return bad;
            }
            return std::nullopt;
        case value_type::map: return std::nullopt; // Name.<any key>=<any text>
        default: break;
        }
        if (node.value == nullptr || !node.children.empty())
            return invalid_parameter(name, "It must be " + std::string(type_name(type)) + ".", host_);
        const std::string_view v = *node.value;
        bool ok = true;
        switch (type) {
        case value_type::int32:
        case value_type::int64: ok = integer_of(v, type).has_value(); break;
        case value_type::floating: ok = finite_number(v).has_value(); break;
        case value_type::boolean: ok = is_boolean(v); break;
        default: break;
        }
        if (!ok)
            return invalid_parameter(name, "It must be " + std::string(type_name(type)) + ".", host_);
        return std::nullopt;
    }

    const schema_product& product_;
    const std::vector<std::string>& json_encoded_;
    std::string_view host_;
};

// ---- synthesizing an answer ---------------------------------------------

// The schema's example where it has one that a reader can tell from "not
// sent" (not empty, not zero); otherwise a fixed value of the right type.
// Booleans are always true for the same reason.
boost::json::value scalar_value(value_type type, const schema_field& f)
{
    const std::string_view e = f.example;
    switch (type) {
    case value_type::boolean: return true;
    case value_type::int32:
    case value_type::int64:
        if (const auto v = integer_of(e, type); v && *v != 0)
            return *v;
        return 2;
    case value_type::floating:
        if (const auto v = finite_number(e); v && *v != 0)
            return *v;
        return 0.5;
    case value_type::map: return boost::json::object{{"key", "value"}};
    default: break;
    }
    if (!e.empty())
        return boost::json::string(e);
    return boost::json::string(f.name + "-value");
}

boost::json::object object_value(const schema_product& p, std::size_t cls, int depth);

boost::json::value value_of(const schema_product& p, const schema_field& f, int depth)
{
    auto one = [&](value_type t) -> boost::json::value {
        if (t == value_type::object)
            return object_value(p, f.ref, depth + 1);
        return scalar_value(t, f);
    };
    if (f.type == value_type::array) {
        boost::json::array items;
        items.push_back(one(f.item));
        items.push_back(one(f.item));
        return items;
    }
    return one(f.type);
}

boost::json::object object_value(const schema_product& p, std::size_t cls, int depth)
{
    boost::json::object out;
    if (depth > 16) // no schema nests this deep; a class that contains itself stops here
        return out;
    for (const auto& f : p.classes[cls].fields)
        out[f.name] = value_of(p, f, depth);
    return out;
}

} // namespace

class schema_catalog {
public:
    std::vector<std::unique_ptr<schema_product>> products;
};

const schema_catalog& builtin_schemas()
{
    static const schema_catalog catalog = [] {
        schema_catalog c;
        c.products.push_back(load_product(detail::ecs_schema_json));
        c.products.push_back(load_product(detail::vpc_schema_json));
        return c;
    }();
    return catalog;
}

const schema_operation* find_schema_operation(const schema_catalog& catalog, std::string_view version,
                                              std::string_view action)
{
    for (const auto& p : catalog.products) {
        if (p->version != version)
            continue;
        const auto it = p->operations.find(action);
        return it == p->operations.end() ? nullptr : &it->second;
    }
    return nullptr;
}

std::optional<api_reply> check_request(const schema_operation& op, const parameters& params,
                                       std::string_view host_id)
{
    request_checker checker(*op.product, op.json_encoded, host_id);
    return checker.check_class(op.request, tree_of(params), "");
}

api_reply synthesize_answer(const schema_operation& op)
{
    api_reply reply;
    reply.body = object_value(*op.product, op.response, 0);
    reply.body["RequestId"] = new_request_id();
    return reply;
}

std::vector<std::string> schema_operation_names(const schema_catalog& catalog, std::string_view version)
{
    std::vector<std::string> out;
    for (const auto& p : catalog.products)
        if (p->version == version)
            for (const auto& [name, _] : p->operations)
                out.push_back(name);
    return out;
}

} // namespace alicloud::emulator
