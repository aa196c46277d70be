#include "sql_task_store.hpp"

#include "task_outcomes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace task_service {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

// Each version's statements, in order; never edited once released: a new
// version appends a step. Version 1 is the first schema.
const std::vector<std::vector<std::string>>& migrations()
{
    static const std::vector<std::vector<std::string>> steps = {
        {
            "CREATE TABLE tasks ("
            " id TEXT PRIMARY KEY,"
            " job TEXT NOT NULL,"
            " status TEXT NOT NULL,"
            " created_ms BIGINT NOT NULL,"
            " timeout_ms BIGINT NOT NULL,"
            " deadline_ms BIGINT NOT NULL,"
            " started_ms BIGINT,"
            " finished_ms BIGINT,"
            " client_token TEXT NOT NULL,"
            " owner TEXT,"
            " lease_until_ms BIGINT,"
            " attempts INTEGER NOT NULL DEFAULT 0,"
            " cancel_requested INTEGER NOT NULL DEFAULT 0,"
            " result TEXT,"
            " error_code TEXT,"
            " error_message TEXT,"
            " error_request_id TEXT)",
            "CREATE INDEX tasks_by_status ON tasks (status, id)",
            "CREATE INDEX tasks_by_finish ON tasks (finished_ms) WHERE finished_ms IS NOT NULL",
        },
    };
    return steps;
}

constexpr const char* columns = "id, job, status, created_ms, timeout_ms, started_ms, finished_ms, client_token, owner,"
                                " lease_until_ms, attempts, cancel_requested, result, error_code, error_message,"
                                " error_request_id";

// Serialises the writers that check the global queue limit (PostgreSQL;
// SQLite's BEGIN IMMEDIATE already does), and the schema's creation.
constexpr const char* queue_lock = "SELECT pg_advisory_xact_lock(1919001)";
constexpr const char* schema_lock = "SELECT pg_advisory_xact_lock(1919002)";
constexpr const char* cancel_channel = "alicloud_task_cancel";

std::string ms(time_point t)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

time_point from_ms(const std::string& text)
{
    return time_point(std::chrono::milliseconds(std::stoll(text)));
}

std::optional<time_point> optional_time(const sql_value& v)
{
    if (!v)
        return std::nullopt;
    return from_ms(*v);
}

// Queued tasks past their deadline end timed_out, at their deadline.
sql_statement expire_overdue(time_point now)
{
    return {"UPDATE tasks SET status = 'timed_out', finished_ms = deadline_ms, error_code = 'Timeout',"
            " error_message = 'the job''s timeout (' || timeout_ms || ' ms) passed before it could start',"
            " error_request_id = '' WHERE status = 'queued' AND deadline_ms <= CAST($1 AS BIGINT)",
            {ms(now)}};
}

task read_task(const sql_row& row, time_point now)
{
    if (row.size() != 16 || !row[0] || !row[1] || !row[2] || !row[3] || !row[4] || !row[7] || !row[10] || !row[11])
        throw store_error("a stored task has missing columns", false);
    task t;
    t.id = *row[0];
    submission_error bad;
    auto job = parse_submission(*row[1], bad);
    if (!job)
        throw store_error("stored task " + t.id + " has a job this service cannot read: " + bad.message, false);
    t.job = std::move(job->job);
    const auto status = parse_task_status(*row[2]);
    if (!status)
        throw store_error("stored task " + t.id + " has an unknown status '" + *row[2] + "'", false);
    t.status = *status;
    t.created_at = from_ms(*row[3]);
    t.timeout = std::chrono::milliseconds(std::stoll(*row[4]));
    t.started_at = optional_time(row[5]);
    t.finished_at = optional_time(row[6]);
    t.client_token = *row[7];
    t.owner = row[8].value_or("");
    t.lease_until = optional_time(row[9]);
    t.attempts = std::stoi(*row[10]);
    t.cancel_requested = *row[11] != "0";
    if (row[12] && !row[12]->empty())
        t.result = json::parse(*row[12]);
    if (row[13])
        t.error = task_error{*row[13], row[14].value_or(""), row[15].value_or("")};
    // Seen past its deadline before a claim pass wrote it: shown as it will
    // be written (expire_overdue), so that every replica shows the same.
    if (t.status == task_status::queued && t.deadline() <= now)
        end_unstarted(t, task_status::timed_out, timed_out_waiting(t), t.deadline());
    return t;
}

std::vector<task> read_tasks(const std::vector<sql_row>& rows, time_point now)
{
    std::vector<task> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(read_task(row, now));
    return out;
}

} // namespace

sql_task_store::sql_task_store(std::unique_ptr<sql_database> db) : db_(std::move(db))
{
    db_->listen(cancel_channel, [this](const std::string& id) {
        if (on_cancel_requested)
            on_cancel_requested(id);
    });
}

int sql_task_store::latest_schema_version()
{
    return static_cast<int>(migrations().size());
}

asio::awaitable<int> sql_task_store::schema_version()
{
    sql_statement statement{"SELECT COALESCE(MAX(version), 0) FROM schema_version", {}};
    auto rows = co_await db_->query(std::move(statement));
    co_return std::stoi(rows.at(0).at(0).value_or("0"));
}

asio::awaitable<void> sql_task_store::open()
{
    co_await db_->connect();
    std::vector<sql_statement> create;
    if (postgresql())
        create.push_back({schema_lock, {}}); // CREATE TABLE IF NOT EXISTS races itself on PostgreSQL
    create.push_back({"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                      " applied_ms BIGINT NOT NULL)",
                      {}});
    co_await db_->transaction(std::move(create));
    int version = co_await schema_version();
    const int latest = latest_schema_version();
    if (version > latest)
        throw store_error("the database's task schema is version " + std::to_string(version) +
                              ", newer than this service knows (" + std::to_string(latest) +
                              "): run a newer alicloud-task-service",
                          false);
    while (version < latest) {
        // The version's row first: a replica migrating at the same moment
        // fails on it (primary key) and rolls back, then finds it done.
        std::vector<sql_statement> step;
        if (postgresql())
            step.push_back({schema_lock, {}});
        step.push_back({"INSERT INTO schema_version (version, applied_ms) VALUES (CAST($1 AS INTEGER),"
                        " CAST($2 AS BIGINT))",
                        {std::to_string(version + 1), ms(std::chrono::system_clock::now())}});
        for (const auto& text : migrations()[static_cast<std::size_t>(version)])
            step.push_back({text, {}});
        std::optional<store_error> failed;
        try {
            co_await db_->transaction(std::move(step));
        } catch (const store_error& e) {
            failed = e; // no co_await in a handler
        }
        const int now_at = co_await schema_version();
        if (failed && now_at <= version)
            throw store_error("migrating the task schema to version " + std::to_string(version + 1) +
                                  " failed: " + failed->what(),
                              failed->unavailable());
        version = now_at;
    }
}

asio::awaitable<bool> sql_task_store::insert(task t, std::size_t queue_limit)
{
    std::vector<sql_statement> s;
    if (postgresql())
        s.push_back({queue_lock, {}});
    s.push_back({"INSERT INTO tasks (id, job, status, created_ms, timeout_ms, deadline_ms, client_token)"
                 " SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), 'queued', CAST($3 AS BIGINT), CAST($4 AS BIGINT),"
                 " CAST($5 AS BIGINT), CAST($6 AS TEXT)"
                 " WHERE (SELECT COUNT(*) FROM tasks WHERE status = 'queued') < CAST($7 AS BIGINT) RETURNING id",
                 {t.id, stored_job(t.job), ms(t.created_at), std::to_string(t.timeout.count()), ms(t.deadline()),
                  t.client_token, std::to_string(queue_limit)}});
    auto results = co_await db_->transaction(std::move(s));
    co_return !results.back().empty();
}

asio::awaitable<std::optional<task>> sql_task_store::find(std::string id, time_point now)
{
    sql_statement statement{std::string("SELECT ") + columns + " FROM tasks WHERE id = $1", {id}};
    auto rows = co_await db_->query(std::move(statement));
    if (rows.empty())
        co_return std::nullopt;
    co_return read_task(rows.front(), now);
}

asio::awaitable<std::vector<task>> sql_task_store::page(std::string after, std::size_t limit,
                                                        std::optional<task_status> status, time_point now, bool& more)
{
    sql_statement s{std::string("SELECT ") + columns + " FROM tasks WHERE id > $1",
                    {after, std::to_string(limit + 1)}};
    if (status) {
        // As read_task shows them: a queued task past its deadline is timed_out.
        s.text += " AND CASE WHEN status = 'queued' AND deadline_ms <= CAST($3 AS BIGINT) THEN 'timed_out'"
                  " ELSE status END = $4";
        s.params.push_back(ms(now));
        s.params.emplace_back(to_string(*status));
    }
    s.text += " ORDER BY id LIMIT CAST($2 AS BIGINT)";
    auto rows = co_await db_->query(std::move(s));
    more = rows.size() > limit;
    if (more)
        rows.pop_back();
    co_return read_tasks(rows, now);
}

asio::awaitable<std::vector<task>> sql_task_store::claim(std::string owner, std::size_t n, time_point now,
                                                         time_point lease_until)
{
    // The oldest first; FOR UPDATE SKIP LOCKED: replicas claiming at once
    // take different rows instead of queueing behind each other's locks.
    std::string pick = "SELECT id FROM tasks WHERE status = 'queued' OR (status = 'running' AND lease_until_ms <"
                       " CAST($3 AS BIGINT)) ORDER BY id LIMIT CAST($4 AS BIGINT)";
    if (postgresql())
        pick += " FOR UPDATE SKIP LOCKED";
    sql_statement take{"UPDATE tasks SET status = 'running', owner = $1, lease_until_ms = CAST($2 AS BIGINT),"
                       " started_ms = COALESCE(started_ms, CAST($3 AS BIGINT)), attempts = attempts + 1"
                       " WHERE id IN (" + pick + ") RETURNING " + columns,
                       {owner, ms(lease_until), ms(now), std::to_string(n)}};
    std::vector<sql_statement> s;
    s.push_back(expire_overdue(now));
    s.push_back(std::move(take));
    auto results = co_await db_->transaction(std::move(s));
    auto claimed = read_tasks(results.back(), now);
    std::sort(claimed.begin(), claimed.end(), [](const task& a, const task& b) { return a.id < b.id; });
    co_return claimed;
}

asio::awaitable<std::vector<held_task>> sql_task_store::renew(std::string owner, std::vector<std::string> ids,
                                                              time_point lease_until)
{
    std::vector<held_task> held;
    if (ids.empty())
        co_return held;
    sql_statement statement{"UPDATE tasks SET lease_until_ms = CAST($2 AS BIGINT) WHERE owner = $1 AND"
                            " status = 'running' AND id IN (",
                            {owner, ms(lease_until)}};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        statement.text += (i == 0 ? "$" : ", $") + std::to_string(i + 3);
        statement.params.emplace_back(ids[i]);
    }
    statement.text += ") RETURNING id, cancel_requested";
    auto rows = co_await db_->query(std::move(statement));
    for (const auto& row : rows)
        held.push_back({row.at(0).value_or(""), row.at(1).value_or("0") != "0"});
    co_return held;
}

asio::awaitable<bool> sql_task_store::finish(task t, std::string owner)
{
    sql_value error_code, error_message, error_request_id;
    if (t.error) {
        error_code = t.error->code;
        error_message = t.error->message;
        error_request_id = t.error->request_id;
    }
    sql_statement statement{"UPDATE tasks SET status = $3, finished_ms = CAST($4 AS BIGINT), result = $5, error_code = $6,"
         " error_message = $7, error_request_id = $8, owner = NULL, lease_until_ms = NULL"
         " WHERE id = $1 AND owner = $2 AND status = 'running' RETURNING id",
         {t.id, owner, std::string(to_string(t.status)), ms(t.finished_at.value_or(std::chrono::system_clock::now())),
          t.result.is_null() ? sql_value{} : sql_value{json::serialize(t.result)}, error_code, error_message,
          error_request_id}};
    auto rows = co_await db_->query(std::move(statement));
    co_return !rows.empty();
}

asio::awaitable<bool> sql_task_store::release(std::string id, std::string owner)
{
    sql_statement statement{"UPDATE tasks SET status = 'queued', owner = NULL, lease_until_ms = NULL"
                                     " WHERE id = $1 AND owner = $2 AND status = 'running' RETURNING id",
                                     {id, owner}};
    auto rows = co_await db_->query(std::move(statement));
    co_return !rows.empty();
}

asio::awaitable<cancel_outcome> sql_task_store::cancel(std::string id, time_point now)
{
    const auto error = cancelled_waiting();
    std::vector<sql_statement> s;
    s.push_back(expire_overdue(now));
    s.push_back({"UPDATE tasks SET status = 'cancelled', finished_ms = CAST($2 AS BIGINT), error_code = $3,"
                 " error_message = $4, error_request_id = '' WHERE id = $1 AND status = 'queued' RETURNING id",
                 {id, ms(now), error.code, error.message}});
    s.push_back({"UPDATE tasks SET cancel_requested = 1 WHERE id = $1 AND status = 'running' RETURNING id", {id}});
    if (postgresql()) // delivered at commit, to every replica listening, the runner among them
        s.push_back({std::string("SELECT pg_notify('") + cancel_channel + "', id) FROM tasks WHERE id = $1 AND"
                     " status = 'running'",
                     {id}});
    s.push_back({std::string("SELECT ") + columns + " FROM tasks WHERE id = $1", {id}});
    auto results = co_await db_->transaction(std::move(s));
    const auto& now_rows = results.back();
    if (now_rows.empty())
        co_return cancel_outcome{};
    cancel_outcome out{cancellation::already_finished, read_task(now_rows.front(), now)};
    if (!results[1].empty()) {
        out.outcome = cancellation::cancelled;
    } else if (!results[2].empty()) {
        out.outcome = cancellation::cancelling;
        if (!postgresql() && on_cancel_requested) // one process: its runner is here
            on_cancel_requested(id);
    }
    co_return out;
}

asio::awaitable<std::size_t> sql_task_store::purge(time_point cutoff, std::size_t max_finished)
{
    std::vector<sql_statement> s;
    s.push_back({"DELETE FROM tasks WHERE finished_ms IS NOT NULL AND finished_ms <= CAST($1 AS BIGINT) RETURNING id",
                 {ms(cutoff)}});
    // Beyond the cap, the oldest finished go first (ids sort by creation);
    // SQLite wants a LIMIT before an OFFSET.
    s.push_back({std::string("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks WHERE finished_ms IS NOT NULL"
                             " ORDER BY id DESC ") +
                     (postgresql() ? "" : "LIMIT -1 ") + "OFFSET CAST($1 AS BIGINT)) RETURNING id",
                 {std::to_string(max_finished)}});
    auto results = co_await db_->transaction(std::move(s));
    co_return results[0].size() + results[1].size();
}

asio::awaitable<std::vector<task>> sql_task_store::cancel_queued(std::string why, time_point now)
{
    sql_statement statement{std::string("UPDATE tasks SET status = 'cancelled', finished_ms = CAST($1 AS BIGINT), error_code ="
                     " 'Cancelled', error_message = $2, error_request_id = '' WHERE status = 'queued' RETURNING ") +
             columns,
         {ms(now), why}};
    auto rows = co_await db_->query(std::move(statement));
    co_return read_tasks(rows, now);
}

} // namespace task_service
