# Installs the build into a scratch prefix, then configures test/install as a
# separate project with another compiler (OTHER_CXX_NAMES, the first found):
# find_package(alicloud_asio) must refuse it at configure time, saying that the
# package must be built with the compiler of the program - not leave it to a
# wall of undefined references at link time. With the documented override the
# same configure goes through.
# Prints "SKIP:" (the test's SKIP_REGULAR_EXPRESSION) when no other compiler is
# installed; CI installs clang-16, so there it runs.
find_program(other_cxx NAMES ${OTHER_CXX_NAMES} NO_CACHE)
if(NOT other_cxx)
  message(STATUS "SKIP: none of ${OTHER_CXX_NAMES} is installed")
  return()
endif()
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed (${rc})")
endif()

set(configure ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_CXX_COMPILER=${other_cxx})
execute_process(COMMAND ${configure} -B ${WORK_DIR}/refused
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "configure with ${other_cxx}: exit ${rc}\n${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "find_package(alicloud_asio) accepted ${other_cxx} for a package built with another compiler")
endif()
string(REGEX REPLACE "[ \n]+" " " err "${err}") # CMake wraps long messages
if(NOT err MATCHES "must be built with the compiler of the program")
  message(FATAL_ERROR "the configure failed, but not with the package's reason")
endif()

execute_process(COMMAND ${configure} -B ${WORK_DIR}/allowed -DALICLOUD_ASIO_ALLOW_COMPILER_MISMATCH=ON
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ALICLOUD_ASIO_ALLOW_COMPILER_MISMATCH=ON did not let the configure through:\n${err}")
endif()
