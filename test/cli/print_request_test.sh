#!/usr/bin/env bash
# The alicloud command-line tool against the official vectors and its own rules.
# usage: print_request_test.sh <path-to-alicloud>
set -u
cli=$1
failures=0
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE
# No profile file either, unless a test writes one.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ALIBABA_CLOUD_CREDENTIALS_FILE=$dir/credentials

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has_line() { grep -Fxq -- "$2" <<<"$1" || fail "$3: missing line: $2"; }

# OFFICIAL-1 (ecs-api.md §1.7), V1 GET.
out=$("$cli" --print-request --signature v1 --method GET --access-key-id testid --access-key-secret testsecret \
      --timestamp 2016-02-23T12:46:24Z --nonce 3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf \
      ecs DescribeRegions --Format XML) || fail "OFFICIAL-1: exit status $?"
has_line "$out" 'StringToSign: GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26' OFFICIAL-1
has_line "$out" 'Signature: OLeaidS1JvxuMvnyHOwuJ+uX5qY=' OFFICIAL-1
has_line "$out" 'GET https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D' OFFICIAL-1

# OFFICIAL-3 with POST: a form body by default.
out=$("$cli" --print-request --signature v1 --method POST --access-key-id testid --access-key-secret testsecret \
      --timestamp 2023-03-13T08:34:30Z --nonce edb2b34af0af9a6d14deaf7c1a5315eb --region cn-beijing \
      --endpoint ecs.aliyuncs.com ecs DescribeDedicatedHosts) || fail "OFFICIAL-3: exit status $?"
has_line "$out" 'Signature: ZvQ9xGiFnquSJRvj+WE6kdSpTwU=' OFFICIAL-3
has_line "$out" 'POST https://ecs.aliyuncs.com/' OFFICIAL-3
has_line "$out" 'content-type: application/x-www-form-urlencoded' OFFICIAL-3

# V3-OFFICIAL (ecs-api.md §2.4): the canonical request, StringToSign and Authorization.
out=$("$cli" --print-request --access-key-id YourAccessKeyId --access-key-secret YourAccessKeySecret \
      --endpoint ecs.cn-shanghai.aliyuncs.com --timestamp 2023-10-26T10:22:32Z \
      --nonce 3156853299f313e23d1673dc12e1703d \
      ecs RunInstances --ImageId win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd --RegionId cn-shanghai) \
  || fail "V3-OFFICIAL: exit status $?"
expected_v3='CanonicalRequest:
POST
/
ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
host:ecs.cn-shanghai.aliyuncs.com
x-acs-action:RunInstances
x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-date:2023-10-26T10:22:32Z
x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
x-acs-version:2014-05-26

host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
StringToSign: ACS3-HMAC-SHA256
7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259
Authorization: ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'
[[ "$out" == "$expected_v3"* ]] || fail "V3-OFFICIAL: signing block differs:
$out"
has_line "$out" 'POST https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai' V3-OFFICIAL

# No parameter beyond the common ones unless asked for: no RegionId without --region/--RegionId.
out=$("$cli" --print-request --signature v1 --access-key-id a --access-key-secret b ecs DescribeRegions)
url=$(grep '^GET ' <<<"$out")
names=$(sed 's/^GET [^?]*?//' <<<"$url" | tr '&' '\n' | cut -d= -f1 | sort | tr '\n' ' ')
[[ "$names" == "AccessKeyId Action Format Signature SignatureMethod SignatureNonce SignatureVersion Timestamp Version " ]] \
  || fail "V1 adds only common parameters, got: $names"
out=$("$cli" --print-request --signature v1 --access-key-id a --access-key-secret b --region cn-hangzhou ecs DescribeZones)
grep -q '&RegionId=cn-hangzhou&' <<<"$out" || fail "--region adds RegionId"
grep -q '^GET https://ecs-cn-hangzhou.aliyuncs.com/' <<<"$out" || fail "--region picks the region's endpoint from the official tables"
# ...to an action that takes one: DescribeRegions has no RegionId.
out=$("$cli" --print-request --signature v1 --access-key-id a --access-key-secret b --region cn-hangzhou ecs DescribeRegions) \
  || fail "--region with an action without RegionId: exit $?"
[[ "$out" != *RegionId=* ]] || fail "--region adds RegionId only where the action takes one: $out"
grep -q '^GET https://ecs-cn-hangzhou.aliyuncs.com/' <<<"$out" || fail "--region picks the endpoint all the same"
out=$("$cli" --print-request --access-key-id a --access-key-secret b ecs DescribeRegions)
grep -q '^POST https://ecs.aliyuncs.com/$' <<<"$out" || fail "V3 without parameters sends an empty query: $out"

# Credentials from the profile file (--profile, or ALIBABA_CLOUD_PROFILE, or default); the environment first.
printf '[default]\ntype = access_key\naccess_key_id = from-default\naccess_key_secret = x\n[ci]\ntype = access_key\naccess_key_id = from-ci\naccess_key_secret = y\n' \
  >"$ALIBABA_CLOUD_CREDENTIALS_FILE"
out=$("$cli" --print-request --profile ci ecs DescribeRegions)
grep -q 'Credential=from-ci,' <<<"$out" || fail "--profile ci: $out"
out=$("$cli" --print-request ecs DescribeRegions)
grep -q 'Credential=from-default,' <<<"$out" || fail "default profile: $out"
out=$(ALIBABA_CLOUD_ACCESS_KEY_ID=from-env ALIBABA_CLOUD_ACCESS_KEY_SECRET=z "$cli" --print-request ecs DescribeRegions)
grep -q 'Credential=from-env,' <<<"$out" || fail "the environment before the profile: $out"

# STS token: SecurityToken in V1, x-acs-security-token in V3.
out=$("$cli" --print-request --signature v1 --access-key-id STS.a --access-key-secret b --security-token tok ecs DescribeRegions)
grep -q '&SecurityToken=tok&' <<<"$out" || fail "V1 STS token"
out=$("$cli" --print-request --access-key-id STS.a --access-key-secret b --security-token tok ecs DescribeRegions)
has_line "$out" 'x-acs-security-token: tok' "V3 STS token"

# Without --print-request it sends: a refused connection is exit status 1 and says why.
err=$("$cli" --access-key-id a --access-key-secret b --endpoint http://127.0.0.1:1 ecs DescribeRegions 2>&1 >/dev/null); status=$?
[[ $status -eq 1 && "$err" == *"ERROR: connecting to 127.0.0.1:1"* ]] || fail "send to a closed port: $status $err"

# Bad input: exit status 2 and a message naming what was wrong.
expect_error() {
  local what=$1 needle=$2; shift 2
  local err status
  err=$("$cli" "$@" 2>&1 >/dev/null); status=$?
  [[ $status -eq 2 && "$err" == *"$needle"* ]] || fail "$what: status $status, stderr: $err"
}
ALIBABA_CLOUD_CREDENTIALS_FILE=$dir/none expect_error "no credentials" "unable to get credentials from any provider of the chain: env: ALIBABA_CLOUD_ACCESS_KEY_ID is not set; profile: " \
  --print-request ecs DescribeRegions
expect_error "no such profile" "no profile [nosuch]" --print-request --profile nosuch ecs DescribeRegions
expect_error "no secret" "AccessKeySecret" --print-request --access-key-id a ecs DescribeRegions
expect_error "unknown product" "unknown product 'nosuch'" --print-request nosuch DescribeRegions
expect_error "missing action" "expected <product> <Action>" --print-request ecs
expect_error "bad signature flag" "--signature must be v1 or v3" --signature v2 ecs DescribeRegions
expect_error "bad timestamp" "Timestamp" --print-request --access-key-id a --access-key-secret b --timestamp yesterday ecs DescribeRegions
expect_error "bad endpoint" "invalid endpoint" --print-request --access-key-id a --access-key-secret b --endpoint ftp://x ecs DescribeRegions
expect_error "unknown region" "unknown region 'xx-nowhere-1'" --print-request --access-key-id a --access-key-secret b --region xx-nowhere-1 ecs DescribeRegions
expect_error "parameter without value" "parameter --RegionId needs a value" --print-request ecs DescribeRegions --RegionId
# The signer's own defences, past the catalog's check (--force).
expect_error "CR/LF in the action" "Action" --print-request --force --access-key-id a --access-key-secret b ecs $'Describe\r\nX: y'
expect_error "invalid UTF-8 value" "not valid UTF-8" --print-request --access-key-id a --access-key-secret b ecs DescribeInstances \
  --RegionId cn-hangzhou --InstanceName $'\xff'

# The environment supplies credentials when the flags do not.
out=$(ALIBABA_CLOUD_ACCESS_KEY_ID=envid ALIBABA_CLOUD_ACCESS_KEY_SECRET=envsecret "$cli" --print-request ecs DescribeRegions) \
  || fail "credentials from the environment"
grep -q 'Credential=envid,' <<<"$out" || fail "credentials from the environment: $out"

"$cli" --help | grep -q '^usage: alicloud' || fail "--help"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI checks passed"
