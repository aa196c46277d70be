#!/usr/bin/env bash
# Runs each libFuzzer program of a build made with -DALICLOUD_FUZZ=ON for a
# bounded time, on a copy of its committed corpus (test/fuzz/corpus/<target>;
# what the fuzzer adds stays in a scratch folder, never in the repository).
# Red on any finding: a crash, a broken invariant, a leak, a UBSan report, an
# input slower than the per-input timeout, or memory beyond the RSS limit.
#
#   test/fuzz/run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
#
# Prints each target's executions ("#N DONE ..." and libFuzzer's final stats);
# on a finding, the report and where the input that caused it was kept.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET [TARGET...]" >&2
  exit 2
fi
build_dir=$1
seconds=$2
shift 2
corpus_root=$(cd "$(dirname "$0")" && pwd)/corpus

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for dir in "$corpus_root"/*/; do
    targets+=("$(basename "$dir")")
  done
fi

# Memory: far above what any target needs for one input (the servers' own
# limits are 16 KiB of header and 1 MiB of body), far below the machine's.
rss_limit_mb=2048
# One input slower than this is a finding (a hang, or quadratic work).
timeout_s=10

# The longest input: room for the servers' header limits (8 and 16 KiB) to be
# reached from the HTTP targets; small inputs elsewhere keep mutations fast.
max_len_of() {
  case $1 in
    emulator_http | task_service_request) echo 20000 ;;
    *) echo 4096 ;;
  esac
}

# Reports with file and line: the sanitizers look for llvm-symbolizer beside
# clang-16 first, where Debian has none unless llvm-16 is installed.
if [[ -z ${ASAN_SYMBOLIZER_PATH:-} ]]; then
  for symbolizer in llvm-symbolizer-16 llvm-symbolizer; do
    if command -v "$symbolizer" >/dev/null; then
      ASAN_SYMBOLIZER_PATH=$(command -v "$symbolizer")
      export ASAN_SYMBOLIZER_PATH UBSAN_SYMBOLIZER_PATH=$ASAN_SYMBOLIZER_PATH
      break
    fi
  done
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/alicloud-fuzz.XXXXXX")
failed=()
summary=()
for target in "${targets[@]}"; do
  fuzzer=$build_dir/test/fuzz/fuzz_$target
  if [[ ! -x $fuzzer ]]; then
    echo "run_fuzzers: $fuzzer is missing: build the target alicloud_fuzz_targets with -DALICLOUD_FUZZ=ON" >&2
    failed+=("$target (not built)")
    continue
  fi
  work=$scratch/$target
  mkdir -p "$work/artifacts"
  cp -R "$corpus_root/$target" "$work/corpus"

  echo "=== fuzz $target: ${seconds}s"
  status=0
  # detect_leaks: a leak is a finding; abort_on_error: a report ends the run
  # with a signal libFuzzer records as a crash, keeping the input.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$fuzzer" "$work/corpus" \
      -max_total_time="$seconds" -rss_limit_mb="$rss_limit_mb" \
      -timeout="$timeout_s" -max_len="$(max_len_of "$target")" \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1 || status=$?

  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb' "$work/log" || true
  findings=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
  if [[ $status -ne 0 || -n $findings ]]; then
    echo "--- $target: FINDING (exit status $status); the end of its log:"
    tail -n 60 "$work/log"
    [[ -n $findings ]] && echo "--- the input, kept at: $findings"
    failed+=("$target")
    summary+=("$target: FINDING after ${runs:-?} executions")
  else
    summary+=("$target: ${runs:-?} executions, no finding")
  fi
done

echo "=== fuzzing summary (${seconds}s per target)"
printf '  %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run_fuzzers: findings in: ${failed[*]} (logs and inputs kept in $scratch)" >&2
  exit 1
fi
rm -rf "$scratch"
