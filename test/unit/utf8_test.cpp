#include <alicloud/core/sansio/utf8.hpp>

#include <catch2/catch.hpp>

using namespace alicloud::sansio;

TEST_CASE("utf8: the size of the well-formed sequence text starts with, 0 for none", "[utf8]")
{
    CHECK(utf8_sequence_size("") == 0);
    CHECK(utf8_sequence_size("a") == 1);
    CHECK(utf8_sequence_size(std::string_view("\0z", 2)) == 1);
    CHECK(utf8_sequence_size("\xC2\x9B" "a") == 2);          // U+009B (C1), then more
    CHECK(utf8_sequence_size("\xE2\x82\xAC") == 3);          // U+20AC
    CHECK(utf8_sequence_size("\xF0\x9F\x98\x80") == 4);      // U+1F600
    CHECK(utf8_sequence_size("\xE2\x82") == 0);              // cut short
    CHECK(utf8_sequence_size("\xFF\xFE") == 0);
    CHECK(utf8_sequence_size("\xC0\xAF") == 0);              // overlong '/'
    CHECK(utf8_sequence_size("\xED\xA0\x80") == 0);          // a surrogate
    CHECK(utf8_sequence_size("\xF4\x90\x80\x80") == 0);      // past U+10FFFF
    CHECK(utf8_sequence_size("\x80") == 0);                  // a continuation byte alone

    CHECK(is_valid_utf8("plain \xE2\x82\xAC \xF0\x9F\x98\x80"));
    CHECK(is_valid_utf8(""));
    CHECK_FALSE(is_valid_utf8("ok\xFF"));
    CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
}

TEST_CASE("utf8: each byte that begins no well-formed sequence becomes U+FFFD, valid text stays", "[utf8]")
{
    const auto replaced = [](std::string text) {
        replace_invalid_utf8(text);
        return text;
    };
    CHECK(replaced("") == "");
    CHECK(replaced("plain \xE2\x82\xAC \xF0\x9F\x98\x80") == "plain \xE2\x82\xAC \xF0\x9F\x98\x80");
    CHECK(replaced("ecs.\xE1liyuncs.com") == "ecs.\xEF\xBF\xBDliyuncs.com"); // a Host the emulator quoted
    CHECK(replaced("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(replaced("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");               // cut short: byte by byte
    CHECK(replaced("\xC0\xAF/") == "\xEF\xBF\xBD\xEF\xBF\xBD/");             // overlong
    CHECK(replaced(std::string("a\0b", 3)) == std::string("a\0b", 3));      // NUL is UTF-8
}
