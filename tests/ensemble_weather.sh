#!/bin/sh
# Ensembles of scenarios with weather from files (docs/ensemble.md, "Weather
# from files"): --weather-years (member m = a plain run on file m in every
# year, row for row), --runs N fitted members (reproducible, -j 2 = -j 1,
# full-load hours against the files' own), common weather of variants,
# the files' SHA-256 against sha256sum, and the usage errors.
# usage: ensemble_weather.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "ensemble_weather: $*"; fail=$((fail + 1)); }
proxy=scenarios/weather-file-proxy.cfg
W=$PWD/tests/data/weather
A=$W/tmy_45.000_8.000_2005_2023.csv
B=$W/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv
C=$W/723170TYA.CSV
# the data rows of a members file for member M, without the member column
member_rows() { awk -v m="$2" '!/^#/ && $1 == m {$1 = ""; print substr($0, 2)}' "$1"; }
# the data rows of an annual.dat
annual_rows() { awk '!/^#/ && $1 != "year"' "$1"; }
# mean of column C of a members file (every member and year)
col_mean() { awk -v c="$2" '!/^#/ && $1 != "member" {s += $c; n++} END {printf "%.6f", s / n}' "$1"; }
# a column of a members file, one value per row, for comparing weather
col() { awk -v c="$2" '!/^#/ {print $1, $2, $c}' "$1"; }

# ---- the files' years as members ------------------------------------------------
# six simulated years on three distinct files (A B C B A C): three members
cat > "$tmp/three.cfg" <<EOF
inherits = "$PWD/$proxy";
scenario = { name = "three-years"; };
weather = { file = ""; files = [ "$A", "$B", "$C", "$B", "$A", "$C" ]; };
EOF
"$ecsim" ensemble -q "$tmp/three.cfg" --weather-years -j 2 -o "$tmp/y2" 2>"$tmp/err" || bad "--weather-years failed"
"$ecsim" ensemble -q "$tmp/three.cfg" --weather-years -j 1 -o "$tmp/y1" 2>/dev/null
m=$tmp/y2/three-years/members.dat
[ "$(awk '!/^#/ && $1 != "member" {print $1}' "$m" | uniq -c | awk '{printf "%s:%s ", $2, $1}')" = "1:6 2:6 3:6 " ] \
  && ok || bad "3 distinct files should give members 1, 2, 3 of 6 years each"
for f in members.dat members.csv ensemble.dat probabilities.dat summary.md; do
  cmp -s "$tmp/y1/three-years/$f" "$tmp/y2/three-years/$f" && ok || bad "--weather-years: $f differs between -j 1 and -j 2"
done
[ ! -e "$tmp/y2/three-years/weather_fit.cfg" ] && ok || bad "--weather-years wrote a fit"
# member m is `ecsim run` with year m's file in every year, row for row
k=0
for F in "$A" "$B" "$C"; do
  k=$((k + 1))
  cat > "$tmp/only$k.cfg" <<EOF
inherits = "$tmp/three.cfg";
scenario = { name = "only$k"; };
weather = { files = [ "$F", "$F", "$F", "$F", "$F", "$F" ]; };
EOF
  "$ecsim" run -q "$tmp/only$k.cfg" -o "$tmp/runs" >/dev/null 2>&1
  [ $? -le 3 ] && [ -f "$tmp/runs/only$k/annual.dat" ] || bad "plain run on file $k failed"
  member_rows "$m" $k > "$tmp/m$k"; annual_rows "$tmp/runs/only$k/annual.dat" > "$tmp/a$k"
  [ -s "$tmp/m$k" ] && cmp -s "$tmp/m$k" "$tmp/a$k" && ok || bad "member $k differs from the plain run on file $k"
  grep -q "^| $k | \`$(basename "$F")\` | $(sha256sum "$F" | cut -d' ' -f1) |" "$tmp/y2/three-years/summary.md" \
    && ok || bad "summary.md does not name member $k's file with its SHA-256"
done
# the weather differs between the members (three places), so they are not one member copied
[ "$(awk '!/^#/ && $1 != "member" && $2 == 2021 {print $11}' "$m" | sort -u | wc -l)" = 3 ] \
  && ok || bad "the three members do not have three different GHI"
# a variant on the same files has the same weather member by member (columns 10-12:
# wind_mean_ms ghi_kwh_per_m2 temp_mean_c), whatever else it changes
cat > "$tmp/three-st.cfg" <<EOF
inherits = "$tmp/three.cfg";
scenario = { name = "three-storage"; };
storage = { duration_h = 8.0; };
EOF
"$ecsim" compare -q "$tmp/three.cfg" "$tmp/three-st.cfg" --weather-years -o "$tmp/yc" 2>/dev/null \
  || bad "compare --weather-years failed"
for c in 10 11 12; do
  col "$tmp/yc/three-years/members.dat" $c > "$tmp/c1"; col "$tmp/yc/three-storage/members.dat" $c > "$tmp/c2"
  [ -s "$tmp/c1" ] && cmp -s "$tmp/c1" "$tmp/c2" && ok || bad "compare --weather-years: column $c differs between variants"
done

# ---- synthetic members fitted to the files --------------------------------------
"$ecsim" ensemble -q "$proxy" --runs 40 -j 1 -o "$tmp/f1" 2>"$tmp/err" || bad "fitted ensemble -j 1 failed"
"$ecsim" ensemble -q "$proxy" --runs 40 -j 2 -o "$tmp/f2" 2>/dev/null || bad "fitted ensemble -j 2 failed"
"$ecsim" ensemble -q "$proxy" --runs 40 -j 2 --seed 99 -o "$tmp/f3" 2>/dev/null || bad "fitted ensemble --seed failed"
d=$tmp/f2/weather-file-proxy
for f in members.dat members.csv ensemble.dat ensemble.csv probabilities.dat probabilities.csv summary.md weather_fit.cfg; do
  [ -f "$tmp/f1/weather-file-proxy/$f" ] && cmp -s "$tmp/f1/weather-file-proxy/$f" "$d/$f" \
    && ok || bad "fitted: $f missing or differs between -j 1 and -j 2"
done
[ "$(awk '!/^#/ && $1 != "member" {print $1}' "$d/members.dat" | sort -un | wc -l)" = 40 ] \
  && ok || bad "fitted: not 40 members"
cmp -s "$d/members.dat" "$tmp/f3/weather-file-proxy/members.dat" && bad "fitted: another seed gave the same members" || ok
cmp -s "$d/weather_fit.cfg" "$tmp/f3/weather-file-proxy/weather_fit.cfg" && ok || bad "fitted: the fit depends on the seed"
# the members differ from each other (synthetic weather), unlike the one file year
[ "$(awk '!/^#/ && $1 != "member" && $2 == 2021 {print $11}' "$d/members.dat" | sort -u | wc -l)" -ge 30 ] \
  && ok || bad "fitted: the members' GHI of 2021 is not member by member different"
# files named with their full SHA-256, in summary.md and weather_fit.cfg
for F in configs/weather/tmy_45.000_8.000_2005_2023.csv configs/weather/AZ_Eastern-Rolling_Hills.srw; do
  h=$(sha256sum "$F" | cut -d' ' -f1)
  grep -q "$h" "$d/summary.md" && grep -q "$(basename "$F") SHA-256 $h" "$d/weather_fit.cfg" \
    && ok || bad "fitted: $(basename "$F") and its SHA-256 are not recorded"
done
grep -q '^  wind_ref_height_m = 100.0;' "$d/weather_fit.cfg" && ok || bad "fitted: wind not fitted at the 100 m hub"
# The file is one year of the weather the fit describes: its annual figures must lie
# within 3 sd (the fitted members' year-to-year sd) of the members' mean; mean wind
# speed within 1 % (the ML Weibull keeps the mean speed; 240 member-years add ~0.1 %).
"$ecsim" ensemble -q "$proxy" --weather-years -o "$tmp/fy" 2>/dev/null || bad "proxy --weather-years failed"
fy=$tmp/fy/weather-file-proxy/members.dat
[ "$(awk '!/^#/ && $1 != "member" {print $1}' "$fy" | sort -u)" = 1 ] && ok || bad "one file should be one member"
"$ecsim" run -q "$proxy" -o "$tmp/pr" >/dev/null 2>&1
annual_rows "$tmp/pr/weather-file-proxy/annual.dat" > "$tmp/pa"; member_rows "$fy" 1 > "$tmp/pm"
cmp -s "$tmp/pa" "$tmp/pm" && ok || bad "the proxy's one file-year member differs from its plain run"
for c in 10 11 22 23; do   # wind_mean_ms ghi_kwh_per_m2 wind/solar_avail_full_load_hours
  fit=$(col_mean "$d/members.dat" $c); file=$(col_mean "$fy" $c)
  sd=$(awk -v c=$c '!/^#/ && $1 != "member" {s += $c; q += $c * $c; n++} END {printf "%.6f", sqrt((q - s * s / n) / (n - 1))}' "$d/members.dat")
  awk -v a="$fit" -v b="$file" -v s="$sd" -v c=$c 'BEGIN {t = 3 * s; if (c == 10) t = 0.01 * b; exit !((a - b) ^ 2 <= t * t)}' \
    && ok || bad "fitted: column $c mean $fit vs the file's $file (sd $sd) out of tolerance"
done
# common weather of variants: a variant that changes storage only has the fitted members' weather
cat > "$tmp/proxy-st.cfg" <<EOF
inherits = "$PWD/$proxy";
scenario = { name = "proxy-storage"; };
storage = { duration_h = 8.0; };
EOF
"$ecsim" compare -q "$proxy" "$tmp/proxy-st.cfg" --runs 6 -o "$tmp/fc" 2>/dev/null || bad "compare --runs on file scenarios failed"
for c in 10 11 12; do
  col "$tmp/fc/weather-file-proxy/members.dat" $c > "$tmp/c1"; col "$tmp/fc/proxy-storage/members.dat" $c > "$tmp/c2"
  [ -s "$tmp/c1" ] && cmp -s "$tmp/c1" "$tmp/c2" && ok || bad "compare --runs: fitted weather column $c differs between variants"
done

# ---- usage ----------------------------------------------------------------------
expect() {   # expect RC NAME ARGS...: exit status RC, a message, nothing written
  want=$1; name=$2; shift 2
  rm -rf "$tmp/u"
  "$ecsim" "$@" -o "$tmp/u" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = "$want" ] && [ -s "$tmp/err" ] && [ ! -e "$tmp/u/weather-file-proxy" ] && [ ! -e "$tmp/u/yiwu-14fyp" ] \
    && ok || bad "$name: exit $rc, expected $want with a message and nothing written"
}
expect 2 "--weather-years with --runs" ensemble "$proxy" --weather-years --runs 5
expect 2 "--weather-years on synthetic weather" ensemble configs/yiwu-14fyp.cfg "$proxy" --weather-years
grep -q 'yiwu-14fyp.cfg.*--weather-years' "$tmp/err" && ok || bad "the refusal does not name the synthetic scenario"
expect 2 "--weather-years with --shard" ensemble "$proxy" --weather-years --shard 1/2
expect 2 "neither --runs nor --weather-years" ensemble "$proxy"
expect 2 "compare --weather-years on synthetic weather" compare configs/yiwu-14fyp.cfg "$proxy" --weather-years
expect 1 "a file scenario in shards" ensemble "$proxy" --runs 4 --shard 1/2

echo "ensemble_weather: $pass passed, $fail failed"
[ "$fail" = 0 ]
