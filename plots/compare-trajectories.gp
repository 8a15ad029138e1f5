# compare-trajectories.gp — the scenarios over the years: wind + PV
# capacity, curtailment, coal output, energy intensity and carbon intensity,
# one line per scenario in its fixed colour. Where scenarios coincide, the
# earlier ones are drawn wider underneath, so every line stays visible.
# Run by hand (after `ecsim compare --plot`): gnuplot -e "dir='out/cmp'; lang='zh'" plots/compare-trajectories.gp
# Reads DIR/<scenario>/annual.dat and charts/compare.gp.
chart = 'compare-trajectories'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'compare-common.gp'
load dir.'/charts/compare.gp'

file(k) = dir.'/'.traj_name[k].'/annual.dat'
lw(k) = (n_traj > 1) ? 2 + 4.0 * (n_traj - k) / (n_traj - 1) : 3
array tl[5]
tl[1] = L('风电 + 光伏装机', 'wind + PV capacity').' ('.p_unit.')'
tl[2] = L('弃风弃光电量', 'curtailed').' ('.e_unit.')'
tl[3] = L('原煤产量', 'coal output').' ('.t_unit.')'
tl[4] = L('单位GDP能耗', 'energy intensity').' ('.ei_unit.')'
tl[5] = L('单位GDP二氧化碳排放', 'carbon intensity').' ('.ci_unit.')'
val(p) = (p == 1) ? (column('wind_capacity_mw') + column('solar_capacity_mw')) * p_scale \
       : (p == 2) ? column('curtailed_mwh') * e_scale \
       : (p == 3) ? column('coal_output_mt') * t_scale \
       : (p == 4) ? column('energy_intensity_tce_per_10k_yuan') : column('carbon_intensity_t_per_10k_yuan')

set multiplot layout 2, 3 title L('情景对比：逐年变化', 'Scenario comparison: year by year') \
    font font.','.(fontsize + 6)
set xrange [first_year - 0.3 : last_year + 0.3]
set xtics 1 format '%.0f' font font.','.(fontsize - 6)
if (last_year - first_year > 8) { set xtics 2 }
set ytics font font.','.(fontsize - 6)
set grid xtics ytics lc rgb c_grid
set key off
set offsets 0, 0, graph 0.08, graph 0.08
do for [p=1:5] {
    set title tl[p] font font.','.(fontsize - 4) noenhanced
    if (p == 2) { set yrange [0:*] } else { set autoscale y }
    plot for [k=1:n_traj] file(k) using 'year':(val(p)) with linespoints lw lw(k) dt scen_dt(traj_col[k]) \
        pt scen_pt(traj_col[k]) ps 1.2 lc rgb scen_rgb(traj_col[k]) notitle
}
# The sixth cell: the legend.
unset border
unset tics
unset grid
unset title
set xrange [0:1]
set yrange [0:1]
set offsets 0, 0, 0, 0
set key center center vertical reverse Left samplen 3 spacing 1.1 noenhanced font font.','.(fontsize - 4) \
    maxrows (n_traj > 8 ? (n_traj + 1) / 2 : n_traj)
plot '+' using (0.5):(0.5) every ::0::0 with dots lc rgb 'white' notitle, \
     for [k=1:n_traj] keyentry with linespoints lw 3 dt scen_dt(traj_col[k]) \
    pt scen_pt(traj_col[k]) ps 1.2 lc rgb scen_rgb(traj_col[k]) title traj_name[k]
unset multiplot
