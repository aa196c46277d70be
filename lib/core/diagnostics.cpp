#include <alicloud/core/diagnostics.hpp>

namespace alicloud {

std::string diagnostics::to_string() const
{
    std::string out = client_message;
    if (!field.empty() && client_message.find(field) == std::string::npos) {
        if (!out.empty())
            out += ' ';
        out += "(field " + field + ")";
    }
    if (!server.empty()) {
        if (!out.empty())
            out += "; ";
        out += "HTTP " + std::to_string(server.http_status);
        if (!server.code.empty())
            out += ' ' + server.code;
        if (!server.message.empty())
            out += ": " + server.message;
        if (!server.request_id.empty())
            out += " (RequestId " + server.request_id + ")";
    }
    if (!body_excerpt.empty() && out.find(body_excerpt) == std::string::npos)
        out += "; body: " + body_excerpt;
    if (!context_headers.empty())
        out += (out.empty() ? "[" : " [") + context_headers + "]";
    return out;
}

// system_error appends the code's own message and category to this prefix.
error_with_diagnostics::error_with_diagnostics(const error_code& ec, diagnostics diag)
    : boost::system::system_error(ec, diag.to_string()), diag_(std::move(diag))
{
}

void throw_on_error(const error_code& ec, const diagnostics& diag)
{
    if (ec)
        throw error_with_diagnostics(ec, diag);
}

} // namespace alicloud
