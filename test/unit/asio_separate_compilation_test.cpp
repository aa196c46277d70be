// alicloud::asio compiles Asio, its SSL layer and Beast once; this links a
// translation unit that uses all three against it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <catch2/catch.hpp>

TEST_CASE("Asio, Asio SSL and Beast link from alicloud::asio", "[asio]")
{
    boost::asio::io_context ioc;
    bool ran = false;
    boost::asio::post(ioc, [&] { ran = true; });
    CHECK(ioc.run() == 1);
    CHECK(ran);

    boost::asio::ssl::context tls(boost::asio::ssl::context::tls_client);
    tls.set_verify_mode(boost::asio::ssl::verify_peer);

    boost::beast::http::request<boost::beast::http::string_body> req{boost::beast::http::verb::get, "/", 11};
    req.set(boost::beast::http::field::host, "localhost");
    CHECK(req[boost::beast::http::field::host] == "localhost");
}
