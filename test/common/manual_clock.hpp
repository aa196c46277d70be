#ifndef ALICLOUD_TEST_COMMON_MANUAL_CLOCK_HPP
#define ALICLOUD_TEST_COMMON_MANUAL_CLOCK_HPP

// A clock a test moves forward: the real time plus what the test advanced it
// by, for the library's injectable clocks (credential expiry, idle
// connections), so that a test advances time instead of sleeping. Copies share
// one offset; safe from any thread.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace alicloud::test {

class manual_clock {
public:
    void advance(std::chrono::milliseconds by) { offset_->fetch_add(by.count()); }

    // For ram_role_arn_options::clock, ecs_ram_role_options::clock, client_options::clock.
    std::function<std::chrono::system_clock::time_point()> system() const
    {
        return [offset = offset_] { return std::chrono::system_clock::now() + std::chrono::milliseconds(offset->load()); };
    }

    // For pool_options::clock.
    std::function<std::chrono::steady_clock::time_point()> steady() const
    {
        return [offset = offset_] { return std::chrono::steady_clock::now() + std::chrono::milliseconds(offset->load()); };
    }

private:
    std::shared_ptr<std::atomic<long long>> offset_ = std::make_shared<std::atomic<long long>>(0);
};

} // namespace alicloud::test

#endif
