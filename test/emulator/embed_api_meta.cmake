# Writes OUTPUT: a C++ table of (operation name, JSON text) for every
# api_meta/ecs/*.json, so that the emulator carries its metadata with it.
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
"// Generated from test/emulator/api_meta/ecs by embed_api_meta.cmake. Do not edit.
#include <cstddef>
#include <string_view>
#include <utility>
namespace alicloud::emulator::detail {
extern const std::pair<std::string_view, std::string_view> ecs_api_meta[];
extern const std::size_t ecs_api_meta_count;
const std::pair<std::string_view, std::string_view> ecs_api_meta[] = {
${body}};
const std::size_t ecs_api_meta_count = ${count};
}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
