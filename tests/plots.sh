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

# plot DIR of a merged ensemble: the shards of the same 8 members merged, then
# drawn by `ecsim plot`, give the files of `ensemble --plot` above, byte for byte
for k in 1 2; do
  "$ecsim" ensemble -q tests/data/plot/small.cfg --runs 8 --shard $k/2 -o "$tmp/part$k" || bad "ensemble --shard $k/2 failed"
done
"$ecsim" merge -q "$tmp/part1" "$tmp/part2" -o "$tmp/merged" || bad "merge failed"
"$ecsim" plot "$tmp/merged" --threshold 0.8 >/dev/null 2>"$tmp/err-mp"; rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/err-mp" ] && ok || { bad "plot of a merged ensemble: exit status $rc"; cat "$tmp/err-mp"; }
n=0
for f in ens-chartdata.gp ens-fan.dat ens-prob.dat ens-hist.dat colours.gp ens-fan.png ens-prob.png ens-hist.png \
         ens-fan.svg ens-prob.svg ens-hist.svg; do
  cmp -s "$tmp/ens/plot-small/charts/$f" "$tmp/merged/plot-small/charts/$f" && n=$((n + 1)) \
    || bad "plot of a merged ensemble: charts/$f differs from ensemble --plot's"
done
[ $n = 11 ] && ok
cmp -s "$tmp/ens/plot-small/ensemble_report.html" "$tmp/merged/plot-small/ensemble_report.html" && ok \
  || bad "plot of a merged ensemble: ensemble_report.html differs from ensemble --plot's"
# the scenario folder itself, in English: its own charts
"$ecsim" plot "$tmp/merged/plot-small" --lang en >/dev/null 2>&1 && grep -q '<html lang="en">' "$tmp/merged/plot-small/ensemble_report.html" \
  && ok || bad "plot of an ensemble's scenario folder --lang en failed"

# plot DIR of compare --runs: each scenario's charts and ens-cmp; a copy of the
# reference (same weather members) has the reference's P(met) and a change of 0
small=tests/data/plot/small.cfg
sed 's/name = "plot-small"/name = "copy"/' "$small" > "$tmp/copy.cfg"
sed -e 's/name = "plot-small"/name = "wide-line"/' \
    -e 's/capacity_mw = ( (2024, 600.0), (2025, 800.0) )/capacity_mw = ( (2024, 1600.0), (2025, 1800.0) )/' "$small" > "$tmp/wide.cfg"
"$ecsim" compare -q "$small" "$tmp/copy.cfg" "$tmp/wide.cfg" --runs 6 -j 2 -o "$tmp/cmp" || bad "compare --runs failed"
for lang in zh en; do
  "$ecsim" plot "$tmp/cmp" --lang $lang >/dev/null 2>"$tmp/err-cmp"; rc=$?
  [ $rc = 0 ] && [ ! -s "$tmp/err-cmp" ] && ok || { bad "plot of compare --runs ($lang): exit status $rc"; cat "$tmp/err-cmp"; }
  [ "$(png_size "$tmp/cmp/charts/ens-cmp.png")" = 1600x900 ] && [ -s "$tmp/cmp/charts/ens-cmp.svg" ] && ok \
    || bad "plot of compare --runs ($lang): ens-cmp.png missing or not 1600x900"
  for s in plot-small copy wide-line; do
    [ "$(png_size "$tmp/cmp/$s/charts/ens-prob.png")" = 1600x900 ] && [ -s "$tmp/cmp/$s/ensemble_report.html" ] && ok \
      || bad "plot of compare --runs ($lang): $s has no ensemble charts"
  done
done
# blocks of ens-cmp.dat: 1 the reference, 2 the copy (one bar per target row of the reference)
awk '/^#/ {next} NF == 0 {if (prev) b++; prev = 0; next} {prev = 1} $1 == "y" {next}
     b == 0 {ref[++nr] = $2} b == 1 {c[++nc] = $2; d[nc] = $5}
     END {ok = nr > 0 && nr == nc; for (i = 1; i <= nr; i++) if (ref[i] != c[i] || d[i] != 0) ok = 0; exit !ok}' \
  "$tmp/cmp/charts/ens-cmp.dat" && ok || bad "ens-cmp.dat: the copy's bars differ from the reference's"
ntarget=$(awk '$1 == "plot-small" && $3 == "target" {n++} END {print n + 0}' "$tmp/cmp/comparison_ensemble.dat")
[ "$(grep -c '^[0-9.]* "' "$tmp/cmp/charts/ens-cmp.dat")" = "$ntarget" ] && ok || bad "ens-cmp.dat: not one group per target check"

# plot DIR of `ecsim elcc`: the chart data of `elcc --plot`
"$ecsim" elcc -q scenarios/adequacy-outages.cfg --runs 2 --tech wind,solar -o "$tmp/elcc" --plot 2>/dev/null || bad "elcc --plot failed"
mkdir "$tmp/elcc2"; cp "$tmp/elcc/elcc.dat" "$tmp/elcc2/"
"$ecsim" plot "$tmp/elcc2" >/dev/null 2>&1 && cmp -s "$tmp/elcc/charts/elcc-chart.dat" "$tmp/elcc2/charts/elcc-chart.dat" \
  && [ "$(png_size "$tmp/elcc2/charts/elcc.png")" = 1600x900 ] && ok || bad "plot of an elcc folder differs from elcc --plot"

# a folder of none of these kinds: one message, exit status 1, nothing created
mkdir "$tmp/other"; echo x > "$tmp/other/notes.txt"
"$ecsim" plot "$tmp/other" >/dev/null 2>"$tmp/err-other"; rc=$?
[ $rc = 1 ] && [ "$(wc -l < "$tmp/err-other")" = 1 ] && grep -q 'nothing to draw' "$tmp/err-other" && ok \
  || bad "plot of another folder: exit status $rc, message: $(head -c 300 "$tmp/err-other")"
[ "$(ls -A "$tmp/other")" = notes.txt ] && ok || bad "plot of another folder created files"
"$ecsim" plot "$tmp/other/notes.txt" >/dev/null 2>"$tmp/err-file"; rc=$?
[ $rc = 1 ] && grep -q 'not a directory' "$tmp/err-file" && ok || bad "plot of a file: exit status $rc"
"$ecsim" plot "$tmp/part1/plot-small" >/dev/null 2>"$tmp/err-shard"; rc=$?
[ $rc = 1 ] && grep -q 'ecsim merge' "$tmp/err-shard" && [ ! -e "$tmp/part1/plot-small/charts" ] && ok \
  || bad "plot of a shard: exit status $rc, message: $(head -c 300 "$tmp/err-shard")"

echo "plots: $pass passed, $fail failed"
[ $fail = 0 ]
