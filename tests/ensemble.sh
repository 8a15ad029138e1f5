#!/bin/sh
# `ecsim ensemble` and `ecsim compare --runs` through the command line
# (docs/ensemble.md): order and bytes for any -j, seeds, statistics checked
# against awk's own from members.dat, a probability with a known answer,
# usage and input errors, the paired comparison, shards and their merge
# (sweep and compare --runs shards: tests/shard.sh, run from here).
# usage: ensemble.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "ensemble: $*"; fail=$((fail + 1)); }
small=tests/data/plot/small.cfg     # 2 years, seed 7, scenario plot-small
# a column of ensemble.dat: stat DIR METRIC YEAR COLUMN
stat() { awk -v m="$2" -v y="$3" -v name="$4" '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
         $1 == m && $2 == y {print $(c[name]); exit}' "$1/ensemble.dat"; }

# -j 1 and -j 2 write the same bytes; a second run too
"$ecsim" ensemble -q "$small" --runs 12 -j 1 --quantiles 5,95 -o "$tmp/j1" || bad "ensemble -j 1 failed"
"$ecsim" ensemble -q "$small" --runs 12 -j 2 --quantiles 5,95 -o "$tmp/j2" || bad "ensemble -j 2 failed"
"$ecsim" ensemble -q "$small" --runs 12 -j 2 --quantiles 5,95 -o "$tmp/j2b" 2>/dev/null
for f in members.dat members.csv ensemble.dat ensemble.csv probabilities.dat probabilities.csv summary.md; do
  [ -f "$tmp/j1/plot-small/$f" ] && ok || bad "$f missing"
  cmp -s "$tmp/j1/plot-small/$f" "$tmp/j2/plot-small/$f" && ok || bad "$f differs between -j 1 and -j 2"
  cmp -s "$tmp/j2/plot-small/$f" "$tmp/j2b/plot-small/$f" && ok || bad "$f differs between two runs"
done
[ -z "$(ls -A "$tmp/j1" | grep -v '^plot-small$')" ] && [ -z "$(ls -A "$tmp/j1/plot-small" | grep '^\.')" ] \
  && ok || bad "something besides the scenario's files was left behind"
# members.dat: members 1..12 in order, 2 years each
[ "$(awk '!/^#/ && NR > 3 {printf "%s-%s ", $1, $2}' "$tmp/j1/plot-small/members.dat" | cut -d' ' -f1-4)" \
  = "1-2024 1-2025 2-2024 2-2025" ] && ok || bad "members.dat not in member order"
[ "$(grep -vc '^#' "$tmp/j1/plot-small/members.dat")" = 25 ] && ok || bad "members.dat: expected header + 24 rows"
[ "$(head -4 "$tmp/j1/plot-small/ensemble.dat" | grep -c 'q05 q95$')" = 1 ] && ok || bad "ensemble.dat lacks q05 q95"

# --seed: the scenario's own seed gives the same bytes, another seed other values
"$ecsim" ensemble -q "$small" --runs 12 --seed 7 --quantiles 5,95 -o "$tmp/s7" || bad "--seed 7 failed"
cmp -s "$tmp/j1/plot-small/ensemble.dat" "$tmp/s7/plot-small/ensemble.dat" && ok || bad "--seed 7 differs from seed = 7"
"$ecsim" ensemble -q "$small" --runs 12 --seed 8 -o "$tmp/s8" || bad "--seed 8 failed"
[ "$(stat "$tmp/j1/plot-small" re_utilisation 2025 mean)" != "$(stat "$tmp/s8/plot-small" re_utilisation 2025 mean)" ] \
  && ok || bad "another seed gave the same mean"

# statistics against awk's own from members.dat: mean, min, max, and the P50 of an
# odd number of members (the middle value; type 7 gives it exactly)
"$ecsim" ensemble -q "$small" --runs 21 -o "$tmp/m21" || bad "ensemble --runs 21 failed"
col=$(awk '/^#/ {next} {for (i = 1; i <= NF; i++) if ($i == "re_utilisation") print i; exit}' "$tmp/m21/plot-small/members.dat")
awk -v c="$col" '!/^#/ && $2 == 2025 {print $c}' "$tmp/m21/plot-small/members.dat" | sort -g > "$tmp/col"
awk_mean=$(awk '{s += $1} END {printf "%.6f", s / NR}' "$tmp/col")
[ "$(awk -v v="$(stat "$tmp/m21/plot-small" re_utilisation 2025 mean)" 'BEGIN {printf "%.6f", v}')" = "$awk_mean" ] \
  && ok || bad "mean is not the members' mean $awk_mean"
for s in min:1 p50:11 max:21; do
  want=$(sed -n "${s#*:}p" "$tmp/col")
  got=$(stat "$tmp/m21/plot-small" re_utilisation 2025 "${s%%:*}")
  awk -v a="$got" -v b="$want" 'BEGIN {exit !(a - b < 1e-6 && b - a < 1e-6)}' && ok || bad "${s%%:*} $got, members give $want"
done
# a target at the metric's own median: met by the 11 members at or above it, P = 11/21
p50=$(stat "$tmp/m21/plot-small" re_utilisation 2025 p50)
"$ecsim" ensemble -q "$small" --runs 21 -o "$tmp/med" --set "targets.list=({ id=\"at_median\"; label=\"median\";
  metric=\"re_utilisation\"; op=\">=\"; threshold=$p50; year=2025; basis=\"assumption\"; })" || bad "median target run failed"
[ "$(awk '$1 == "at_median" {print $9, $10}' "$tmp/med/plot-small/probabilities.dat")" = "11 0.523810" ] \
  && ok || bad "a target at the median is not met by 11 of 21 members"
grep -q '^all_results - 0 ' "$tmp/med/plot-small/probabilities.dat" && ok || bad "no all_results row"

# bad usage: exit 2 with a message, nothing written
for args in "--runs 0" "" "--runs 5 --quantiles 150" "--runs 5 --bogus" "--runs 5 --seed -1" "--runs 5 -j 0"; do
  # shellcheck disable=SC2086
  "$ecsim" ensemble "$small" $args -o "$tmp/usage" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 2 ] && [ -s "$tmp/err" ] && ok || bad "'ensemble $args': exit $rc, expected 2 with a message"
done
"$ecsim" compare "$small" "$small" --runs 3 >/dev/null 2>&1; [ $? = 2 ] && ok || bad "compare --runs without -o is not usage"
[ ! -e "$tmp/usage" ] && ok || bad "bad usage wrote something"
# a bad scenario: exit 1, nothing written, not even for the good file given with it
printf 'scenario = { name = "bad"; first_year = 2024; last_year = 2025; };\nwind = { capacity_mw = -5.0; };\n' > "$tmp/bad.cfg"
"$ecsim" ensemble "$small" "$tmp/bad.cfg" --runs 3 -o "$tmp/badout" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q 'bad.cfg' "$tmp/err" && ok || bad "bad scenario: exit $rc, expected 1 naming the file"
[ ! -e "$tmp/badout/plot-small" ] && [ ! -e "$tmp/badout/bad" ] && ok || bad "a bad scenario's run wrote files"

# compare --runs: a copy of the reference under another name has exactly zero paired
# differences (common random numbers); a stronger export line raises utilisation
sed 's/name = "plot-small"/name = "copy"/' "$small" > "$tmp/copy.cfg"
sed -e 's/name = "plot-small"/name = "wide-line"/' -e 's/capacity_mw = ( (2024, 600.0), (2025, 800.0) )/capacity_mw = ( (2024, 1600.0), (2025, 1800.0) )/' \
  "$small" > "$tmp/wide.cfg"
"$ecsim" compare -q "$small" "$tmp/copy.cfg" "$tmp/wide.cfg" --runs 10 -j 2 -o "$tmp/cmp" || bad "compare --runs failed"
for f in comparison_ensemble.dat comparison_ensemble.csv summary.md plot-small/ensemble.dat wide-line/members.dat; do
  [ -f "$tmp/cmp/$f" ] && ok || bad "compare --runs: $f missing"
done
[ "$(awk '$1 == "copy" && $3 == "metric" && ($9 != 0 || $10 != 0 || $12 != 0) {n++} END {print n + 0}' "$tmp/cmp/comparison_ensemble.dat")" = 0 ] \
  && ok || bad "the copy's paired differences are not all 0"
awk '$1 == "wide-line" && $4 == "re_utilisation" && $5 == 2025 {exit !($9 > 0 && $10 > 0)}' "$tmp/cmp/comparison_ensemble.dat" \
  && ok || bad "a wider export line does not raise utilisation in every member"
grep -q 'common random numbers' "$tmp/cmp/summary.md" && ok || bad "comparison summary lacks its method"
# summary.md leads with the checks whose probability changes (from the .dat: diff_mean != 0
# or the interval excluding 0); the copy's checks are all unchanged, in one line
changed=$(awk '$1 == "wide-line" && $3 == "target" && ($9 != 0 || $13 > 0 || $14 < 0) {n++} END {print n + 0}' "$tmp/cmp/comparison_ensemble.dat")
ntarget=$(awk '$1 == "copy" && $3 == "target" {n++} END {print n + 0}' "$tmp/cmp/comparison_ensemble.dat")
[ "$changed" -gt 0 ] && [ "$(grep -c '^| wide-line |' "$tmp/cmp/summary.md")" -ge "$changed" ] \
  && [ "$(sed -n '/^## Targets whose probability changes/,/^## Key metrics/p' "$tmp/cmp/summary.md" | grep -c '^| wide-line |')" = "$changed" ] \
  && ok || bad "summary.md does not table the $changed changed checks of wide-line"
sed -n '/^## Targets whose probability changes/,/^## Key metrics/p' "$tmp/cmp/summary.md" | grep -q '^| copy |' \
  && bad "summary.md tables an unchanged check of the copy" || ok
grep -qx -- "- copy: all $ntarget target checks." "$tmp/cmp/summary.md" && ok || bad "summary.md lacks the copy's unchanged line"

# --shard K/N + merge: three shards of 10 members (3, 3, 4), merged in any order, give the
# single run's files byte for byte; two scenarios at once; what does not fit is refused
"$ecsim" ensemble -q "$small" "$tmp/copy.cfg" --runs 10 --quantiles 5,95 -o "$tmp/one" || bad "single run failed"
for k in 1 2 3; do
  "$ecsim" ensemble -q "$small" "$tmp/copy.cfg" --runs 10 --quantiles 5,95 --shard $k/3 -o "$tmp/sh$k" \
    || bad "--shard $k/3 failed"
done
[ "$(awk '!/^#/ && NR > 3 {print $1}' "$tmp/sh2/plot-small/members.dat" | sort -u | tr '\n' ' ')" = "4 5 6 " ] \
  && ok || bad "shard 2/3 of 10 members does not hold members 4..6"
"$ecsim" merge -q "$tmp/sh3" "$tmp/sh1" "$tmp/sh2" -o "$tmp/merged" || bad "merge failed"
for s in plot-small copy; do
  for f in members.dat members.csv ensemble.dat ensemble.csv probabilities.dat probabilities.csv summary.md; do
    cmp -s "$tmp/one/$s/$f" "$tmp/merged/$s/$f" && ok || bad "merged $s/$f differs from the single run's"
  done
  [ "$(ls -A "$tmp/merged/$s" | wc -l)" = 7 ] && ok || bad "merged $s holds other files than the single run's"
done
"$ecsim" ensemble -q "$small" "$tmp/copy.cfg" --runs 10 --seed 8 --quantiles 5,95 --shard 3/3 -o "$tmp/sh3s8" \
  || bad "--seed 8 --shard 3/3 failed"
for case in "missing:sh1 sh2:shard 3/3 is missing" "twice:sh1 sh2 sh2 sh3:given twice" \
            "seed:sh1 sh2 sh3s8:seed 8 differs from 7"; do
  name=${case%%:*}; rest=${case#*:}; dirs=${rest%%:*}; msg=${rest#*:}
  set --; for x in $dirs; do set -- "$@" "$tmp/$x"; done
  "$ecsim" merge "$@" -o "$tmp/refused" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 1 ] && grep -q "$msg" "$tmp/err" && ok || bad "merge, $name shard: exit $rc, expected 1 with '$msg'"
done
[ ! -e "$tmp/refused" ] && ok || bad "a refused merge wrote something"
for s in 0/3 4/3; do
  "$ecsim" ensemble "$small" --runs 10 --shard $s -o "$tmp/usage" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 2 ] && [ -s "$tmp/err" ] && ok || bad "--shard $s: exit $rc, expected 2 with a message"
done
"$ecsim" merge "$tmp/sh1" >/dev/null 2>&1; [ $? = 2 ] && ok || bad "merge without -o is not usage"

# weather from files: tests/ensemble_weather.sh

# sweep and compare --runs shards and their merge
sh tests/shard.sh "$ecsim" && ok || bad "tests/shard.sh failed"

echo "ensemble: $pass passed, $fail failed"
[ "$fail" = 0 ]
