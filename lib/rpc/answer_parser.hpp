#ifndef ALICLOUD_LIB_RPC_ANSWER_PARSER_HPP
#define ALICLOUD_LIB_RPC_ANSWER_PARSER_HPP

// The HTTP answer to one call, parsed with Beast's parser but kept the way
// the call needs it: the status, the body as one string, the service's
// x-acs-request-id - and no header container. Beast's response_parser
// stores every field it sees, one allocation each; a call reads one.
// Framing, limits and keep-alive stay Beast's (basic_parser).

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/basic_parser.hpp>

#include <string>

namespace alicloud::detail {

class answer_parser final : public boost::beast::http::basic_parser<false> {
public:
    unsigned status = 0;
    std::string body;
    std::string request_id; // x-acs-request-id

private:
    using string_view = boost::beast::string_view;
    using error_code = boost::beast::error_code;

    void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
    void on_response_impl(int code, string_view, int, error_code&) override { status = static_cast<unsigned>(code); }
    void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override
    {
        if (boost::beast::iequals(name, "x-acs-request-id"))
            request_id.assign(value.data(), value.size());
    }
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override
    {
        if (length) // within body_limit: the parser refused a larger one already
            body.reserve(static_cast<std::size_t>(*length));
    }
    std::size_t on_body_impl(string_view s, error_code&) override
    {
        body.append(s.data(), s.size());
        return s.size();
    }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view s, error_code&) override
    {
        body.append(s.data(), s.size());
        return s.size();
    }
    void on_finish_impl(error_code&) override {}
};

} // namespace alicloud::detail

#endif
