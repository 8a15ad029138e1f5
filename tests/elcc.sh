#!/bin/sh
# `ecsim elcc` through the command line (docs/adequacy.md): its members are
# those of `ecsim ensemble` (member m's LOLE with every resource equals the
# lole_h of member m in members.dat, same seed), one year alone equals that
# year of --year all, same bytes twice, the files' rows, the chart, and bad
# requests (exit 2, a message, nothing written).
# usage: elcc.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "elcc: $*"; fail=$((fail + 1)); }
cfg=scenarios/adequacy-outages.cfg    # 2020-2025, coal and line outages; storage from 2023

"$ecsim" elcc -q "$cfg" --runs 4 --seed 5 --tech wind,solar,storage -o "$tmp/a" || bad "elcc --year all failed"
"$ecsim" ensemble -q "$cfg" --runs 4 --seed 5 -o "$tmp/ens" || bad "ensemble failed"
# member m's LOLE in elcc-members.dat = lole_h of member m in members.dat, every year
awk '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} {print $1, $2, $(c["lole_h"])}' \
  "$tmp/ens/adequacy-outages/members.dat" | sort > "$tmp/ens.txt"
awk '/^#/ {next} !h {h = 1; next} $3 == "wind" {print $1, $2, $4}' "$tmp/a/elcc-members.dat" | sort > "$tmp/elcc.txt"
[ "$(wc -l < "$tmp/elcc.txt")" = 24 ] && ok || bad "elcc-members.dat: expected 4 members x 6 years of wind"
cmp -s "$tmp/ens.txt" "$tmp/elcc.txt" && ok || bad "LOLE with every resource differs from the ensemble's lole_h"
awk '$3 > 0 {n++} END {exit !(n > 0)}' "$tmp/ens.txt" && ok || bad "no member-year with LOLE > 0: the check is empty"

# rows: 6 years of wind and solar, storage only 2023-2025 (none before): 15; .csv the same rows
[ "$(grep -vc '^#' "$tmp/a/elcc.dat")" = 16 ] && ok || bad "elcc.dat: expected a header and 15 rows"
[ "$(wc -l < "$tmp/a/elcc.csv")" = 16 ] && ok || bad "elcc.csv: expected a header and 15 rows"
grep -q '^# storage has no capacity in 2022: no row' "$tmp/a/elcc.dat" && ok || bad "the gap of storage is not named"
[ "$(head -1 "$tmp/a/elcc.csv")" = "year,tech,nameplate_mw,elcc_mw,elcc_pct,mean_mw,sd_mw,p10_mw,p50_mw,p90_mw,min_mw,max_mw,members,capped,lole_with_h,lole_without_h,load_scale" ] \
  && ok || bad "elcc.csv header"
# per row: 0 <= ELCC <= nameplate, P10 <= P50 <= P90, pct = 100 elcc / nameplate, LOLE without >= with
awk '/^#/ {next} !h {h = 1; next}
     !($4 >= 0 && $4 <= $3 && $8 <= $9 && $9 <= $10 && $11 <= $8 && $10 <= $12 && $13 == 4 && $16 >= $15 - 1e-9) {exit 1}
     { d = $5 - 100 * $4 / $3; if (d > 0.006 || d < -0.006) exit 1 }' "$tmp/a/elcc.dat" && ok || bad "a row of elcc.dat is inconsistent"
# the pooled ELCC of wind is positive in some year (the system is short sometimes)
awk '/^#/ {next} !h {h = 1; next} $2 == "wind" && $4 > 0 {n++} END {exit !(n > 0)}' "$tmp/a/elcc.dat" \
  && ok || bad "wind has no credit in any year"

# one year alone is that year of all; same bytes twice
"$ecsim" elcc -q "$cfg" --runs 4 --seed 5 --tech wind,solar,storage --year 2024 -o "$tmp/y" || bad "--year 2024 failed"
[ "$(grep '^2024 ' "$tmp/a/elcc.dat")" = "$(grep '^2024 ' "$tmp/y/elcc.dat")" ] && ok || bad "--year 2024 differs from its row of --year all"
"$ecsim" elcc -q "$cfg" --runs 4 --seed 5 --tech wind,solar,storage -o "$tmp/b" || bad "second run failed"
for f in elcc.dat elcc.csv elcc-members.dat elcc-members.csv; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" && ok || bad "$f differs between two runs"
done
[ -z "$(ls -A "$tmp/a" | grep '^\.')" ] && ok || bad "a temporary file was left behind"

# the chart (gnuplot and the CJK font permitting)
if command -v gnuplot > /dev/null 2>&1 && fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then
  "$ecsim" elcc -q "$cfg" --runs 2 --tech wind,solar -o "$tmp/p" --plot || bad "--plot failed"
  [ -s "$tmp/p/charts/elcc.png" ] && [ -s "$tmp/p/charts/elcc.svg" ] && ok || bad "charts/elcc.png, .svg missing"
  grep -q '风电' "$tmp/p/charts/elcc-chartdata.gp" && ok || bad "the chart's labels are not Chinese by default"
  "$ecsim" elcc -q "$cfg" --runs 2 --tech wind -o "$tmp/pe" --plot --lang en || bad "--plot --lang en failed"
  grep -q "'wind'\]" "$tmp/pe/charts/elcc-chartdata.gp" && ok || bad "--lang en labels"
fi

# bad requests: exit 2, a message naming the problem, nothing written
req() {   # req WANT-IN-MESSAGE ARGS...
  want=$1; shift
  rm -rf "$tmp/bad"
  "$ecsim" elcc "$@" -o "$tmp/bad" > /dev/null 2> "$tmp/err"; rc=$?
  [ "$rc" = 2 ] && ok || bad "$* : exit $rc, expected 2"
  grep -q -- "$want" "$tmp/err" && ok || bad "$* : message lacks '$want': $(head -1 "$tmp/err")"
  [ ! -e "$tmp/bad" ] && ok || bad "$* : wrote $tmp/bad"
}
req "not: coal" "$cfg" --runs 2 --tech coal
req "not: wind" "$cfg" --runs 2 --tech wind,wind
req "not: " "$cfg" --runs 2 --tech wind,
req "outside the plan's period 2020-2025" "$cfg" --runs 2 --year 2030
req "storage has no capacity in 2021" "$cfg" --runs 2 --tech storage --year 2021
req "wind has no capacity in 2021: no credit" tests/data/adequacy/two-unit.cfg --runs 2
req "runs needs" "$cfg" --runs 0
req "year needs" "$cfg" --runs 2 --year last
rm -rf "$tmp/bad"
"$ecsim" elcc "$cfg" --runs 2 > /dev/null 2> "$tmp/err"; [ $? = 2 ] && grep -q -- "-o DIR" "$tmp/err" && ok || bad "no -o: not a usage error"
"$ecsim" elcc tests/data/none.cfg --runs 2 -o "$tmp/bad" > /dev/null 2>&1; [ $? = 1 ] && [ ! -e "$tmp/bad" ] && ok \
  || bad "a missing file: expected exit 1 and nothing written"

echo "elcc: $pass passed, $fail failed"
[ "$fail" = 0 ]
