#include "request_log.hpp"

#include "utc_time.hpp"

#include <boost/json/array.hpp>

#include <chrono>

namespace alicloud::emulator {

std::uint64_t request_log::add(logged_request entry)
{
    entry.sequence = next_sequence_++;
    entry.time = utc_time(std::chrono::system_clock::now(), utc_precision::milliseconds);
    entries_.push_back(std::move(entry));
    while (entries_.size() > limit_)
        entries_.pop_front();
    return entries_.back().sequence;
}

logged_request* request_log::find(std::uint64_t sequence)
{
    // Sequences are increasing and contiguous within the deque.
    if (entries_.empty() || sequence < entries_.front().sequence || sequence > entries_.back().sequence)
        return nullptr;
    auto& e = entries_[static_cast<std::size_t>(sequence - entries_.front().sequence)];
    return e.sequence == sequence ? &e : nullptr;
}

void request_log::set_outcome(std::uint64_t sequence, std::string_view outcome)
{
    if (auto* e = find(sequence))
        e->outcome = outcome;
}

std::size_t request_log::count(std::string_view action, bool finished, std::string_view error_code) const
{
    std::size_t n = 0;
    for (const auto& e : entries_)
        if (e.action == action && (!finished || e.outcome != "pending") && (error_code.empty() || e.error_code == error_code))
            ++n;
    return n;
}

boost::json::value request_log::to_json() const
{
    boost::json::array out;
    for (const auto& e : entries_) {
        boost::json::object o{{"sequence", e.sequence},
                              {"connection_id", e.connection_id},
                              {"time", e.time},
                              {"method", e.method},
                              {"action", e.action},
                              {"version", e.version},
                              {"signature_version", e.signature_version},
                              {"access_key_id", e.access_key_id},
                              {"params", e.params},
                              {"client_token", e.client_token},
                              {"extra_headers", e.extra_headers},
                              {"status", e.status},
                              {"error_code", e.error_code},
                              {"fault", e.fault},
                              {"outcome", e.outcome}};
        if (e.fault_rule)
            o["fault_rule"] = *e.fault_rule;
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace alicloud::emulator
