# npm ci of test/node/package-lock.json into TARGET_DIR, skipped when the
# installed tree already matches the lock file.
file(MAKE_DIRECTORY ${TARGET_DIR})
set(stamp ${TARGET_DIR}/node_modules/.alicloud-lock)
if(EXISTS ${stamp})
  file(SHA256 ${SOURCE_DIR}/package-lock.json want)
  file(READ ${stamp} have)
  if(want STREQUAL have)
    message(STATUS "node_modules is up to date")
    return()
  endif()
endif()
configure_file(${SOURCE_DIR}/package.json ${TARGET_DIR}/package.json COPYONLY)
configure_file(${SOURCE_DIR}/package-lock.json ${TARGET_DIR}/package-lock.json COPYONLY)
# --ignore-scripts: openapi-core's postinstall only matters on Node 10/12.
execute_process(COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY ${TARGET_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${rc}) in ${TARGET_DIR}")
endif()
file(SHA256 ${SOURCE_DIR}/package-lock.json want)
file(WRITE ${stamp} ${want})
