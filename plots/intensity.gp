# intensity.gp — energy intensity (left) and carbon intensity (right) by
# year against their target paths: the straight line from the base year's
# value to the reduction required in the target year (−10 % and −12 % in the
# 14th Five-Year Plan). Each point is labelled with its change from the base.
# Thresholds come from the `reduction` targets in targets.dat; without one,
# the 14th Five-Year Plan's −10 %/−12 % from 2020 to 2025 is drawn and
# labelled as such, if the run covers both years (charts/chartdata.gp: ei_*,
# ci_*). The change written at each point is from the path's base year, or
# from the first year when there is no path.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/intensity.gp
# Reads annual.dat and charts/chartdata.gp.
chart = 'intensity'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

c_ei = '#1F4E79'
c_ci = '#7F3F00'
# Change from the base, with a true minus sign.
pct(v, b) = ((v - b) < 0) ? '−'.sprintf('%.1f%%', 100 * (b - v) / b) : sprintf('+%.1f%%', 100 * (v - b) / b)
set xrange [first_year - 0.4 : last_year + 0.4]
set xtics 1 format '%.0f'
set key outside bottom center horizontal reverse Left samplen 3 width 2
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set style textbox opaque noborder margins 1, 1

set multiplot layout 1, 2 title chart_title(L('单位GDP能耗与二氧化碳排放强度', 'Energy and carbon intensity of GDP')) \
    font font.','.(fontsize + 6)

# One panel: column name, colour, target path (base year, base value, target year, reduction, source).
do for [p=1:2] {
    col = (p == 1) ? 'energy_intensity_tce_per_10k_yuan' : 'carbon_intensity_t_per_10k_yuan'
    cc = (p == 1) ? c_ei : c_ci
    by = (p == 1) ? ei_base_year : ci_base_year
    bv = (p == 1) ? ei_base_value : ci_base_value
    ty = (p == 1) ? ei_target_year : ci_target_year
    red = (p == 1) ? ei_reduction : ci_reduction
    src = (p == 1) ? ei_src : ci_src
    has_path = (src ne 'none')
    if (!has_path) { by = first_year; bv = NaN; ty = last_year; red = 0 }
    tv = bv * (1 - red)
    # Each point's label goes on the side away from the target path.
    path(x) = bv + (tv - bv) * (x - by) / (ty - by)
    below(x, v) = has_path ? (v < path(x)) : 1
    lab(x, v) = (x == by) ? '' : pct(v, b0)
    set autoscale y
    stats annual every ::0::0 using col nooutput
    b0 = has_path ? bv : STATS_min
    stats annual using col nooutput
    lo = (has_path && tv < STATS_min) ? tv : STATS_min
    hi = (has_path && bv > STATS_max) ? bv : STATS_max
    gap = 0.05 * (hi - lo)
    set yrange [lo - 2.5 * gap : hi + 2.5 * gap]
    # The target's label goes on the side of the path away from the last
    # point's label (which sits on the far side of the path from it).
    n_rows = STATS_records
    stats annual every ::(n_rows - 1)::(n_rows - 1) using col nooutput
    last_below = below(ty, STATS_min)
    set title ((p == 1) ? L('单位GDP能耗', 'energy intensity') : L('单位GDP二氧化碳排放', 'carbon intensity')) \
        font font.','.fontsize
    set ylabel ((p == 1) ? ei_unit : ci_unit)
    unset label
    unset arrow
    if (!has_path) {
        set label 2 L('无目标路径 (targets.dat 中无此项降低目标)', 'no target path (no reduction target in targets.dat)') \
            at graph 0.98, graph 0.96 right font font.','.(fontsize - 4) tc rgb '#606060'
    }
    if (has_path) {
        set arrow 1 from by, bv to ty, tv nohead lw 3 dt 2 lc rgb c_target
        set label 1 sprintf((src eq 'history') ? L('参考 %d年 −%g%%', 'reference %d: −%g%%') \
            : L('目标 %d年 −%g%%', 'target %d: −%g%%'), ty, 100 * red) at ty, tv \
            point pt 6 ps 2.5 lc rgb c_target offset 0.5, (last_below ? 1.8 : -1.8) right boxed \
            font font.','.(fontsize - 3) tc rgb c_target front
    }
    ptitle = (src eq 'targets') \
        ? sprintf(L('目标路径 (%d→%d年降低%g%%)', 'target path (%d→%d: −%g%%)'), by, ty, 100 * red) \
        : (src eq 'history') \
        ? sprintf(L('参考：2016–2020年降幅%g%%的速度 (历史，非目标)', '2016–2020 pace −%g%% (history)'), 100 * red) \
        : ''
    plot annual using 'year':col with linespoints lw 4 pt 7 ps 1.6 lc rgb cc title L('模拟值', 'simulated'), \
         NaN with lines lw 3 dt 2 lc rgb c_target title ptitle, \
         '' using (column('year') + (below(column('year'), column(col)) ? -0.24 : 0.24)): \
            (column(col) + (below(column('year'), column(col)) ? -gap : gap)):(lab(column('year'), column(col))) \
            with labels boxed font font.','.(fontsize - 4) tc rgb cc notitle
}
unset multiplot
