#include <alicloud/core/sansio/percent_encoding.hpp>

#include <catch2/catch.hpp>

using namespace alicloud;
using alicloud::sansio::decode_mode;
using alicloud::sansio::percent_encode;

TEST_CASE("percent_encode leaves exactly the unreserved set alone", "[percent]")
{
    CHECK(percent_encode("AZaz09-_.~") == "AZaz09-_.~");
    for (int c = 0; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        const std::string encoded = percent_encode(std::string_view(&ch, 1));
        INFO("byte " << c);
        CHECK(encoded.size() == (unreserved ? 1u : 3u));
    }
}

TEST_CASE("percent_encode follows ecs-api.md 1.3 examples", "[percent]")
{
    CHECK(percent_encode(" ") == "%20");
    CHECK(percent_encode("*") == "%2A");
    CHECK(percent_encode("~") == "~");
    CHECK(percent_encode("+") == "%2B");
    CHECK(percent_encode("\"") == "%22");
    CHECK(percent_encode("/") == "%2F");
    CHECK(percent_encode(":") == "%3A");
    CHECK(percent_encode("=") == "%3D");
    CHECK(percent_encode("!'()") == "%21%27%28%29");
    CHECK(percent_encode("\xE6\x9C\x8D") == "%E6%9C%8D"); // 服
    CHECK(percent_encode(std::string_view("\0", 1)) == "%00");
    CHECK(percent_encode("\xFF") == "%FF"); // upper-case hex
}

TEST_CASE("percent decoding is the inverse, '+' a space only in forms", "[percent]")
{
    std::string out;
    REQUIRE(sansio::percent_decode_append(out, "a%20b+c%2a%2A%7E~", decode_mode::query));
    CHECK(out == "a b+c**~~");
    out.clear();
    REQUIRE(sansio::percent_decode_append(out, "a+b%2B", decode_mode::form));
    CHECK(out == "a b+");

    for (std::string_view bad : {"%", "%2", "%G0", "abc%0", "%%"}) {
        out.clear();
        INFO(bad);
        CHECK_FALSE(sansio::percent_decode_append(out, bad, decode_mode::form));
    }

    const std::string all = [] {
        std::string s;
        for (int c = 0; c < 256; ++c) s.push_back(static_cast<char>(c));
        return s;
    }();
    out.clear();
    REQUIRE(sansio::percent_decode_append(out, percent_encode(all), decode_mode::form));
    CHECK(out == all);
}

TEST_CASE("decode_form splits a form body into parameters in arrival order", "[percent]")
{
    error_code ec;
    diagnostics diag;
    const auto params = sansio::decode_form("B=2&A=x+y%21&&Empty=&Flag", decode_mode::form, ec, diag);
    REQUIRE_FALSE(ec);
    REQUIRE(params.size() == 4);
    CHECK(params.items()[0] == parameter{"B", "2"});
    CHECK(params.items()[1] == parameter{"A", "x y!"});
    CHECK(params.items()[2] == parameter{"Empty", ""});
    CHECK(params.items()[3] == parameter{"Flag", ""});

    sansio::decode_form("Good=1&Bad=%Z1", decode_mode::form, ec, diag);
    CHECK(ec == client_errc::invalid_field);
    CHECK(diag.field == "Bad");
}
