#include "pg_connection.hpp"

#include "task_store.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <libpq-fe.h>

#include <poll.h>

namespace task_service {

namespace asio = boost::asio;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

pg_connection::pg_connection(asio::any_io_executor ex) : ex_(ex), deadline_(ex) {}

pg_connection::~pg_connection()
{
    close();
}

bool pg_connection::connected() const
{
    return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

void pg_connection::close()
{
    if (socket_) {
        socket_->release(); // libpq closes its own socket
        socket_.reset();
    }
    if (conn_ != nullptr)
        PQfinish(conn_);
    conn_ = nullptr;
}

namespace {

// libpq's messages run over lines ("...\n\tThis probably means..."): one line.
std::string one_line(std::string text)
{
    std::string out;
    for (const char c : text)
        if (c == '\n' || c == '\t') {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += c;
        }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

} // namespace

bool pg_connection::usable()
{
    if (!connected())
        return false;
    // Idle, the server has nothing to say. Readable, it is going or gone
    // (a FATAL "terminating connection", then the end of the stream, arrive
    // apart): made anew, rather than failing the next statement.
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (::poll(&p, 1, 0) != 0) {
        close();
        return false;
    }
    return true;
}

void pg_connection::broken(const std::string& doing)
{
    const std::string why =
        one_line(timed_out_ ? "no answer in time" : conn_ != nullptr ? PQerrorMessage(conn_) : "not connected");
    close();
    throw store_error("PostgreSQL: " + doing + ": " + why, true);
}

// libpq may replace its socket while it connects (another address of the
// host): the descriptor is taken anew at each step, so that Asio never
// waits on a number libpq has closed.
void pg_connection::adopt_socket()
{
    if (socket_) {
        socket_->release();
        socket_.reset();
    }
    const int fd = PQsocket(conn_);
    if (fd < 0)
        broken("no socket");
    socket_.emplace(ex_, fd);
}

// A deadline for the operation that follows: on expiry the socket's wait is
// cancelled, and the operation fails as timed out.
void pg_connection::arm(std::chrono::milliseconds timeout)
{
    timed_out_ = false;
    deadline_.expires_after(timeout);
    deadline_.async_wait([this](boost::system::error_code ec) {
        if (ec)
            return; // disarmed (or the connection is gone: `this` is not touched)
        timed_out_ = true;
        if (socket_)
            socket_->cancel();
    });
}

asio::awaitable<void> pg_connection::wait(direction d)
{
    const auto type = d == direction::read ? asio::posix::stream_descriptor::wait_read
                                           : asio::posix::stream_descriptor::wait_write;
    auto [ec] = co_await socket_->async_wait(type, nothrow);
    if (ec || timed_out_)
        broken("waiting for the server");
}

asio::awaitable<void> pg_connection::connect(const std::string& conninfo, std::chrono::milliseconds timeout)
{
    close();
    conn_ = PQconnectStart(conninfo.c_str());
    if (conn_ == nullptr)
        throw store_error("PostgreSQL: cannot allocate a connection", true);
    if (PQstatus(conn_) == CONNECTION_BAD)
        broken("cannot connect");
    // NOTICEs (CREATE ... IF NOT EXISTS skipping) are not the service's output.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    arm(timeout);
    PostgresPollingStatusType step = PGRES_POLLING_WRITING;
    for (;;) {
        if (step == PGRES_POLLING_OK)
            break;
        if (step == PGRES_POLLING_FAILED) {
            deadline_.cancel();
            broken("cannot connect");
        }
        adopt_socket();
        co_await wait(step == PGRES_POLLING_READING ? direction::read : direction::write);
        step = PQconnectPoll(conn_);
    }
    deadline_.cancel();
    adopt_socket();
    if (PQsetnonblocking(conn_, 1) != 0)
        broken("cannot make the connection nonblocking");
}

asio::awaitable<std::vector<sql_row>> pg_connection::exec(const sql_statement& s, std::chrono::milliseconds timeout)
{
    if (!connected())
        broken("sending a statement");
    std::vector<const char*> values;
    for (const auto& p : s.params)
        values.push_back(p ? p->c_str() : nullptr);
    if (PQsendQueryParams(conn_, s.text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0) == 0)
        broken("sending a statement");
    arm(timeout);
    for (;;) {
        const int flushed = PQflush(conn_);
        if (flushed == 0)
            break;
        if (flushed < 0)
            broken("sending a statement");
        co_await wait(direction::write);
    }
    std::vector<sql_row> rows;
    std::string error, state;
    for (;;) {
        while (PQisBusy(conn_) != 0) {
            co_await wait(direction::read);
            if (PQconsumeInput(conn_) == 0)
                broken("reading an answer");
        }
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr)
            break;
        const auto status = PQresultStatus(r);
        if (status == PGRES_TUPLES_OK) {
            const int n = PQntuples(r), columns = PQnfields(r);
            for (int i = 0; i < n; ++i) {
                sql_row row(static_cast<std::size_t>(columns));
                for (int c = 0; c < columns; ++c)
                    if (PQgetisnull(r, i, c) == 0)
                        row[static_cast<std::size_t>(c)] =
                            std::string(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c)));
                rows.push_back(std::move(row));
            }
        } else if (status != PGRES_COMMAND_OK && error.empty()) {
            error = PQresultErrorMessage(r);
            const char* code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            state = code != nullptr ? code : "";
        }
        PQclear(r);
    }
    deadline_.cancel();
    if (PQstatus(conn_) == CONNECTION_BAD)
        broken("running a statement");
    if (!error.empty()) {
        error = one_line(error);
        // Class 08 (connection), 57P (shut down), 53 (out of resources): the
        // server may take it again later. The rest is about the statement.
        const bool unavailable = state.starts_with("08") || state.starts_with("57P") || state.starts_with("53");
        throw store_error("PostgreSQL: " + error + (state.empty() ? "" : " (SQLSTATE " + state + ")"), unavailable);
    }
    co_return rows;
}

asio::awaitable<std::vector<std::string>> pg_connection::notifications()
{
    if (!connected())
        broken("listening");
    std::vector<std::string> payloads;
    while (payloads.empty()) {
        auto [ec] = co_await socket_->async_wait(asio::posix::stream_descriptor::wait_read, nothrow);
        if (ec || PQconsumeInput(conn_) == 0)
            broken("listening");
        while (PGnotify* n = PQnotifies(conn_)) {
            payloads.emplace_back(n->extra);
            PQfreemem(n);
        }
    }
    co_return payloads;
}

} // namespace task_service
