#!/usr/bin/env bash
# Installs, from Debian 12's own packages, whatever alicloud-asio needs to build
# and test and is not on this machine yet. Idempotent: prints nothing and
# changes nothing when everything is present.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev openssl
  catch2
  # The README examples' test runs Python (the standard library only).
  python3
  # The second compiler: CI's ThreadSanitizer pass and the clang-only tests,
  # and the test that a program built with it is refused by a g++-built package.
  # Its sanitizer runtimes are only a recommendation of clang-16.
  clang-16 libclang-rt-16-dev
  # libFuzzer, for the fuzz pass of .ci/run (test/fuzz, -DALICLOUD_FUZZ=ON).
  # clang-16 links -fsanitize=fuzzer from libclang-rt-16-dev; this is Debian's
  # libFuzzer package proper, which issue 15 names, so that a machine set up
  # by this script has all of it whatever the runtime package ships.
  libfuzzer-16-dev
  # The task service's stores (samples/task_service): SQLite, and PostgreSQL's
  # client library; the server, whose initdb and pg_ctl the task-service
  # tests run to start a PostgreSQL of their own.
  libsqlite3-dev libpq-dev postgresql-15
)
# The conformance tests drive the official Node.js SDKs. A node and npm from
# elsewhere (e.g. /usr/local) are fine; only when there is none do we take Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
