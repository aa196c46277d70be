#include "detail/redaction.hpp"

#include <alicloud/core/sansio/percent_encoding.hpp>

#include <array>

namespace alicloud::detail {
namespace {

constexpr std::string_view mark = "<redacted>";
// A shorter tail is too likely to be innocent text to cut.
constexpr std::size_t shortest_tail = 8;

void redact_form(std::string& text, const std::string& form)
{
    if (form.empty())
        return;
    for (auto at = text.find(form); at != std::string::npos; at = text.find(form, at + mark.size()))
        text.replace(at, form.size(), mark);
    // A copy cut short at the end of the text.
    for (std::size_t n = std::min(form.size() - 1, text.size()); n >= shortest_tail; --n)
        if (std::string_view(text).substr(text.size() - n) == std::string_view(form).substr(0, n)) {
            text.replace(text.size() - n, n, mark);
            break;
        }
}

void redact_secret(std::string& text, const std::string& secret)
{
    if (secret.empty() || text.empty())
        return;
    const std::string once = sansio::percent_encode(secret);
    const std::string twice = sansio::percent_encode(once);
    // Longest first: a shorter form may be a part of a longer one.
    for (const std::string* form : std::array{&twice, &once, &secret})
        redact_form(text, *form);
}

} // namespace

void redact(std::string& text, const credentials& creds)
{
    redact_secret(text, creds.access_key_secret);
    redact_secret(text, creds.security_token);
}

void redact(diagnostics& diag, const credentials& creds)
{
    for (std::string* text : {&diag.client_message, &diag.body_excerpt, &diag.server.message,
                              &diag.server.recommend, &diag.server.access_denied_detail})
        redact(*text, creds);
}

} // namespace alicloud::detail
