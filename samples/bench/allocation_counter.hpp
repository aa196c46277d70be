#ifndef ALICLOUD_SAMPLES_BENCH_ALLOCATION_COUNTER_HPP
#define ALICLOUD_SAMPLES_BENCH_ALLOCATION_COUNTER_HPP

// Counts this program's heap allocations while asked to (the bench's timed
// phase), by replacing the global operator new (allocation_counter.cpp).
// Off, the count costs one predictable branch per allocation.

#include <cstdint>

namespace bench {
void count_allocations(bool on) noexcept;
std::uint64_t allocations() noexcept;
} // namespace bench

#endif
