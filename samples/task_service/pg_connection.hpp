#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_PG_CONNECTION_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_PG_CONNECTION_HPP

// One PostgreSQL connection driven by Asio: libpq's asynchronous interface
// (PQconnectStart/PQconnectPoll, PQsendQueryParams, PQconsumeInput,
// PQisBusy) in nonblocking mode, the coroutine waiting on the connection's
// socket between steps. Nothing here blocks the thread, except the host
// name's resolution inside PQconnectStart (give an address to avoid it).
// One statement at a time; not thread-safe (it lives on the service's thread).

#include "sql_database.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <optional>

typedef struct pg_conn PGconn;

namespace task_service {

class pg_connection {
public:
    explicit pg_connection(boost::asio::any_io_executor ex);
    ~pg_connection();
    pg_connection(const pg_connection&) = delete;
    pg_connection& operator=(const pg_connection&) = delete;

    bool connected() const;
    // Connected, and not closed by the server while it sat idle.
    bool usable();

    // Throws store_error (unavailable) naming why it could not connect.
    boost::asio::awaitable<void> connect(const std::string& conninfo, std::chrono::milliseconds timeout);

    // Runs one statement (text parameters and results); throws store_error:
    // unavailable when the connection broke or timed out (it is closed then).
    boost::asio::awaitable<std::vector<sql_row>> exec(const sql_statement& s, std::chrono::milliseconds timeout);

    // Waits until the server sends something unasked (a notification), then
    // reads it; the payloads of the notifications on any channel.
    boost::asio::awaitable<std::vector<std::string>> notifications();

    void close();

private:
    enum class direction { read, write };
    boost::asio::awaitable<void> wait(direction d);
    void adopt_socket();
    void arm(std::chrono::milliseconds timeout);
    [[noreturn]] void broken(const std::string& doing);

    boost::asio::any_io_executor ex_;
    PGconn* conn_ = nullptr;
    std::optional<boost::asio::posix::stream_descriptor> socket_; // libpq's socket, never closed by Asio
    boost::asio::steady_timer deadline_;
    bool timed_out_ = false;
};

} // namespace task_service

#endif
