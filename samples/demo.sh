#!/usr/bin/env bash
# The main job, once built: starts the ECS emulator, runs the alicloud tool and
# every sample (01_coroutine ... 09_fan_out_handler) against it over TLS verified
# with the emulator's own CA, prints what each got under its own heading, and
# stops the emulator. The test suite runs the same script ("samples: ...").
#
# usage: ./samples/demo.sh [BUILD_DIR]      (default: build)
# Exit status 0 when every program did and printed what it should.
set -euo pipefail

build=${1:-build}
emulator=$build/test/emulator/alicloud-ecs-emulator
if [[ ! -x $emulator || ! -d $build/samples ]]; then
  echo "demo: no emulator or samples in '$build'; build first:" >&2
  echo "  cmake -S . -B $build -G Ninja && cmake --build $build" >&2
  exit 2
fi
exec bash "$(dirname "$0")/../test/samples/run_samples.sh" "$build" "$emulator"
