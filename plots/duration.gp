# duration.gp — duration curves of every hourly year: net load (local load −
# available wind − available PV, left) and curtailment (right), each sorted
# from the highest hour to the lowest: the x value is the number of hours of
# the year at or above the curve's level. Negative net load is the renewable
# surplus that export, storage charging or curtailment must take.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/duration.gp
# Reads charts/duration-YYYY.dat (columns hours, net_load_mw, curtailed_mw:
# the hourly columns sorted in C by ecsim, exactly) and charts/chartdata.gp.
chart = 'duration'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

dfile(y) = sprintf('%s/charts/duration-%s.dat', dir, y)
ny = words(hourly_years)
# The last hourly year is drawn solid and thick, earlier ones dashed and thinner.
lw_of(k) = (k == ny) ? 4 : 2
dt_of(k) = (k == ny) ? 1 : (k == ny - 1 ? 2 : 3)

curt_max = 0
net_min = 0
curt_hours_max = 0
array curt_hours[ny]
do for [k=1:ny] {
    stats dfile(word(hourly_years, k)) using 'curtailed_mw' nooutput
    curt_max = (STATS_max > curt_max) ? STATS_max : curt_max
    stats dfile(word(hourly_years, k)) using ((column('curtailed_mw') > 0) ? 1 : 0) nooutput
    curt_hours[k] = int(STATS_sum)
    curt_hours_max = (curt_hours[k] > curt_hours_max) ? curt_hours[k] : curt_hours_max
    stats dfile(word(hourly_years, k)) using 'net_load_mw' nooutput
    net_min = (STATS_min < net_min) ? STATS_min : net_min
}
# The years as words: "2020年、2025年" | "2020 and 2025".
years_text = ''
do for [k=1:ny] {
    years_text = years_text.((k == 1) ? '' : ((k == ny) ? L('、', ' and ') : L('、', ', '))) \
        .sprintf(L('%s年', '%s'), word(hourly_years, k))
}

set multiplot title chart_title(L('净负荷与弃风弃光持续曲线', 'Duration curves of net load and curtailment')) \
    font font.','.(fontsize + 6)

# Left: net load.
set origin 0, 0
set size 0.58, 0.92
set title L('净负荷 = 本地负荷 − 风电可发 − 光伏可发', 'net load = local load − wind available − PV available') \
    font font.','.fontsize
set xlabel L('年内小时数 (h)', 'hours of the year (h)')
set ylabel L('电力', 'power').' ('.p_unit.')'
set xrange [0:8784]
set xtics 0, 2000 format '%.0f'
set mxtics 2
set key at graph 0.04, graph 0.6 left top reverse Left samplen 2 spacing 1.2
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead lw 1.5 lc rgb '#808080' back
if (absorb_mw == absorb_mw) {
    net_min = (-absorb_mw < net_min) ? -absorb_mw : net_min
    set arrow 2 from graph 0, first -absorb_mw*p_scale to graph 1, first -absorb_mw*p_scale \
        nohead lw 2 dt 2 lc rgb c_export back
    set label 2 sprintf(L('−(外送通道 + 储能充电功率), %d年, 未扣煤电最小出力', \
        '−(export line + storage charging power), %d, coal must-run not deducted'), hourly_year) \
        at graph 0.98, first -absorb_mw*p_scale offset 0, 0.8 right tc rgb c_export \
        font font.','.(fontsize - 4) front
}
set yrange [net_min * p_scale * 1.08 : *]
plot for [k=1:ny] dfile(word(hourly_years, k)) using 'hours':(column('net_load_mw') * p_scale) \
        with lines lw lw_of(k) dt dt_of(k) lc rgb c_load title sprintf(L('%s年', '%s'), word(hourly_years, k))
unset arrow
unset label

# Right: curtailment.
set origin 0.58, 0
set size 0.42, 0.92
set title L('弃风弃光电力', 'curtailed power') font font.','.fontsize
set ylabel L('电力', 'power').' ('.p_unit.')'
set xtics 0, 2000
set key inside top right reverse Left samplen 2 spacing 1.2
if (curt_max > 0) {
    set yrange [0:*]
    # only the hours with curtailment, and a little more
    set xrange [0 : 500 * ceil(curt_hours_max * 1.25 / 500)]
    set xtics autofreq
} else {
    set yrange [0:1]
    set ytics 0, 1, 1
    set label 1 sprintf(L('%s均无弃风弃光', 'no curtailment in %s'), years_text) \
        at graph 0.5, graph 0.5 center font font.','.(fontsize + 2) tc rgb c_curtail
}
plot for [k=1:ny] dfile(word(hourly_years, k)) using 'hours':(column('curtailed_mw') * p_scale) \
        with lines lw lw_of(k) dt dt_of(k) lc rgb c_curtail \
        title sprintf(L('%s年 (%d小时)', '%s (%d h)'), word(hourly_years, k), curt_hours[k])
unset multiplot
