#include <alicloud/core/error.hpp>

#include <boost/asio/error.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;

TEST_CASE("client codes map onto the conditions callers test", "[error]")
{
    CHECK(error_code(client_errc::timeout) == errc::timeout);
    CHECK(error_code(client_errc::queue_full) == errc::queue_full);
    CHECK(error_code(client_errc::shut_down) == errc::shut_down);
    CHECK(error_code(client_errc::missing_field) == errc::invalid_parameter);
    CHECK(error_code(client_errc::malformed_response) == errc::malformed_response);
    CHECK(error_code(client_errc::credentials_unavailable) == errc::credentials_unavailable);
    CHECK(error_code(client_errc::timeout) != errc::cancelled);
}

TEST_CASE("Asio's cancellation is errc::cancelled, and never a timeout", "[error]")
{
    const error_code aborted = boost::asio::error::operation_aborted;
    CHECK(aborted == errc::cancelled);
    CHECK(aborted != errc::timeout);
    CHECK(error_code(boost::asio::error::timed_out) == errc::timeout);
}

TEST_CASE("categories have names and messages", "[error]")
{
    CHECK(std::string(client_category().name()) == "alicloud.client");
    CHECK(std::string(server_category().name()) == "alicloud.server");
    CHECK(error_code(server_errc::throttled).message() == "the service throttled the request");
    CHECK(error_code(client_errc::malformed_response).message() == "malformed response");
}

TEST_CASE("transient errors are throttling and server errors", "[error]")
{
    CHECK(is_transient(server_errc::throttled));
    CHECK(is_transient(server_errc::server_error));
    CHECK_FALSE(is_transient(server_errc::invalid_parameter));
    CHECK_FALSE(is_transient(client_errc::missing_field));
}
