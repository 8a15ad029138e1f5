# compare-figures.gp — key figures of the compared year, one panel per
# figure, one bar per scenario (numbered as in the legend below), the value
# written on each bar.
# Run by hand (after `ecsim compare --plot`): gnuplot -e "dir='out/cmp'; lang='zh'" plots/compare-figures.gp
# Reads comparison.dat and charts/compare.gp.
chart = 'compare-figures'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'compare-common.gp'
load dir.'/charts/compare.gp'
set datafile columnheaders

# The panels (charts/compare.gp, from ecsim's metric and unit registries):
# column, scale to the display unit, title.
array pc[n_fig]
array ps[n_fig]
array pl[n_fig]
do for [p=1:n_fig] {
    pc[p] = fig_col[p]
    ps[p] = L(fig_scale_zh[p], fig_scale_en[p])
    pl[p] = L(fig_title_zh[p], fig_title_en[p])
}

anum(v) = (abs(v) >= 100) ? sprintf('%.0f', abs(v)) : (abs(v) >= 10) ? sprintf('%.1f', abs(v)) : sprintf('%.2f', abs(v))
num(v) = (v == 0) ? '0' : ((v < 0) ? '−' : '').anum(v)
yr = cmp_same_year ? sprintf(L('%d年', '%d'), cmp_year) : L('各情景末年', 'each scenario''s last year')
set multiplot title L('情景对比：关键指标 — ', 'Scenario comparison: key figures — ').yr \
    font font.','.(fontsize + 6)
top = 0.92
legend_h = (n_scen > 5) ? 0.12 : 0.08
ph = (top - legend_h) / 2.0
set border 3
set xrange [0.3 : n_scen + 0.7]
set xtics 1 scale 0 font font.','.(fontsize - 6)
set ytics font font.','.(fontsize - 6)
set format y '%g'
set grid noxtics ytics lc rgb c_grid
set key off
set lmargin 9
set rmargin 2
set tmargin 2.5
set bmargin 1.8
bw = 0.7
do for [p=1:n_fig] {
    set origin ((p - 1) % 4) * 0.25, legend_h + (1 - int((p - 1) / 4)) * ph
    set size 0.25, ph
    set title pl[p] font font.','.(fontsize - 4) noenhanced
    stats [*:*][*:*] cmp using (column(pc[p]) * ps[p]) nooutput
    lo = (STATS_min < 0) ? STATS_min : 0
    hi = (STATS_max > 0) ? STATS_max : 0
    if (hi == lo) { hi = lo + 1 }
    span = hi - lo
    set yrange [lo - ((lo < 0) ? 0.62 * span : 0) : hi + ((hi > 0 || lo == 0) ? 0.45 * span : 0)]
    set xzeroaxis lt 1 lw 1 lc rgb '#404040'
    plot cmp using (column(0) + 1):(column(pc[p]) * ps[p]):(bw):(scen_rgb(column(0) + 1)) \
            with boxes fs solid 0.9 noborder lc rgb variable notitle, \
         '' using (column(0) + 1):(column(pc[p]) * ps[p]):(column(pc[p]) * ps[p] >= 0 ? num(column(pc[p]) * ps[p]) : '') \
            with labels rotate by 90 left offset 0, 0.4 font font.','.(fontsize - 7) notitle, \
         '' using (column(0) + 1):(column(pc[p]) * ps[p]):(column(pc[p]) * ps[p] < 0 ? num(column(pc[p]) * ps[p]) : '') \
            with labels rotate by 90 right offset 0, -0.4 font font.','.(fontsize - 7) notitle
}
# The legend: number, colour and name of each scenario.
set origin 0, 0
set size 1, legend_h
unset title
unset border
unset tics
unset grid
unset xzeroaxis
set xrange [0:1]
set yrange [0:1]
set lmargin 0
set rmargin 0
set tmargin 0
set bmargin 0
set key center center horizontal maxrows 2 samplen 1.5 width 2 noenhanced font font.','.(fontsize - 4)
plot for [s=1:n_scen] '+' using (0.5):(0):(0) every ::0::0 with boxes fs solid 0.9 noborder lc rgb scen_rgb(s) title sprintf('%d  %s', s, scen_name[s])
unset multiplot
