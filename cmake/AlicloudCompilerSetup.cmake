# Compiler settings shared by every target of this project.

# ccache makes the second build of the same tree (the sanitizer pass of .ci/run,
# a rebuild after `git pull`) nearly free on a 2-core machine.
find_program(ALICLOUD_CCACHE ccache)
if(ALICLOUD_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${ALICLOUD_CCACHE})
endif()

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

# Warnings apply to our own targets only (alicloud_warnings is linked privately),
# so that a consumer's flags are never changed by find_package(alicloud_asio).
add_library(alicloud_warnings INTERFACE)
target_compile_options(alicloud_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-missing-field-initializers -Wshadow -Wconversion -Wsign-conversion
     -Wold-style-cast -Woverloaded-virtual -Werror=return-type
     # GCC 12 pairs Asio's recycling operator new/delete of coroutine frames
     # wrongly and warns on every awaitable lambda: a false positive.
     $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>>)

# The same warnings for an installed library. Linking alicloud_warnings, even
# as $<BUILD_INTERFACE:...>, leaves an empty $<LINK_ONLY:> in the exported
# link interface of a static library; compile options never leave the build.
function(alicloud_target_warnings target)
  target_compile_options(${target} PRIVATE $<TARGET_PROPERTY:alicloud_warnings,INTERFACE_COMPILE_OPTIONS>)
endfunction()

if(ALICLOUD_SANITIZE)
  add_compile_options(-fsanitize=${ALICLOUD_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  if(ALICLOUD_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Asio's fenced blocks use atomic_thread_fence, which GCC reports on every use.
    add_compile_options(-Wno-tsan)
  endif()
  add_link_options(-fsanitize=${ALICLOUD_SANITIZE})
endif()

# libFuzzer (test/fuzz): every target gets the coverage instrumentation the
# fuzzer steers by, so that it sees into the library, not only the fuzz
# targets; the fuzz targets alone link the fuzzer's main (-fsanitize=fuzzer).
if(ALICLOUD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ALICLOUD_FUZZ=ON needs Clang (libFuzzer is part of it), not ${CMAKE_CXX_COMPILER_ID}: "
                        "configure with -DCMAKE_CXX_COMPILER=clang++-16, or leave ALICLOUD_FUZZ off - the fuzz "
                        "targets then build as tests that replay their corpus")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
