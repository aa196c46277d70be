#ifndef ALICLOUD_EMULATOR_CALL_VALUES_HPP
#define ALICLOUD_EMULATOR_CALL_VALUES_HPP

// What the operations with state read from a call's parameters (already
// checked against the metadata or the schema) and how they answer success:
// shared by ecs_service (instances, security groups) and vpc_service.

#include "responses.hpp"
#include "wire_values.hpp"

#include <alicloud/core/parameters.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alicloud::emulator {

// A success answer: RequestId first, as the service writes it, then `body`.
inline api_reply ok(boost::json::object body = {})
{
    api_reply r;
    r.body.reserve(body.size() + 1);
    r.body["RequestId"] = new_request_id();
    for (auto& member : body)
        r.body.emplace(member.key(), std::move(member.value()));
    return r;
}

// A JSON array of the strings.
inline boost::json::array strings(const std::vector<std::string>& items)
{
    boost::json::array out;
    for (const auto& s : items)
        out.emplace_back(s);
    return out;
}

inline std::string_view get(const parameters& p, std::string_view name, std::string_view fallback = {})
{
    const auto* v = p.find(name);
    return v ? std::string_view(*v) : fallback;
}

// An Integer parameter (its type was checked already), or `fallback`.
inline long long number(const parameters& p, std::string_view name, long long fallback)
{
    const auto* v = p.find(name);
    return v == nullptr ? fallback : parse_integer(*v).value_or(fallback);
}

// Name.1, Name.2, ... while present.
inline std::vector<std::string> repeat_list(const parameters& p, std::string_view name)
{
    std::vector<std::string> out;
    for (int n = 1;; ++n) {
        const auto* v = p.find(std::string(name) + "." + std::to_string(n));
        if (v == nullptr)
            break;
        out.push_back(*v);
    }
    return out;
}

inline api_reply region_not_found(std::string_view host)
{
    return error_reply(404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.", host);
}

// Tag.N.Key / Tag.N.Value, N from 1 while present.
inline std::vector<std::pair<std::string, std::string>> tags_of(const parameters& p)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (int n = 1; n <= 20; ++n) {
        const std::string prefix = "Tag." + std::to_string(n);
        const auto* key = p.find(prefix + ".Key");
        if (key == nullptr)
            break;
        out.emplace_back(*key, std::string(get(p, prefix + ".Value")));
    }
    return out;
}

// A JSON array of strings in one parameter; false when it is not one.
inline bool json_string_array(std::string_view text, std::vector<std::string>& out)
{
    boost::json::error_code ec;
    const auto v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec || !v.is_array())
        return false;
    for (const auto& item : v.get_array()) {
        if (!item.is_string())
            return false;
        out.emplace_back(item.get_string());
    }
    return true;
}

// One page of a listing: PageNumber from 1, PageSize from 1 to `max_size` (10 by default).
struct page_request {
    long long number = 1;
    long long size = 10;

    std::size_t begin(std::size_t total) const noexcept
    {
        return std::min(total, static_cast<std::size_t>((number - 1) * size));
    }
    std::size_t end(std::size_t total) const noexcept
    {
        return std::min(total, begin(total) + static_cast<std::size_t>(size));
    }
};

// InvalidParameter when the page asked for is out of range.
inline std::optional<api_reply> read_page(const parameters& p, long long max_size, page_request& out,
                                          std::string_view host)
{
    out.number = number(p, "PageNumber", 1);
    out.size = number(p, "PageSize", 10);
    if (out.number < 1)
        return invalid_parameter("PageNumber", "It must be at least 1.", host);
    if (out.size < 1 || out.size > max_size)
        return invalid_parameter("PageSize", "It must be from 1 to " + std::to_string(max_size) + ".", host);
    return std::nullopt;
}

} // namespace alicloud::emulator

#endif
