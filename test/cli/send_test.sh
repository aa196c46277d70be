#!/usr/bin/env bash
# The alicloud tool sending to the emulator over verified HTTPS.
# usage: send_test.sh <alicloud> <alicloud-ecs-emulator>
set -u
cli=$1 emulator=$2
dir=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$emulator" --listen 127.0.0.1:0 --port-file "$dir/ports" --write-ca "$dir/ca.pem" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -s $dir/ports ]] && break; sleep 0.1; done
port=$(awk '$1=="https"{print $2}' "$dir/ports")
[[ -n $port ]] || { echo "the emulator did not start"; cat "$dir/log"; exit 1; }
common=(--endpoint "https://127.0.0.1:$port" --access-key-id testid --access-key-secret testsecret)
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN

out=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" ecs DescribeRegions) || fail "DescribeRegions: exit $?"
grep -q '"RegionId": "cn-hangzhou"' <<<"$out" || fail "DescribeRegions prints the JSON answer: $out"

out=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" --signature v1 ecs DescribeInstances --RegionId cn-hangzhou) \
  || fail "V1 DescribeInstances: exit $?"
grep -q '"TotalCount": 0' <<<"$out" || fail "V1 DescribeInstances: $out"

err=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" ecs DescribeInstanceAttribute --InstanceId i-nosuch 2>&1 >/dev/null); status=$?
[[ $status -eq 1 ]] || fail "a service error exits 1, got $status"
grep -q '^ERROR: HTTP 404 InvalidInstanceId.NotFound: The specified InstanceId does not exist.$' <<<"$err" || fail "error line: $err"
grep -Eq '^RequestId: [0-9A-F-]{36}$' <<<"$err" || fail "RequestId line: $err"

err=$("$cli" "${common[@]}" ecs DescribeRegions 2>&1 >/dev/null); status=$?
[[ $status -eq 1 && "$err" == *"certificate verify failed"* ]] || fail "an untrusted certificate is refused: $status $err"
"$cli" "${common[@]}" --insecure ecs DescribeRegions >/dev/null || fail "--insecure"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; cat "$dir/log"; exit 1; fi
echo "all CLI send checks passed"
