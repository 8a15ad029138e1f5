# fit-diurnal.gp — the daily cycle of wind speed in each month: the mean
# speed of each hour of the day over the month's mean (1 = the month's mean),
# observed (grey dots) against fitted (blue).
# Run by hand (after the fit report was written once, for charts/chartdata.gp):
#   gnuplot -e "dir='out/fit'; lang='zh'; fmt='png'" plots/fit-diurnal.gp
# Reads diurnal.dat (month hour observed fitted) and charts/chartdata.gp.
chart = 'fit-diurnal'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'fit-common.gp'

data = data_file('diurnal.dat')
set multiplot @panels title chart_title(L('逐月风速日变化：观测与拟合', \
    'Diurnal wind profile by month: observed and fitted')) noenhanced font font.','.(fontsize + 4)
set xrange [-0.5 : 23.5]
set yrange [fit_d_min : fit_d_max]
set xtics 0, 6, 18
set mxtics 6
set ytics autofreq
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set label 101 L('时刻 (h)', 'hour of the day (h)') @axis_x_at font small
set label 102 L('该时刻平均风速 / 月平均风速', 'mean speed of the hour / mean of the month') \
    @axis_y_at font small
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lw 1 lc rgb '#808080' back
key_fit_colour = c_fit_wind
key_fit_title = t_fit
@key_obs_points
@key_fit
unset key
do for [m=1:12] {
    if (panel_row(m) == 2) { set format x '%g' } else { set format x '' }
    if (panel_col(m) == 0) { set format y '%.1f' } else { set format y '' }
    set label 1 month_name(m) at graph 0.04, graph 0.9 left font font.','.(fontsize - 2) front
    plot data index (m - 1) using 2:3 with points pt 7 ps 0.9 lc rgb c_obs_line notitle, \
         data index (m - 1) using 2:4 with lines lw 2.5 lc rgb c_fit_wind notitle
    @panel_done
}
unset multiplot
