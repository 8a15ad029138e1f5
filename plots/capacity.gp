# capacity.gp — installed capacity by year: wind, PV (DC), storage power and
# coal power as grouped bars, the export line's transfer capacity as a line,
# and the plan's capacity targets (from targets.dat) as dashes.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/capacity.gp
# Reads annual.dat; targets via charts/chartdata.gp (written by ecsim).
chart = 'capacity'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

set title chart_title(L('装机容量', 'Installed capacity'))
set ylabel L('装机容量', 'capacity').' ('.p_unit.')'
set xrange [first_year - 0.6 : last_year + 0.6]
set xtics 1 format '%.0f'
set mxtics 1
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set key top left reverse Left samplen 2 spacing 1.2 maxrows 3
off = 0.2
set boxwidth 0.18 absolute
set style textbox opaque noborder margins 1, 1

# Bar value in the chart's unit: one decimal below 10, none above.
lab(v) = (v > 0) ? ((v < 10) ? sprintf('%.1f', v) : sprintf('%.0f', v)) : ''

# The plan's capacity targets (dash on the bar of the target year).
if (tgt_wind_capacity_mw == tgt_wind_capacity_mw) {
    set arrow 1 from tgt_wind_capacity_mw_year - 1.5*off - 0.13, tgt_wind_capacity_mw*p_scale \
        to tgt_wind_capacity_mw_year - 1.5*off + 0.13, tgt_wind_capacity_mw*p_scale nohead lw 3 dt 2 lc rgb c_target front
}
if (tgt_solar_capacity_mw == tgt_solar_capacity_mw) {
    set arrow 2 from tgt_solar_capacity_mw_year - 0.5*off - 0.13, tgt_solar_capacity_mw*p_scale \
        to tgt_solar_capacity_mw_year - 0.5*off + 0.13, tgt_solar_capacity_mw*p_scale nohead lw 3 dt 2 lc rgb c_target front
}
if (tgt_storage_power_mw == tgt_storage_power_mw) {
    set arrow 3 from tgt_storage_power_mw_year + 0.5*off - 0.13, tgt_storage_power_mw*p_scale \
        to tgt_storage_power_mw_year + 0.5*off + 0.13, tgt_storage_power_mw*p_scale nohead lw 3 dt 2 lc rgb c_target front
}
if (tgt_coal_power_capacity_mw == tgt_coal_power_capacity_mw) {
    set arrow 4 from tgt_coal_power_capacity_mw_year + 1.5*off - 0.13, tgt_coal_power_capacity_mw*p_scale \
        to tgt_coal_power_capacity_mw_year + 1.5*off + 0.13, tgt_coal_power_capacity_mw*p_scale nohead lw 3 dt 2 lc rgb c_target front
}
has_targets = (tgt_wind_capacity_mw == tgt_wind_capacity_mw) || (tgt_solar_capacity_mw == tgt_solar_capacity_mw) \
           || (tgt_storage_power_mw == tgt_storage_power_mw) || (tgt_coal_power_capacity_mw == tgt_coal_power_capacity_mw)

plot annual using (column('year') - 1.5*off):(column('wind_capacity_mw')*p_scale) \
        with boxes lc rgb c_wind title L('风电', 'wind'), \
     '' using (column('year') - 0.5*off):(column('solar_capacity_mw')*p_scale) \
        with boxes lc rgb c_solar title L('光伏 (直流侧)', 'PV (DC)'), \
     '' using (column('year') + 0.5*off):(column('storage_power_mw')*p_scale) \
        with boxes lc rgb c_storage title L('储能 (功率)', 'storage (power)'), \
     '' using (column('year') + 1.5*off):(column('coal_power_capacity_mw')*p_scale) \
        with boxes lc rgb c_coal title L('煤电', 'coal power'), \
     '' using (column('year') - 0.5):(column('export_capacity_mw')*p_scale):(1):(0) \
        with vectors nohead lw 3 lc rgb c_export title L('外送通道能力', 'export line capacity'), \
     NaN with lines lw 3 dt 2 lc rgb c_target title (has_targets ? L('规划目标', 'plan target') : ''), \
     '' using (column('year') - 1.5*off):(column('wind_capacity_mw')*p_scale):(lab(column('wind_capacity_mw')*p_scale)) \
        with labels boxed offset 0, 0.8 font font.','.(fontsize - 4) notitle, \
     '' using (column('year') - 0.5*off):(column('solar_capacity_mw')*p_scale):(lab(column('solar_capacity_mw')*p_scale)) \
        with labels boxed offset 0, 0.8 font font.','.(fontsize - 4) notitle, \
     '' using (column('year') + 0.5*off):(column('storage_power_mw')*p_scale):(lab(column('storage_power_mw')*p_scale)) \
        with labels boxed offset 0, 0.8 font font.','.(fontsize - 4) notitle, \
     '' using (column('year') + 1.5*off):(column('coal_power_capacity_mw')*p_scale):(lab(column('coal_power_capacity_mw')*p_scale)) \
        with labels boxed offset 0, 0.8 font font.','.(fontsize - 4) notitle
