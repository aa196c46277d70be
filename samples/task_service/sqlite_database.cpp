#include "sqlite_database.hpp"

#include "task_store.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sqlite3.h>

namespace task_service {

namespace asio = boost::asio;

sqlite_database::sqlite_database(std::string path)
    : path_(std::move(path)), keep_running_(own_.get_executor()), thread_([this] { own_.run(); })
{
}

sqlite_database::~sqlite_database()
{
    keep_running_.reset();
    thread_.join();
    if (db_ != nullptr)
        sqlite3_close(db_);
}

template <class Result, class Work>
asio::awaitable<Result> sqlite_database::on_own_thread(Work work)
{
    const auto caller = co_await asio::this_coro::executor;
    auto initiate = [this, caller](auto handler, Work w) {
        // The caller's io_context has work while this runs here: without it,
        // a loop with nothing else to do would stop as if all were done.
        auto busy = asio::make_work_guard(caller);
        asio::post(own_, [caller, busy = std::move(busy), w = std::move(w), handler = std::move(handler)]() mutable {
            std::exception_ptr failure;
            Result result{};
            try {
                result = w();
            } catch (...) {
                failure = std::current_exception();
            }
            // The guard goes with the result, and ends on the caller's thread:
            // ended here, it could stop a loop the caller has restarted since.
            asio::post(caller, [handler = std::move(handler), busy = std::move(busy), failure,
                                result = std::move(result)]() mutable {
                std::move(handler)(failure, std::move(result));
                busy.reset();
            });
        });
    };
    Result result = co_await asio::async_initiate<const asio::use_awaitable_t<>, void(std::exception_ptr, Result)>(
        std::move(initiate), asio::use_awaitable, std::move(work));
    co_return result;
}

void sqlite_database::fail(int rc, const std::string& doing)
{
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    // Busy, locked, I/O, full: the file may work again later. Corrupt, not a
    // database, read-only, a constraint: it will not by itself.
    const int primary = rc & 0xff;
    const bool unavailable = primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
                             primary == SQLITE_FULL || primary == SQLITE_CANTOPEN;
    throw store_error("SQLite database " + path_ + ": " + doing + ": " + why, unavailable);
}

void sqlite_database::execute(const char* sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string why = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        fail(rc, std::string(sql) + " (" + why + ")");
    }
}

void sqlite_database::open_file()
{
    if (db_ != nullptr)
        return;
    try {
        open_checked();
    } catch (...) {
        sqlite3_close(db_); // opened anew, and checked anew, next time
        db_ = nullptr;
        throw;
    }
}

void sqlite_database::open_checked()
{
    const int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK)
        fail(rc, "cannot open it");
    // READWRITE opens a file it may not write read-only, silently; every
    // task change would fail later.
    if (sqlite3_db_readonly(db_, "main") == 1)
        throw store_error("SQLite database " + path_ + " is read-only: the task store must be writable", false);
    sqlite3_busy_timeout(db_, 5000); // another process's transaction
    // Reads the header: a file that is not a database fails here. Corrupt
    // pages in a database fail the check. WAL: pollers read while a writer
    // commits; FULL: a commit is on the disk before the 202 that follows it.
    const auto check = run({"PRAGMA quick_check", {}});
    if (check.empty() || check.front().empty() || check.front().front().value_or("") != "ok")
        throw store_error("SQLite database " + path_ + " is corrupt: " +
                              (check.empty() || check.front().empty() ? std::string("no answer from quick_check")
                                                                      : check.front().front().value_or("")),
                          false);
    const auto mode = run({"PRAGMA journal_mode = WAL", {}});
    if (mode.empty() || mode.front().empty() || mode.front().front().value_or("") != "wal")
        throw store_error("SQLite database " + path_ + " cannot use write-ahead logging (is its folder writable?)",
                          false);
    execute("PRAGMA synchronous = FULL");
}

std::vector<sql_row> sqlite_database::run(const sql_statement& s)
{
    // $1 -> ?1: SQLite reads $NAME as a named parameter, ?NNN by number.
    std::string text = s.text;
    for (auto& c : text)
        if (c == '$')
            c = '?';
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(rc, "preparing a statement");
    struct finalizer {
        sqlite3_stmt* s;
        ~finalizer() { sqlite3_finalize(s); }
    } finalize{stmt};
    for (std::size_t i = 0; i < s.params.size(); ++i) {
        const int at = static_cast<int>(i + 1);
        rc = s.params[i] ? sqlite3_bind_text(stmt, at, s.params[i]->data(), static_cast<int>(s.params[i]->size()),
                                             SQLITE_TRANSIENT)
                         : sqlite3_bind_null(stmt, at);
        if (rc != SQLITE_OK)
            fail(rc, "binding parameter " + std::to_string(at));
    }
    std::vector<sql_row> rows;
    for (;;) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            fail(rc, "running a statement");
        const int n = sqlite3_column_count(stmt);
        sql_row row(static_cast<std::size_t>(n));
        for (int c = 0; c < n; ++c)
            if (sqlite3_column_type(stmt, c) != SQLITE_NULL)
                row[static_cast<std::size_t>(c)] = std::string(
                    reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                    static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
        rows.push_back(std::move(row));
    }
    return rows;
}

asio::awaitable<void> sqlite_database::connect()
{
    // Named, not a temporary: g++ 12 miscompiles temporaries around co_await.
    auto work = [this] {
        open_file();
        return true;
    };
    co_await on_own_thread<bool>(std::move(work));
}

asio::awaitable<std::vector<sql_row>> sqlite_database::query(sql_statement s)
{
    auto work = [this, s = std::move(s)] {
        open_file(); // the file may have been unopenable at start
        return run(s);
    };
    auto rows = co_await on_own_thread<std::vector<sql_row>>(std::move(work));
    co_return rows;
}

asio::awaitable<std::vector<std::vector<sql_row>>> sqlite_database::transaction(std::vector<sql_statement> s)
{
    auto work = [this, s = std::move(s)] {
        open_file();
        execute("BEGIN IMMEDIATE"); // the write lock now: no upgrade deadlock with another writer
        std::vector<std::vector<sql_row>> out;
        try {
            for (const auto& statement : s)
                out.push_back(run(statement));
            execute("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        return out;
    };
    auto results = co_await on_own_thread<std::vector<std::vector<sql_row>>>(std::move(work));
    co_return results;
}

} // namespace task_service
