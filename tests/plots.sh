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

# fit-weather: the settings on stdout, the tables and the fit report in DIR
wx=configs/weather
"$ecsim" fit-weather $wx/tmy_45.000_8.000_2005_2023.csv --wind-file $wx/AZ_Eastern-Rolling_Hills.srw \
  -o "$tmp/fit" >"$tmp/fit.cfg" 2>"$tmp/err-fit"; rc=$?
[ $rc = 0 ] && ok || { bad "fit-weather: exit status $rc"; cat "$tmp/err-fit"; }
grep -q '^weather = {' "$tmp/fit.cfg" && grep -q 'wind_weibull_k = \[' "$tmp/fit.cfg" && ok || bad "fit-weather: no settings block on stdout"
grep -q 'wind_weibull_c_ms.*AZ_Eastern-Rolling_Hills.srw' "$tmp/fit.cfg" && ok || bad "fit-weather: wind settings do not name the wind file"
n=0
for chart in fit-weibull fit-acf fit-diurnal fit-clearness fit-temperature; do
  f="$tmp/fit/charts/$chart.png"
  [ -f "$f" ] && [ "$(png_size "$f")" = 1600x900 ] && n=$((n + 1)) || bad "fit-weather: $chart.png missing or wrong size"
  grep -q "$chart" "$tmp/fit/fit_report.html" || bad "fit-weather: fit_report.html does not name $chart"
done
[ $n = 5 ] && ok
cmp -s "$tmp/fit.cfg" "$tmp/fit/params.cfg" && ok || bad "fit-weather: params.cfg differs from stdout"
# a malformed file: exit 1, file:line named, nothing written
sed '20s/^\([^,]*\),[^,]*/\1,x/' $wx/tmy_45.000_8.000_2005_2023.csv >"$tmp/bad.csv"
"$ecsim" fit-weather "$tmp/bad.csv" -o "$tmp/fitbad" >"$tmp/out-bad" 2>"$tmp/err-bad"; rc=$?
[ $rc = 1 ] && ok || bad "fit-weather on a malformed file: exit status $rc, expected 1"
grep -q "bad.csv:20:" "$tmp/err-bad" && ok || bad "fit-weather on a malformed file: message does not name bad.csv:20: $(head -c 200 "$tmp/err-bad")"
[ ! -e "$tmp/fitbad" ] && [ ! -s "$tmp/out-bad" ] && ok || bad "fit-weather on a malformed file wrote output"

# ensemble --plot: the fan charts, dashboard and histogram of each scenario folder
"$ecsim" ensemble -q tests/data/plot/small.cfg --runs 8 -j 2 --plot --threshold 0.8 -o "$tmp/ens" 2>"$tmp/err-ens"; rc=$?
[ $rc = 0 ] && ok || { bad "ensemble --plot: exit status $rc"; cat "$tmp/err-ens"; }
[ -s "$tmp/err-ens" ] && bad "ensemble --plot: messages on stderr: $(head -c 300 "$tmp/err-ens")"
n=0
for chart in ens-fan ens-prob ens-hist; do
  f="$tmp/ens/plot-small/charts/$chart.png"
  [ -f "$f" ] && [ "$(png_size "$f")" = 1600x900 ] && n=$((n + 1)) || bad "ensemble --plot: $chart.png missing or wrong size"
done
[ $n = 3 ] && ok
grep -q 'ens-prob' "$tmp/ens/plot-small/ensemble_report.html" && ok || bad "ensemble_report.html does not show the dashboard"
"$ecsim" ensemble -q tests/data/plot/small.cfg --runs 2 --plot --threshold 1.5 -o "$tmp/ens2" 2>/dev/null; rc=$?
[ $rc = 2 ] && [ ! -e "$tmp/ens2" ] && ok || bad "ensemble --threshold 1.5: exit status $rc (2 expected, nothing written)"

echo "plots: $pass passed, $fail failed"
[ $fail = 0 ]
