#!/usr/bin/env bash
# The samples ladder and the alicloud tool against a fresh emulator, over TLS
# verified with the CA the emulator writes: each program's output under its
# own heading, its exit status and the lines it must print checked.
# samples/demo.sh runs this for the README; ctest runs it as "samples: ...".
#
# usage: run_samples.sh <build-dir | program...> <alicloud-ecs-emulator>
#   a build directory (its samples/ is searched) or an install's bin directory,
#   or the programs themselves: alicloud and alicloud-sample-01-coroutine ...
#   alicloud-sample-10-network-and-instance, by path.
# Exit status: 0 all passed, 1 a check failed, 2 bad usage or a program missing.
set -u

if (($# < 2)); then
  echo "usage: $0 <build-dir | program...> <alicloud-ecs-emulator>" >&2
  exit 2
fi
emulator=${!#}
declare -A program # name -> path
for given in "${@:1:$#-1}"; do
  if [[ -d $given ]]; then
    root=$given
    [[ -d $given/samples ]] && root=$given/samples # a build tree, not its test install prefix
    while IFS= read -r found; do program[${found##*/}]=$found; done \
      < <(find "$root" -maxdepth 2 -type f -perm -u+x \( -name alicloud -o -name 'alicloud-sample-*' \))
  else
    program[${given##*/}]=$given
  fi
done
samples=(alicloud-sample-01-coroutine alicloud-sample-02-callback alicloud-sample-03-future
         alicloud-sample-04-cancel-and-timeout alicloud-sample-05-fan-out alicloud-sample-06-http-server
         alicloud-sample-07-go-async alicloud-sample-08-timeout-model alicloud-sample-09-fan-out-handler
         alicloud-sample-10-network-and-instance)
for name in alicloud "${samples[@]}"; do
  [[ -x ${program[$name]:-} ]] || { echo "run_samples: $name not found (built?)" >&2; exit 2; }
done
[[ -x $emulator ]] || { echo "run_samples: emulator $emulator not found (built?)" >&2; exit 2; }

dir=$(mktemp -d)
emulator_pid= server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  [[ -n $emulator_pid ]] && kill "$emulator_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
section() { printf '\n=== %s ===\n' "$*"; }

# run <command...>: shows the command and what it printed; leaves them in $out and $status.
run() {
  printf '$ %s' "${1##*/}"
  (($# > 1)) && printf ' %q' "${@:2}"
  printf '\n'
  out=$("$@" 2>&1)
  status=$?
  printf '%s\n' "$out"
}
# expect <what> <pattern>...: the last run exited 0 and printed a line matching each pattern.
expect() {
  local what=$1 pattern
  shift
  [[ $status -eq 0 ]] || fail "$what: exit status $status"
  for pattern; do
    grep -Eq -- "$pattern" <<<"$out" || fail "$what: no line matches /$pattern/"
  done
}
# wait_for <seconds> <command...>: polls the condition every 0.1 s, for at most that long.
wait_for() {
  local tries=$(($1 * 10))
  shift
  until "$@"; do
    ((--tries > 0)) || return 1
    sleep 0.1
  done
}
exited() { ! kill -0 "$1" 2>/dev/null; }
# stop <pid>: SIGTERM, then its exit status (124 when it had not exited after 10 s).
stop() {
  kill -TERM "$1" 2>/dev/null
  wait_for 10 exited "$1" || { kill -KILL "$1"; wait "$1" 2>/dev/null; return 124; }
  wait "$1"
}
# http_get <port> <path>: the raw answer (status line, headers, body), with curl when
# there is one and with bash's /dev/tcp otherwise (HTTP/1.1 with Connection: close).
http_get() {
  if [[ ${HTTP_CLIENT:-} != devtcp ]] && command -v curl >/dev/null; then
    curl -sS -i --max-time 10 "http://127.0.0.1:$1$2"
  else
    local fd
    exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$2" "$1" >&"$fd"
    timeout 10 cat <&"$fd"
    exec {fd}>&-
  fi
}

section "emulator"
echo "\$ ${emulator##*/} --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --port-file ports --write-ca ca.pem" \
  "--pending-ms 200 --starting-ms 200 --stopping-ms 200 &"
"$emulator" --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --port-file "$dir/ports" --write-ca "$dir/ca.pem" \
  --pending-ms 200 --starting-ms 200 --stopping-ms 200 >"$dir/emulator.log" 2>&1 &
emulator_pid=$!
if ! wait_for 10 grep -q '^https [0-9]' "$dir/ports" 2>/dev/null; then
  echo "the emulator did not start"
  cat "$dir/emulator.log"
  exit 1
fi
port=$(awk '$1 == "https" { print $2 }' "$dir/ports")
control_port=$(awk '$1 == "http" { print $2 }' "$dir/ports") # the control API (/_emulator/...), for the checks
# What every sample reads (they take the same from their command line too).
export ALICLOUD_ENDPOINT=https://127.0.0.1:$port ALICLOUD_CA_FILE=$dir/ca.pem
export ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret
unset ALIBABA_CLOUD_SECURITY_TOKEN
echo "listening on $ALICLOUD_ENDPOINT (pid $emulator_pid); it wrote its CA to $ALICLOUD_CA_FILE"
echo "ALICLOUD_ENDPOINT=$ALICLOUD_ENDPOINT ALICLOUD_CA_FILE=$ALICLOUD_CA_FILE"
echo "ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret"

cli=(--endpoint "$ALICLOUD_ENDPOINT" --ca-file "$ALICLOUD_CA_FILE" --access-key-id testid
     --access-key-secret testsecret)
section "alicloud: DescribeRegions"
run "${program[alicloud]}" "${cli[@]}" ecs DescribeRegions
expect "alicloud DescribeRegions" '"RegionId": "cn-hangzhou"'

section "alicloud: RunInstances (two instances, which samples 05 and 06 then list)"
run "${program[alicloud]}" "${cli[@]}" ecs RunInstances --RegionId cn-hangzhou \
  --ImageId aliyun_3_x64_20G_alibase_20240528.vhd --InstanceType ecs.g7.large --Amount 2
expect "alicloud RunInstances" '"InstanceIdSet": \['
mapfile -t cli_instances < <(grep -Eo '"i-[0-9a-z]+"' <<<"$out" | tr -d '"')
((${#cli_instances[@]} == 2)) || fail "alicloud RunInstances: expected 2 instance IDs, got ${#cli_instances[@]}"

section "01_coroutine"
run "${program[alicloud-sample-01-coroutine]}"
expect "01" '^DescribeRegions: [0-9]+ regions$' '^  cn-hangzhou ' '^RunInstances: launched i-[0-9a-z]+ i-[0-9a-z]+$' \
  '^DescribeInstanceStatus #[0-9]+: 2/2 Running$' '^DescribeInstances: i-[0-9a-z]+ Running ecs.g7.large' \
  '^DeleteInstances: done'

section "02_callback"
run "${program[alicloud-sample-02-callback]}"
expect "02" '^DescribeRegions: [0-9]+ regions$' '^RunInstances: launched 2 instances$' \
  '^DescribeInstanceStatus #[0-9]+: 2/2 Running$' '^DescribeInstances: i-[0-9a-z]+ Running ecs.g7.large$' \
  '^DeleteInstances: done'

section "03_future"
run "${program[alicloud-sample-03-future]}"
expect "03" '^DescribeInstances: [0-9]+ instances in cn-hangzhou$' '^  HTTP +404$' '^  Code +InvalidInstanceId.NotFound$' \
  '^  Message +The specified InstanceId does not exist.$' '^  RequestId +[0-9A-F-]{36}$' \
  '^  condition +errc::not_found$'

section "04_cancel_and_timeout"
run "${program[alicloud-sample-04-cancel-and-timeout]}"
expect "04" '^fault added: ' '^timeout: .*\(== errc::timeout\)$' \
  '^cancelled: .*\(== errc::cancelled\) \(== asio::error::operation_aborted\)$' \
  '^unaffected: DescribeZones answered$' '^fault removed$'

section "05_fan_out"
run "${program[alicloud-sample-05-fan-out]}"
expect "05" '^[0-9]+ DescribeInstances calls in [0-9]+ ms' '^  cn-hangzhou: [0-9]+ instances ' '^  us-west-1: 0 instances$' \
  '^  xx-nowhere-1: failed: InvalidRegionId.NotFound$' "${cli_instances[@]/#/ }"

section "06_http_server"
printf '$ %s &\n' alicloud-sample-06-http-server
"${program[alicloud-sample-06-http-server]}" >"$dir/server.out" 2>&1 &
server_pid=$!
if wait_for 10 grep -q '^listening on ' "$dir/server.out"; then
  server_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$dir/server.out")
  head -n 1 "$dir/server.out"
  clients=(devtcp)
  command -v curl >/dev/null && clients=(curl devtcp)
  for client in "${clients[@]}"; do
    printf '$ GET http://127.0.0.1:%s/instances   (%s)\n' "$server_port" "$client"
    out=$(HTTP_CLIENT=$client http_get "$server_port" /instances 2>&1)
    status=$?
    printf '%s\n' "${out//$'\r'/}"
    expect "06 GET /instances with $client" '^HTTP/1.1 200 OK' '^Content-Type: application/json' \
      '^\[\{"InstanceId":"i-[0-9a-z]+","Status":"[A-Za-z]+","InstanceType":"ecs.g7.large","ZoneId":"cn-hangzhou-h"\}' \
      "${cli_instances[@]/#/\"InstanceId\":\"}"
  done
  printf '$ GET http://127.0.0.1:%s/elsewhere\n' "$server_port"
  out=$(http_get "$server_port" /elsewhere 2>&1)
  status=$?
  printf '%s\n' "${out//$'\r'/}"
  expect "06 GET /elsewhere" '^HTTP/1.1 404 Not Found'
  printf '$ kill -TERM %s\n' "$server_pid"
  stop "$server_pid"
  status=$?
  server_pid=
  sed 1d "$dir/server.out"
  [[ $status -eq 0 ]] || fail "06: exit status $status after SIGTERM"
  grep -q '^signal 15: stopping$' "$dir/server.out" || fail "06: did not report the signal"
else
  fail "06: did not print its port"
  cat "$dir/server.out"
fi

section "07_go_async"
run "${program[alicloud-sample-07-go-async]}"
expect "07" '^WithChan: [0-9]+ instances \(RequestId [0-9A-F-]{36}\)$' '^WithCallback: [0-9]+ instances$' \
  '^blocker: 1$' '^after shutdown: .*\(== errc::shut_down\)$'

section "08_timeout_model"
run "${program[alicloud-sample-08-timeout-model]}"
expect "08" '^timeout 5000 ms: result: i-[0-9a-z]+ Running after [0-9]+ polls, [0-9]+ ms$' \
  '^timeout 100 ms: timed out after [0-9]+ ms' '^  io_context out of work: nothing of the task left running$' \
  '^DeleteInstances 2: done$'
[[ $(grep -c '^  io_context out of work' <<<"$out") -eq 2 ]] || fail "08: expected both tasks to end"

section "09_fan_out_handler"
run "${program[alicloud-sample-09-fan-out-handler]}"
expect "09" '^request t-1 \(5 s deadline\): [0-9]+ found; [0-9]+ not found; in [0-9]+ ms$' \
  '^  e.g. .*InvalidInstanceId.NotFound.*\[x-trace-id=t-1\]$' '^request t-2 \(cancelled\): 20 cancelled; in [0-9]+ ms$' \
  '^  e.g. .*context was cancelled.*\[x-trace-id=t-2\]$'

# control <METHOD> <path> [JSON body]: the emulator's control API, over plain HTTP.
control() {
  local fd body=${3:-}
  exec {fd}<>"/dev/tcp/127.0.0.1/$control_port" || return 1
  printf '%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "$1" "$2" "${#body}" "$body" >&"$fd"
  timeout 10 cat <&"$fd" | sed '1,/^\r$/d'
  exec {fd}>&-
}
# left_behind: the ids sample 10 printed that the emulator still has.
left_behind() {
  local state id
  state=$(control GET /_emulator/resources)
  for id in $(grep -Eo '\b(vpc|vsw|sg|eip|i)-[0-9a-z]+\b' <<<"$out" | sort -u); do
    [[ $state == *"\"$id\""* ]] && echo "$id"
  done
}

section "10_network_and_instance"
run "${program[alicloud-sample-10-network-and-instance]}"
expect "10" '^CreateVpc: vpc-[0-9a-z]+ 10.0.0.0/16$' '^DescribeVpcs: vpc-[0-9a-z]+ Available$' \
  '^CreateVSwitch: vsw-[0-9a-z]+ 10.0.1.0/24 in ' '^CreateSecurityGroup: sg-[0-9a-z]+, ingress 22/tcp from ' \
  '^RunInstances: launched i-[0-9a-z]+ i-[0-9a-z]+$' '^DescribeInstanceStatus: 2/2 Running$' \
  '^AllocateEipAddress: eip-[0-9a-z]+ [0-9.]+$' '^  i-[0-9a-z]+  10\.0\.1\.[0-9]+  [0-9.]+  vsw-' \
  '^  i-[0-9a-z]+  10\.0\.1\.[0-9]+  -  vsw-' '^deleted VPC vpc-' '^torn down: nothing left$'
[[ -z $(left_behind) ]] || fail "10: left behind: $(left_behind)"

section "10_network_and_instance: a step fails in the middle (AllocateEipAddress refused)"
rule=$(control POST /_emulator/faults \
  '{"action":"AllocateEipAddress","kind":"http_error","status":400,"code":"QuotaExceeded.Eip","message":"The EIP quota is exceeded."}')
echo "fault added: $rule"
run "${program[alicloud-sample-10-network-and-instance]}"
[[ $status -eq 1 ]] || fail "10 with a failed step: exit status $status, not 1"
grep -q '^failed: .*QuotaExceeded.Eip' <<<"$out" || fail "10 with a failed step: no failure reported"
grep -q '^RunInstances: launched' <<<"$out" || fail "10 with a failed step: it failed before the instances"
grep -q '^torn down: nothing left$' <<<"$out" || fail "10 with a failed step: not torn down"
[[ -z $(left_behind) ]] || fail "10 with a failed step: left behind: $(left_behind)"
control DELETE "/_emulator/faults/$(grep -Eo '"id":[0-9]+' <<<"$rule" | cut -d: -f2)" >/dev/null

section "10_network_and_instance: interrupted (SIGINT) while waiting for the instances"
rule=$(control POST /_emulator/faults '{"action":"DescribeInstanceStatus","latency_ms":3000}')
echo "fault added: $rule"
printf '$ %s &   (then SIGINT once it has launched)\n' alicloud-sample-10-network-and-instance
"${program[alicloud-sample-10-network-and-instance]}" >"$dir/sample10.out" 2>&1 &
sample_pid=$!
if wait_for 20 grep -q '^RunInstances: launched' "$dir/sample10.out"; then
  kill -INT "$sample_pid"
  wait_for 30 exited "$sample_pid" || kill -KILL "$sample_pid"
  wait "$sample_pid"
  status=$?
  out=$(cat "$dir/sample10.out")
  printf '%s\n' "$out"
  [[ $status -eq 1 ]] || fail "10 interrupted: exit status $status, not 1"
  grep -q '^signal 2: stopping' <<<"$out" || fail "10 interrupted: the signal was not reported"
  grep -q '^interrupted: ' <<<"$out" || fail "10 interrupted: the wait was not cancelled"
  grep -q '^torn down: nothing left$' <<<"$out" || fail "10 interrupted: not torn down"
  [[ -z $(left_behind) ]] || fail "10 interrupted: left behind: $(left_behind)"
else
  fail "10 interrupted: it did not launch"
  cat "$dir/sample10.out"
  kill -KILL "$sample_pid"
fi
control DELETE "/_emulator/faults/$(grep -Eo '"id":[0-9]+' <<<"$rule" | cut -d: -f2)" >/dev/null

section "emulator: stop"
echo "\$ kill -TERM $emulator_pid"
stop "$emulator_pid"
status=$?
emulator_pid=
[[ $status -eq 0 ]] || fail "the emulator exited with status $status after SIGTERM"
echo "the emulator exited with status $status"

echo
if ((failures != 0)); then
  echo "$failures check(s) failed; the emulator's log:"
  cat "$dir/emulator.log"
  exit 1
fi
echo "all samples and alicloud calls passed"
