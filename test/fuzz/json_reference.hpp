#ifndef ALICLOUD_TEST_FUZZ_JSON_REFERENCE_HPP
#define ALICLOUD_TEST_FUZZ_JSON_REFERENCE_HPP

// Boost.JSON's own reading of a text: the reference the project's JSON
// readers (the response decoder, the models' json_document) are checked against.

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace alicloud::fuzz {

inline boost::json::value reference_parse(std::string_view text, boost::json::error_code& ec)
{
    return boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
}

// Whether two JSON values are the same, NaN included: Boost.JSON 1.81 reads
// 0e999 as NaN (zero times an infinite power of ten), and NaN == NaN is false,
// so operator== would call two parses of one text different.
inline bool same_json(const boost::json::value& a, const boost::json::value& b)
{
    if (a.is_double() && b.is_double())
        return a.get_double() == b.get_double() || (std::isnan(a.get_double()) && std::isnan(b.get_double()));
    if (a.is_array() && b.is_array())
        return a.get_array().size() == b.get_array().size() &&
               std::equal(a.get_array().begin(), a.get_array().end(), b.get_array().begin(), same_json);
    if (a.is_object() && b.is_object())
        return a.get_object().size() == b.get_object().size() &&
               std::all_of(a.get_object().begin(), a.get_object().end(), [&](const boost::json::key_value_pair& m) {
                   const boost::json::value* other = b.get_object().if_contains(m.key());
                   return other != nullptr && same_json(m.value(), *other);
               });
    return a == b;
}

} // namespace alicloud::fuzz

#endif
