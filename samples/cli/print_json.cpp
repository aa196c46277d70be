#include "print_json.hpp"

#include <boost/json/serialize.hpp>

#include <string>

namespace alicloud::cli {

void print_json(std::ostream& out, const boost::json::value& v, int indent)
{
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string close(static_cast<std::size_t>(indent), ' ');
    if (const auto* obj = v.if_object()) {
        if (obj->empty()) {
            out << "{}";
            return;
        }
        out << "{\n";
        bool first = true;
        for (const auto& [key, member] : *obj) {
            out << (first ? "" : ",\n") << pad << boost::json::serialize(boost::json::value(key)) << ": ";
            print_json(out, member, indent + 2);
            first = false;
        }
        out << "\n" << close << "}";
    } else if (const auto* arr = v.if_array()) {
        if (arr->empty()) {
            out << "[]";
            return;
        }
        out << "[\n";
        bool first = true;
        for (const auto& item : *arr) {
            out << (first ? "" : ",\n") << pad;
            print_json(out, item, indent + 2);
            first = false;
        }
        out << "\n" << close << "]";
    } else {
        out << boost::json::serialize(v);
    }
}

} // namespace alicloud::cli
