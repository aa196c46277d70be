// The one Catch2 main of every test program (test/CMakeLists.txt builds it
// once: with Catch2's implementation inside, it is the slowest file to compile).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
