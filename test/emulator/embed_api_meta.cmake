# Writes OUTPUT: a C++ table NAME (default ecs_api_meta) of (operation name,
# JSON text) for every META_DIR/*.json (api_meta/<product>), so that the
# emulator carries its metadata with it.
if(NOT NAME)
  set(NAME ecs_api_meta)
endif()
get_filename_component(product ${META_DIR} NAME)
file(GLOB files ${META_DIR}/*.json)
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"alicloud_meta(${text})alicloud_meta\"},\n")
endforeach()
list(LENGTH files count)
file(WRITE ${OUTPUT}.tmp
"// Generated from test/emulator/api_meta/${product} by embed_api_meta.cmake. Do not edit.
#include <cstddef>
#include <string_view>
#include <utility>
namespace alicloud::emulator::detail {
extern const std::pair<std::string_view, std::string_view> ${NAME}[];
extern const std::size_t ${NAME}_count;
const std::pair<std::string_view, std::string_view> ${NAME}[] = {
${body}};
const std::size_t ${NAME}_count = ${count};
}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
