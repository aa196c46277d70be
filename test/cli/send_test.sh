#!/usr/bin/env bash
# The alicloud tool sending to the emulator over verified HTTPS.
# usage: send_test.sh <alicloud> <alicloud-ecs-emulator>
set -u
cli=$1 emulator=$2
source "$(dirname "$0")/harness.sh"

token='CAIS+scan/Token=Value' secret='Scan/Secret+Value=42'
start_emulator "$emulator" --sts-credential "STS.scan:$secret:$token"
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

# A hostile server: control characters (C0, ESC sequences, DEL, C1) in every
# field reach the terminal escaped, and a number too large for a double is
# printed as the service wrote it - never raw escapes, never "Infinity".
control() { # method target [json]: the emulator's control API
  local body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$http_port" &&
    printf '%s %s HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
      "$1" "$2" "${#body}" "$body" >&3 && cat <&3
  exec 3<&-
}
has_control() { LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' <<<"$1"; }
control POST /_emulator/faults '{"action":"DescribeRegions","kind":"body","status":400,"times":1,"body":
  "{\"RequestId\":\"\\u001b]0;owned\\u0007ID\",\"Code\":\"Bad\\u001b[2J\",\"Message\":\"gone\\u009b2J\\u007f\\r!\",\"Recommend\":\"\\u001b[31mred\"}"}' \
  | grep -q '"id"' || fail "the body fault was refused"
err=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" ecs DescribeRegions 2>&1 >/dev/null); status=$?
[[ $status -eq 1 ]] || fail "a hostile service error exits 1, got $status"
has_control "$err" && fail "control characters reached the terminal: $(od -c <<<"$err" | head -20)"
grep -qF 'ERROR: HTTP 400 Bad\x1B[2J: gone\u009B2J\x7F\r!' <<<"$err" || fail "escaped Code and Message: $err"
grep -qF 'RequestId: \x1B]0;owned\x07ID' <<<"$err" || fail "escaped RequestId: $err"
grep -qF 'Recommend: \x1B[31mred' <<<"$err" || fail "escaped Recommend: $err"

control POST /_emulator/faults '{"action":"DescribeRegions","kind":"body","times":1,"body":
  "{\"RequestId\":\"R\",\"Name\":\"a\\u001b[2Jb\\u009bc\\u007fd\\u0000e\\n\",\"TotalCount\":1e400,\"Tiny\":-1E-400,\"Big\":123456789012345678901234567890,\"Ratio\":0.5,\"Nested\":{\"\\u001bkey\":[true,null,{},[]]}}"}' \
  | grep -q '"id"' || fail "the body fault was refused"
out=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" ecs DescribeRegions) || fail "a hostile answer: exit $?"
has_control "$out" && fail "control characters reached the terminal: $(od -c <<<"$out" | head -20)"
grep -qF '"Name": "a\u001b[2Jb\u009bc\u007fd\u0000e\n"' <<<"$out" || fail "control characters escaped in JSON: $out"
grep -qF '"\u001bkey": [' <<<"$out" || fail "control characters escaped in keys: $out"
[[ "$out" != *Infinity* ]] || fail "Infinity is not JSON: $out"
for number in '"TotalCount": 1e400' '"Tiny": -1E-400' '"Big": 123456789012345678901234567890' '"Ratio": 0.5'; do
  grep -qF "$number" <<<"$out" || fail "$number as the service sent it: $out"
done
expected='{
  "RequestId": "R",
  "Name": "a\u001b[2Jb\u009bc\u007fd\u0000e\n",
  "TotalCount": 1e400,
  "Tiny": -1E-400,
  "Big": 123456789012345678901234567890,
  "Ratio": 0.5,
  "Nested": {
    "\u001bkey": [
      true,
      null,
      {},
      []
    ]
  }
}'
[[ "$out" == "$expected" ]] || fail "indented as before: $out"

control POST /_emulator/faults '{"action":"DescribeRegions","kind":"body","times":1,"body":"{\"RequestId\":\"R\",\"a\":[1,}\u001b[2J"}' \
  | grep -q '"id"' || fail "the body fault was refused"
err=$("$cli" "${common[@]}" --ca-file "$dir/ca.pem" ecs DescribeRegions 2>&1 >/dev/null); status=$?
[[ $status -eq 1 ]] || fail "an answer that is not JSON exits 1, got $status"
has_control "$err" && fail "control characters reached the terminal: $(od -c <<<"$err" | head -20)"
[[ "$err" == "ERROR: malformed response: HTTP 200, "*'\x1B[2J'* ]] || fail "an answer that is not JSON: $err"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; cat "$dir/log"; exit 1; fi
echo "all CLI send checks passed"
