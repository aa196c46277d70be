#ifndef ALICLOUD_TEST_FUZZ_FUZZ_INPUT_HPP
#define ALICLOUD_TEST_FUZZ_FUZZ_INPUT_HPP

// Takes a fuzz input apart into the few choices a target needs (which model,
// which status, where a field ends). Every way of cutting is total: an input
// that runs out yields zeros and empty strings, never an error, so that every
// input the fuzzer makes reaches the code under test.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace alicloud::fuzz {

class fuzz_input {
public:
    fuzz_input(const std::uint8_t* data, std::size_t size) noexcept
        : rest_(reinterpret_cast<const char*>(data), size)
    {
    }

    bool empty() const noexcept { return rest_.empty(); }

    std::uint8_t byte() noexcept
    {
        if (rest_.empty())
            return 0;
        const auto b = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return b;
    }

    // Two bytes, big-endian.
    std::uint16_t u16() noexcept
    {
        const auto hi = byte();
        return static_cast<std::uint16_t>((hi << 8) | byte());
    }

    // Up to (not including) the next `separator`, which is consumed; all the
    // rest when there is none.
    std::string_view until(char separator) noexcept
    {
        const auto at = rest_.find(separator);
        const std::string_view field = rest_.substr(0, at);
        rest_ = at == std::string_view::npos ? std::string_view() : rest_.substr(at + 1);
        return field;
    }

    std::string_view rest() noexcept
    {
        const std::string_view all = rest_;
        rest_ = {};
        return all;
    }

private:
    std::string_view rest_;
};

} // namespace alicloud::fuzz

#endif
