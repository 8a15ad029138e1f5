#!/bin/sh
# dispatch.yardstick (docs/optimal-dispatch.md): a rule-based run that also
# solves the optimum for the same years and weather.
# usage: yardstick.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "yardstick: $*"; fail=$((fail + 1)); }
# value of column NAME in the row of year YEAR of a .dat file
val() { awk -v y="$2" -v name="$3" '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} $(c["year"]) == y {print $(c[name]); exit}' "$1"; }
cfg=configs/yiwu-14fyp.cfg
d=yiwu-14fyp

"$ecsim" run -q "$cfg" --yardstick -o "$tmp/on" >/dev/null 2>&1
"$ecsim" run -q "$cfg" --set dispatch.strategy=optimal -o "$tmp/opt" >/dev/null 2>&1
"$ecsim" run -q "$cfg" -o "$tmp/off" >/dev/null 2>&1
for f in on opt off; do [ -f "$tmp/$f/$d/annual.dat" ] || bad "run $f wrote no annual.dat"; done

# the optimum's rows are those of a separate optimal run of the same seed,
# column for column (the weather is the same hours)
if cmp -s "$tmp/on/$d/annual-optimal.csv" "$tmp/opt/$d/annual.csv" &&
   grep -v '^#' "$tmp/on/$d/annual-optimal.dat" >"$tmp/a" && grep -v '^#' "$tmp/opt/$d/annual.dat" >"$tmp/b" &&
   [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then ok; else bad "annual-optimal.dat/.csv differ from the optimal run's annual.dat/.csv"; fi

# the rules' outputs do not depend on the optimum solved first on the same Run
for f in annual.dat annual.csv targets.dat targets.csv hourly-2020.dat hourly-2025.dat; do
  cmp -s "$tmp/on/$d/$f" "$tmp/off/$d/$f" && ok || bad "$f differs with the yardstick on"
done

# summary.md: the 2023 curtailment gap = rules - optimum of the two files (GWh, 2 decimals)
r=$(val "$tmp/off/$d/annual.dat" 2023 curtailed_mwh); o=$(val "$tmp/opt/$d/annual.dat" 2023 curtailed_mwh)
row=$(grep '^| 2023 | curtailment (GWh) |' "$tmp/on/$d/summary.md")
gap=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $6); print $6}')
rule=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $4); print $4}')
awk -v r="$r" -v o="$o" -v g="$gap" -v ru="$rule" 'BEGIN {exit !(g != "" && (r - o) / 1000 > 1 && \
    (g - (r - o) / 1000)^2 < 0.005^2 && (ru - r / 1000)^2 < 0.005^2)}' && ok ||
  bad "2023 curtailment gap '$gap' GWh, files give ($r - $o) MWh; rules '$rule'"
n=$(grep -c '^| 20[0-9][0-9] | ' "$tmp/on/$d/summary.md" | head -n 1)
years=$(grep -vc '^#' "$tmp/off/$d/annual.dat")
[ "$n" -ge $((5 * (years - 1))) ] && ok || bad "summary.md has $n rows of the yardstick table for $((years - 1)) years"

# off (the default): no optimum, no section, summary.md otherwise the same
[ ! -e "$tmp/off/$d/annual-optimal.dat" ] && ! grep -q 'Rules against the optimum' "$tmp/off/$d/summary.md" && ok ||
  bad "a plain run wrote the yardstick"
sed '/^## Rules against the optimum/,/^## /{/^## Rules/d;/^## /!d}' "$tmp/on/$d/summary.md" >"$tmp/s"
cmp -s "$tmp/s" "$tmp/off/$d/summary.md" && ok || bad "summary.md differs beyond the yardstick section"

# strategy optimal itself: nothing to compare, nothing extra written
"$ecsim" run -q "$cfg" --yardstick --set dispatch.strategy=optimal -o "$tmp/self" >/dev/null 2>&1
[ ! -e "$tmp/self/$d/annual-optimal.dat" ] && cmp -s "$tmp/self/$d/annual.csv" "$tmp/opt/$d/annual.csv" && ok ||
  bad "an optimal run with the yardstick on differs from one without"

# the optimum fails: the error names the yardstick, nothing is written
"$ecsim" run -q "$cfg" --yardstick --set dispatch.lp_max_iterations=1 -o "$tmp/fail" >/dev/null 2>"$tmp/fail.err"
rc=$?
[ $rc = 1 ] && [ ! -e "$tmp/fail/$d" ] && grep -q 'dispatch.yardstick' "$tmp/fail.err" && ok ||
  bad "a failing optimum: exit status $rc, $(cat "$tmp/fail.err")"

# -j 2 = -j 1 with the yardstick on
"$ecsim" run -q "$cfg" scenarios/storage-none.cfg --yardstick -j 2 -o "$tmp/j2" >/dev/null 2>&1
"$ecsim" run -q "$cfg" scenarios/storage-none.cfg --yardstick -j 1 -o "$tmp/j1" >/dev/null 2>&1
for s in "$tmp"/j1/*/; do
  b=$(basename "$s")
  cmp -s "$s/annual-optimal.dat" "$tmp/j2/$b/annual-optimal.dat" && cmp -s "$s/summary.md" "$tmp/j2/$b/summary.md" &&
    ok || bad "$b: -j 2 differs from -j 1"
done

# hydrogen rows only in a run with electrolysers: the 2025 electrolyser energy
# of each side is that of the separate runs (GWh, 2 decimals)
! grep -q '| electrolysers (GWh) |' "$tmp/on/$d/summary.md" && ok || bad "the base plan's yardstick shows hydrogen rows"
"$ecsim" run -q scenarios/export-limited-electrolyser.cfg --yardstick -o "$tmp/h2" >/dev/null 2>&1
"$ecsim" run -q scenarios/export-limited-electrolyser.cfg --set dispatch.strategy=optimal -o "$tmp/h2o" >/dev/null 2>&1
hd=export-limited-electrolyser
r=$(val "$tmp/h2/$hd/annual.dat" 2025 electrolyser_mwh); o=$(val "$tmp/h2o/$hd/annual.dat" 2025 electrolyser_mwh)
row=$(grep '^| 2025 | electrolysers (GWh) |' "$tmp/h2/$hd/summary.md")
ru=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $4); print $4}'); op=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $5); print $5}')
awk -v r="$r" -v o="$o" -v ru="$ru" -v op="$op" 'BEGIN {exit !(ru != "" && r > 0 && o > 0 && \
    (ru - r / 1000)^2 < 0.005^2 && (op - o / 1000)^2 < 0.005^2)}' && ok ||
  bad "2025 electrolysers in the yardstick '$row', files give $r and $o MWh"

echo "yardstick: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
