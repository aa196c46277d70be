#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_REQUEST_READING_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_REQUEST_READING_HPP

// How the service reads one request off a connection: the parser's limits,
// the read buffer's bound, and the answer to a request that broke them or is
// not HTTP. The server (http_server.cpp) reads sockets with it, the fuzz
// target (test/fuzz) reads bytes from memory with it.

#include "http_api.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace task_service {

inline constexpr std::uint32_t header_limit = 8 * 1024;
inline constexpr std::uint64_t body_limit = 64 * 1024;
// Every byte a client sends counts against a bound: the header and the body
// have the parser's limits, and what lies between - chunk sizes and their
// extensions, trailers - must fit in the buffer with what is unparsed.
inline constexpr std::size_t read_buffer_limit = header_limit + 4096;

using request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

void set_limits(request_parser& parser);

// The answer to a read that failed with `ec`: 413, 431 or 400, as the
// emulator answers. nullopt when the client went away or stayed silent: it
// gets no answer.
std::optional<http_response> answer_read_error(const boost::system::error_code& ec, const request_parser& parser,
                                               const boost::beast::flat_buffer& buffer);

} // namespace task_service

#endif
