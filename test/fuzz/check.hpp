#ifndef ALICLOUD_TEST_FUZZ_CHECK_HPP
#define ALICLOUD_TEST_FUZZ_CHECK_HPP

// An invariant of a fuzz target. A broken one must stop the run the way a crash
// does - libFuzzer then saves the input, and the corpus replay test fails - so
// it aborts, after saying what broke and where (abort, not an exception: a
// target's caller may catch exceptions, and NDEBUG must not turn it off).

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace alicloud::fuzz {

[[noreturn]] inline void check_failed(const char* condition, std::string_view what, const char* file, int line)
{
    std::fprintf(stderr, "%s:%d: fuzz invariant broken: %.*s (%s)\n", file, line, static_cast<int>(what.size()),
                 what.data(), condition);
    std::fflush(stderr);
    std::abort();
}

} // namespace alicloud::fuzz

#define FUZZ_CHECK(condition, what)                                                      \
    do {                                                                                 \
        if (!(condition))                                                                \
            ::alicloud::fuzz::check_failed(#condition, (what), __FILE__, __LINE__);      \
    } while (false)

#endif
