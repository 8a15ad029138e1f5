#!/bin/sh
# Determinism: the same config and seed give byte-identical outputs; a
# different seed gives different weather. usage: determinism.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cfg=configs/yiwu-14fyp.cfg
"$ecsim" run -q "$cfg" -o "$tmp/a" >/dev/null 2>&1; a=$?
"$ecsim" run -q "$cfg" -o "$tmp/b" >/dev/null 2>&1; b=$?
if { [ $a != 0 ] && [ $a != 3 ]; } || [ $a != $b ]; then
  echo "determinism: runs failed ($a, $b)"; exit 1
fi
if ! diff -r "$tmp/a" "$tmp/b" >/dev/null; then
  echo "determinism: two runs of $cfg differ:"; diff -rq "$tmp/a" "$tmp/b"; exit 1
fi
sed 's/seed = 20210101;/seed = 7;/' "$cfg" > "$tmp/seed7.cfg"
"$ecsim" run -q "$tmp/seed7.cfg" -o "$tmp/c" >/dev/null 2>&1
if cmp -s "$tmp/a/yiwu-14fyp/hourly-2025.dat" "$tmp/c/yiwu-14fyp/hourly-2025.dat"; then
  echo "determinism: a different seed gave the same weather"; exit 1
fi
# A batch in two threads equals the same batch in one; a broken scenario in
# the middle is reported, sets exit status 1, and loses nothing of the others.
printf 'scenario = { first_year = 2020;\n' > "$tmp/broken.cfg"
mix=tests/regress/variant-mix/scenario.cfg
"$ecsim" run -q "$cfg" "$tmp/broken.cfg" "$mix" -j 2 -o "$tmp/j2" >/dev/null 2>"$tmp/j2.err"; j2=$?
"$ecsim" run -q "$cfg" "$mix" -j 1 -o "$tmp/j1" >/dev/null 2>&1
if [ $j2 != 1 ] || ! grep -q "broken.cfg" "$tmp/j2.err"; then
  echo "determinism: a broken scenario in a batch was not reported with exit status 1 (got $j2)"; exit 1
fi
if ! diff -r "$tmp/j1" "$tmp/j2" >/dev/null; then
  echo "determinism: -j 2 differs from -j 1:"; diff -rq "$tmp/j1" "$tmp/j2"; exit 1
fi
[ -d "$tmp/j2/broken" ] && { echo "determinism: output written for a broken scenario"; exit 1; }
# A sweep and a comparison in two threads equal the same in one: the rows of
# sweep.dat, comparison.* and summary.md arrive in job order whatever the
# timing, and no temporary row file is left in the output directory.
for j in 1 2; do
  "$ecsim" sweep -q "$cfg" --vary storage.power_mw=0,400,800 --vary storage.duration_h=2,4 \
    --set 'output.hourly_years=[]' -j $j -o "$tmp/sw$j" >/dev/null 2>&1
  "$ecsim" compare -q "$cfg" "$mix" scenarios/storage-none.cfg --set 'output.hourly_years=[]' \
    -j $j -o "$tmp/cmp$j" >/dev/null 2>&1
done
if [ ! -f "$tmp/sw1/sweep.dat" ] || ! diff -r "$tmp/sw1" "$tmp/sw2" >/dev/null; then
  echo "determinism: sweep -j 2 differs from -j 1:"; diff -rq "$tmp/sw1" "$tmp/sw2"; exit 1
fi
if [ ! -f "$tmp/cmp1/comparison.dat" ] || ! diff -r "$tmp/cmp1" "$tmp/cmp2" >/dev/null; then
  echo "determinism: compare -j 2 differs from -j 1:"; diff -rq "$tmp/cmp1" "$tmp/cmp2"; exit 1
fi
if ls -A "$tmp/sw2" "$tmp/cmp2" | grep -q '^\.'; then
  echo "determinism: hidden files left in an output directory"; exit 1
fi
# run.cfg reproduces the run it records
"$ecsim" run -q "$tmp/a/yiwu-14fyp/run.cfg" -o "$tmp/again" >/dev/null 2>&1
grep -v '^#' "$tmp/a/yiwu-14fyp/annual.dat" > "$tmp/r1"
grep -v '^#' "$tmp/again/yiwu-14fyp/annual.dat" > "$tmp/r2" 2>/dev/null
if ! cmp -s "$tmp/r1" "$tmp/r2"; then
  echo "determinism: run.cfg does not reproduce the run"; exit 1
fi
echo "determinism: 7 passed, 0 failed"
