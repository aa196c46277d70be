#ifndef ALICLOUD_EMULATOR_REQUEST_LOG_HPP
#define ALICLOUD_EMULATOR_REQUEST_LOG_HPP

// What reached the API, for tests to read: one entry per request, completed
// with how the answer ended (sent, client gone, reset by a fault...).

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace alicloud::emulator {

struct logged_request {
    std::uint64_t sequence = 0;
    std::uint64_t connection_id = 0;
    std::string time; // UTC, milliseconds
    std::string method;
    std::string action;
    std::string version;
    std::string signature_version; // "v1", "v3", "none" (an Anonymous operation called unsigned), or "" when not authenticated
    std::string access_key_id;
    boost::json::object params;    // the operation's parameters
    std::string client_token;
    // Headers the protocol does not define (a trace id a context sent...).
    boost::json::object extra_headers;
    unsigned status = 0;
    std::string error_code;
    std::optional<std::uint64_t> fault_rule;
    std::string fault;             // fault kind applied, "" when none
    std::string outcome = "pending"; // answered | client_closed | reset | truncated | write_failed
};

class request_log {
public:
    explicit request_log(std::size_t limit) : limit_(limit) {}

    // Stores the entry (dropping the oldest past the limit); returns its sequence.
    std::uint64_t add(logged_request entry);
    void set_outcome(std::uint64_t sequence, std::string_view outcome);
    void clear() { entries_.clear(); }

    boost::json::value to_json() const;
    // Entries of `action`: only those whose answer has ended with `finished`,
    // only those with this error code unless it is empty.
    std::size_t count(std::string_view action, bool finished, std::string_view error_code) const;
    std::size_t size() const noexcept { return entries_.size(); }

private:
    logged_request* find(std::uint64_t sequence);

    std::size_t limit_;
    std::deque<logged_request> entries_;
    std::uint64_t next_sequence_ = 1;
};

} // namespace alicloud::emulator

#endif
