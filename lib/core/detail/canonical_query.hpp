#ifndef ALICLOUD_LIB_CORE_DETAIL_CANONICAL_QUERY_HPP
#define ALICLOUD_LIB_CORE_DETAIL_CANONICAL_QUERY_HPP

#include <alicloud/core/parameters.hpp>
#include <alicloud/core/sansio/percent_encoding.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace alicloud::detail {

// The canonical query both signatures share: parameters in ascending byte
// order of their raw names (a stable sort, so repeated names keep their
// order), "encode(name)=encode(value)" joined by '&'. A parameter named `skip`
// is left out (V1 leaves out Signature). Sorts pointers, copies no string.
inline std::string canonical_query(std::span<const parameter> params, std::string_view skip = {})
{
    std::vector<const parameter*> order;
    order.reserve(params.size());
    for (const auto& p : params)
        if (skip.empty() || p.name != skip)
            order.push_back(&p);
    std::stable_sort(order.begin(), order.end(), [](const parameter* a, const parameter* b) {
        return std::string_view(a->name) < std::string_view(b->name);
    });

    std::string out;
    out.reserve(params.size() * 32);
    for (const parameter* p : order) {
        if (!out.empty())
            out.push_back('&');
        sansio::percent_encode_append(out, p->name);
        out.push_back('=');
        sansio::percent_encode_append(out, p->value);
    }
    return out;
}

} // namespace alicloud::detail

#endif
