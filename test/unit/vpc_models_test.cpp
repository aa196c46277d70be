// What the VPC schema holds that ECS's does not: a list the official SDKs send
// as one comma-separated parameter (their "simple" style), and parameters they
// put in the body. The every-operation tests cover the rest.

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"

#include <alicloud/vpc/models/grant_instance_to_vbr.hpp>
#include <alicloud/vpc/operations.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace alicloud;
namespace vpc = alicloud::vpc;
namespace model = alicloud::detail::model;

namespace {

vpc::grant_instance_to_vbr_request grant(std::vector<std::string> vbrs)
{
    vpc::grant_instance_to_vbr_request r;
    r.grant_type = "Specify";
    r.instance_id = "vpc-1";
    r.region_id = "cn-hangzhou";
    r.vbr_owner_uid = 1210123456123456;
    r.vbr_region_no = "cn-hangzhou";
    r.vbr_instance_ids = std::move(vbrs);
    return r;
}

std::string sent(const vpc::grant_instance_to_vbr_request& r, std::string_view name)
{
    parameters out;
    model::encode(*vpc::detail::grant_instance_to_vbr_operation.request, &r, out);
    const std::string* v = out.find(name);
    return v != nullptr ? *v : "<not sent>";
}

std::string refused(const vpc::grant_instance_to_vbr_request& r)
{
    error_code ec;
    diagnostics diag;
    model::validate(*vpc::detail::grant_instance_to_vbr_operation.request, &r, ec, diag);
    return ec ? diag.field + ": " + diag.client_message : std::string();
}

} // namespace

TEST_CASE("VPC models: VbrInstanceIds goes as one comma-separated parameter, as the official SDK sends it",
          "[vpc][models]")
{
    CHECK(sent(grant({"vbr-1", "vbr-2"}), "VbrInstanceIds") == "vbr-1,vbr-2");
    CHECK(sent(grant({"vbr-1"}), "VbrInstanceIds.1") == "<not sent>");
    CHECK(sent(grant({}), "VbrInstanceIds") == "<not sent>");
    CHECK(refused(grant({"vbr-1", "vbr-2"})).empty());
    // An item that would arrive as two, or as none, is refused before sending.
    CHECK(refused(grant({"vbr-1,vbr-2"})).starts_with("VbrInstanceIds: "));
    CHECK(refused(grant({"vbr-1", ""})).find("empty item") != std::string::npos);
}
