#!/bin/sh
# Variants, comparison and sweeps through the command line.
# usage: batch.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "batch: $*"; fail=$((fail + 1)); }
# column value of a .dat file: col FILE ROW(1-based data row) NAME
col() { awk -v row="$2" -v name="$3" '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} ++n == row {print $(c[name]); exit}' "$1"; }

# compare: one row per scenario; the first row of the deltas is all zero
"$ecsim" compare -q configs/yiwu-14fyp.cfg scenarios/storage-none.cfg scenarios/coal-60.cfg -o "$tmp/cmp" >/dev/null 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 3 ] || bad "compare exit status $rc"
rows=$(grep -vc '^#' "$tmp/cmp/comparison.dat")
[ "$rows" = 4 ] && ok || bad "comparison.dat has $rows lines, expected header + 3"
[ "$(col "$tmp/cmp/comparison.dat" 2 storage_power_mw)" = 0.000 ] && ok || bad "storage-none row has storage"
[ "$(col "$tmp/cmp/comparison.dat" 3 coal_capacity_mt)" = 60.0000 ] && ok || bad "coal-60 row is not 60 Mt"
[ "$(col "$tmp/cmp/comparison-delta.dat" 1 curtailed_mwh)" = 0.000 ] && ok || bad "first delta row is not zero"
[ "$(col "$tmp/cmp/comparison-delta.dat" 3 coal_capacity_mt)" = 10.0000 ] && ok || bad "coal-60 delta is not +10 Mt"
[ -f "$tmp/cmp/storage-none/annual.dat" ] && ok || bad "per-scenario output missing"
# the comparison names each target's basis and kind (the base plan's documents: indicator 20 is the plan's)
grep -q "| energy_production_capacity (plan, result) |" "$tmp/cmp/summary.md" \
  && grep -q "| wind_capacity (plan, schedule) |" "$tmp/cmp/summary.md" && ok || bad "comparison summary lacks target basis and kind"

# sweep: 2 x 2 grid, the last --vary fastest; the varied values reach the model
"$ecsim" sweep -q configs/yiwu-14fyp.cfg --vary storage.power_mw=0,300 --vary 'storage.duration_h=2,"4h"' -o "$tmp/sw" >/dev/null 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 3 ] || bad "sweep exit status $rc"
[ "$(grep -vc '^#' "$tmp/sw/sweep.dat")" = 5 ] && ok || bad "sweep.dat does not have 4 points"
[ "$(col "$tmp/sw/sweep.dat" 3 storage_power_mw)" = 300.000 ] && ok || bad "point 3 storage power"
[ "$(col "$tmp/sw/sweep.dat" 4 storage_energy_mwh)" = 1200.000 ] && ok || bad "point 4: 300 MW x 4 h != 1200 MWh"
[ "$(col "$tmp/sw/sweep.dat" 2 i_2)" = 1 ] && ok || bad "point 2 index of the second setting"

# a sweep point whose value is invalid is reported and loses nothing of the others
"$ecsim" sweep -q configs/yiwu-14fyp.cfg --vary storage.power_mw=0,-5,300 --set 'output.hourly_years=[]' -j 2 -o "$tmp/swbad" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q "sweep point 2: storage.power_mw=-5" "$tmp/err" && ok || bad "invalid sweep point: exit $rc"
[ "$(grep -vc '^#' "$tmp/swbad/sweep.dat")" = 3 ] && [ "$(col "$tmp/swbad/sweep.dat" 2 storage_power_mw)" = 300.000 ] \
  && [ -d "$tmp/swbad/yiwu-14fyp-p003" ] && [ ! -d "$tmp/swbad/yiwu-14fyp-p002" ] && ok || bad "invalid sweep point: other points lost"

# --set reaches the model and run.cfg records it
"$ecsim" run -q configs/yiwu-14fyp.cfg --set storage.duration_h=4 --set 'solar.capacity_mw="80万千瓦"' -o "$tmp/set" >/dev/null 2>&1
[ "$(col "$tmp/set/yiwu-14fyp/annual.dat" 1 solar_capacity_mw)" = 800.000 ] && ok || bad "--set quantity string"
[ "$(col "$tmp/set/yiwu-14fyp/annual.dat" 6 storage_energy_mwh)" = 1600.000 ] && ok || bad "--set duration: 400 MW x 4 h"
grep -q 'duration_h = 4' "$tmp/set/yiwu-14fyp/run.cfg" && ok || bad "run.cfg does not record the override"
# a bad --set is an error naming --set, and nothing is written
"$ecsim" run -q configs/yiwu-14fyp.cfg --set wind.capcity_mw=1 -o "$tmp/badset" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "did you mean 'wind.capacity_mw'" "$tmp/err" && [ ! -d "$tmp/badset/yiwu-14fyp" ] && ok || bad "bad --set: exit $rc"

# sweep point names: the base's name as it is (a quote in it used to break
# every point) and cut at a character boundary so that -pNNN fits (a name of
# 63 bytes used to fail every point)
printf 'inherits = "%s/configs/yiwu-14fyp.cfg";\nscenario = { name = "it'"'"'s \\"q\\" 名字"; };\noutput = { hourly_years = []; };\n' "$(pwd)" >"$tmp/quote.cfg"
"$ecsim" sweep -q "$tmp/quote.cfg" --vary storage.power_mw=0,400 -o "$tmp/swq" >/dev/null 2>"$tmp/err"; rc=$?
{ [ $rc = 0 ] || [ $rc = 3 ]; } && [ -f "$tmp/swq/it's \"q\" 名字-p002/annual.dat" ] && ok || bad "sweep of a quoted name: exit $rc $(head -1 "$tmp/err")"
long=$(printf '名%.0s' $(seq 1 20))abc   # 63 bytes: 20 x 3 + 3
printf 'inherits = "%s/configs/yiwu-14fyp.cfg";\nscenario = { name = "%s"; };\noutput = { hourly_years = []; };\n' "$(pwd)" "$long" >"$tmp/long.cfg"
"$ecsim" sweep -q "$tmp/long.cfg" --vary storage.power_mw=0,400 -o "$tmp/swl" >/dev/null 2>"$tmp/err"; rc=$?
n=$(ls "$tmp/swl" | grep -c -- '-p00[12]$')
{ [ $rc = 0 ] || [ $rc = 3 ]; } && [ "$n" = 2 ] && [ -d "$tmp/swl/$(printf '名%.0s' $(seq 1 19))-p001" ] && ok || bad "sweep of a 63-byte name: exit $rc, $n points $(head -1 "$tmp/err")"

# --year outside the period: a usage error, nothing written (it used to write
# an empty comparison and exit 3)
"$ecsim" compare -q configs/yiwu-14fyp.cfg scenarios/coal-45.cfg --year 2030 -o "$tmp/cy" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- "--year 2030 is outside the scenario's period 2020-2025" "$tmp/err" && [ ! -e "$tmp/cy" ] && ok || bad "compare --year 2030: exit $rc"
"$ecsim" sweep -q configs/yiwu-14fyp.cfg --vary storage.power_mw=0,400 --year 2019 -o "$tmp/sy" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && [ ! -e "$tmp/sy" ] && ok || bad "sweep --year 2019: exit $rc"
# a variant named like a file of the comparison is refused (it used to collide with summary.md)
printf 'inherits = "%s/configs/yiwu-14fyp.cfg";\nscenario = { name = "summary.md"; };\n' "$(pwd)" >"$tmp/sm.cfg"
"$ecsim" compare -q configs/yiwu-14fyp.cfg "$tmp/sm.cfg" -o "$tmp/csm" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "scenario.name: 'summary.md' is the name of a file the comparison writes" "$tmp/err" \
  && [ -f "$tmp/csm/summary.md" ] && [ ! -d "$tmp/csm/summary.md" ] && ok || bad "variant named summary.md: exit $rc"

# a file saved with a UTF-8 byte-order mark runs exactly like the same file
# without it (it used to be refused: "syntax error" at line 1)
mkdir -p "$tmp/bom" "$tmp/nobom"
cp configs/yiwu-14fyp.cfg "$tmp/nobom/plan.cfg"
{ printf '\357\273\277'; cat configs/yiwu-14fyp.cfg; } >"$tmp/bom/plan.cfg"
"$ecsim" run -q "$tmp/bom/plan.cfg" --set 'output.hourly_years=[2025]' -o "$tmp/bom/out" >/dev/null 2>"$tmp/err"; rc1=$?
"$ecsim" run -q "$tmp/nobom/plan.cfg" --set 'output.hourly_years=[2025]' -o "$tmp/nobom/out" >/dev/null 2>&1; rc2=$?
same=1
for f in annual.dat targets.csv hourly-2025.dat; do
  grep -v '^# ecsim' "$tmp/bom/out/yiwu-14fyp/$f" >"$tmp/a" 2>/dev/null; grep -v '^# ecsim' "$tmp/nobom/out/yiwu-14fyp/$f" >"$tmp/b" 2>/dev/null
  cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ] || same=0
done
[ $rc1 = $rc2 ] && [ $same = 1 ] && ok || bad "BOM: exit $rc1 vs $rc2, same results: $same $(head -1 "$tmp/err")"

# the coal units' section: in a run that commits units as needed (its start-up
# fuel = capacity started x the units' tce/MW, > 0), not in the must-run base plan
"$ecsim" run -q tests/regress/coal-flexible/scenario.cfg -o "$tmp/uc" >/dev/null 2>&1
ucs="$tmp/uc/scenario/summary.md"
grep -q '^## Coal units: commitment and heat rate' "$ucs" && grep -q 'Commitment \*\*flexible\*\*' "$ucs" \
  && grep -q '^| 煤电启动耗煤 coal burnt starting units' "$ucs" && ok || bad "flexible run's summary lacks the coal units' section"
[ "$(col "$tmp/uc/scenario/annual.dat" 6 coal_started_mw | cut -d. -f1)" -gt 0 ] && ok || bad "no capacity started in 2025"
! grep -q '^## Coal units' "$tmp/cmp/yiwu-14fyp/summary.md" && ok || bad "must-run base plan shows the coal units' section"

echo "batch: $pass passed, $fail failed"
[ $fail = 0 ]
