#ifndef ALICLOUD_EMULATOR_FAULTS_HPP
#define ALICLOUD_EMULATOR_FAULTS_HPP

// Fault injection rules: matched by action and by count, they delay an answer
// and/or replace it with a failure of the kind a real network or service shows.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::emulator {

enum class fault_kind {
    none,                 // latency only
    throttling,           // 400 Throttling (the operation is not run)
    http_error,           // a 5xx with the service's envelope (the operation is not run)
    reset_before_headers, // the connection is reset before any byte of the answer (not run)
    reset_after_headers,  // the header is sent, then the connection is reset (the operation ran)
    truncate_body,        // the header promises the whole body, half is sent, then FIN (ran)
    malformed_json,       // 200 with a body that is not JSON (ran)
    body,                 // `status` (200 unless given) with exactly `body`, whatever it holds (not run)
};

std::string_view to_string(fault_kind k) noexcept;
bool parse_fault_kind(std::string_view text, fault_kind& out) noexcept;

struct fault_rule {
    std::uint64_t id = 0;
    std::string action;                 // empty: every action
    std::uint64_t skip = 0;             // matching requests let through before the rule applies
    std::optional<std::uint64_t> times; // how many it applies to; unset: every one after `skip`
    std::chrono::milliseconds latency{0};
    fault_kind kind = fault_kind::none;
    unsigned status = 0;                // throttling/http_error: overrides the default status
    std::string code;                   // ...and Code
    std::string message;                // ...and Message
    std::string body;                   // body: the answer's bytes
    std::uint64_t matched = 0;
    std::uint64_t applied = 0;
};

struct fault_decision {
    std::uint64_t rule_id = 0;
    std::chrono::milliseconds latency{0};
    fault_kind kind = fault_kind::none;
    unsigned status = 0;
    std::string code;
    std::string message;
    std::string body;
};

class fault_injector {
public:
    // Parses {"action","skip","times","latency_ms","kind","status","code","message","body"}.
    // Returns the error text for a bad rule.
    std::optional<std::string> add(const boost::json::value& spec, std::uint64_t& id);
    std::uint64_t add(fault_rule rule);
    bool remove(std::uint64_t id);
    void clear() { rules_.clear(); }

    // The first rule that applies to this request, counting it.
    std::optional<fault_decision> match(std::string_view action);

    boost::json::value to_json() const;

private:
    std::vector<fault_rule> rules_;
    std::uint64_t next_id_ = 1;
};

} // namespace alicloud::emulator

#endif
