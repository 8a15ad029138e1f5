#!/bin/sh
# Weather files: `ecsim weather-info` on every shipped weather file gives
# the annual sums of GHI/DNI/DHI and the means of temperature, pressure and
# wind speed that awk computes straight from the file (by column name or
# field number, as each format's documentation says, without the reader);
# the monthly table of one file likewise; a malformed file exits 1 with a
# message naming file:line and column, and nothing on stdout.
# usage: weather_files.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "weather_files: $*"; fail=$((fail + 1)); }

# awk programs printing "key value" lines with the keys of weather-info.
# SAM CSV: columns by name on line 3; rows until an empty line; sums are
# over hours, so sub-hourly rows count 8760/rows each.
sam_awk='
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return tolower(s) }
NR == 3 { for (i = 1; i <= NF; i++) { n = trim($i)
    if (n == "ghi") g = i; if (n == "dni") b = i; if (n == "dhi") d = i
    if (n == "tdry" || n == "temperature") t = i; if (n == "pres" || n == "pressure") p = i
    if (n == "wspd" || n == "wind speed") w = i } next }
NR > 3 && $0 == "" { exit }
NR > 3 { r++; sg += $g; sb += $b; sd += $d; st += $t; sp += $p; sw += $w }
END { k = 8760 / r
    if (g) printf "ghi_kwh_m2 %.6f\n", sg * k / 1000; if (b) printf "dni_kwh_m2 %.6f\n", sb * k / 1000
    if (d) printf "dhi_kwh_m2 %.6f\n", sd * k / 1000; if (t) printf "temp_c_mean %.6f\n", st / r
    if (p) printf "pressure_hpa_mean %.6f\n", sp / r; if (w) printf "wind_ms_mean_10m %.6f\n", sw / r }'
# TMY3: names before " (unit)" on line 2; the Alb column is all flagged.
tmy3_awk='
NR == 2 { for (i = 1; i <= NF; i++) { n = $i; sub(/ \(.*/, "", n)
    if (n == "GHI") g = i; if (n == "DNI") b = i; if (n == "DHI") d = i
    if (n == "Dry-bulb") t = i; if (n == "Pressure") p = i; if (n == "Wspd") w = i } next }
NR > 2 { r++; sg += $g; sb += $b; sd += $d; st += $t; sp += $p; sw += $w }
END { printf "ghi_kwh_m2 %.6f\ndni_kwh_m2 %.6f\ndhi_kwh_m2 %.6f\n", sg / 1000, sb / 1000, sd / 1000
    printf "temp_c_mean %.6f\npressure_hpa_mean %.6f\nwind_ms_mean_10m %.6f\n", st / r, sp / r, sw / r }'
# EPW: fields 7 (dry bulb), 10 (Pa), 14-16 (irradiance), 22 (wind) after 8 header lines.
epw_awk='
NR > 8 { r++; sg += $14; sb += $15; sd += $16; st += $7; sp += $10; sw += $22 }
END { printf "ghi_kwh_m2 %.6f\ndni_kwh_m2 %.6f\ndhi_kwh_m2 %.6f\n", sg / 1000, sb / 1000, sd / 1000
    printf "temp_c_mean %.6f\npressure_hpa_mean %.6f\nwind_ms_mean_10m %.6f\n", st / r, sp / r / 100, sw / r }'
# SRW: quantity names on line 3, heights on line 5; temperature and
# pressure (atm) of the lowest height; speed at each height.
srw_awk='
NR == 3 { for (i = 1; i <= NF; i++) q[i] = $i; next }
NR == 5 { lo = 1e9; for (i = 1; i <= NF; i++) { h[i] = $i + 0; if ($i + 0 < lo) lo = $i + 0 }; next }
NR > 5 && NF > 0 { r++; for (i = 1; i <= NF; i++) {
    if (q[i] == "Speed") sw[h[i]] += $i
    if (h[i] == lo && q[i] == "Temperature") st += $i
    if (h[i] == lo && q[i] == "Pressure") sp += $i } }
END { printf "temp_c_mean %.6f\npressure_hpa_mean %.6f\n", st / r, sp / r * 1013.25
    for (x in sw) printf "wind_ms_mean_%sm %.6f\n", x, sw[x] / r }'
# PVGIS CSV: rows stamped YYYYMMDD:HHMM; T2m 2, G(h) 4, Gb(n) 5, Gd(h) 6, WS10m 8, SP 10 (Pa).
pvgis_awk='
$1 ~ /^[0-9]+:[0-9]+$/ { r++; sg += $4; sb += $5; sd += $6; st += $2; sp += $10; sw += $8 }
END { printf "ghi_kwh_m2 %.6f\ndni_kwh_m2 %.6f\ndhi_kwh_m2 %.6f\n", sg / 1000, sb / 1000, sd / 1000
    printf "temp_c_mean %.6f\npressure_hpa_mean %.6f\nwind_ms_mean_10m %.6f\n", st / r, sp / r / 100, sw / r }'

# compare FILE PROGRAM: every key awk computes is printed by weather-info
# within the rounding of its output (3 decimals for sums, 4 for means),
# and weather-info prints no figure awk did not compute.
compare() {
  file=$1; prog=$2
  awk -F, "$prog" "$file" | sort >"$tmp/want"
  if ! "$ecsim" weather-info "$file" >"$tmp/out" 2>"$tmp/err"; then
    bad "$file: weather-info failed: $(cat "$tmp/err")"; return
  fi
  grep -qx "records: 8760" "$tmp/out" && ok || bad "$file: records is not 8760"
  grep -qx "filled: 0" "$tmp/out" && ok || bad "$file: values filled in a file without gaps"
  grep -E '^(ghi|dni|dhi)_kwh_m2:|_mean(_[0-9.]+m)?:' "$tmp/out" | sed 's/: / /' | sort >"$tmp/got"
  awk 'NR == FNR { want[$1] = $2; next }
       { got[$1] = $2 }
       END { for (k in want) {
               if (!(k in got)) { print "missing " k; bad = 1; continue }
               d = want[k] - got[k]; if (d < 0) d = -d
               if (d > 0.0006 + 1e-9 * (want[k] < 0 ? -want[k] : want[k])) { print k ": awk " want[k] ", weather-info " got[k]; bad = 1 } }
             for (k in got) if (!(k in want)) { print "not computed by awk: " k; bad = 1 }
             exit bad }' "$tmp/want" "$tmp/got" >"$tmp/diff" \
    && ok || bad "$file: $(tr '\n' ';' <"$tmp/diff")"
}

d=tests/data/weather
compare tests/data/sam/USA_AZ_Phoenix_TMY2.csv "$sam_awk"
compare $d/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv "$sam_awk"
compare $d/LosAngeles_WeatherFile_15min.csv "$sam_awk"
compare $d/pv_albedo_test.csv "$sam_awk"
compare $d/723170TYA.CSV "$tmy3_awk"
compare $d/NLD_Amsterdam062400_IWEC.epw "$epw_awk"
compare $d/tmy_45.000_8.000_2005_2023.epw "$epw_awk"
compare $d/tmy_45.000_8.000_2005_2023.csv "$pvgis_awk"
compare $d/wind.srw "$srw_awk"
compare $d/WY_Southern-Flat_Lands.srw "$srw_awk"
compare $d/AZ_Eastern-Rolling_Hills.srw "$srw_awk"

# Monthly: the PSM v3 file's GHI per month (column 8, month in column 2).
f=$d/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv
awk -F, 'NR > 3 && $0 != "" { s[$2 + 0] += $8 } END { for (m = 1; m <= 12; m++) printf "%d %.3f\n", m, s[m] / 1000 }' "$f" >"$tmp/want"
"$ecsim" weather-info --monthly "$f" >"$tmp/out" 2>&1 || bad "weather-info --monthly failed"
awk '/^month / { for (i = 1; i <= NF; i++) if ($i == "ghi_kwh_m2") c = i; on = 1; next }
     on && NF == 0 { on = 0 } on { printf "%d %.3f\n", $1, $c }' "$tmp/out" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || bad "monthly GHI of $f differs from awk: $(paste -d' ' "$tmp/want" "$tmp/got" | tr '\n' ';')"

# A malformed file: exit 1, file:line: column in the message, nothing on stdout.
sed '100s/^\(\([^,]*,\)\{7\}\)[^,]*/\112x/' $f >"$tmp/bad.csv"
"$ecsim" weather-info "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ok || bad "malformed file: exit $rc, expected 1"
grep -qF "$tmp/bad.csv:100: column 8 (GHI): '12x' is not a number" "$tmp/err" && ok \
  || bad "malformed file: message '$(cat "$tmp/err")'"
[ -s "$tmp/out" ] && bad "malformed file: something on stdout" || ok
# a gap too long in an SRW file: located at its first row
sed '10,14s/^\([^,]*,[^,]*,\)[^,]*/\1N\/A/' $d/wind.srw >"$tmp/gap.srw"
"$ecsim" weather-info "$tmp/gap.srw" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && [ ! -s "$tmp/out" ] && grep -qF "$tmp/gap.srw:10: column 3 (Speed at 80 m): 5 hours missing" "$tmp/err" \
  && ok || bad "gap in an SRW file: exit $rc, message '$(cat "$tmp/err")'"
# a good file and a bad one: the good one is printed, exit 1
"$ecsim" weather-info $d/wind.srw "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -qx "format: srw" "$tmp/out" && [ "$(grep -c '^file:' "$tmp/out")" = 1 ] \
  && ok || bad "good and bad file: exit $rc"
"$ecsim" weather-info >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok || bad "no file: exit $rc, expected 2"

echo "weather_files: $pass passed, $fail failed"
[ $fail = 0 ]
