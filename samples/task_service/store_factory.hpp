#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_STORE_FACTORY_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_STORE_FACTORY_HPP

// The task store a --store option names (service_options.hpp), not opened yet.

#include "task_store.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace task_service {

std::unique_ptr<task_store> make_task_store(const std::string& spec, std::size_t db_connections,
                                            boost::asio::any_io_executor ex);

} // namespace task_service

#endif
