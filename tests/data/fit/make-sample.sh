#!/bin/sh
# make-sample.sh — writes a sample of the files `ecsim fit-weather -o DIR`
# writes (docs/charts.md, "The fit report"), made from known parameters
# instead of a weather file: one synthetic "observed" year (Yiwu-like: Weibull
# wind with two-time-scale persistence and a monthly daily cycle, daily
# clearness, temperature) and what a fit of it looks like (README.md). The
# sample in this folder was written by `sh make-sample.sh .`; the fit-report
# tests read it. Deterministic: its own random numbers (MINSTD, seed
# 20261202) and normal distribution function, no awk-specific ones
# (checked with mawk).
# usage: make-sample.sh DIR
set -eu
dir=${1:?usage: make-sample.sh DIR}
mkdir -p "$dir"
LC_ALL=C awk -v dir="$dir" '
function rnd() { seed = (seed * 48271) % 2147483647; return seed / 2147483647 }
function gauss(  u, v) { u = rnd(); v = rnd(); return sqrt(-2 * log(u)) * cos(6.283185307179586 * v) }
# erf: Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7)
function erf(x,  t, y, s) {
    s = x < 0 ? -1 : 1; x = x < 0 ? -x : x
    t = 1 / (1 + 0.3275911 * x)
    y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-x * x)
    return s * y
}
function Phi(z) { return 0.5 * (1 + erf(z / 1.4142135623730951)) }
function wcdf(v, k, c) { return v <= 0 ? 0 : 1 - exp(-((v / c) ^ k)) }
function diurnal(m, h) { return 1 + amp[m] * cos(6.283185307179586 * (h - peak[m]) / 24) }
# hourly wind of n_years years into w[]; months into mo[], hours of day into hd[]
function simulate(n_years,  y, m, d, h, t, x1, x2, z, u) {
    t = 0; x1 = gauss(); x2 = gauss()
    for (y = 1; y <= n_years; y++)
        for (m = 1; m <= 12; m++)
            for (d = 1; d <= ndays[m]; d++)
                for (h = 0; h < 24; h++) {
                    x1 = phi1 * x1 + sqrt(1 - phi1 * phi1) * gauss()
                    x2 = phi2 * x2 + sqrt(1 - phi2 * phi2) * gauss()
                    z = sqrt(wt1) * x1 + sqrt(1 - wt1) * x2
                    u = Phi(z); if (u > 0.999999) u = 0.999999
                    w[t] = c[m] * (-log(1 - u)) ^ (1 / k[m]) * diurnal(m, h)
                    mo[t] = m; hd[t] = h; t++
                }
    return t
}
function acf(n, lag,  i, s, mean, v0, v) {
    s = 0; for (i = 0; i < n; i++) s += w[i]; mean = s / n
    v0 = 0; for (i = 0; i < n; i++) v0 += (w[i] - mean) ^ 2
    v = 0; for (i = 0; i + lag < n; i++) v += (w[i] - mean) * (w[i + lag] - mean)
    return v / v0
}
BEGIN {
    seed = 20261202
    split("31 28 31 30 31 30 31 31 30 31 30 31", ndays, " ")
    split("1.85 1.85 1.95 2.05 2.10 2.05 1.95 1.90 1.95 1.95 1.90 1.85", k, " ")
    split("5.0 5.3 6.2 7.0 7.0 6.6 6.2 6.0 5.8 5.6 5.3 5.0", c, " ")
    split("0.10 0.12 0.16 0.20 0.22 0.23 0.22 0.21 0.18 0.15 0.12 0.10", amp, " ")
    split("14 14 15 15 16 16 16 16 15 15 14 14", peak, " ")
    split("0.58 0.60 0.60 0.61 0.62 0.62 0.62 0.63 0.64 0.63 0.60 0.57", ktm, " ")
    split("0.14 0.14 0.13 0.12 0.11 0.10 0.10 0.10 0.10 0.11 0.13 0.14", kts, " ")
    split("-11.0 -7.0 0.0 8.0 15.0 20.0 22.0 20.0 14.0 6.0 -2.0 -9.0", tm, " ")
    split("12.0 13.0 13.0 14.0 14.0 14.0 13.0 13.0 14.0 14.0 13.0 12.0", tr, " ")
    phi1 = 0.90; phi2 = 0.985; wt1 = 0.55; ktphi = 0.3

    # ---- the fitted persistence: 10 simulated years; the observed: one ----
    n = simulate(10)
    for (L = 0; L <= 240; L++) fit_acf[L] = acf(n, L)
    n = simulate(1)
    f = dir "/acf.dat"
    print "# wind-speed autocorrelation, observed (sample year) and fitted (10 simulated years)" > f
    print "# lag_h observed fitted" > f
    for (L = 0; L <= 240; L++) printf "%d %.4f %.4f\n", L, acf(n, L), fit_acf[L] > f
    close(f)

    # ---- wind-speed distributions: 0.5 m/s bins, 0..25 m/s; Weibull k and c
    # by maximum likelihood on the observed hours (bisection on k) ----
    for (t = 0; t < n; t++) {
        b = int(w[t] / 0.5); if (b > 49) b = 49
        cnt[mo[t], b]++; hours[mo[t]]++
        hsum[mo[t], hd[t]] += w[t]; msum[mo[t]] += w[t]; lsum[mo[t]] += log(w[t])
    }
    for (m = 1; m <= 12; m++) {
        lo = 0.5; hi = 10
        for (it = 0; it < 60; it++) {
            kk = (lo + hi) / 2; s0 = 0; s1 = 0
            for (t = 0; t < n; t++) if (mo[t] == m) { p = w[t] ^ kk; s0 += p; s1 += p * log(w[t]) }
            if (s1 / s0 - 1 / kk - lsum[m] / hours[m] > 0) hi = kk; else lo = kk
        }
        k[m] = kk; c[m] = (s0 / hours[m]) ^ (1 / kk)
    }
    # the daily cycle: the first harmonic of the observed profile
    for (m = 1; m <= 12; m++) {
        a1 = 0; b1 = 0
        for (h = 0; h < 24; h++) {
            r = (hsum[m, h] / ndays[m]) / (msum[m] / hours[m])
            a1 += r * cos(6.283185307179586 * h / 24) / 12; b1 += r * sin(6.283185307179586 * h / 24) / 12
        }
        amp[m] = sqrt(a1 * a1 + b1 * b1)
        peak[m] = atan2(b1, a1) * 24 / 6.283185307179586; if (peak[m] < 0) peak[m] += 24
    }
    f = dir "/weibull.dat"
    print "# wind speed at 10 m: observed histogram (sample year) and fitted Weibull, per month (index = month - 1)" > f
    print "# month speed_ms observed_pdf fitted_pdf" > f
    for (m = 1; m <= 12; m++) {
        if (m > 1) printf "\n\n" > f
        for (b = 0; b < 50; b++)
            printf "%d %.2f %.5f %.5f\n", m, 0.5 * b + 0.25, cnt[m, b] / (hours[m] * 0.5),
                   (wcdf(0.5 * b + 0.5, k[m], c[m]) - wcdf(0.5 * b, k[m], c[m])) / 0.5 > f
    }
    close(f)

    # ---- diurnal profiles: the mean of each hour over the mean of the month ----
    f = dir "/diurnal.dat"
    print "# diurnal wind profile: mean speed of each hour over the mean of the month (index = month - 1)" > f
    print "# month hour observed fitted" > f
    for (m = 1; m <= 12; m++) {
        if (m > 1) printf "\n\n" > f
        for (h = 0; h < 24; h++)
            printf "%d %d %.4f %.4f\n", m, h, (hsum[m, h] / ndays[m]) / (msum[m] / hours[m]), diurnal(m, h) > f
    }
    close(f)

    # ---- daily clearness: AR(1) day to day, normal truncated to 0.03..0.82 ----
    x = gauss()
    for (m = 1; m <= 12; m++)
        for (d = 1; d <= ndays[m]; d++) {
            do {
                x = ktphi * x + sqrt(1 - ktphi * ktphi) * gauss()
                kt = ktm[m] + kts[m] * x
            } while (kt < 0.03 || kt > 0.82)
            kcnt[m, int(kt / 0.05)]++
            kn[m]++; ks[m] += kt; ks2[m] += kt * kt
        }
    f = dir "/clearness.dat"
    print "# daily clearness index: observed histogram (sample year) and fitted distribution (index = month - 1)" > f
    print "# month kt observed_pdf fitted_pdf" > f
    for (m = 1; m <= 12; m++) {
        if (m > 1) printf "\n\n" > f
        # fitted: the normal of the observed mean and standard deviation, truncated as drawn
        ktm[m] = ks[m] / kn[m]; kts[m] = sqrt(ks2[m] / kn[m] - ktm[m] ^ 2)
        lo = Phi((0.03 - ktm[m]) / kts[m]); hi = Phi((0.82 - ktm[m]) / kts[m])
        for (b = 0; b < 20; b++) {
            a = 0.05 * b; e = a + 0.05
            if (a < 0.03) a = 0.03; if (e > 0.82) e = 0.82
            p = (e > a) ? (Phi((e - ktm[m]) / kts[m]) - Phi((a - ktm[m]) / kts[m])) / (hi - lo) : 0
            printf "%d %.3f %.4f %.4f\n", m, 0.05 * b + 0.025, kcnt[m, b] / (kn[m] * 0.05), p / 0.05 > f
        }
    }
    close(f)

    # ---- temperature: monthly mean and mean diurnal range ----
    f = dir "/temperature.dat"
    print "# monthly mean temperature and mean diurnal range, observed (sample year) and fitted (generator)" > f
    print "# month observed_mean_c fitted_mean_c observed_range_c fitted_range_c" > f
    for (m = 1; m <= 12; m++) {
        om = tm[m] + 1.2 * gauss(); orr = tr[m] + 0.9 * gauss()
        printf "%d %.2f %.2f %.2f %.2f\n", m, om, om + 0.15 * gauss(), orr, orr + 0.12 * gauss() > f
    }
    close(f)

    # ---- the settings and the tables ----
    f = dir "/params.cfg"
    print "# Synthetic-weather settings fitted to: sample (make-sample.sh, not a weather file)." > f
    print "# Paste into a scenario in place of its weather group." > f
    print "weather = {" > f
    print "  source = \"synthetic\";" > f
    print "  wind_ref_height_m = 10.0;" > f
    line = "  wind_weibull_k = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.2f", m > 1 ? ", " : "", k[m]); print line "];" > f
    line = "  wind_weibull_c_ms = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.2f", m > 1 ? ", " : "", c[m]); print line "];" > f
    printf "  wind_autocorr = %.3f;\n", phi1 > f
    line = "  kt_mean = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.3f", m > 1 ? ", " : "", ks[m] / kn[m]); print line "];" > f
    line = "  kt_sd = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.3f", m > 1 ? ", " : "", sqrt(ks2[m] / kn[m] - (ks[m] / kn[m]) ^ 2)); print line "];" > f
    printf "  kt_autocorr = %.2f;\n", ktphi > f
    line = "  temp_mean_c = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.1f", m > 1 ? ", " : "", tm[m]); print line "];" > f
    line = "  temp_range_c = ["; for (m = 1; m <= 12; m++) line = line sprintf("%s%.1f", m > 1 ? ", " : "", tr[m]); print line "];" > f
    print "};" > f
    close(f)

    f = dir "/fit.md"
    print "# Sample: a synthetic Yiwu-like year" > f
    print "" > f
    print "Source: make-sample.sh (one synthetic year from known parameters; not a weather file). Wind at 10 m." > f
    print "" > f
    print "## Wind speed by month" > f
    print "" > f
    print "| month | hours | observed mean (m/s) | Weibull k | Weibull c (m/s) | fitted mean (m/s) | diurnal amplitude | peak hour |" > f
    print "|---|---|---|---|---|---|---|---|" > f
    for (m = 1; m <= 12; m++) {
        # Weibull mean c * Gamma(1 + 1/k), Gamma by its Stirling series (x = 1 + 1/k in 1.4..1.6)
        xg = 1 + 1 / k[m] + 5
        lg = (xg - 0.5) * log(xg) - xg + 0.9189385332 + 1 / (12 * xg) - 1 / (360 * xg ^ 3)
        g = exp(lg) / ((xg - 5) * (xg - 4) * (xg - 3) * (xg - 2) * (xg - 1))
        printf "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |\n", m, hours[m], msum[m] / hours[m], k[m], c[m], c[m] * g, amp[m], peak[m] > f
    }
    print "" > f
    print "## Persistence" > f
    print "" > f
    print "| time scale | lag-1 autocorrelation | share of variance | e-folding time (h) |" > f
    print "|---|---|---|---|" > f
    printf "| hourly | %.3f | %.2f | %.1f |\n", phi1, wt1, -1 / log(phi1) > f
    printf "| multi-day | %.3f | %.2f | %.1f |\n", phi2, 1 - wt1, -1 / log(phi2) > f
    print "" > f
    print "## Daily clearness index by month" > f
    print "" > f
    print "| month | days | mean | standard deviation |" > f
    print "|---|---|---|---|" > f
    for (m = 1; m <= 12; m++)
        printf "| %d | %d | %.3f | %.3f |\n", m, kn[m], ks[m] / kn[m], sqrt(ks2[m] / kn[m] - (ks[m] / kn[m]) ^ 2) > f
    close(f)
}'
