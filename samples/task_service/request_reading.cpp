#include "request_reading.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <string>

namespace task_service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

void set_limits(request_parser& parser)
{
    parser.header_limit(header_limit);
    parser.body_limit(body_limit);
}

std::optional<http_response> answer_read_error(const boost::system::error_code& ec, const request_parser& parser,
                                               const beast::flat_buffer& buffer)
{
    if (ec == http::error::body_limit)
        return error_response(parser.get(), http::status::payload_too_large, "BodyTooLarge",
                              "a request body is at most " + std::to_string(body_limit) + " bytes");
    if (ec == http::error::header_limit)
        return error_response(parser.get(), http::status::request_header_fields_too_large, "HeaderTooLarge",
                              "a request header is at most " + std::to_string(header_limit) + " bytes");
    const bool went_away = ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
                           ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
                           buffer.size() == 0;
    if (went_away)
        return std::nullopt;
    return error_response(parser.get(), http::status::bad_request, "MalformedRequest",
                          "the request is not valid HTTP/1.1: " + ec.message());
}

} // namespace task_service
