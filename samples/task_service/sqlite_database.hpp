#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_SQLITE_DATABASE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_SQLITE_DATABASE_HPP

// An SQLite file as an sql_database. SQLite has no asynchronous interface
// and its calls block on the disk (every commit waits for fsync), so the
// connection lives on a thread of its own: each operation is posted there
// and its result (or exception) posted back to the caller's executor. The
// service's thread never waits for the file.

#include "sql_database.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <thread>

struct sqlite3;

namespace task_service {

class sqlite_database final : public sql_database {
public:
    explicit sqlite_database(std::string path);
    ~sqlite_database() override; // finishes what was posted, then closes the file

    sql_dialect dialect() const override { return sql_dialect::sqlite; }
    boost::asio::awaitable<void> connect() override;
    boost::asio::awaitable<std::vector<sql_row>> query(sql_statement s) override;
    boost::asio::awaitable<std::vector<std::vector<sql_row>>> transaction(std::vector<sql_statement> s) override;
    void listen(std::string, std::function<void(const std::string&)>) override {}

private:
    template <class Result, class Work>
    boost::asio::awaitable<Result> on_own_thread(Work work);

    // On the database's thread only.
    void open_file();
    void open_checked();
    std::vector<sql_row> run(const sql_statement& s);
    void execute(const char* sql);
    [[noreturn]] void fail(int rc, const std::string& doing);

    std::string path_;
    sqlite3* db_ = nullptr;
    boost::asio::io_context own_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_;
    std::thread thread_;
};

} // namespace task_service

#endif
