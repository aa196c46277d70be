#ifndef ALICLOUD_CORE_DIAGNOSTICS_HPP
#define ALICLOUD_CORE_DIAGNOSTICS_HPP

// What an error_code alone cannot say: the service's own words, and which field
// of the caller's input was wrong. The server's text is kept apart from ours so
// that a program never mistakes one for the other (and so that logs can tell
// "the service said" from "the SDK decided").

#include <alicloud/core/error.hpp>

#include <boost/system/system_error.hpp>

#include <string>

namespace alicloud {

// The error envelope of an RPC API response (ecs-api.md §3.2).
struct server_error {
    unsigned http_status = 0;
    std::string code{};      // e.g. "InvalidInstanceId.NotFound"
    std::string message{};   // the service's message, verbatim
    std::string request_id{};
    std::string host_id{};   // the endpoint host that served the request
    std::string recommend{}; // troubleshooting URL
    std::string access_denied_detail{}; // serialized JSON object, when RAM denied the call

    bool empty() const noexcept { return http_status == 0 && code.empty(); }
};

struct diagnostics {
    // Our own explanation, e.g. "parameter 'Description' value is not valid UTF-8".
    std::string client_message{};
    // The request field the client-side error is about ("Action", "AccessKeyId",
    // a parameter name, "endpoint"...); empty when not about a field.
    std::string field{};
    // Filled when the service answered (error envelope or an unreadable body).
    server_error server{};
    // The first bytes of a body we could not decode, with non-printable bytes escaped.
    std::string body_excerpt{};
    // The headers the call's context added ("x-trace-id=4f1c..."; see
    // with_header), so that a failure can be matched to its trace.
    std::string context_headers{};

    void clear()
    {
        client_message.clear();
        field.clear();
        server = {};
        body_excerpt.clear();
        context_headers.clear();
    }

    // One line for logs and exception texts: the client message, and, when the
    // service answered, "HTTP <status> <Code>: <Message> (RequestId ...)",
    // then the context's headers, "[x-trace-id=...]".
    std::string to_string() const;
};

// What a coroutine caller catches. what() is to_string() of the diagnostics
// prefixed by the error_code's message; code() and get_diagnostics() give both
// in structured form.
class error_with_diagnostics : public boost::system::system_error {
public:
    error_with_diagnostics(const error_code& ec, diagnostics diag);

    const diagnostics& get_diagnostics() const noexcept { return diag_; }

private:
    diagnostics diag_;
};

// Throws error_with_diagnostics when ec is an error.
void throw_on_error(const error_code& ec, const diagnostics& diag);

} // namespace alicloud

#endif
