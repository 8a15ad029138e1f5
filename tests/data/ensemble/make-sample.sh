#!/bin/sh
# make-sample.sh — the sample ensemble of this folder (README.md), made from
# one run's annual.dat and targets.dat by perturbing the weather-driven
# columns with known distributions (awk, seeded: the same files every time):
#   sh make-sample.sh ANNUAL.dat TARGETS.dat MEMBERS OUTDIR
# writes OUTDIR/members.dat, ensemble.dat, probabilities.dat and summary.md.
# The statistics are computed here, independently of ecsim: quantiles by
# linear interpolation between order statistics (R type 7), Wilson 95 %.
set -eu
annual=$1 targets=$2 n=$3 out=$4
mkdir -p "$out"
awk -v n="$n" -v seed=20210101 '
function gauss(   u, v) { u = rand(); v = rand(); if (u < 1e-12) u = 1e-12; return sqrt(-2 * log(u)) * cos(6.283185307179586 * v) }
/^#/ { next }
!hdr { hdr = 1; nc = NF; for (i = 1; i <= NF; i++) { name[i] = $i; col[$i] = i }; next }
{ ny++; for (i = 1; i <= NF; i++) base[ny, i] = $i }
END {
    srand(seed)
    # re_utilisation by year: mean and sd before capping at 1 (2020..2025)
    split("1.02 1.02 1.00 0.85 0.93 0.95", um); split("0.02 0.02 0.03 0.04 0.035 0.03", us)
    printf "# ecsim weather ensemble members (sample) — scenario yiwu-14fyp; seed %d; %d members\n", seed, n
    printf "member"; for (i = 1; i <= nc; i++) printf " %s", name[i]; printf "\n"
    for (m = 1; m <= n; m++) {
        ei0 = base[1, col["energy_intensity_tce_per_10k_yuan"]]; ci0 = base[1, col["carbon_intensity_t_per_10k_yuan"]]
        for (y = 1; y <= ny; y++) {
            for (i = 1; i <= nc; i++) v[i] = base[y, i]
            zw = 0.07 * gauss()
            v[col["wind_avail_mwh"]] *= 1 + zw
            v[col["wind_mean_ms"]] *= 1 + zw / 3
            u = um[y] + us[y] * gauss(); if (u > 1) u = 1
            avail = v[col["wind_avail_mwh"]] + v[col["solar_avail_mwh"]]
            v[col["re_utilisation"]] = u
            v[col["curtailed_mwh"]] = avail * (1 - u)
            v[col["export_mwh"]] *= 1 + 1.3 * zw - 0.5 * (1 - u)
            v[col["coal_power_mwh"]] *= 1 - 0.5 * zw
            if (y > 1) {
                de = base[y, col["energy_intensity_change_frac"]] + 0.012 * gauss() - 0.1 * zw
                dc = base[y, col["carbon_intensity_change_frac"]] + 0.03 * gauss() - 0.3 * zw
                v[col["energy_intensity_change_frac"]] = de; v[col["carbon_intensity_change_frac"]] = dc
                v[col["energy_intensity_tce_per_10k_yuan"]] = ei0 * (1 + de)
                v[col["carbon_intensity_t_per_10k_yuan"]] = ci0 * (1 + dc)
            }
            printf "%d", m; for (i = 1; i <= nc; i++) printf " %.7g", v[i]; printf "\n"
        }
    }
}' "$annual" > "$out/members.dat"

# ensemble.dat: one row per metric and year
awk '
/^#/ { next }
!hdr { hdr = 1; nc = NF; for (i = 1; i <= NF; i++) name[i] = $i; next }
{ y = $2; if (!(y in seen)) { seen[y] = 1; years[++ny] = y }; k = ++cnt[y]; for (i = 3; i <= nc; i++) val[y, k, i] = $i }
function q(p,   h, lo) { h = (c - 1) * p + 1; lo = int(h); if (lo >= c) return s[c]; return s[lo] + (h - lo) * (s[lo + 1] - s[lo]) }
END {
    print "# ecsim weather ensemble statistics (sample) — scenario yiwu-14fyp; seed 20210101"
    print "# quantiles: linear interpolation between order statistics (type 7); sd with n - 1"
    print "metric year n mean sd min p10 p50 p90 max"
    for (i = 3; i <= nc; i++) for (j = 1; j <= ny; j++) {
        y = years[j]; c = cnt[y]; sum = 0
        for (k = 1; k <= c; k++) { s[k] = val[y, k, i] + 0; sum += s[k] }
        for (k = 2; k <= c; k++) { t = s[k]; for (l = k - 1; l >= 1 && s[l] > t; l--) s[l + 1] = s[l]; s[l + 1] = t }
        mean = sum / c; ss = 0; for (k = 1; k <= c; k++) ss += (s[k] - mean) ^ 2
        printf "%s %d %d %.7g %.7g %.7g %.7g %.7g %.7g %.7g\n", name[i], y, c, mean, sqrt(ss / (c - 1)), s[1], q(0.1), q(0.5), q(0.9), s[c]
    }
}' "$out/members.dat" > "$out/ensemble.dat"

# probabilities.dat: one row per target check of targets.dat, and all_results
awk -v z=1.959963985 '
function wilson(k, n, side,   p, d, c, h) { p = k / n; d = 1 + z * z / n; c = (p + z * z / (2 * n)) / d
    h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d; return side < 0 ? c - h : c + h }
FNR == 1 { file++ }
/^#/ { next }
file == 1 && !h1 { h1 = 1; for (i = 1; i <= NF; i++) col[$i] = i; next }
file == 1 { m = $1; y = $2; if (m > nm) nm = m; for (c in col) v[m, y, c] = $(col[c]); next }
file == 2 && !h2 { h2 = 1; next }
file == 2 {
    # id "label" metric year value op threshold upper base_year pass margin basis kind "note": the quoted label dropped first
    line = $0; nt++
    id[nt] = $1; sub(/^[^ ]+ "[^"]*" /, "", line); split(line, f, " ")
    met_[nt] = f[1]; yr[nt] = f[2]; op[nt] = f[4]; th[nt] = f[5]; up[nt] = f[6]; by[nt] = f[7]; basis[nt] = f[10]; kind[nt] = f[11]
}
END {
    print "# ecsim weather ensemble target probabilities (sample) — scenario yiwu-14fyp; seed 20210101"
    print "# p_met = met / n; ci_low, ci_high: Wilson score interval, 95 %"
    print "id metric year op threshold basis kind n met p_met ci_low ci_high"
    for (m = 1; m <= nm; m++) all[m] = 1
    for (t = 1; t <= nt; t++) {
        k = 0
        for (m = 1; m <= nm; m++) {
            x = v[m, yr[t], met_[t]] + 0
            if (op[t] == ">=") ok = x >= th[t]
            else if (op[t] == "<=") ok = x <= th[t]
            else if (op[t] == "range") ok = x >= th[t] && x <= up[t]
            else ok = (1 - x / v[m, by[t], met_[t]]) >= th[t]
            k += ok; if (kind[t] == "result" && !ok) all[m] = 0
        }
        printf "%s %s %d %s %.7g %s %s %d %d %.6f %.6f %.6f\n", id[t], met_[t], yr[t], op[t], th[t], basis[t], kind[t], nm, k, k / nm, wilson(k, nm, -1), wilson(k, nm, 1)
    }
    k = 0; for (m = 1; m <= nm; m++) k += all[m]
    printf "all_results - 0 - 0 - result %d %d %.6f %.6f %.6f\n", nm, k, k / nm, wilson(k, nm, -1), wilson(k, nm, 1)
}' "$out/members.dat" "$targets" > "$out/probabilities.dat"

awk -v thr=0.9 '
/^#/ || !h { if (!/^#/) h = 1; next }
{ n = $8; rows = rows sprintf("| `%s` | %s | %s %s | %d / %d | %.1f %% | %.1f–%.1f %% |\n", $1, ($3 == 0 ? "–" : $3), $4, $5, $9, $8, 100 * $10, 100 * $11, 100 * $12)
  if ($1 == "all_results") pall = $10 }
END {
    print "# yiwu-14fyp — weather ensemble (sample)"
    print ""
    printf "**%d weather members** of the base plan (sample data: perturbed from one run, not simulated).\n\n", n
    printf "The probability that every simulated target is met in the same member is **%.0f %%**.\n\n", 100 * pall
    print "## Target probabilities"
    print ""
    print "| target | year | check | met | probability | Wilson 95 % |"
    print "|---|---:|---|---:|---:|---:|"
    printf "%s", rows
    print ""
    print "- the renewable utilisation of 2023 is the weak year: the storage arrives after the wind."
}' "$out/probabilities.dat" > "$out/summary.md"
