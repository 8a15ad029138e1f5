# fit-weibull.gp — the wind-speed distribution of each month: the weather
# file's histogram (grey bars, 0.5 m/s bins) against the fitted Weibull
# density (blue), with each month's observed and fitted mean speed.
# Run by hand (after the fit report was written once, for charts/chartdata.gp):
#   gnuplot -e "dir='out/fit'; lang='zh'; fmt='png'" plots/fit-weibull.gp
# Reads weibull.dat (month speed_ms observed_pdf fitted_pdf) and charts/chartdata.gp.
chart = 'fit-weibull'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'fit-common.gp'

data = data_file('weibull.dat')
set multiplot @panels title chart_title(L('逐月风速分布：观测与威布尔拟合', \
    'Wind-speed distribution by month: observed and fitted Weibull')) noenhanced font font.','.(fontsize + 4)
set xrange [0 : fit_v_max]
set yrange [0 : fit_v_pdf_max]
set xtics 0, 5, fit_v_max - 0.1   # no label at the end: it would touch the next panel's 0
set mxtics 5
set ytics autofreq
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set boxwidth 0.5 absolute
set style fill solid 1.0 noborder
set label 101 L('风速 (m/s)', 'wind speed (m/s)') @axis_x_at font small
set label 102 L('概率密度 (1/(m/s))', 'probability density (1/(m/s))') at screen 0.018, screen 0.47 \
    center rotate by 90 font small
key_fit_colour = c_fit_wind
key_fit_title = L('威布尔拟合', 'fitted Weibull')
@key_obs_bars
@key_fit
unset key
do for [m=1:12] {
    if (panel_row(m) == 2) { set format x '%g' } else { set format x '' }
    if (panel_col(m) == 0) { set format y '%.2f' } else { set format y '' }
    set label 1 month_name(m) at graph 0.04, graph 0.9 left font font.','.(fontsize - 2) front
    set label 2 sprintf(L('观测均值 %.1f m/s', 'observed mean %.1f m/s'), fit_v_mean_obs[m]) \
        at graph 0.97, graph 0.88 right font small tc rgb c_obs_line front
    set label 3 sprintf(L('拟合均值 %.1f m/s', 'fitted mean %.1f m/s'), fit_v_mean_fit[m]) \
        at graph 0.97, graph 0.74 right font small tc rgb c_fit_wind front
    plot data index (m - 1) using 2:3 with boxes lc rgb c_obs notitle, \
         data index (m - 1) using 2:4 with lines lw 2.5 lc rgb c_fit_wind notitle
    @panel_done
}
unset multiplot
