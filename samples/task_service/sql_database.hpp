#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_SQL_DATABASE_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_SQL_DATABASE_HPP

// What the SQL task store needs of a database, whichever it is: statements
// with text parameters, rows of text back, a few statements in one
// transaction. Parameters are written $1, $2... in every dialect (SQLite
// reads them as ?1, ?2...). Failures throw store_error.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace task_service {

using sql_value = std::optional<std::string>; // nullopt: NULL
using sql_row = std::vector<sql_value>;

struct sql_statement {
    std::string text;
    std::vector<sql_value> params;
};

enum class sql_dialect { sqlite, postgresql };

class sql_database {
public:
    virtual ~sql_database() = default;
    virtual sql_dialect dialect() const = 0;

    // Connects (or opens the file); throws store_error naming the database
    // and what is wrong with it.
    virtual boost::asio::awaitable<void> connect() = 0;

    // One statement, committed on its own; its rows.
    virtual boost::asio::awaitable<std::vector<sql_row>> query(sql_statement s) = 0;

    // Every statement in one transaction, taken for writing from its start
    // (SQLite: BEGIN IMMEDIATE), rolled back when one fails; the rows of each.
    virtual boost::asio::awaitable<std::vector<std::vector<sql_row>>> transaction(std::vector<sql_statement> s) = 0;

    // From now on, `notice(payload)` for each notification on `channel`
    // (PostgreSQL's LISTEN, kept across reconnections). Others: nothing to do.
    virtual void listen(std::string channel, std::function<void(const std::string&)> notice) = 0;
};

} // namespace task_service

#endif
