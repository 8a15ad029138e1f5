# ens-fan.gp — fan charts of a weather ensemble: six panels (2 x 3), each one
# figure by year across the members: the P10-P90 band, the median (P50), the
# mean (dotted) and the target (dashed black): renewable utilisation,
# curtailment, exports, coal power generation, and the energy- and
# carbon-intensity reductions from the base year (the target as the straight
# path from 0 in the first year to the target in its year).
# Run by hand (after `ecsim ensemble --plot` wrote charts/ens-chartdata.gp):
#   gnuplot -e "dir='out/ens/yiwu-14fyp'; lang='zh'; fmt='png'" plots/ens-fan.gp
# Reads charts/ens-fan.dat (one block per panel: year p10 p50 p90 mean).
chart = 'ens-fan'
chartdata = 'ens-chartdata.gp'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'ens-common.gp'

data = chart_data('ens-fan.dat')
set multiplot title chart_title(L('天气集合：关键指标逐年分布', 'Weather ensemble: key figures by year')) \
    noenhanced font font.','.(fontsize + 4)
set tics font small
set xrange [ens_first_year - 0.3 : ens_last_year + 0.3]
set xtics 1 format '%.0f' offset 0, 0.9
set grid xtics ytics lc rgb c_grid lw 1 dt 1
unset key
# the panels placed by hand (2 rows of 3), the key in a strip below them
do for [k=1:6] {
    x0 = 0.055 + ((k - 1) % 3) * 0.33
    y1 = ((k - 1) / 3 == 0) ? 0.845 : 0.46
    set lmargin at screen x0
    set rmargin at screen x0 + 0.275
    set tmargin at screen y1
    set bmargin at screen y1 - 0.255
    set title ens_title[k].(ens_unit[k] ne '' ? ' ('.ens_unit[k].')' : '') font font.','.(fontsize - 2) noenhanced
    set yrange [ens_ymin[k] : ens_ymax[k]]
    set ytics autofreq
    unset arrow
    unset label
    t = ens_target[k]
    if (t == t) {
        if (k >= 5) {
            set arrow 1 from first ens_first_year, first 0 to first ens_target_year[k], first t \
                nohead lw 1.5 dt 2 lc rgb c_target front
            tl = (lang eq 'en') ? sprintf('dashed: even path to %g%s by %d', t, ens_unit[k], ens_target_year[k]) \
                                : sprintf('虚线：%d年降低 %g%s 的匀速路径', ens_target_year[k], t, ens_unit[k])
            set label 1 tl at graph 0.03, graph 0.93 left font small front
        } else {
            set arrow 1 from graph 0, first t to graph 1, first t nohead lw 1.5 dt 2 lc rgb c_target front
            set label 1 sprintf(L('目标 %g%s', 'target %g%s'), t, ens_unit[k]) \
                at graph 0.02, first t offset 0, 0.7 left font small front
        }
    }
    plot data index (k - 1) using 1:2:4 with filledcurves fc rgb c_fan_band fs solid 0.85 noborder notitle, \
         data index (k - 1) using 1:3 with linespoints lw 2.5 pt 7 ps 0.9 lc rgb c_fan_line notitle, \
         data index (k - 1) using 1:5 with lines lw 2 dt 3 lc rgb c_fan_mean notitle
}
unset arrow
unset label
unset title
unset tics
unset border
unset grid
set lmargin at screen 0.05
set rmargin at screen 0.95
set tmargin at screen 0.07
set bmargin at screen 0.01
set key inside center center horizontal samplen 3 width 2 font font.','.(fontsize - 2)
set xrange [0:1]
set yrange [0:1]
plot NaN with filledcurves fc rgb c_fan_band fs solid 0.85 title L('P10–P90（80% 的成员）', 'P10–P90 (80 % of members)'), \
     NaN with linespoints lw 2.5 pt 7 lc rgb c_fan_line title L('中位数 P50', 'median P50'), \
     NaN with lines lw 2 dt 3 lc rgb c_fan_mean title L('均值', 'mean'), \
     NaN with lines lw 1.5 dt 2 lc rgb c_target title L('目标', 'target')
unset multiplot
