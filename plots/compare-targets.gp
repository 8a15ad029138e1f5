# compare-targets.gp — the target dashboard side by side: one row per
# target (its metric and condition), one column per scenario; a cell is
# green when the scenario meets the target in every year checked, red when
# it misses it, grey when the scenario has no such target; the worst margin
# is written in the cell, its unit at the right of the row.
# Run by hand (after `ecsim compare --plot`): gnuplot -e "dir='out/cmp'; lang='zh'" plots/compare-targets.gp
# Reads charts/compare-targets.dat and charts/compare.gp.
chart = 'compare-targets'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'compare-common.gp'
load dir.'/charts/compare.gp'

cells = dir.'/charts/compare-targets.dat'
c_absent = '#D9D9D9'
cell_rgb(p) = (p > 0.5) ? 0x2E9E44 : (p > -0.5) ? 0xD62728 : 0xD9D9D9
text_rgb(p) = (p > -0.5) ? 0xFFFFFF : 0x505050
tcol = L('text_zh', 'text_en')

yr = cmp_same_year ? sprintf(L('（%d年，逐年考核取最差年份）', ' (%d; yearly targets: worst year)'), cmp_year) \
                   : L('（各情景末年）', ' (last years)')
set title L('情景对比：规划目标完成情况', 'Plan targets by scenario').yr.L('，格内为余量', ', margin in each cell') noenhanced
set xrange [0.5 : n_scen + 0.5]
set yrange [n_tgt + 0.5 : 0.5]
unset grid
set border 0
set xtics () scale 0 noenhanced font font.','.(fontsize - 4)
set x2tics () scale 0 noenhanced font font.','.(fontsize - 4)
set ytics () scale 0 noenhanced font font.','.(fontsize - 4)
angle = (n_scen > 6) ? 25 : 0
if (angle > 0) { set x2tics rotate by angle left } else { set x2tics norotate }
do for [s=1:n_scen] { set x2tics add (scen_tic[s] s) }
unset xtics
set link x2
set y2tics () scale 0 noenhanced font font.','.(fontsize - 5) textcolor rgb '#505050'
set link y2
do for [t=1:n_tgt] { set ytics add (L(tgt_tic_zh[t], tgt_tic_en[t]) t); set y2tics add (L(tgt_unit_zh[t], tgt_unit_en[t]) t) }
set key outside bottom center horizontal samplen 1.5 width 2 font font.','.(fontsize - 4)
csize = (n_scen > 8) ? fontsize - 5 : fontsize - 3
set tmargin (angle > 0 ? 7 : 4)
set style textbox noborder

plot cells using 'col':'row':(0.47):(0.45):(cell_rgb(column('pass'))) \
        with boxxyerror fs solid 1 noborder lc rgb variable notitle, \
     '' using 'col':'row':(stringcolumn(tcol)):(text_rgb(column('pass'))) \
        with labels tc rgb variable font font.','.csize notitle, \
     keyentry with boxes fs solid 1 noborder lc rgb c_pass title L('达标', 'met'), \
     keyentry with boxes fs solid 1 noborder lc rgb c_fail title L('未达标', 'missed'), \
     keyentry with boxes fs solid 1 noborder lc rgb c_absent title L('无此目标', 'no such target')
