// Every RAM operation through ram::client against the emulator: see round_trip.hpp.

#include "every_operation/round_trip.hpp"

#include <alicloud/ram.hpp>
#include <alicloud/ram/all_models.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

namespace product = alicloud::ram;

TEST_CASE("RAM: every operation: called through ram::client against the emulator, every response field arrives",
          "[ram][every-operation]")
{
    alicloud::emulator::test::running_emulator emu;
    boost::asio::io_context ioc;
    const alicloud::client_options options = alicloud::test::http_options_for(emu);
    product::client client(ioc, options);
    alicloud::test::every_operation::tally t;
    ALICLOUD_RAM_OPERATIONS(ALICLOUD_ROUND_TRIP)
    alicloud::test::every_operation::check_tally(t, product::api_version);
}
