#!/usr/bin/env bash
# The alicloud tool knows VPC, STS and RAM as it knows ECS: --help lists each
# product's actions (exactly its schema's), an action's parameters; typos get
# the nearest names; a missing required parameter or a wrong type is refused
# before anything is sent (the emulator's log shows nothing); --region finds
# each product's host as its official SDK does (RAM: one central host); and
# complete calls reach the emulator and answer.
# usage: products_test.sh <alicloud> <alicloud-ecs-emulator> <schemas folder>
set -u
cli=$1 emulator=$2 schemas=$3
source "$(dirname "$0")/harness.sh"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE
export ALIBABA_CLOUD_CREDENTIALS_FILE=$dir/none COLUMNS=80
keys=(--access-key-id a --access-key-secret b)

expect_error() { # what needle args...: exit status 2, the needle on stderr, nothing on stdout
  local what=$1 needle=$2; shift 2
  local err status
  err=$("$cli" "$@" 2>&1 >"$dir/stdout"); status=$?
  [[ $status -eq 2 && "$err" == *"$needle"* ]] || fail "$what: status $status, stderr: $err"
  [[ ! -s $dir/stdout ]] || fail "$what: printed $(cat "$dir/stdout")"
}
has() { grep -Eq -- "$2" <<<"$1" || fail "$3: no line matching $2"; }

# --- each product's --help: its schema's actions, each once -------------------------------------
for spec in "vpc VPC 2016-04-28 402" "sts STS 2015-04-01 3" "ram RAM 2015-05-01 61"; do
  read -r product title version count <<<"$spec"
  out=$("$cli" "$product" --help) || fail "$product --help: exit $?"
  grep -q "^$title API $version: $count actions" <<<"$out" || fail "$product --help: the header: $(head -5 <<<"$out")"
  listing=$(sed -n '/actions, by verb$/,$p' <<<"$out" | tail -n +2)
  actions=$(grep -oE '\b[A-Z][A-Za-z0-9]*\b' <<<"$listing" | grep -E '[a-z0-9][A-Z]|^[A-Z][a-z]+[A-Z]' || true)
  if command -v python3 >/dev/null; then
    diff <(sort -u <<<"$actions") \
         <(python3 -c 'import json, sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["operations"])))' \
             "$schemas/$product-$version.json") >/dev/null \
      || fail "$product --help lists other actions than the schema's"
  fi
done

# --- an action's parameters ---------------------------------------------------------------------
out=$("$cli" vpc CreateVSwitch --help) || fail "CreateVSwitch --help: exit $?"
has "$out" '^usage: alicloud \[options\] vpc CreateVSwitch ' "CreateVSwitch --help"
has "$out" '^  --VpcId +String +required$' "CreateVSwitch --help"
has "$out" '^  --ZoneId +String +required$' "CreateVSwitch --help"
has "$out" '^  --CidrBlock +String$' "CreateVSwitch --help"
out=$("$cli" vpc GrantInstanceToVbr --help) || fail "GrantInstanceToVbr --help: exit $?"
has "$out" '^  --VbrInstanceIds +String$' "GrantInstanceToVbr --help (one comma-separated parameter)"
out=$("$cli" sts AssumeRole --help) || fail "AssumeRole --help: exit $?"
has "$out" '^  --RoleArn +String +required$' "AssumeRole --help"
has "$out" '^  --DurationSeconds +Long \(int64\)$' "AssumeRole --help"
# RAM's schema marks no parameter required (nor does its SDK check any): its
# types are checked.
out=$("$cli" ram CreateUser --help) || fail "CreateUser --help: exit $?"
has "$out" '^  --UserName +String$' "CreateUser --help"
has "$("$cli" ram ListUsers --help)" '^  --MaxItems +Long \(int64\)$' "ListUsers --help"

# --- refused before sending ---------------------------------------------------------------------
expect_error "vpc action typo" "vpc has no action 'CreateVswitch' in API version 2016-04-28; did you mean CreateVSwitch?" \
  --print-request "${keys[@]}" vpc CreateVswitch
expect_error "ram parameter case" "CreateUser has no parameter --Username; did you mean --UserName?" \
  --print-request "${keys[@]}" ram CreateUser --Username u
expect_error "sts required" "AssumeRole needs --RoleArn" --print-request "${keys[@]}" sts AssumeRole --RoleSessionName s
expect_error "vpc wrong type" "--PageSize takes an Integer (int32)" \
  --print-request "${keys[@]}" --region cn-hangzhou vpc DescribeVpcs --PageSize many
expect_error "unknown product" "unknown product 'oss' (known: ecs, ram, sts, vpc)" --print-request "${keys[@]}" oss ListBuckets

# --- each product's host, as its official SDK resolves it ----------------------------------------
host_of() { "$cli" --print-request "${keys[@]}" "$@" | sed -n 's/^host: //p' | tr -d '\r' | head -1; }
[[ $(host_of --region cn-shanghai vpc DescribeVpcs) == vpc.cn-shanghai.aliyuncs.com ]] \
  || fail "vpc in cn-shanghai: $(host_of --region cn-shanghai vpc DescribeVpcs)"
[[ $(host_of --region cn-shanghai ram ListUsers) == ram.aliyuncs.com ]] \
  || fail "ram in cn-shanghai is central: $(host_of --region cn-shanghai ram ListUsers)"
[[ $(host_of ram ListUsers) == ram.aliyuncs.com ]] || fail "ram without a region: $(host_of ram ListUsers)"
[[ $(host_of --region cn-shanghai sts AssumeRole --RoleArn a --RoleSessionName s) == sts.cn-shanghai.aliyuncs.com ]] \
  || fail "sts in cn-shanghai: $(host_of --region cn-shanghai sts AssumeRole --RoleArn a --RoleSessionName s)"

# --- against the emulator: refused calls never arrive, complete ones answer ----------------------
start_emulator "$emulator"
send=(--endpoint "https://127.0.0.1:$port" --ca-file "$dir/ca.pem" --access-key-id testid --access-key-secret testsecret)
expect_error "sent: VpcId missing" "CreateVSwitch needs --VpcId" "${send[@]}" --region cn-hangzhou vpc CreateVSwitch \
  --ZoneId cn-hangzhou-i --CidrBlock 10.0.1.0/24
expect_error "sent: a wrong type" "--MaxItems takes a Long (int64)" "${send[@]}" ram ListUsers --MaxItems many
log=$(requests)
for action in CreateVSwitch ListUsers; do
  [[ "$log" != *"\"action\":\"$action\""* ]] || fail "a refused $action reached the emulator: $log"
done
out=$("$cli" "${send[@]}" --region cn-hangzhou vpc DescribeVpcs) || fail "vpc DescribeVpcs: exit $?"
grep -q '"RequestId"' <<<"$out" || fail "vpc DescribeVpcs answered: $out"
out=$("$cli" "${send[@]}" ram ListUsers) || fail "ram ListUsers: exit $?"
grep -q '"Users"' <<<"$out" || fail "ram ListUsers answered: $out"
out=$("$cli" "${send[@]}" sts AssumeRole --RoleArn acs:ram::123456789012:role/test-role --RoleSessionName cli) \
  || fail "sts AssumeRole: exit $?"
grep -q '"SecurityToken"' <<<"$out" || fail "sts AssumeRole answered: $out"
log=$(requests)
for action in DescribeVpcs ListUsers AssumeRole; do
  [[ "$log" == *"\"action\":\"$action\""* ]] || fail "$action was not logged: $log"
done

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI product checks passed"
