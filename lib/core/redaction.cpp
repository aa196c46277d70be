#include "detail/redaction.hpp"

#include <alicloud/core/sansio/percent_encoding.hpp>

#include <vector>

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

// Each secret as it may appear: percent-encoded twice (a V1 string-to-sign
// quoted in an error), once, and verbatim - longest first, since a shorter
// form may be a part of a longer one.
std::vector<std::string> forms_of(const credentials& creds)
{
    std::vector<std::string> forms;
    for (const std::string* secret : {&creds.access_key_secret, &creds.security_token}) {
        if (secret->empty())
            continue;
        std::string once = sansio::percent_encode(*secret);
        forms.push_back(sansio::percent_encode(once));
        forms.push_back(std::move(once));
        forms.push_back(*secret);
    }
    return forms;
}

void redact_forms(std::string& text, const std::vector<std::string>& forms)
{
    if (text.empty())
        return;
    for (const auto& form : forms)
        redact_form(text, form);
}

} // namespace

void redact(std::string& text, const credentials& creds)
{
    redact_forms(text, forms_of(creds));
}

void redact(diagnostics& diag, const credentials& creds)
{
    const auto forms = forms_of(creds); // once for every text
    for (std::string* text : {&diag.client_message, &diag.body_excerpt, &diag.server.message,
                              &diag.server.recommend, &diag.server.access_denied_detail})
        redact_forms(*text, forms);
}

} // namespace alicloud::detail
