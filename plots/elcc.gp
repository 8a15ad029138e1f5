# elcc.gp — the capacity credit (ELCC) of wind, PV and storage by year: the
# equivalent firm capacity as a share of nameplate, pooled over the weather
# members (line and filled points), the members' median (open points) and
# the range P10-P90 across the members (bars), one colour per resource.
# Run by hand (after `ecsim elcc ... -o DIR --plot` wrote charts/elcc-chartdata.gp):
#   gnuplot -e "dir='out/elcc'; lang='zh'; fmt='png'" plots/elcc.gp
# Reads charts/elcc-chart.dat (one block per resource: year elcc_pct p10 p50 p90).
chart = 'elcc'
chartdata = 'elcc-chartdata.gp'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

data = dir.'/charts/elcc-chart.dat'
set title chart_title(L(sprintf('容量可信度（等效固定容量，%d 个天气成员）', elcc_members), \
                        sprintf('Capacity credit (equivalent firm capacity, %d weather members)', elcc_members))) noenhanced
set xlabel L('年份', 'year')
set ylabel L('等效固定容量占装机 (%)', 'ELCC, % of nameplate')
set xrange [elcc_first_year - 0.5 : elcc_last_year + 0.5]
set xtics 1 format '%.0f'
set yrange [0 : elcc_ymax]
set ytics autofreq
set key outside bottom center horizontal maxrows 1 samplen 2 width 2
set bars 2
off(k) = (k - (elcc_n + 1) / 2.0) * 0.14
plot for [k=1:elcc_n] data index (k - 1) using ($1 + off(k)):2:3:5 with yerrorbars lw 2 pt 7 ps 1.2 \
         lc rgb value('c_'.elcc_tech[k]) notitle, \
     for [k=1:elcc_n] data index (k - 1) using ($1 + off(k)):2 with linespoints lw 2.5 pt 7 ps 1.2 \
         lc rgb value('c_'.elcc_tech[k]) title elcc_label[k].L('（汇总）', ' (pooled)'), \
     for [k=1:elcc_n] data index (k - 1) using ($1 + off(k)):4 with points pt 6 ps 1.6 lw 1.5 \
         lc rgb value('c_'.elcc_tech[k]) notitle, \
     keyentry with yerrorbars lw 2 pt 6 ps 1.6 lc rgb '#404040' \
         title L('成员中位数（空心）与 P10–P90', 'members: median (open), P10–P90')
