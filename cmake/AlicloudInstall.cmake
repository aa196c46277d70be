# Installs the libraries, the public headers and a CMake package, so that an
# outside project can write find_package(alicloud_asio) and link alicloud::core.
include(CMakePackageConfigHelpers)

install(TARGETS ${ALICLOUD_INSTALLED_LIBRARIES}
  EXPORT alicloud_asio_targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# No INCLUDES DESTINATION: alicloud::core names the installed include directory
# itself, and the others reach it through core; saying it here too listed it
# twice in core's interface and once more in each other target's.

# The headers of the products not built stay out (ALICLOUD_PRODUCTS).
set(left_out)
foreach(product ecs vpc sts ram)
  if(NOT product IN_LIST ALICLOUD_PRODUCTS)
    list(APPEND left_out PATTERN ${product} EXCLUDE PATTERN ${product}.hpp EXCLUDE)
  endif()
endforeach()
install(DIRECTORY include/alicloud DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} ${left_out})

set(ALICLOUD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/alicloud_asio)
install(EXPORT alicloud_asio_targets
  NAMESPACE alicloud::
  FILE alicloud_asio-targets.cmake
  DESTINATION ${ALICLOUD_CMAKE_DIR})

configure_package_config_file(cmake/alicloud_asio-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/alicloud_asio-config.cmake
  INSTALL_DESTINATION ${ALICLOUD_CMAKE_DIR})
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/alicloud_asio-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/alicloud_asio-config.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/alicloud_asio-config-version.cmake
  DESTINATION ${ALICLOUD_CMAKE_DIR})
