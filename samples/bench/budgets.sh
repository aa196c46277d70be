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
# Wall time, and the compiler's own CPU time (user + system): on a shared
# machine the wall clock also counts the time other programs held the cores.
times=()
cpus=()
for _ in 1 2 3; do
  read -r wall cpu < <(python3 -c 'import os, subprocess, sys, time
t = time.monotonic(); r0 = os.times(); subprocess.run(sys.argv[1:], check=True); r1 = os.times()
print("%.2f %.2f" % (time.monotonic() - t, (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)))' \
    "$cxx" "${flags[@]}" -c "$work/example.cpp" -o "$work/example.o")
  times+=("$wall")
  cpus+=("$cpu")
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
sorted_cpu=($(printf '%s\n' "${cpus[@]}" | sort -n))
libs=("$build/lib/libalicloud_ecs.a" "$build/lib/libalicloud_rpc.a" "$build/lib/libalicloud_core.a"
      "$build/lib/libalicloud_asio.a")
"$cxx" "$work/example.o" -o "$work/example" "${libs[@]}" -lboost_json -lboost_url -lssl -lcrypto -pthread
strip -o "$work/example.stripped" "$work/example"
size=$(stat -c %s "$work/example.stripped")
echo "README example, $cxx -O2: compile ${sorted[1]} s wall, ${sorted_cpu[1]} s CPU (medians of 3: wall ${times[*]}; CPU ${cpus[*]})"
echo "README example: stripped binary $size bytes ($(python3 -c "print('%.2f' % ($size / 1048576))") MiB)"
echo "operations linked: $(nm -C "$work/example" | grep -c ' alicloud::ecs::detail::.*_operation$' || true)"
