#!/usr/bin/env bash
# The alicloud tool knows every ECS operation: --help lists the 380 actions and
# each one's parameters; a typo of an action or a parameter is refused with the
# nearest names; a missing required parameter or a value of the wrong type is
# refused before anything is sent - the emulator's request log shows nothing.
# usage: catalog_test.sh <alicloud> <alicloud-ecs-emulator> <ecs schema JSON>
set -u
cli=$1 emulator=$2 schema=$3
source "$(dirname "$0")/harness.sh"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE
export ALIBABA_CLOUD_CREDENTIALS_FILE=$dir/none COLUMNS=80
keys=(--access-key-id a --access-key-secret b)

# --- alicloud ecs --help: every action once, grouped by verb ------------------------------------
out=$("$cli" ecs --help) || fail "ecs --help: exit $?"
grep -q '^ECS API 2014-05-26: 380 actions' <<<"$out" || fail "ecs --help: the header: $out"
listing=$(sed -n '/actions, by verb$/,$p' <<<"$out" | tail -n +2)
# An action has two capitalised words at least; a verb's label one.
actions=$(grep -oE '\b[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*\b' <<<"$listing")
[[ $(wc -l <<<"$actions") -eq 380 ]] || fail "ecs --help lists $(wc -l <<<"$actions") actions, not 380"
[[ $(sort -u <<<"$actions" | wc -l) -eq $(wc -l <<<"$actions") ]] || fail "ecs --help lists an action twice"
# Each line's actions begin with the verb of its group (the label of its first line).
bad=$(awk '{ first = 1 } $0 !~ /^ / { verb = $1; first = 2 } { for (i = first; i <= NF; i++) if (index($i, verb) != 1) print $i " not under " verb }' <<<"$listing")
[[ -z $bad ]] || fail "ecs --help groups by verb: $bad"
grep -qE '^Describe +Describe' <<<"$listing" || fail "ecs --help: a Describe group: $listing"
long=$(awk 'length($0) > 80' <<<"$out")
[[ -z $long ]] || fail "ecs --help fits COLUMNS=80: $long"
if command -v python3 >/dev/null; then
  # Exactly the schema's operations.
  diff <(sort <<<"$actions") <(python3 -c 'import json, sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["operations"])))' "$schema") \
    || fail "ecs --help lists other actions than the schema's"
fi

# --- alicloud ecs <Action> --help: wire names, types, required --------------------------------
has() { grep -Eq -- "$2" <<<"$1" || fail "$3: no line matching $2"; }
out=$("$cli" ecs RunInstances --help) || fail "RunInstances --help: exit $?"
has "$out" '^usage: alicloud \[options\] ecs RunInstances ' "RunInstances --help"
has "$out" '^  --RegionId +String +required \(or --region\)$' "RunInstances --help"
has "$out" '^  --Tag\.N\.Key +String +required in each Tag\.N$' "RunInstances --help"
has "$out" '^  --Tag\.N\.Value +String$' "RunInstances --help"
has "$out" '^  --SecurityGroupIds\.N +String$' "RunInstances --help"
has "$out" '^  --NetworkInterface\.N\.SecurityGroupIds\.N +String$' "RunInstances --help"
has "$out" '^  --SystemDisk\.Size +Integer \(int32\)$' "RunInstances --help"
has "$out" '^  --SystemDisk\.ProvisionedIops +Long \(int64\)$' "RunInstances --help"
has "$out" '^  --SpotPriceLimit +Double$' "RunInstances --help"
has "$out" '^  --DryRun +Boolean$' "RunInstances --help"
has "$out" '^  --ImageId +String$' "RunInstances --help" # required only without a launch template
out=$("$cli" ecs DescribeInstances --help) || fail "DescribeInstances --help: exit $?"
has "$out" '^  --InstanceIds +JSON array$' "DescribeInstances --help"
has "$out" '^  --PageSize +Integer \(int32\)$' "DescribeInstances --help"
has "$out" '^  --OwnerId +Long \(int64\)$' "DescribeInstances --help"
has "$out" "^A JSON parameter takes one JSON text: " "DescribeInstances --help"
has "$out" '^Common parameters, which any action takes' "DescribeInstances --help"
has "$out" '^  AccessKeyId Format SecurityToken ' "DescribeInstances --help"
out=$("$cli" ecs CreatePlanMaintenanceWindow --help) || fail "CreatePlanMaintenanceWindow --help: exit $?"
has "$out" '^  --TimePeriod +JSON object +required$' "CreatePlanMaintenanceWindow --help"
out=$("$cli" ecs StopInstance --help) || fail "StopInstance --help: exit $?"
has "$out" '^  --InstanceId +String +required$' "StopInstance --help"
out=$("$cli" ecs DeleteInstances --help) || fail "DeleteInstances --help: exit $?"
has "$out" '^  --InstanceId\.N +String +required: at least one$' "DeleteInstances --help"
out=$("$cli" ecs ResetDisks --help) || fail "ResetDisks --help: exit $?"
has "$out" '^    Disk\.N +Object +required: at least one$' "ResetDisks --help"
if command -v python3 >/dev/null; then
  # Every parameter, as the official SDK sends it with one element per list.
  for action in RunInstances DescribeInstances AuthorizeSecurityGroup CreatePlanMaintenanceWindow; do
    diff <("$cli" ecs "$action" --help | sed -n 's/^  --\([^ ]*\) .*/\1/p' | sort) \
         <(python3 -c 'import json, re, sys
ops = json.load(open(sys.argv[1]))["operations"]
print("\n".join(sorted({re.sub(r"\.[0-9]+(?=\.|$)", ".N", k) for k in ops[sys.argv[2]]["wire"]["query"]})))' "$schema" "$action") \
      || fail "$action --help lists other parameters than the official SDK's keys"
  done
fi

# --- a name that is not there: refused, with the nearest ---------------------------------------
expect_error() { # what needle args...: exit status 2, the needle on stderr, nothing on stdout
  local what=$1 needle=$2; shift 2
  local err status
  err=$("$cli" "$@" 2>&1 >"$dir/stdout"); status=$?
  [[ $status -eq 2 && "$err" == *"$needle"* ]] || fail "$what: status $status, stderr: $err"
  [[ ! -s $dir/stdout ]] || fail "$what: printed $(cat "$dir/stdout")"
}
expect_error "action typo" "ecs has no action 'DescribeInstnces' in API version 2014-05-26; did you mean DescribeInstances?" \
  --print-request "${keys[@]}" ecs DescribeInstnces --RegionId cn-hangzhou
expect_error "action in lower case" "did you mean DescribeInstances?" --print-request "${keys[@]}" ecs describeinstances
expect_error "action typo with --help" "did you mean RunInstances?" ecs RunInstance --help
expect_error "part of actions" "did you mean JoinSecurityGroup, LeaveSecurityGroup, CreateSecurityGroup, DeleteSecurityGroup or RevokeSecurityGroup?" \
  --print-request "${keys[@]}" ecs SecurityGroup
expect_error "no action near" "ecs has no action 'Xyz' in API version 2014-05-26"$'\n' --print-request "${keys[@]}" ecs Xyz
expect_error "control characters in an unknown action, escaped" "no action 'Describe\\r\\nX: y'" \
  --print-request "${keys[@]}" ecs $'Describe\r\nX: y'
expect_error "parameter case" "DescribeInstances has no parameter --RegionID; did you mean --RegionId?" \
  --print-request "${keys[@]}" ecs DescribeInstances --RegionID cn-hangzhou
expect_error "parameter typo" "did you mean --PageSize?" --print-request "${keys[@]}" --region cn-hangzhou ecs DescribeInstances --PageSze 10
expect_error "list parameter typo, its element number kept" "did you mean --Tag.2.Key?" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs DescribeInstances --Tags.2.Key k
expect_error "element number 0" "has no parameter --Tag.0.Key" --print-request "${keys[@]}" --region cn-hangzhou ecs DescribeInstances --Tag.0.Key k
expect_error "a parameter of another action" "DescribeRegions has no parameter --InstanceId" \
  --print-request "${keys[@]}" ecs DescribeRegions --InstanceId i-1
expect_error "the tool's own option misspelt after the action" "did you mean --endpoint?" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs DescribeInstances --endpiont x
expect_error "Version is an option" "the API version is --api-version" --print-request "${keys[@]}" ecs DescribeRegions --Version 2016-11-11
expect_error "unknown product with --help" "unknown product 'nosuch'" nosuch --help

# --- required parameters -------------------------------------------------------------------------
expect_error "RegionId missing" "DescribeInstances needs --RegionId (or --region)" --print-request "${keys[@]}" ecs DescribeInstances
expect_error "RegionId empty" "--RegionId is required but empty" --print-request "${keys[@]}" ecs DescribeInstances --RegionId ''
expect_error "InstanceId missing" "StopInstance needs --InstanceId" --print-request "${keys[@]}" ecs StopInstance
expect_error "a required list" "DeleteInstances needs at least one InstanceId.N (--InstanceId.1 ...)" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs DeleteInstances
expect_error "a required list of objects" "ResetDisks needs at least one Disk.N (--Disk.1.DiskId ...)" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs ResetDisks
expect_error "a required member of a list element" "AddTags needs --Tag.2.Key, in each Tag.N" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs AddTags --ResourceId i-1 --ResourceType instance \
  --Tag.1.Key a --Tag.2.Value b
expect_error "a required JSON parameter" "CreatePlanMaintenanceWindow needs --TimePeriod" \
  --print-request "${keys[@]}" --region cn-hangzhou ecs CreatePlanMaintenanceWindow --Enable true --PlanWindowName w \
  --SupportMaintenanceAction a --TargetResource '{}'
# Supplied, they pass: --region gives RegionId.
out=$("$cli" --print-request "${keys[@]}" --region cn-hangzhou ecs DescribeInstances) || fail "RegionId from --region: exit $?"
grep -q 'RegionId=cn-hangzhou' <<<"$out" || fail "RegionId from --region: $out"
"$cli" --print-request "${keys[@]}" --region cn-hangzhou ecs AddTags --ResourceId i-1 --ResourceType instance \
  --Tag.1.Key a --Tag.2.Key b --Tag.2.Value c >/dev/null || fail "AddTags with a key in each tag: exit $?"
"$cli" --print-request "${keys[@]}" --region cn-hangzhou ecs DeleteInstances --InstanceId.1 i-1 >/dev/null \
  || fail "DeleteInstances with one InstanceId: exit $?"

# --- values of the wrong type --------------------------------------------------------------------
in_region=(--print-request "${keys[@]}" --region cn-hangzhou ecs)
expect_error "Integer" "--PageSize takes an Integer (int32), a whole number from -2147483648 to 2147483647, not 'ten'" \
  "${in_region[@]}" DescribeInstances --PageSize ten
expect_error "Integer too large" "--PageSize takes an Integer (int32)" "${in_region[@]}" DescribeInstances --PageSize 2147483648
expect_error "Long" "--OwnerId takes a Long (int64), a whole number of 64 bits, not '1.5'" "${in_region[@]}" DescribeInstances --OwnerId 1.5
expect_error "Boolean" "--DryRun takes a Boolean, true or false, not 'yes'" "${in_region[@]}" DescribeInstances --DryRun yes
expect_error "Double" "--SpotPriceLimit takes a Double, a number such as 0.5, not 'inf'" "${in_region[@]}" RunInstances --SpotPriceLimit inf
expect_error "an element's Integer" "--SystemDisk.Size takes an Integer (int32)" "${in_region[@]}" RunInstances --SystemDisk.Size 40GB
expect_error "JSON array" "--InstanceIds takes a JSON array, one JSON text such as [\"a\",\"b\"], not 'i-1'" \
  "${in_region[@]}" DescribeInstances --InstanceIds i-1
expect_error "JSON object" "--TimePeriod takes a JSON object" "${in_region[@]}" ModifyPlanMaintenanceWindow \
  --PlanWindowId w --TimePeriod '[1]'
out=$("$cli" "${in_region[@]}" DescribeInstances --PageSize 10 --DryRun true --OwnerId -5 --InstanceIds '["i-1","i-2"]') \
  || fail "well-typed values: exit $?"
grep -q 'PageSize=10' <<<"$out" || fail "well-typed values are sent: $out"
"$cli" "${in_region[@]}" RunInstances --SpotPriceLimit 0.5 --SystemDisk.Size 40 --Format XML >/dev/null \
  || fail "a Double, an element's Integer, a common parameter: exit $?"

# --- what is not checked: --force, another API version -----------------------------------------
"$cli" --print-request --force "${keys[@]}" ecs DescribeInstnces --PageSize ten >/dev/null || fail "--force sends unchecked: exit $?"
out=$("$cli" --print-request --api-version 2016-11-11 "${keys[@]}" --region cn-hangzhou ecs NewAction --Anything 1) \
  || fail "another API version is not checked: exit $?"
grep -q 'RegionId=cn-hangzhou' <<<"$out" || fail "another API version: --region still gives RegionId: $out"
expect_error "the catalog's version named is checked" "ecs has no action 'NewAction'" \
  --print-request --api-version 2014-05-26 "${keys[@]}" ecs NewAction

# --- nothing sent: the emulator's request log ------------------------------------------------
start_emulator "$emulator"
send=(--endpoint "https://127.0.0.1:$port" --ca-file "$dir/ca.pem" --access-key-id testid --access-key-secret testsecret)
expect_error "sent: RegionId missing" "DescribeInstances needs --RegionId" "${send[@]}" ecs DescribeInstances
expect_error "sent: a wrong type" "--PageSize takes an Integer" "${send[@]}" ecs DescribeInstances --RegionId cn-hangzhou --PageSize ten
expect_error "sent: InstanceId missing" "StopInstance needs --InstanceId" "${send[@]}" ecs StopInstance
expect_error "sent: an unknown parameter" "did you mean --InstanceId?" "${send[@]}" ecs StopInstance --InstanceID i-1
log=$(requests)
grep -q '"sequence"\|\[\]' <<<"$log" || fail "the request log answers: $log"
for action in DescribeInstances StopInstance; do
  [[ "$log" != *"\"action\":\"$action\""* ]] || fail "a refused $action reached the emulator: $log"
done
# The same calls, complete, do reach it: the log would have shown them.
"$cli" "${send[@]}" ecs DescribeInstances --RegionId cn-hangzhou --PageSize 10 >/dev/null || fail "DescribeInstances: exit $?"
"$cli" "${send[@]}" ecs StopInstance --InstanceId i-nosuch >/dev/null 2>&1 # the emulator has no such instance
log=$(requests)
for action in DescribeInstances StopInstance; do
  [[ "$log" == *"\"action\":\"$action\""* ]] || fail "$action complete was not sent: $log"
done

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI catalog checks passed"
