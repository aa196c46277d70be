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

token='CAIS+scan/Token=Value' secret='Scan/Secret+Value=42'
"$emulator" --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --port-file "$dir/ports" --write-ca "$dir/ca.pem" \
  --access-key testid:testsecret --sts-credential "STS.scan:$secret:$token" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -s $dir/ports ]] && break; sleep 0.1; done
port=$(awk '$1=="https"{print $2}' "$dir/ports")
http_port=$(awk '$1=="http"{print $2}' "$dir/ports")
[[ -n $port ]] || { echo "the emulator did not start"; cat "$dir/log"; exit 1; }
common=(--endpoint "https://127.0.0.1:$port" --access-key-id testid --access-key-secret testsecret)
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE \
  ALIBABA_CLOUD_ECS_METADATA ALIBABA_CLOUD_ECS_METADATA_DISABLED ALIBABA_CLOUD_IMDSV1_DISABLED ALIBABA_CLOUD_STS_REGION
export ALIBABA_CLOUD_CREDENTIALS_FILE=$dir/credentials

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

# No keys given: the chain finds the instance's RAM role at the metadata service.
at=(--endpoint "https://127.0.0.1:$port" --ca-file "$dir/ca.pem")
out=$("$cli" "${at[@]}" --metadata-endpoint "http://127.0.0.1:$http_port" ecs DescribeRegions) \
  || fail "the instance role's credentials: exit $?"
grep -q '"RegionId": "cn-hangzhou"' <<<"$out" || fail "DescribeRegions with the instance role: $out"

# A ram_role_arn profile assumes its role at STS first.
printf '[ram]\ntype = ram_role_arn\naccess_key_id = testid\naccess_key_secret = testsecret\nrole_arn = %s\n' \
  'acs:ram::123456789012:role/test-role' >"$dir/credentials"
out=$("$cli" "${at[@]}" --profile ram --sts-endpoint "https://127.0.0.1:$port" ecs DescribeRegions) \
  || fail "a ram_role_arn profile: exit $?"
grep -q '"RegionId": "cn-hangzhou"' <<<"$out" || fail "DescribeRegions with a ram_role_arn profile: $out"
requests() { # the emulator's request log, without a tool the project does not depend on
  exec 3<>"/dev/tcp/127.0.0.1/$http_port" && printf 'GET /_emulator/requests HTTP/1.0\r\nHost: x\r\n\r\n' >&3 && cat <&3
  exec 3<&-
}
grep -q '"action":"AssumeRole"' < <(requests) \
  || fail "the profile's role was assumed at the emulator's STS"

# What the tool writes on failure shows neither the secret nor the token, in
# any encoding - though the service quotes the token it was signed with.
for sig in v1 v3; do
  err=$(ALIBABA_CLOUD_ACCESS_KEY_ID=STS.scan ALIBABA_CLOUD_ACCESS_KEY_SECRET='Wrong/Secret+1=' \
        ALIBABA_CLOUD_SECURITY_TOKEN="$token" "$cli" "${at[@]}" --signature $sig ecs DescribeRegions 2>&1 >/dev/null)
  [[ "$err" == *SignatureDoesNotMatch* ]] || fail "$sig: a wrong secret is refused: $err"
  for form in "$token" 'CAIS%2Bscan%2FToken%3DValue' 'CAIS%252Bscan%252FToken%253DValue' 'Wrong/Secret+1=' \
              'Wrong%2FSecret%2B1%3D'; do
    [[ "$err" != *"$form"* ]] || fail "$sig: the tool showed $form: $err"
  done
done

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; cat "$dir/log"; exit 1; fi
echo "all CLI send checks passed"
