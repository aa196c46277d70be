#ifndef ALICLOUD_EMULATOR_NONCE_CACHE_HPP
#define ALICLOUD_EMULATOR_NONCE_CACHE_HPP

// Nonces seen within the replay window. Only requests whose signature verified
// reach it, so unauthenticated traffic cannot grow it; entries older than the
// window are dropped as new ones arrive.

#include <chrono>
#include <deque>
#include <string>
#include <unordered_set>

namespace alicloud::emulator {

class nonce_cache {
public:
    explicit nonce_cache(std::chrono::seconds retention) : retention_(retention) {}

    // False when (key id, nonce) was already seen within the retention.
    bool insert(const std::string& access_key_id, const std::string& nonce, std::chrono::steady_clock::time_point now);
    void clear();
    std::size_t size() const noexcept { return seen_.size(); }

private:
    std::chrono::seconds retention_;
    std::unordered_set<std::string> seen_;
    std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> order_;
};

} // namespace alicloud::emulator

#endif
