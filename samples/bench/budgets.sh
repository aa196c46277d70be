#!/usr/bin/env bash
# Prints the figures the generated-code budgets are judged by (a measuring
# script, not a test): how long the README's one-call example takes to compile
# at -O2, and the size of its stripped binary - a program pays for the
# operations it calls, not for all of them.
#
#   samples/bench/budgets.sh BUILD_DIR [COMPILER]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
cxx=${2:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The first ```cpp block of the README: the minimal example.
python3 - "$root/README.md" "$work/example.cpp" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w").write(re.search(r"^```cpp\n(.*?)^```", text, re.S | re.M).group(1))
PY

flags=(-std=c++20 -O2 -DBOOST_ASIO_SEPARATE_COMPILATION -DBOOST_BEAST_SEPARATE_COMPILATION
       -DBOOST_ASIO_NO_DEPRECATED -I "$root/include")
times=()
for _ in 1 2 3; do
  times+=("$(python3 -c 'import subprocess, sys, time
t = time.monotonic(); subprocess.run(sys.argv[1:], check=True); print("%.2f" % (time.monotonic() - t))' \
    "$cxx" "${flags[@]}" -c "$work/example.cpp" -o "$work/example.o")")
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
libs=("$build/lib/libalicloud_ecs.a" "$build/lib/libalicloud_rpc.a" "$build/lib/libalicloud_core.a"
      "$build/lib/libalicloud_asio.a")
"$cxx" "$work/example.o" -o "$work/example" "${libs[@]}" -lboost_json -lboost_url -lssl -lcrypto -pthread
strip -o "$work/example.stripped" "$work/example"
size=$(stat -c %s "$work/example.stripped")
echo "README example, $cxx -O2: compile ${sorted[1]} s (median of 3: ${times[*]})"
echo "README example: stripped binary $size bytes ($(python3 -c "print('%.2f' % ($size / 1048576))") MiB)"
echo "operations linked: $(nm -C "$work/example" | grep -c ' alicloud::ecs::detail::.*_operation$' || true)"
