# Reads the installed package's targets files (PACKAGE_DIR) and fails on what
# an outside project should never see in them: an empty generator expression
# such as $<LINK_ONLY:> (a build-only dependency that left its wrapper behind),
# or an include directory or library listed twice in one target's interface.
#   cmake -DPACKAGE_DIR=<prefix>/lib/cmake/alicloud_asio -P check_exported_targets.cmake
# (or include()d with PACKAGE_DIR set).
file(GLOB _targets_files ${PACKAGE_DIR}/*-targets*.cmake)
if(NOT _targets_files)
  message(FATAL_ERROR "no targets file in ${PACKAGE_DIR}")
endif()
set(_problems "")
foreach(_file IN LISTS _targets_files)
  file(STRINGS ${_file} _lines)
  foreach(_line IN LISTS _lines)
    if(_line MATCHES [[\$<[A-Za-z_]+:>]])
      string(APPEND _problems "\n  empty generator expression: ${_line}")
    endif()
    if(_line MATCHES [[^ *(INTERFACE_[A-Z_]+) "(.*)"$]])
      set(_property ${CMAKE_MATCH_1})
      set(_values "${CMAKE_MATCH_2}")
      set(_unique "${_values}")
      list(REMOVE_DUPLICATES _unique)
      if(NOT _values STREQUAL _unique)
        string(APPEND _problems "\n  ${_property} lists an entry twice: ${_values}")
      endif()
    endif()
  endforeach()
endforeach()
if(_problems)
  message(FATAL_ERROR "the installed CMake package is not tidy:${_problems}")
endif()
message(STATUS "exported targets are tidy: ${_targets_files}")
