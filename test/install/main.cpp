// The README's minimal example, built as an outside project against the
// installed package (so the README cannot drift from what compiles).
#include <alicloud/core.hpp>
#include <iostream>

int main()
{
    using namespace alicloud;

    rpc_request req{.action = "DescribeInstances", .version = "2014-05-26"};
    req.params.set("RegionId", "cn-hangzhou")
              .set("PageSize", 50)
              .set_json_array("InstanceIds", {"i-bp1a", "i-bp1b"});

    error_code ec;
    diagnostics diag;
    const signed_request out = sansio::sign_rpc_request(
        req, credentials{"my-access-key-id", "my-access-key-secret", ""},
        "ecs.cn-hangzhou.aliyuncs.com", sansio::make_request_stamp(),
        {.version = signature_version::v3}, ec, diag);
    if (ec) {
        std::cerr << diag.client_message << "\n";
        return 1;
    }
    std::cout << to_string(out.method) << " " << out.target << "\n";
    for (const auto& h : out.headers)
        std::cout << h.name << ": " << h.value << "\n";
    return out.find_header("authorization") ? 0 : 1;
}
