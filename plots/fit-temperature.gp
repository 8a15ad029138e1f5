# fit-temperature.gp — monthly mean air temperature (left) and the mean
# diurnal range, daily maximum minus minimum (right): observed (grey dots)
# against fitted (red line).
# Run by hand (after the fit report was written once, for charts/chartdata.gp):
#   gnuplot -e "dir='out/fit'; lang='zh'; fmt='png'" plots/fit-temperature.gp
# Reads temperature.dat (month observed_mean_c fitted_mean_c observed_range_c
# fitted_range_c) and charts/chartdata.gp.
chart = 'fit-temperature'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'fit-common.gp'

data = data_file('temperature.dat')
set multiplot layout 1,2 margins 0.08,0.98,0.13,0.8 spacing 0.09,0 \
    title chart_title(L('月平均气温与气温日较差：观测与拟合', \
    'Monthly mean temperature and diurnal range: observed and fitted')) noenhanced font font.','.(fontsize + 4)
set xrange [0.5 : 12.5]
set xtics () font small
do for [m=1:12] { set xtics add (month_name(m) m) }
set grid xtics ytics lc rgb c_grid lw 1 dt 1
@panel_key

set title L('月平均气温', 'monthly mean') font font.','.fontsize
set ylabel L('气温 (°C)', 'temperature (°C)')
set yrange [fit_t_min : fit_t_max]
set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead lw 1 lc rgb '#808080' back
# the observed points first for the key's order, and again over the line
plot data using 1:2 with points pt 7 ps 1.8 lc rgb c_obs_line title t_obs, \
     data using 1:3 with lines lw 2.5 lc rgb c_fit_temp title t_fit, \
     data using 1:2 with points pt 7 ps 1.8 lc rgb c_obs_line notitle
unset key
unset arrow 1

set title L('平均气温日较差（日最高 − 日最低）', 'mean diurnal range (daily maximum − minimum)') font font.','.fontsize
set ylabel L('日较差 (°C)', 'range (°C)')
set yrange [0 : fit_r_max]
plot data using 1:5 with lines lw 2.5 lc rgb c_fit_temp notitle, \
     data using 1:4 with points pt 7 ps 1.8 lc rgb c_obs_line notitle
unset multiplot
