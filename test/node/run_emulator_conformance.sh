#!/usr/bin/env bash
# Runs a script driving the official Node.js SDKs over verified HTTPS
# (ecs_conformance.js unless another is named, with its extra arguments after
# the URL) against a fresh alicloud-ecs-emulator, then stops the emulator with
# SIGTERM and requires a clean exit (status 0).
#
#   run_emulator_conformance.sh <emulator-binary> <node> <node_modules> [script.js [args...]]
set -u

if [ $# -lt 3 ]; then
    echo "usage: $0 <emulator-binary> <node> <node_modules> [script.js [args...]]" >&2
    exit 2
fi
emulator=$1
node=$2
node_modules=$3
shift 3
script=${1:-ecs_conformance.js}
[ $# -gt 0 ] && shift
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

dir=$(mktemp -d "${TMPDIR:-/tmp}/alicloud-conformance.XXXXXX") || exit 2
emu_pid=
cleanup() {
    if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
        kill -KILL "$emu_pid" 2>/dev/null
        wait "$emu_pid" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$emulator" --listen 127.0.0.1:0 --port-file "$dir/ports" --write-ca "$dir/ca.pem" \
    --pending-ms 300 --starting-ms 300 --stopping-ms 300 >"$dir/emulator.log" 2>&1 &
emu_pid=$!

show_log() {
    echo "---- emulator output ----" >&2
    cat "$dir/emulator.log" >&2
    echo "-------------------------" >&2
}

# Bounded wait for the port file (written whole, then renamed, by the emulator).
for _ in $(seq 100); do
    [ -s "$dir/ports" ] && break
    if ! kill -0 "$emu_pid" 2>/dev/null; then
        echo "FAIL: the emulator exited before listening" >&2
        show_log
        exit 1
    fi
    sleep 0.1
done
port=$(awk '$1 == "https" { print $2; exit }' "$dir/ports" 2>/dev/null)
if [ -z "$port" ]; then
    echo "FAIL: no https port in $dir/ports after 10 s" >&2
    show_log
    exit 1
fi
if [ ! -s "$dir/ca.pem" ]; then
    echo "FAIL: the emulator wrote no CA to $dir/ca.pem" >&2
    show_log
    exit 1
fi
echo "emulator pid $emu_pid listening on https://127.0.0.1:$port/"

status=0
NODE_EXTRA_CA_CERTS="$dir/ca.pem" NODE_PATH="$node_modules" \
    "$node" "$script_dir/$script" "https://127.0.0.1:$port" "$@" || status=1

# Clean shutdown on SIGTERM: the emulator must exit by itself, with status 0,
# within 10 s (100 x 0.1 s).
kill -TERM "$emu_pid"
exited=0
for _ in $(seq 100); do
    if ! kill -0 "$emu_pid" 2>/dev/null; then
        exited=1
        break
    fi
    sleep 0.1
done
if [ "$exited" -ne 1 ]; then
    echo "FAIL: the emulator did not exit within 10 s of SIGTERM" >&2
    show_log
    exit 1 # cleanup kills it
fi
wait "$emu_pid"
emu_status=$?
emu_pid=
if [ "$emu_status" -ne 0 ]; then
    echo "FAIL: the emulator exited with status $emu_status after SIGTERM (expected 0)" >&2
    status=1
else
    echo "ok - the emulator exited 0 on SIGTERM"
fi
if [ "$status" -ne 0 ]; then
    show_log
fi
exit "$status"
