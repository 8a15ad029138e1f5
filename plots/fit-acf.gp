# fit-acf.gp — the autocorrelation of hourly wind speed, lags of 0 to 10
# days: the weather file (grey) against synthetic weather with the fitted
# settings (blue), with the values at 1 hour, 1 day and 7 days written.
# Hourly persistence shapes the first hours; multi-day (synoptic) spells the
# tail over days.
# Run by hand (after the fit report was written once, for charts/chartdata.gp):
#   gnuplot -e "dir='out/fit'; lang='zh'; fmt='png'" plots/fit-acf.gp
# Reads acf.dat (lag_h observed fitted) and charts/chartdata.gp.
chart = 'fit-acf'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'fit-common.gp'

data = data_file('acf.dat')
days = (fit_acf_lag_max / 24.0 < 10) ? fit_acf_lag_max / 24.0 : 10
set title chart_title(L('风速自相关：观测与拟合', 'Wind-speed autocorrelation: observed and fitted')) noenhanced
set xlabel L('滞后 (天)', 'lag (days)')
set ylabel L('自相关系数', 'autocorrelation')
set xrange [0 : days]
set xtics 1
set mxtics 4
lo = (fit_acf_min < 0) ? floor(fit_acf_min * 10 - 0.5) / 10.0 : 0
set yrange [lo : 1.05]
set ytics 0.2
set grid xtics ytics lc rgb c_grid lw 1 dt 1
set key inside top right reverse Left samplen 3 spacing 1.3
set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead lw 1 lc rgb '#808080' back
# the lags of the round-trip tolerances (1 h, 24 h, 168 h): both values
# marked on the curves and written beside them; the days with a dotted line
num(v) = (v == v) ? sprintf('%.2f', v) : '–'
mark(name, o, f) = sprintf(L('%s：观测 %s，拟合 %s', '%s: observed %s, fitted %s'), name, num(o), num(f))
top(o, f) = (o == o && f == f) ? ((o > f) ? o : f) : ((o == o) ? o : ((f == f) ? f : 0))
array m_lag[3] = [1, 24, 168]
array m_obs[3] = [fit_acf_obs_1, fit_acf_obs_24, fit_acf_obs_168]
array m_fit[3] = [fit_acf_fit_1, fit_acf_fit_24, fit_acf_fit_168]
array m_name[3] = [L('1小时', '1 hour'), L('1天', '1 day'), L('7天', '7 days')]
do for [k=1:3] {
    x = m_lag[k] / 24.0
    if (x <= days) {
        if (k > 1) { set arrow (k + 1) from first x, graph 0 to first x, graph 1 nohead lw 1 dt 3 lc rgb '#808080' back }
        if (m_obs[k] == m_obs[k]) { set label (10 + k) '' at first x, first m_obs[k] point pt 7 ps 1.6 lc rgb c_obs_line front }
        if (m_fit[k] == m_fit[k]) { set label (20 + k) '' at first x, first m_fit[k] point pt 7 ps 1.6 lc rgb c_fit_wind front }
        set label k mark(m_name[k], m_obs[k], m_fit[k]) at first x, first top(m_obs[k], m_fit[k]) \
            offset 1.2, 1.2 left font small front
    }
}
plot data using ($1 / 24.0):2 with lines lw 3 lc rgb c_obs_line title L('观测（天气文件）', 'observed (weather file)'), \
     data using ($1 / 24.0):3 with lines lw 3 lc rgb c_fit_wind title L('拟合（合成天气）', 'fitted (synthetic weather)')
