#!/bin/sh
# Whole-run regression: runs every tests/regress/<case>/scenario.cfg and
# compares the outputs with <case>/expected/ (datcmp: |test-ref| <= atol + rtol|ref|,
# columns matched by name: a column new in the output is reported, not a failure).
# datcmp itself is tested first (tests/datcmp.sh).
# usage: run.sh ECSIM DATCMP [bless]   — "bless" rewrites expected/ (review the diff!)
set -u
ecsim=$1; datcmp=$2; mode=${3:-}
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
if [ "$mode" != bless ]; then
  sh "$here/../datcmp.sh" "$datcmp" || exit 1
fi
for case_dir in "$here"/*/; do
  cfg="$case_dir/scenario.cfg"
  [ -f "$cfg" ] || continue
  name=$(basename "$case_dir")
  n=$((n + 1))
  "$ecsim" run -q "$cfg" -o "$tmp/$name" >"$tmp/$name.log" 2>&1
  rc=$?
  expected_rc=$(cat "$case_dir/exit_status" 2>/dev/null || echo 0)
  if [ "$rc" != "$expected_rc" ]; then
    echo "regress $name: exit status $rc, expected $expected_rc"; cat "$tmp/$name.log"; fail=$((fail + 1)); continue
  fi
  out=$(ls -d "$tmp/$name"/*/ | head -n 1)
  if [ "$mode" = bless ]; then
    mkdir -p "$case_dir/expected"
    for f in annual.dat targets.csv "$out"/hourly-*.dat; do
      f=$(basename "$f"); cp "$out/$f" "$case_dir/expected/$f"
    done
    echo "regress $name: blessed $(ls "$case_dir/expected" | tr '\n' ' ')"
    continue
  fi
  rtol=1e-9; atol=1e-6
  [ -f "$case_dir/tolerances" ] && . "$case_dir/tolerances"
  case_ok=1
  for ref in "$case_dir"/expected/*; do
    f=$(basename "$ref")
    if ! "$datcmp" -r "$rtol" -a "$atol" "$ref" "$out/$f"; then
      echo "regress $name: $f differs from the reference"; case_ok=0
    fi
  done
  [ $case_ok = 1 ] || fail=$((fail + 1))
done
[ "$mode" = bless ] && exit 0
echo "regress: $((n - fail)) passed, $fail failed"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
