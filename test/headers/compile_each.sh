#!/usr/bin/env bash
# Every public header compiles on its own, in a translation unit of its own,
# warning-free under the project's warning flags (Boost's "standalone header"
# check): a header that leans on what another included before it fails here.
#
#   compile_each.sh COMPILER INCLUDE_DIR [EXTRA_FLAG...]
set -euo pipefail
compiler=$1
include_dir=$2
shift 2
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
       -Wold-style-cast -Woverloaded-virtual -Werror "$@")

cd "$include_dir"
mapfile -t headers < <(find alicloud -name '*.hpp' | sort)
[[ ${#headers[@]} -gt 0 ]] || { echo "no headers under $include_dir"; exit 1; }

failed=0
check() {
  local header=$1
  if ! out=$(printf '#include <%s>\n#include <%s>\n' "$header" "$header" |
               "$compiler" "${flags[@]}" -I "$include_dir" -x c++ - 2>&1); then
    printf 'FAILED: %s\n%s\n' "$header" "$out"
    return 1
  fi
}
export -f check
export compiler include_dir
# Two at a time: the machine this runs on has two cores.
if ! printf '%s\n' "${headers[@]}" | xargs -P 2 -I{} bash -c "$(declare -p flags); check {}"; then
  failed=1
fi
echo "${#headers[@]} headers, each alone (and twice, for its include guard), with $compiler"
exit $failed
