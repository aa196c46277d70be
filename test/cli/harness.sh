# Sourced by the CLI tests: a scratch folder $dir (removed on exit), fail(),
# and the emulator on free ports with its request log.

dir=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# start_emulator <alicloud-ecs-emulator> [options...]: listens for HTTPS ($port,
# its CA in $dir/ca.pem) and HTTP ($http_port), with the key testid:testsecret;
# stopped on exit.
start_emulator() {
  local emulator=$1
  shift
  "$emulator" --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --port-file "$dir/ports" --write-ca "$dir/ca.pem" \
    --access-key testid:testsecret "$@" >"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do [[ -s $dir/ports ]] && break; sleep 0.1; done
  port=$(awk '$1=="https"{print $2}' "$dir/ports")
  http_port=$(awk '$1=="http"{print $2}' "$dir/ports")
  [[ -n $port ]] || { echo "the emulator did not start"; cat "$dir/log"; exit 1; }
}

requests() { # the emulator's request log, without a tool the project does not depend on
  exec 3<>"/dev/tcp/127.0.0.1/$http_port" && printf 'GET /_emulator/requests HTTP/1.0\r\nHost: x\r\n\r\n' >&3 && cat <&3
  exec 3<&-
}
