#include "nonce_cache.hpp"

namespace alicloud::emulator {

bool nonce_cache::insert(const std::string& access_key_id, const std::string& nonce,
                         std::chrono::steady_clock::time_point now)
{
    while (!order_.empty() && now - order_.front().first > retention_) {
        seen_.erase(order_.front().second);
        order_.pop_front();
    }
    std::string key = access_key_id;
    key.push_back('\n');
    key += nonce;
    if (!seen_.insert(key).second)
        return false;
    order_.emplace_back(now, std::move(key));
    return true;
}

void nonce_cache::clear()
{
    seen_.clear();
    order_.clear();
}

} // namespace alicloud::emulator
