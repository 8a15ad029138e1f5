# fit-clearness.gp — the daily clearness index of each month (the day's
# global irradiation over the extraterrestrial): the weather file's histogram
# (grey bars, 0.05 bins) against the fitted distribution (amber), with each
# month's observed and fitted mean.
# Run by hand (after the fit report was written once, for charts/chartdata.gp):
#   gnuplot -e "dir='out/fit'; lang='zh'; fmt='png'" plots/fit-clearness.gp
# Reads clearness.dat (month kt observed_pdf fitted_pdf) and charts/chartdata.gp.
chart = 'fit-clearness'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'fit-common.gp'

data = data_file('clearness.dat')
set multiplot @panels title chart_title(L('逐月日晴空指数分布：观测与拟合', \
    'Daily clearness index by month: observed and fitted')) noenhanced font font.','.(fontsize + 4)
set xrange [0 : fit_kt_max]
set yrange [0 : fit_kt_pdf_max]
set xtics 0.2
set mxtics 4
set ytics autofreq
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set boxwidth 0.05 absolute
set style fill solid 1.0 noborder
set label 101 L('日晴空指数', 'daily clearness index') @axis_x_at font small
set label 102 L('概率密度', 'probability density') @axis_y_at font small
key_fit_colour = c_fit_sun
key_fit_title = t_fit
@key_obs_bars
@key_fit
unset key
do for [m=1:12] {
    if (panel_row(m) == 2) { set format x '%.1f' } else { set format x '' }
    if (panel_col(m) == 0) { set format y '%g' } else { set format y '' }
    # the means where the distribution is not: left of a clear month's, right of a cloudy one's
    mx = (fit_kt_mean_obs[m] > 0.45 * fit_kt_max) ? 0.04 : 0.96
    set label 1 month_name(m) at graph mx, graph 0.9 font font.','.(fontsize - 2) front
    set label 2 sprintf(L('观测均值 %.2f', 'observed mean %.2f'), fit_kt_mean_obs[m]) \
        at graph mx, graph 0.74 font small tc rgb c_obs_line front
    set label 3 sprintf(L('拟合均值 %.2f', 'fitted mean %.2f'), fit_kt_mean_fit[m]) \
        at graph mx, graph 0.6 font small tc rgb c_fit_sun front
    do for [j=1:3] { if (mx < 0.5) { set label j left } else { set label j right } }
    plot data index (m - 1) using 2:3 with boxes lc rgb c_obs notitle, \
         data index (m - 1) using 2:4 with lines lw 2.5 lc rgb c_fit_sun notitle
    @panel_done
}
unset multiplot
