#!/usr/bin/env bash
# The committed generated files are exactly what the generator makes from the
# committed schema and overrides: regenerate into a temporary tree and compare.
# A hand edit of a generated file, or a schema change without regenerating,
# fails here with the difference.
set -euo pipefail
root=$1
product=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$root/lib/generator/generate.py" "$product" --out "$out" >/dev/null
# The same run twice gives the same bytes (no dates, no set order).
python3 "$root/lib/generator/generate.py" "$product" --out "$out" >/dev/null
status=0
for dir in "include/alicloud/$product/models" "include/alicloud/$product/types" "lib/$product/generated" \
           "test/$product/generated"; do
  diff -r "$root/$dir" "$out/$dir" || status=1
done
for file in "include/alicloud/$product/operations.hpp" "include/alicloud/$product/all_models.hpp" \
            "include/alicloud/$product/catalog.hpp" "include/alicloud/$product/client.hpp"; do
  diff "$root/$file" "$out/$file" || status=1
done
if [[ $status -ne 0 ]]; then
  echo "generated files differ from the generator's output: run python3 lib/generator/generate.py $product" >&2
fi
exit $status
