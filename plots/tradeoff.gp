# tradeoff.gp — cost against targets across scenarios (ecsim compare or
# sweep): the present value of net cost (docs/costs.md) across, a target's
# worst margin up (above 0: met), one panel per target (up to four, those
# whose margin differs between the scenarios first), one point per
# scenario, green met and red missed. Read which variants buy a target's
# margin and at what cost: the cheapest point above the line.
# Run by hand (after `ecsim compare ... --plot`): gnuplot -e "dir='out/cmp'; lang='zh'" plots/tradeoff.gp
# Reads charts/tradeoff.dat and charts/tradeoff.gp.
chart = 'tradeoff'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'compare-common.gp'
load dir.'/charts/tradeoff.gp'

data = dir.'/charts/tradeoff.dat'
c_pass_rgb = 0x2E9E44   # c_pass and c_fail of common.gp, as numbers for `lc rgb variable`
c_fail_rgb = 0xD62728
xcol = L(1, 2)
ycol = L(3, 4)
rows = (to_n > 2) ? 2 : 1
cols = (to_n > 1) ? 2 : 1
show_names = to_points <= 16
fs = (to_n > 2) ? fontsize - 4 : fontsize - 2
set multiplot layout rows, cols title L('成本与目标余量', 'Cost against target margins').'  —  '.scenario \
    .(to_names ne '' ? L('（点注：', ' (points: ').to_names.L('）', ')') : '') \
    font font.','.(fontsize + 6) noenhanced
set xlabel L(to_xlabel_zh, to_xlabel_en) font font.','.fs noenhanced
set tics font font.','.fs
set grid xtics ytics lc rgb c_grid
# The cost axis from all panels' points (the same scenarios), widened when
# they all cost the same.
stats data using xcol nooutput
xlo = STATS_min
xhi = STATS_max
xpad = (xhi - xlo) > 1e-9 * (1 + abs(xhi)) ? 0.1 * (xhi - xlo) : (abs(xhi) > 0 ? 0.1 * abs(xhi) : 1)
# names start right of their point: room for the rightmost one
set xrange [xlo - xpad : xhi + (show_names ? 3 : 1) * xpad]
set style textbox opaque noborder margins 1, 1
unset key
do for [k=1:to_n] {
    # the threshold (margin 0) always inside, with room for the names
    set autoscale y   # the last panel's range must not filter this one's points
    stats data index (k - 1) using ycol nooutput
    lo = STATS_min < 0 ? STATS_min : 0
    hi = STATS_max > 0 ? STATS_max : 0
    pad = (hi - lo) > 0 ? 0.35 * (hi - lo) : 1
    set yrange [lo - pad : hi + pad]
    set title L(to_title_zh[k], to_title_en[k]) font font.','.(fs + 2) noenhanced
    set ylabel L('余量', 'margin').' ('.L(to_unit_zh[k], to_unit_en[k]).')' font font.','.fs noenhanced
    set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead lw 2 dt 2 lc rgb c_target back
    set label 1 L('达标线', 'threshold') at graph 0.01, first 0 offset 0, 0.6 left font font.','.(fs - 2) \
        tc rgb c_target back
    if (show_names) {
        plot data index (k - 1) using xcol:ycol:(column(5) > 0 ? c_pass_rgb : c_fail_rgb) \
                with points pt 7 ps 2.2 lc rgb variable, \
             '' index (k - 1) using xcol:(column(6) > 0.5 ? NaN : column(ycol)):7 with labels left offset 0.9, 0.8 \
                font font.','.(fs - 4) noenhanced, \
             '' index (k - 1) using xcol:(column(6) > 0.5 ? column(ycol) : NaN):7 with labels left offset 0.9, -0.8 \
                font font.','.(fs - 4) noenhanced
    } else {
        plot data index (k - 1) using xcol:ycol:(column(5) > 0 ? c_pass_rgb : c_fail_rgb) \
                with points pt 7 ps 1.4 lc rgb variable
    }
}
unset multiplot
