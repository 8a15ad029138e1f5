#!/bin/sh
# Charts of the base scenario through the command line: every chart is drawn
# with no gnuplot warning (a warning makes `ecsim run --plot` exit 1) at the
# stated size (1600x900, read from the PNG header); without gnuplot the data
# are still written and the exit status is 1 with a message naming the package.
# usage: plots.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "plots: $*"; fail=$((fail + 1)); }
# PNG width and height: big-endian 32-bit integers at bytes 16..23
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{printf "%dx%d", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8}'; }

for lang in zh en; do
  "$ecsim" run -q configs/yiwu-14fyp.cfg --plot --lang $lang -o "$tmp/$lang" 2>"$tmp/err-$lang"; rc=$?
  [ $rc = 3 ] && ok || { bad "$lang: exit status $rc (3 expected: the base plan misses one target)"; cat "$tmp/err-$lang"; }
  [ -s "$tmp/err-$lang" ] && bad "$lang: messages on stderr: $(head -c 300 "$tmp/err-$lang")"
  n=0
  for chart in capacity generation week-summer week-winter duration heatmap coal intensity dashboard; do
    f="$tmp/$lang/yiwu-14fyp/charts/$chart.png"
    if [ ! -f "$f" ]; then bad "$lang: $chart.png missing"; continue; fi
    [ "$(png_size "$f")" = 1600x900 ] && n=$((n + 1)) || bad "$lang: $chart.png is $(png_size "$f")"
    [ -s "$tmp/$lang/yiwu-14fyp/charts/$chart.svg" ] || bad "$lang: $chart.svg missing"
  done
  [ $n = 9 ] && ok
  grep -q 'data:image/png;base64' "$tmp/$lang/yiwu-14fyp/report.html" && ok || bad "$lang: report.html has no embedded chart"
done

# without gnuplot on PATH: data written, exit status 1, a message naming the package
PATH=/nonexistent "$ecsim" run -q configs/yiwu-14fyp.cfg --plot -o "$tmp/nognu" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ok || bad "without gnuplot: exit status $rc, expected 1"
grep -q "gnuplot-nox" "$tmp/err" && ok || bad "without gnuplot: message does not name gnuplot-nox"
[ -f "$tmp/nognu/yiwu-14fyp/annual.dat" ] && [ -f "$tmp/nognu/yiwu-14fyp/hourly-2025.dat" ] && ok || bad "without gnuplot: data files missing"

echo "plots: $pass passed, $fail failed"
[ $fail = 0 ]
