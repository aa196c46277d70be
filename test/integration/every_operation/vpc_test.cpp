// Every VPC operation through vpc::client against the emulator: see round_trip.hpp.

#include "every_operation/round_trip.hpp"

#include <alicloud/vpc.hpp>
#include <alicloud/vpc/all_models.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

namespace product = alicloud::vpc;

TEST_CASE("VPC: every operation: called through vpc::client against the emulator, every response field arrives",
          "[vpc][every-operation]")
{
    alicloud::emulator::test::running_emulator emu;
    boost::asio::io_context ioc;
    const alicloud::client_options options = alicloud::test::http_options_for(emu);
    product::client client(ioc, options);
    alicloud::test::every_operation::tally t;
    ALICLOUD_VPC_OPERATIONS(ALICLOUD_ROUND_TRIP)
    alicloud::test::every_operation::check_tally(t, product::api_version);
}
