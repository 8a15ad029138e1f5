# heatmap.gp — curtailment of the last hourly year by hour of day (y, local
# clock time) and day of the year (x): when in the day and the season the
# surplus wind and PV cannot be exported or stored.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/heatmap.gp
# Reads hourly-YYYY.dat (YYYY = hourly_year of charts/chartdata.gp; override
# with -e "year=2020").
chart = 'heatmap'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

if (!exists("year")) year = hourly_year
hourly = sprintf('%s/hourly-%d.dat', dir, year)
stats hourly using 'curtailed_mw' nooutput
curt_max = STATS_max * p_scale
curt_sum = STATS_sum * e_scale
ndays = tm_yday(strptime('%Y-%m-%d', sprintf('%d-12-31', year))) + 1

set title chart_title(sprintf(L('弃风弃光时段分布 (%d年, 日 × 时)', 'Curtailment by day and hour (%d)'), year))
set xlabel L('日期', 'date')
set ylabel L('时刻 (北京时间)', 'hour of day (local time)')
set xrange [0.5 : ndays + 0.5]
set yrange [-0.5 : 23.5]
set xtics out nomirror
set xtics (month_name(1) 1)
do for [m=2:12] {
    first_day = tm_yday(strptime('%Y-%m-%d', sprintf('%d-%d-1', year, m))) + 1
    set xtics add (month_name(m) first_day)
}
set ytics 0, 3, 21 format '%.0f:00' out nomirror
set grid noxtics noytics
set border 15 lw 1 lc rgb '#404040'
set palette defined (0 '#FFFFFF', 0.15 '#F9D3D4', 0.5 c_curtail, 1 '#7A0F14')
set cblabel L('弃电功率', 'curtailed power').' ('.p_unit.')'
set colorbox user origin graph 1.02, graph 0 size graph 0.02, graph 1
set rmargin 14
if (curt_max > 0) {
    set cbrange [0 : curt_max]
    set label 1 sprintf(L('全年弃电 %.2f ', 'curtailed in the year: %.0f ').e_unit, curt_sum) \
        at graph 0.01, graph 1.03 left font font.','.(fontsize - 2)
} else {
    set cbrange [0 : 1]
    unset colorbox
    set label 1 sprintf(L('%d年无弃风弃光', 'no curtailment in %d'), year) at graph 0.5, graph 0.5 center \
        font font.','.(fontsize + 4) tc rgb c_curtail front
}
plot hourly using 'day_of_year':'hour_of_day':(column('curtailed_mw') * p_scale) with image notitle
