#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_HTTP_API_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_HTTP_API_HPP

// The service's HTTP interface, one request at a time, with no I/O:
//
//   POST   /tasks       {"job": ..., "params": {...}, "timeout_ms": N}
//                       202 with the task; 400 bad input; 429 (Retry-After) when full
//   GET    /tasks       a page: ?status=S&limit=N&after=ID -> {"tasks": [...], "next": ID}
//   GET    /tasks/{id}  the task; 404 when unknown
//   DELETE /tasks/{id}  cancels it: 200 when it is over, 202 while its calls end
//                       (on whichever replica runs it)
//
// Errors are {"error": {"code": ..., "message": ...}}; 503 (Retry-After)
// while the task store cannot be reached, 500 when it refuses.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

namespace task_service {

class task_scheduler;

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

// Completes once the task store has answered (a 202 once the task is stored).
boost::asio::awaitable<http_response> handle_request(task_scheduler& tasks, const http_request& req);

// {"error": {"code": code, "message": message}} with `status`, ready to send.
http_response error_response(const http_request& req, boost::beast::http::status status, std::string_view code,
                             std::string_view message);

} // namespace task_service

#endif
