#include <alicloud/core/rpc_request.hpp>

#include <algorithm>

namespace alicloud {

std::string_view to_string(http_method m) noexcept
{
    return m == http_method::get ? "GET" : "POST";
}

const std::string* signed_request::find_header(std::string_view name) const noexcept
{
    auto it = std::find_if(headers.begin(), headers.end(), [&](const http_header& h) { return h.name == name; });
    return it == headers.end() ? nullptr : &it->value;
}

} // namespace alicloud
