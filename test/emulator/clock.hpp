#ifndef ALICLOUD_EMULATOR_CLOCK_HPP
#define ALICLOUD_EMULATOR_CLOCK_HPP

// The emulator's time for what it hands out with a lifetime - STS and
// metadata credentials, IMDSv2 tokens, keys added with an expiration: the
// real time plus what tests advanced it by (POST /_emulator/clock), so that a
// test sees them expire without waiting for it.
//
// Request timestamps are still checked against the real time (the clients
// under test stamp with theirs), and so are the instances' transitions and
// the server's own timeouts, which run on Asio timers.

#include <chrono>

namespace alicloud::emulator {

class emulator_clock {
public:
    // How far ahead it may go: a century, well inside what system_clock's
    // nanoseconds hold.
    static constexpr std::chrono::milliseconds max_offset = std::chrono::hours(24 * 365 * 100);

    std::chrono::system_clock::time_point now() const { return std::chrono::system_clock::now() + offset_; }
    std::chrono::steady_clock::time_point steady_now() const { return std::chrono::steady_clock::now() + offset_; }

    // False (and not moved) beyond max_offset, or backwards.
    bool advance(std::chrono::milliseconds by)
    {
        if (by.count() < 0 || by > max_offset - offset_)
            return false;
        offset_ += by;
        return true;
    }
    void reset() { offset_ = {}; }
    std::chrono::milliseconds offset() const { return offset_; }

private:
    std::chrono::milliseconds offset_{0}; // the emulator's one thread reads and writes it
};

// Never advanced: the real time, for what runs without an emulator (a fuzz target).
inline const emulator_clock& real_time()
{
    static const emulator_clock clock;
    return clock;
}

} // namespace alicloud::emulator

#endif
