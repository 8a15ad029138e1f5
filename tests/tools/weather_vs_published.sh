#!/bin/sh
# Published climate figures against the synthetic weather of a scenario: runs the
# scenario for N seeds with every year's hourly file, and prints markdown tables of the
# monthly mean wind at the reference height, monthly and annual GHI (kWh/m2), monthly
# mean temperature and mean diurnal temperature range, and the hour of the mean diurnal
# wind maximum, as ensemble means with the standard deviation between weather-years.
# The published figures and the settings' own monthly values are in docs/weather-data.md.
# usage: weather_vs_published.sh ECSIM CFG [N_SEEDS]   (default 30; not part of make check)
set -u
ecsim=$1; cfg=$2; n=${3:-30}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
years=$(awk '/first_year/ { f = $3 } /last_year/ { l = $3 } END { gsub(/;/, "", f); gsub(/;/, "", l);
  s = ""; for (y = f; y <= l; y++) s = s (s == "" ? "" : ",") y; print s }' "$cfg")
s=1
while [ "$s" -le "$n" ]; do
  "$ecsim" run -q "$cfg" -o "$tmp/s$s" --set "scenario.seed=$s" --set "output.hourly_years=[$years]"
  rc=$?
  if [ $rc != 0 ] && [ $rc != 3 ]; then echo "weather_vs_published: run with seed $s failed ($rc)" >&2; exit 1; fi
  s=$((s + 1))
done
# one line per weather-year and month: wind mean, GHI sum, temperature mean, mean
# daily range; and per weather-year the hourly-of-day wind means
for f in "$tmp"/s*/*/hourly-*.dat; do
  LC_ALL=C awk '
    /^#/ { next }
    !head { for (i = 1; i <= NF; i++) col[$i] = i; head = 1; next }
    { m = $col["month"]; d = $col["day_of_year"]; h = $col["hour_of_day"]
      w = $col["wind_ms"]; g = $col["ghi_wm2"]; t = $col["temp_c"]
      nw[m]++; sw[m] += w; sg[m] += g; st[m] += t
      if (!(d in tmax) || t > tmax[d]) tmax[d] = t
      if (!(d in tmin) || t < tmin[d]) tmin[d] = t
      dm[d] = m; hw[h] += w; hn[h]++ }
    END {
      for (d in dm) { dr[dm[d]] += tmax[d] - tmin[d]; dn[dm[d]]++ }
      for (m = 1; m <= 12; m++)
        printf "M %d %.6f %.6f %.6f %.6f\n", m, sw[m] / nw[m], sg[m] / 1000, st[m] / nw[m], dr[m] / dn[m]
      best = 0; for (h = 0; h < 24; h++) if (hw[h] / hn[h] > hw[best] / hn[best]) best = h
      printf "P %d\n", best }' "$f"
done > "$tmp/rows"
LC_ALL=C awk '
  function sd(s, q, n) { return n > 1 ? sqrt((q - s * s / n) / (n - 1)) : 0 }
  $1 == "M" { m = $2; n[m]++
    for (k = 3; k <= 6; k++) { s[m, k] += $k; q[m, k] += $k * $k } }
  $1 == "P" { peak[$2]++; np++ }
  END {
    split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " ")
    printf "%d weather-years (seeds x years)\n\n", n[1]
    print "| month | wind at ref. height (m/s) | GHI (kWh/m2) | temperature (C) | mean diurnal range (C) |"
    print "|---|---|---|---|---|"
    for (m = 1; m <= 12; m++)
      printf "| %s | %.2f ± %.2f | %.1f ± %.1f | %.2f ± %.2f | %.1f ± %.1f |\n", mn[m],
        s[m,3] / n[m], sd(s[m,3], q[m,3], n[m]), s[m,4] / n[m], sd(s[m,4], q[m,4], n[m]),
        s[m,5] / n[m], sd(s[m,5], q[m,5], n[m]), s[m,6] / n[m], sd(s[m,6], q[m,6], n[m])
    printf "\n"
  }' "$tmp/rows"
# annual figures per weather-year (GHI sum, hour-weighted wind and temperature means)
for f in "$tmp"/s*/*/hourly-*.dat; do
  LC_ALL=C awk '/^#/ { next } !head { for (i = 1; i <= NF; i++) col[$i] = i; head = 1; next }
    { n++; w += $col["wind_ms"]; g += $col["ghi_wm2"]; t += $col["temp_c"] }
    END { printf "%.6f %.6f %.6f\n", w / n, g / 1000, t / n }' "$f"
done | LC_ALL=C awk '
  { n++; for (k = 1; k <= 3; k++) { s[k] += $k; q[k] += $k * $k } }
  function sd(k) { return n > 1 ? sqrt((q[k] - s[k] * s[k] / n) / (n - 1)) : 0 }
  END { printf "year: wind %.2f ± %.2f m/s, GHI %.1f ± %.1f kWh/m2, temperature %.2f ± %.2f C\n",
    s[1] / n, sd(1), s[2] / n, sd(2), s[3] / n, sd(3) }'
LC_ALL=C awk '$1 == "P" { c[$2]++; n++ }
  END { printf "hour of the mean diurnal wind maximum (clock hour h = [h, h+1)):"
    for (h = 0; h < 24; h++) if (c[h]) printf " %d h in %d of %d years;", h, c[h], n; printf "\n" }' "$tmp/rows"
