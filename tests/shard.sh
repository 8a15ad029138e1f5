#!/bin/sh
# `sweep --shard K/N` and `compare --runs N --shard K/N` merged by `ecsim merge`
# (docs/ensemble.md "Running on several machines"): the merged folder equals a
# single run's, file by file and byte for byte; each shard holds its slice;
# common random numbers hold across shards; shards that do not belong together
# are refused with exit 1 and nothing written. Run by tests/ensemble.sh.
# usage: shard.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "shard: $*"; fail=$((fail + 1)); }
small=tests/data/plot/small.cfg     # 2 years, seed 7, scenario plot-small

# same_tree A B: the same files (names, folders) and every file the same bytes
same_tree() {
  (cd "$1" && find . | sort) > "$tmp/ta"; (cd "$2" && find . | sort) > "$tmp/tb"
  cmp -s "$tmp/ta" "$tmp/tb" || { diff "$tmp/ta" "$tmp/tb" | head -5; return 1; }
  n=0
  for f in $(cd "$1" && find . -type f); do
    cmp -s "$1/$f" "$2/$f" || { echo "  $f differs"; return 1; }
    n=$((n + 1))
  done
  [ "$n" -gt 0 ]
}

# ---- sweep: 8 points in 3 shards (2, 3, 3 points), one with a value that is refused,
# merged out of order = the single sweep
vary="--vary storage.power_mw=0,-5,200,400 --vary storage.duration_h=2,4"
"$ecsim" sweep -q "$small" $vary --set 'output.hourly_years=[]' -o "$tmp/sw" 2>/dev/null
[ $? = 1 ] && ok || bad "single sweep with a refused value: expected exit 1"
[ -f "$tmp/sw/sweep.dat" ] && [ -d "$tmp/sw/plot-small-p008" ] && [ ! -e "$tmp/sw/plot-small-p003" ] \
  && ok || bad "single sweep did not write its files"
for k in 1 2 3; do
  "$ecsim" sweep -q "$small" $vary --set 'output.hourly_years=[]' --shard $k/3 -j 2 -o "$tmp/sws$k" 2>/dev/null
done
[ "$(cd "$tmp/sws2" && ls -d plot-small-p* | tr '\n' ' ')" = "plot-small-p005 " ] \
  && ok || bad "sweep shard 2/3 of 8 points does not hold points 3..5 (3 and 4 refused)"
[ ! -e "$tmp/sws1/sweep.dat" ] && [ -f "$tmp/sws1/shard.txt" ] && [ -f "$tmp/sws1/points.bin" ] \
  && ok || bad "a sweep shard should hold points.bin and shard.txt, not the tables"
grep -q '^range 3 5$' "$tmp/sws2/shard.txt" && ok || bad "shard 2/3's manifest does not record points 3..5"
"$ecsim" merge -q "$tmp/sws3" "$tmp/sws1" "$tmp/sws2" -o "$tmp/swm" 2>/dev/null && ok || bad "sweep merge failed"
same_tree "$tmp/sw" "$tmp/swm" && ok || bad "merged sweep differs from the single sweep"

# ---- compare --runs 10 in 3 shards (3, 3, 4 members) = the single comparison
sed 's/name = "plot-small"/name = "copy"/' "$small" > "$tmp/copy.cfg"
sed -e 's/name = "plot-small"/name = "wide-line"/' \
    -e 's/capacity_mw = ( (2024, 600.0), (2025, 800.0) )/capacity_mw = ( (2024, 1600.0), (2025, 1800.0) )/' \
  "$small" > "$tmp/wide.cfg"
files="$small $tmp/copy.cfg $tmp/wide.cfg"
# shellcheck disable=SC2086
"$ecsim" compare -q $files --runs 10 --quantiles 5,95 -o "$tmp/cmp" || bad "single compare --runs failed"
for k in 1 2 3; do
  # shellcheck disable=SC2086
  "$ecsim" compare -q $files --runs 10 --quantiles 5,95 --shard $k/3 -j 2 -o "$tmp/cs$k" || bad "compare --shard $k/3 failed"
done
[ ! -e "$tmp/cs1/comparison_ensemble.dat" ] && [ ! -e "$tmp/cs1/summary.md" ] && [ -f "$tmp/cs1/shard.txt" ] \
  && ok || bad "a compare shard should hold its manifest, not the comparison"
[ "$(awk '!/^#/ && NR > 3 {print $1}' "$tmp/cs3/wide-line/members.dat" | sort -un | tr '\n' ' ')" = "7 8 9 10 " ] \
  && ok || bad "compare shard 3/3 of 10 members does not hold members 7..10"
# common random numbers within a shard: the copy's members are the reference's, row for row
cmp -s "$tmp/cs2/copy/members.csv" "$tmp/cs2/plot-small/members.csv" && ok || bad "shard 2: the copy's members differ"
# and across shards: shard 2's member 5 is the single run's member 5
[ "$(awk '$1 == 5' "$tmp/cs2/wide-line/members.dat")" = "$(awk '$1 == 5' "$tmp/cmp/wide-line/members.dat")" ] \
  && ok || bad "member 5 of shard 2 is not member 5 of the single run"
"$ecsim" merge -q "$tmp/cs2" "$tmp/cs3" "$tmp/cs1" -o "$tmp/cm" && ok || bad "compare merge failed"
same_tree "$tmp/cmp" "$tmp/cm" && ok || bad "merged comparison differs from the single compare --runs"

# ---- what does not belong together: exit 1, a message naming it, nothing written
"$ecsim" sweep -q "$small" --vary storage.power_mw=0,-5,200,400 --vary storage.duration_h=2,6 \
  --set 'output.hourly_years=[]' --shard 3/3 -o "$tmp/swv" 2>/dev/null
"$ecsim" sweep -q "$small" $vary --set 'output.hourly_years=[]' --set scenario.seed=8 --shard 3/3 \
  -o "$tmp/sws8" 2>/dev/null
"$ecsim" ensemble -q "$small" --runs 10 --shard 3/3 -o "$tmp/es3" || bad "ensemble shard failed"
for case in "sweep missing:sws1 sws3:shard 2/3 is missing" \
            "sweep twice:sws1 sws2 sws2 sws3:given twice" \
            "vary list:sws1 sws2 swv:--vary 2 of this shard" \
            "seed:sws1 sws2 sws8:seed 8 differs from 7" \
            "sweep and compare:sws1 cs2 sws3:shards of different commands" \
            "compare and ensemble:cs1 cs2 es3:shards of different commands" \
            "compare missing:cs3 cs1:shard 2/3 is missing" \
            "compare twice:cs1 cs2 cs3 cs1:given twice"; do
  name=${case%%:*}; rest=${case#*:}; dirs=${rest%%:*}; msg=${rest#*:}
  set --; for x in $dirs; do set -- "$@" "$tmp/$x"; done
  "$ecsim" merge "$@" -o "$tmp/refused" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 1 ] && grep -q -- "$msg" "$tmp/err" && ok || bad "merge, $name: exit $rc, expected 1 with '$msg'"
  [ ! -e "$tmp/refused" ] && ok || bad "merge, $name: something was written"
done

# ---- usage: exit 2
for s in 0/3 4/3 9/9 x; do
  "$ecsim" sweep "$small" $vary --shard $s -o "$tmp/usage" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 2 ] && [ -s "$tmp/err" ] && ok || bad "sweep --shard $s: exit $rc, expected 2 with a message"
done
"$ecsim" sweep "$small" $vary --shard 1/2 --plot -o "$tmp/usage" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "sweep --shard with --plot is not usage"
"$ecsim" compare "$small" "$tmp/copy.cfg" --runs 5 --shard 6/5 -o "$tmp/usage" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "compare --shard 6/5 is not usage"
[ ! -e "$tmp/usage" ] && ok || bad "bad usage wrote something"

echo "shard: $pass passed, $fail failed"
[ "$fail" = 0 ]
