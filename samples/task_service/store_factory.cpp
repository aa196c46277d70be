#include "store_factory.hpp"

#include "memory_task_store.hpp"
#include "pg_database.hpp"
#include "sql_task_store.hpp"
#include "sqlite_database.hpp"

namespace task_service {

std::unique_ptr<task_store> make_task_store(const std::string& spec, std::size_t db_connections,
                                            boost::asio::any_io_executor ex)
{
    if (spec == "memory")
        return std::make_unique<memory_task_store>();
    if (spec.starts_with("sqlite:"))
        return std::make_unique<sql_task_store>(std::make_unique<sqlite_database>(spec.substr(7)));
    if (spec.starts_with("postgresql:"))
        return std::make_unique<sql_task_store>(std::make_unique<pg_database>(ex, spec.substr(11), db_connections));
    throw std::invalid_argument("unknown task store '" + spec + "' (memory, sqlite:PATH, postgresql:CONNINFO)");
}

} // namespace task_service
