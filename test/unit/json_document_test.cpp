// The flat JSON document the models are read from: every kind of value, the
// layout the readers walk (a container's members up to its end), escapes
// unescaped, Boost.JSON's errors for what is not one JSON value, and a
// document reused for the next answer holding nothing of the last.

#include "ecs/models/json_document.hpp"

#include <boost/json/error.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using alicloud::ecs::detail::json_document;
using alicloud::ecs::detail::json_kind;
using alicloud::ecs::detail::json_node;

namespace {

// The keys of an object's members, in order, walked as the readers walk them.
std::vector<std::string> keys_of(const json_document& doc, json_document::index object)
{
    std::vector<std::string> out;
    for (auto i = json_document::first(object); i != doc.end(object); i = doc.next(i))
        out.emplace_back(doc.key(doc.at(i)));
    return out;
}

const json_node& member(const json_document& doc, json_document::index object, std::string_view key)
{
    for (auto i = json_document::first(object); i != doc.end(object); i = doc.next(i))
        if (doc.key(doc.at(i)) == key)
            return doc.at(i);
    FAIL("no member " << key);
    return doc.root();
}

json_document::index index_of(const json_document& doc, const json_node& n)
{
    return static_cast<json_document::index>(&n - &doc.at(0));
}

} // namespace

TEST_CASE("json_document: every kind of value and where it sits", "[ecs][json]")
{
    json_document doc;
    boost::json::error_code ec;
    REQUIRE(doc.parse(R"({"s":"text","i":-42,"u":18446744073709551615,"d":0.5,"t":true,"f":false,"n":null,
                          "o":{"a":{"deep":[1,[2,3],{}]},"b":[]},"last":"x"})",
                      ec));
    REQUIRE(doc.root().kind == json_kind::object);
    CHECK(doc.root().size == 9);
    CHECK(keys_of(doc, 0) == std::vector<std::string>{"s", "i", "u", "d", "t", "f", "n", "o", "last"});

    CHECK(doc.string(member(doc, 0, "s")) == "text");
    CHECK(member(doc, 0, "i").kind == json_kind::int64);
    CHECK(member(doc, 0, "i").int64 == -42);
    CHECK(member(doc, 0, "u").kind == json_kind::uint64);
    CHECK(member(doc, 0, "u").uint64 == 18446744073709551615ull);
    CHECK(member(doc, 0, "d").kind == json_kind::number);
    CHECK(member(doc, 0, "d").to_double() == 0.5);
    CHECK(member(doc, 0, "i").to_double() == -42.0);
    CHECK(member(doc, 0, "t").boolean);
    CHECK(member(doc, 0, "f").kind == json_kind::boolean);
    CHECK_FALSE(member(doc, 0, "f").boolean);
    CHECK(member(doc, 0, "n").kind == json_kind::null);

    // A nested container is skipped whole: "last" follows "o" and all it holds.
    const auto o = index_of(doc, member(doc, 0, "o"));
    CHECK(keys_of(doc, o) == std::vector<std::string>{"a", "b"});
    CHECK(doc.string(member(doc, 0, "last")) == "x");
    const auto a = index_of(doc, member(doc, o, "a"));
    const json_node& deep = member(doc, a, "deep");
    REQUIRE(deep.kind == json_kind::array);
    CHECK(deep.size == 3);
    std::vector<json_kind> elements;
    const auto d = index_of(doc, deep);
    for (auto i = json_document::first(d); i != doc.end(d); i = doc.next(i))
        elements.push_back(doc.at(i).kind);
    CHECK(elements == std::vector<json_kind>{json_kind::int64, json_kind::array, json_kind::object});
    const json_node& empty = member(doc, o, "b");
    CHECK(empty.kind == json_kind::array);
    CHECK(empty.size == 0);
    CHECK(json_document::first(index_of(doc, empty)) == doc.end(index_of(doc, empty)));
}

TEST_CASE("json_document: keys and strings come out unescaped", "[ecs][json]")
{
    json_document doc;
    boost::json::error_code ec;
    const std::string long_text(5000, 'z'); // longer than one parser chunk, escapes on both sides
    const std::string body = R"({"a\"b\\c":"line\nbreak \u00e9 \ud83d\ude00","k\u0065y":")" + long_text +
                             R"(\t","plain":"as sent"})";
    REQUIRE(doc.parse(body, ec));
    CHECK(keys_of(doc, 0) == std::vector<std::string>{"a\"b\\c", "key", "plain"});
    CHECK(doc.string(member(doc, 0, "a\"b\\c")) == "line\nbreak \xc3\xa9 \xf0\x9f\x98\x80");
    CHECK(doc.string(member(doc, 0, "key")) == long_text + "\t");
    // What needed no unescaping is read where it is in the body, not copied.
    const auto plain = doc.string(member(doc, 0, "plain"));
    CHECK(plain == "as sent");
    CHECK(plain.data() == body.data() + body.find("as sent"));
}

TEST_CASE("json_document: what is not one JSON value fails with Boost.JSON's reason", "[ecs][json]")
{
    json_document doc;
    boost::json::error_code ec;
    CHECK_FALSE(doc.parse(R"({"RequestId":"R1","Instances":{"Inst)", ec));
    CHECK(ec == boost::json::error::incomplete);
    CHECK_FALSE(doc.parse(R"({"a":1} {"b":2})", ec));
    CHECK(ec == boost::json::error::extra_data);
    CHECK_FALSE(doc.parse("<html>Bad Gateway</html>", ec));
    CHECK(ec);
    CHECK_FALSE(doc.parse("", ec));
    CHECK(ec);
    CHECK_FALSE(doc.parse(std::string(100, '[') + std::string(100, ']'), ec)); // deeper than Boost.JSON's 32
    CHECK(ec == boost::json::error::too_deep);
}

TEST_CASE("json_document: a reused document holds only the last text it parsed", "[ecs][json]")
{
    json_document doc;
    boost::json::error_code ec;
    REQUIRE(doc.parse(R"({"first":{"x":[1,2,3]},"y":"long enough to be on the heap, surely"})", ec));
    CHECK_FALSE(doc.parse(R"({"broken":)", ec)); // a failure in between leaves nothing behind
    REQUIRE(doc.parse(R"({"second":"s"})", ec));
    CHECK(keys_of(doc, 0) == std::vector<std::string>{"second"});
    CHECK(doc.string(member(doc, 0, "second")) == "s");
    doc.shrink(0);
    REQUIRE(doc.parse(R"(["after shrinking"])", ec));
    CHECK(doc.root().kind == json_kind::array);
    CHECK(doc.string(doc.at(json_document::first(0))) == "after shrinking");
}
