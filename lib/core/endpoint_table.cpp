// Region -> host, from the official endpoint tables embedded at build time
// (lib/core/endpoints/products_endpoints.json, cmake/embed_text.cmake). The
// JSON is parsed once, on first use, into maps keyed by lower-case names.

#include <alicloud/core/endpoint.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

namespace alicloud {
namespace detail {
extern const std::string_view products_endpoints_json;
} // namespace detail

namespace {

struct product_endpoints {
    std::string code;
    std::map<std::string, std::string, std::less<>> regional;
    std::map<std::string, std::string, std::less<>> vpc;
    std::string global;
};

struct endpoint_tables {
    std::map<std::string, product_endpoints, std::less<>> products; // by code and by location code
    std::set<std::string, std::less<>> regions;                     // every region any product lists
};

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::map<std::string, std::string, std::less<>> read_table(const boost::json::value& v)
{
    std::map<std::string, std::string, std::less<>> out;
    if (const auto* o = v.if_object())
        for (const auto& [region, host] : *o)
            if (host.is_string())
                out.emplace(std::string(region), std::string(host.get_string()));
    return out;
}

endpoint_tables load()
{
    endpoint_tables t;
    const auto doc = boost::json::parse(detail::products_endpoints_json);
    for (const auto& p : doc.at("products").as_array()) {
        const auto& o = p.as_object();
        product_endpoints e;
        e.code = std::string(o.at("code").as_string());
        e.regional = read_table(o.at("regional"));
        e.vpc = read_table(o.at("vpc"));
        e.global = std::string(o.at("global").as_string());
        for (const auto* table : {&e.regional, &e.vpc})
            for (const auto& [region, host] : *table)
                t.regions.insert(region);
        const std::string location = lower(o.at("location").as_string());
        if (!location.empty())
            t.products.emplace(location, e); // the code, below, wins where both exist
        t.products.insert_or_assign(lower(e.code), std::move(e));
    }
    return t;
}

const endpoint_tables& tables()
{
    static const endpoint_tables t = load();
    return t;
}

std::string fail(error_code& ec, diagnostics& diag, std::string message)
{
    ec = client_errc::invalid_endpoint;
    diag.field = "region_id";
    diag.client_message = std::move(message);
    return {};
}

} // namespace

std::string endpoint_host_for(std::string_view product, std::string_view region, endpoint_network network,
                              error_code& ec, diagnostics& diag)
{
    return endpoint_host_for(product, region, network, endpoint_rule::regional, ec, diag);
}

std::string endpoint_host_for(std::string_view product, std::string_view region, endpoint_network network,
                              endpoint_rule rule, error_code& ec, diagnostics& diag)
{
    ec.clear();
    const auto& t = tables();
    const std::string name = lower(product);
    const auto found = t.products.find(name);
    const product_endpoints* p = found == t.products.end() ? nullptr : &found->second;
    const bool vpc = network == endpoint_network::vpc;

    if (rule == endpoint_rule::central) {
        if (vpc) {
            if (p != nullptr)
                if (auto it = p->vpc.find(region); it != p->vpc.end())
                    return it->second;
            return name + "-vpc.aliyuncs.com";
        }
        return p != nullptr && !p->global.empty() ? p->global : name + ".aliyuncs.com";
    }

    if (region.empty()) {
        if (p != nullptr && !p->global.empty() && !vpc)
            return p->global;
        return fail(ec, diag,
                    "no region: set region_id (or an endpoint) - " + name + " has no global endpoint" +
                        (vpc ? " on the VPC network" : ""));
    }
    if (p != nullptr) {
        const auto& table = vpc ? p->vpc : p->regional;
        if (auto it = table.find(region); it != table.end())
            return it->second;
    }
    if (!t.regions.contains(region))
        return fail(ec, diag,
                    "unknown region '" + std::string(region) + "': no product of the official endpoint tables "
                    "is served there (set an endpoint to reach it anyway)");
    return name + (vpc ? "-vpc." : ".") + std::string(region) + ".aliyuncs.com";
}

} // namespace alicloud
