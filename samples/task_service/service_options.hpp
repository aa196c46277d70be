#ifndef ALICLOUD_SAMPLES_TASK_SERVICE_SERVICE_OPTIONS_HPP
#define ALICLOUD_SAMPLES_TASK_SERVICE_SERVICE_OPTIONS_HPP

// The command line of alicloud-task-service.

#include "task_scheduler.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace task_service {

struct service_options {
    boost::asio::ip::tcp::endpoint listen{boost::asio::ip::make_address_v4("127.0.0.1"), 8080};
    std::string port_file;         // "http PORT" once listening
    std::string endpoint;          // empty: the region's host
    std::string region = "cn-hangzhou";
    std::string ca_file;
    std::string profile;           // empty: the default credentials chain
    std::string metadata_endpoint; // for the instance role
    std::string sts_endpoint;      // for ram_role_arn profiles
    scheduler_limits limits;
    // memory | sqlite:PATH | postgresql:CONNINFO (or a postgresql:// URI).
    std::string store = "sqlite:alicloud-tasks.sqlite";
    std::size_t db_connections = 4; // PostgreSQL
    std::string replica_id;         // empty: HOST:PID
    std::chrono::milliseconds shutdown_grace{10'000};
    bool help = false;
};

// nullopt with `error` set on bad usage.
std::optional<service_options> parse_service_options(const std::vector<std::string>& args, std::string& error);

extern const char* const service_usage;

} // namespace task_service

#endif
