// Every ECS operation through ecs::client against the emulator: see round_trip.hpp.

#include "every_operation/round_trip.hpp"

#include <alicloud/ecs.hpp>
#include <alicloud/ecs/all_models.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

namespace product = alicloud::ecs;

namespace {

// The instance operations: those the emulator checks against its metadata (api_meta.hpp).
bool has_state(std::string_view action)
{
    return alicloud::emulator::find_operation(action) != nullptr;
}

} // namespace

TEST_CASE("every operation: called through ecs::client against the emulator, every response field arrives",
          "[ecs][every-operation]")
{
    alicloud::emulator::test::running_emulator emu;
    boost::asio::io_context ioc;
    const alicloud::client_options options = alicloud::test::http_options_for(emu);
    product::client client(ioc, options);
    alicloud::test::every_operation::tally t;
    ALICLOUD_ECS_OPERATIONS(ALICLOUD_ROUND_TRIP)
    alicloud::test::every_operation::check_tally(t, product::api_version, 12);
}
