// Secrets out of the texts a failure shows (lib/core/detail/redaction.hpp).

#include "core/detail/redaction.hpp"

#include <catch2/catch.hpp>

using namespace alicloud;

TEST_CASE("redaction: verbatim, percent-encoded once and twice", "[redaction]")
{
    const credentials c{"STS.id", "se/cret+1=", "to+ken/2="};
    std::string text = "a se/cret+1= b to%2Bken%2F2%3D c to%252Bken%252F2%253D d STS.id";
    detail::redact(text, c);
    CHECK(text == "a <redacted> b <redacted> c <redacted> d STS.id");
}

TEST_CASE("redaction: a copy cut short at the end of a text", "[redaction]")
{
    const credentials c{"id", "", "CAISabcdefghijklmnop"};
    std::string excerpt = "...token=CAISabcdefgh";
    detail::redact(excerpt, c);
    CHECK(excerpt == "...token=<redacted>");
    std::string short_tail = "ends with CAIS"; // too short to tell from ordinary text
    detail::redact(short_tail, c);
    CHECK(short_tail == "ends with CAIS");
}

TEST_CASE("redaction: every text of the diagnostics, nothing else changed", "[redaction]")
{
    const credentials c{"id", "the-secret-value", "the-token-value"};
    diagnostics d;
    d.client_message = "mentions the-secret-value";
    d.server.message = "server string to sign is:...the-token-value...";
    d.body_excerpt = "{\"x\":\"the-token-value\"}";
    d.server.code = "SignatureDoesNotMatch";
    detail::redact(d, c);
    CHECK(d.client_message == "mentions <redacted>");
    CHECK(d.server.message == "server string to sign is:...<redacted>...");
    CHECK(d.body_excerpt == "{\"x\":\"<redacted>\"}");
    CHECK(d.server.code == "SignatureDoesNotMatch");
}
