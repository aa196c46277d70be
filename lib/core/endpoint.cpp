#include <alicloud/core/endpoint.hpp>

#include <boost/url/parse.hpp>

#include <charconv>

namespace alicloud {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (x != b[i])
            return false;
    }
    return true;
}

endpoint fail(std::string_view text, std::string_view why, error_code& ec, diagnostics& diag)
{
    ec = client_errc::invalid_endpoint;
    diag.field = "endpoint";
    diag.client_message = "invalid endpoint '" + std::string(text) + "': " + std::string(why);
    return {};
}

} // namespace

std::string endpoint::url() const
{
    return (tls ? "https://" : "http://") + authority;
}

endpoint parse_endpoint(std::string_view text, error_code& ec, diagnostics& diag)
{
    ec.clear();
    endpoint out;
    std::string_view authority = text;

    if (const auto sep = text.find("://"); sep != std::string_view::npos) {
        auto uri = boost::urls::parse_uri(boost::core::string_view(text.data(), text.size()));
        if (!uri)
            return fail(text, "not a URL", ec, diag);
        if (iequals(uri->scheme(), "https"))
            out.tls = true;
        else if (iequals(uri->scheme(), "http"))
            out.tls = false;
        else
            return fail(text, "the scheme must be http or https", ec, diag);
        if (uri->has_userinfo())
            return fail(text, "user information is not allowed", ec, diag);
        if (uri->has_query() || uri->has_fragment() || !(uri->path().empty() || uri->path() == "/"))
            return fail(text, "RPC endpoints take no path, query or fragment", ec, diag);
        const auto a = uri->encoded_authority();
        authority = std::string_view(a.data(), a.size());
    }

    auto parsed = boost::urls::parse_authority(boost::core::string_view(authority.data(), authority.size()));
    if (!parsed || authority.empty())
        return fail(text, "not a host or host:port", ec, diag);
    if (parsed->has_userinfo())
        return fail(text, "user information is not allowed", ec, diag);
    const auto host = parsed->host_address();
    if (host.empty())
        return fail(text, "the host is empty", ec, diag);
    out.host.assign(host.data(), host.size());

    out.port = out.tls ? 443 : 80;
    if (parsed->has_port()) {
        const auto port = parsed->port();
        unsigned value = 0;
        const auto [end, err] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || err != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
            return fail(text, "the port must be a number from 1 to 65535", ec, diag);
        out.port = static_cast<std::uint16_t>(value);
    }
    out.authority.assign(authority);
    return out;
}

} // namespace alicloud
