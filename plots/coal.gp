# coal.gp — coal output (bars), of it the coal conversion plants' coal (narrow
# bars, when there are plants) and production capacity (line) by year,
# against the plan's band of 45–60 Mt/yr (4500–6000万吨) for the target year.
# The band is the `range` target on coal_capacity_mt or coal_output_mt in
# targets.dat; without one, the 14th Five-Year Plan's 45–60 Mt is drawn and
# labelled as such (charts/chartdata.gp: coal_band_*).
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/coal.gp
# Reads annual.dat and charts/chartdata.gp.
chart = 'coal'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

set title chart_title(L('煤炭产能与原煤产量', 'Coal production capacity and output'))
set ylabel t_unit.L('/年', '/yr')
set xrange [first_year - 0.6 : last_year + 0.6]
set xtics 1 format '%.0f'
stats annual using 'coal_capacity_mt' nooutput
cap_max = STATS_max
set key inside top left horizontal reverse Left samplen 2 width 2
set boxwidth 0.5 absolute
set style textbox opaque noborder margins 1, 1

lo = coal_band_lo_mt * t_scale
hi = coal_band_hi_mt * t_scale
top = (hi > cap_max * t_scale) ? hi : cap_max * t_scale
set yrange [0 : top * 1.18]
what = (coal_band_metric eq 'coal_output_mt') ? L('原煤产量', 'coal output') : L('煤炭产能', 'production capacity')
src = (coal_band_src eq 'targets') ? L('规划目标', 'plan target') : L('十四五规划区间', '14th FYP band')
set object 1 rectangle from graph 0, first lo to graph 1, first hi fc rgb c_band fs solid 0.35 noborder behind
set label 1 sprintf(L('%s: %d年%s %.0f–%.0f', '%s: %s %d %.0f–%.0f ').t_unit, src, \
    L(coal_band_year, what), L(what, coal_band_year), lo, hi) \
    at graph 0.02, first (lo + hi) / 2 left font font.','.(fontsize - 2) tc rgb '#2F6B2F' front
set arrow 1 from graph 0, first lo to graph 1, first lo nohead lw 1.5 dt 2 lc rgb '#2F6B2F' back
set arrow 2 from graph 0, first hi to graph 1, first hi nohead lw 1.5 dt 2 lc rgb '#2F6B2F' back
lab(v) = sprintf(L('%.0f', '%.1f'), v)

if (has_conversion) {
# The coal conversion plants' coal (t in annual.dat): a narrow bar inside the output's,
# labelled beside the output's bar (a short bar has no room for two labels).
plot annual using 'year':(column('coal_output_mt') * t_scale) with boxes lc rgb c_coal fs solid 1 noborder \
        title L('原煤产量', 'coal output'), \
     '' using 'year':(column('conversion_coal_t') * 1e-6 * t_scale):(0.22) with boxes \
        lc rgb c_coal_conversion fs solid 1 noborder title L('其中煤炭转化用煤', 'of it, into coal conversion'), \
     '' using 'year':(column('coal_capacity_mt') * t_scale) with linespoints lw 3 pt 7 ps 1.5 \
        lc rgb c_load title L('煤炭产能', 'production capacity'), \
     '' using 'year':(column('coal_output_mt') * t_scale):(lab(column('coal_output_mt') * t_scale)) \
        with labels boxed offset 0, -1.2 font font.','.(fontsize - 4) notitle, \
     '' using (column('year') + 0.27):(column('conversion_coal_t') * 1e-6 * t_scale * 0.5):(lab(column('conversion_coal_t') * 1e-6 * t_scale)) \
        with labels left font font.','.(fontsize - 6) tc rgb c_coal_conversion notitle, \
     '' using 'year':(column('coal_capacity_mt') * t_scale):(lab(column('coal_capacity_mt') * t_scale)) \
        with labels offset 0, 1.2 font font.','.(fontsize - 4) notitle
} else {
plot annual using 'year':(column('coal_output_mt') * t_scale) with boxes lc rgb c_coal fs solid 1 noborder \
        title L('原煤产量', 'coal output'), \
     '' using 'year':(column('coal_capacity_mt') * t_scale) with linespoints lw 3 pt 7 ps 1.5 \
        lc rgb c_load title L('煤炭产能', 'production capacity'), \
     '' using 'year':(column('coal_output_mt') * t_scale):(lab(column('coal_output_mt') * t_scale)) \
        with labels boxed offset 0, -1.2 font font.','.(fontsize - 4) notitle, \
     '' using 'year':(column('coal_capacity_mt') * t_scale):(lab(column('coal_capacity_mt') * t_scale)) \
        with labels offset 0, 1.2 font font.','.(fontsize - 4) notitle
}
