# The typed ECS models' codecs (validate, encode, decode): include()d into the
# target that compiles them, with ${PROJECT_SOURCE_DIR}/lib on its include path.
set(ALICLOUD_ECS_MODEL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/create_instance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe_instance_attribute.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe_instance_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe_instances.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe_regions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe_zones.cpp
  ${CMAKE_CURRENT_LIST_DIR}/instance_actions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/instance_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_document.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parameter_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_checker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_pieces.cpp
  ${CMAKE_CURRENT_LIST_DIR}/response_pieces.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_instances.cpp)
