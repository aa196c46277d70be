# Writes OUTPUT: a C++ source that defines `const std::string_view NAME` in
# namespace NAMESPACE, holding the text of INPUT - data the library carries
# with it instead of reading a file at run time.
#   cmake -DINPUT=... -DOUTPUT=... -DNAME=... -DNAMESPACE=... -P embed_text.cmake
file(READ ${INPUT} text)
get_filename_component(input_name ${INPUT} NAME)
file(WRITE ${OUTPUT}.tmp
"// Generated from ${input_name} by cmake/embed_text.cmake. Do not edit.
#include <string_view>
// The text is one literal, longer than the 65,536 characters the standard asks
// every compiler to support; g++ and clang++ take any length, and clang's
// -Wpedantic says so on every build.
#pragma GCC diagnostic ignored \"-Woverlength-strings\"
namespace ${NAMESPACE} {
extern const std::string_view ${NAME};
const std::string_view ${NAME} = R\"alicloud_text(${text})alicloud_text\";
}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
