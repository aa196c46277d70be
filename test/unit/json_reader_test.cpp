// The typed decoder's JSON reader (lib/core/model/json_reader.hpp) against
// Boost.JSON, which the generic decoder and every other reader of answers
// use: the two must call the same texts JSON (the generic decoder re-reads
// what the typed one refuses, and a text one accepts and the other refuses
// would decode differently by path), and a string must read the same.

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"
#include "core/model/json_reader.hpp"

#include <alicloud/ecs/models.hpp>
#include <alicloud/ecs/operations.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace model = alicloud::detail::model;

bool boost_accepts(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = model::json_reader::max_depth;
    boost::json::error_code ec;
    boost::json::parse(boost::json::string_view(text.data(), text.size()), ec, {}, options);
    return !ec;
}

// The reader's verdict on a whole text, as the decoder reaches it for a value it skips.
bool reader_accepts(std::string_view text)
{
    model::json_reader r(text);
    if (!r.skip_value() || !r.at_end())
        return false;
    // An exponent near INT_MAX: the decoder asks Boost.JSON (its digit bias decides).
    return !r.unsure() || boost_accepts(text);
}

void check_same_verdict(std::string_view text)
{
    INFO("text: " << text);
    const bool boost = boost_accepts(text);
    CHECK(reader_accepts(text) == boost);
    // The same text where the decoder reads it into a string field, and where
    // it skips it as an unknown member.
    for (std::string_view member : {"RequestId", "NotInTheModel"}) {
        const std::string body = "{\"" + std::string(member) + "\":" + std::string(text) + "}";
        alicloud::ecs::describe_regions_response out;
        alicloud::error_code ec;
        alicloud::diagnostics diag;
        const bool json = model::decode(*alicloud::ecs::detail::describe_regions_operation.response, body, &out, ec,
                                        diag);
        INFO("body: " << body);
        const bool boost_body = boost_accepts(body);
        if (member == "NotInTheModel") {
            CHECK(json == boost_body); // skipped: read whole, whatever it holds
        } else {
            // A value that does not fit the field stops the decode where it
            // starts; the rest is not read, so it is not judged.
            CHECK((json || !boost_body));
            if (!ec)
                CHECK(boost_body);
        }
        if (!ec && member == "RequestId" && boost) {
            const boost::json::value v = boost::json::parse(body);
            const auto& expected = v.as_object().at("RequestId");
            if (expected.is_string())
                CHECK(out.request_id == std::string_view(expected.as_string().data(), expected.as_string().size()));
        }
    }
}

} // namespace

TEST_CASE("The JSON reader accepts the literals, numbers and structure Boost.JSON accepts, and no more", "[models][json]")
{
    const char* texts[] = {
        "true", "false", "null", "tru", "nul", "nulll", "truex", " true ", "True", "",
        "   ", "0", "-0", "01", "-", "-a", "1.", ".5", "1.5", "1e", "1e+", "1e-", "1E5", "-1.5e-3", "1e5.5",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999", "1e999", "0e999", "-1e999", "1e-999", "2.5e+10",
        "1e2147483647", "1e2147483648", "1e99999999999", "1.5e-2147483648", "0.000001e2147483640",
        "{}", "[]", "{ }", "[ ]", "{\"a\":1}", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
        "[1 2]", "{1:2}", "{\"a\":}", "{\"a\"}", "[1,[2,[3,{\"b\":[]}]]]", "{\"a\":{\"b\":{\"c\":null}}}", "[",
        "{", "]", "}", "[}", "{]", "{} x", "{}{}", "[] []", "\t\n\r {} \t\n\r", "\f{}", "{}\v", "{}\f", "\"\"",
        "\"abc\"", "\"abc", "abc\"", "\"a\\\"b\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\x\"", "\"\\\"",
        "\"\\u0041\"", "\"\\u00e9\"", "\"\\u20AC\"", "\"\\uD83D\\uDE00\"", "\"\\uD83D\"", "\"\\uDE00\"",
        "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\uD83D\\uD83D\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"",
        "\"\\u0000\"", "[\"a\",\"b\",\"\"]", "{\"\":\"\"}", "{\"a\":[{\"b\":[1,2,{\"c\":\"d\"}]}]}",
    };
    for (const char* t : texts)
        check_same_verdict(t);
}

TEST_CASE("The JSON reader checks UTF-8 and control characters as Boost.JSON does, at any place in a string", "[models][json]")
{
    // Well-formed and ill-formed sequences (Unicode's table 3-7): overlong
    // forms, surrogates, beyond U+10FFFF, lone and missing continuation bytes.
    const std::vector<std::string> sequences = {
        "\xC2\x80", "\xDF\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\xA0\x80", "\xE0\x80\x80", "\xE0\x9F\xBF",
        "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\x80", "\xBF", "\xC2", "\xE0\xA0", "\xF0\x90\x80",
        "\xC2\x41", "\x01", "\x1F", "\x7F", "\t", "\"", "\\", "\\n", "\\u00e9", "\\uD83D\\uDE00", "\\q", "\x00",
    };
    // Every sequence at every offset of a string of 0 to 40 plain bytes, so
    // that it falls before, across and after each 16-byte block the reader
    // checks at once, and in the short tail it checks byte by byte.
    for (const std::string& seq : sequences) {
        for (std::size_t before = 0; before <= 40; before += 1) {
            for (std::size_t after : {std::size_t(0), std::size_t(1), std::size_t(17)}) {
                std::string text = "\"" + std::string(before, 'a') + seq + std::string(after, 'b') + "\"";
                check_same_verdict(text);
            }
        }
    }
}

TEST_CASE("The JSON reader allows 64 nested containers, as the decoder's Boost.JSON options do, and not 65", "[models][json]")
{
    for (int depth : {63, 64, 65, 200}) {
        check_same_verdict(std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'));
        std::string objects;
        for (int i = 0; i < depth; ++i)
            objects += "{\"a\":";
        objects += "1";
        objects += std::string(static_cast<std::size_t>(depth), '}');
        check_same_verdict(objects);
    }
}

TEST_CASE("The typed decoder and Boost.JSON agree on thousands of damaged DescribeInstances answers", "[models][json]")
{
    std::ifstream in(ALICLOUD_DESCRIBE_INSTANCES_ANSWER, std::ios::binary);
    const std::string answer((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(answer.size() > 1000);
    const auto& op = alicloud::ecs::detail::describe_instances_operation;
    // Each damage: a byte replaced by one of those that mean something in
    // JSON (or a byte of a multi-byte sequence), a byte removed, or a byte doubled.
    const std::string meaningful = "{}[]:,\"\\ 0123456789-+.eEtrufalsn\x80\xC3\xE2\xF0\x01";
    std::mt19937 random(20261203);
    std::size_t accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string body = answer;
        const int damages = 1 + static_cast<int>(random() % 3);
        for (int d = 0; d < damages; ++d) {
            const std::size_t at = random() % body.size();
            switch (random() % 3) {
            case 0: body[at] = meaningful[random() % meaningful.size()]; break;
            case 1: body.erase(at, 1); break;
            default: body.insert(at, 1, body[at]); break;
            }
        }
        alicloud::ecs::describe_instances_response out;
        alicloud::error_code ec;
        alicloud::diagnostics diag;
        const bool json = model::decode(*op.response, body, &out, ec, diag);
        boost::json::parse_options options;
        options.max_depth = model::json_reader::max_depth;
        boost::json::error_code jec;
        const boost::json::value reference =
            boost::json::parse(boost::json::string_view(body.data(), body.size()), jec, {}, options);
        INFO("body: " << body);
        // Not JSON is said only of what is not; what stopped fitting the
        // model is not read further, so it may be called JSON and malformed.
        if (!json)
            CHECK(jec);
        if (ec)
            continue;
        REQUIRE_FALSE(jec); // a decode that succeeded read JSON
        ++accepted;
        const auto* instances = reference.as_object().if_contains("Instances");
        const auto* list = instances != nullptr && instances->is_object() ? instances->as_object().if_contains("Instance")
                                                                          : nullptr;
        if (list != nullptr && list->is_array())
            CHECK(out.instances.size() == list->as_array().size());
        const auto* id = reference.as_object().if_contains("RequestId");
        if (id != nullptr && id->is_string())
            CHECK(out.request_id == std::string_view(id->as_string().data(), id->as_string().size()));
    }
    CHECK(accepted > 100); // the damage left enough answers whole to compare
}
