# ens-cmp.gp — the comparison of `ecsim compare --runs` (drawn by `ecsim plot
# DIR`): for each target check of the reference (target, year), one
# horizontal bar per scenario with its probability of meeting it (the
# reference grey, on top of its group). A variant's error bar is the
# reference's probability plus the 95 % Newcombe interval of the paired
# difference (members share their weather): where the end of the reference's
# bar lies outside a variant's error bar, the variant changes the probability
# beyond what the number of members can blur. The dashed line is the
# threshold (--threshold). On the right: each bar's P(met) (with many bars
# only the changed ones'), and a variant's change from the reference in
# percentage points when there is one.
# Run by hand (after `ecsim plot DIR` wrote charts/ens-cmp-chartdata.gp):
#   gnuplot -e "dir='out/ens-cmp'; lang='zh'; fmt='png'" plots/ens-cmp.gp
# Reads charts/ens-cmp.dat (a block per scenario: y p lo hi diff; then the
# groups: y label).
chart = 'ens-cmp'
chartdata = 'ens-cmp-chartdata.gp'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'ens-common.gp'

data = chart_data('ens-cmp.dat')
set title chart_title(L(sprintf('各方案的达标概率（%d 个共同天气成员）', cmp_members), \
                        sprintf('P(met) by scenario, %d common members', cmp_members))) noenhanced
set xlabel L('达标成员比例 (%)；方案误差线：参照方案概率加配对差值的 Newcombe 95% 区间', \
             'members meeting it (%); error bars: reference + Newcombe 95 % interval of the change')
# room on the right for each bar's P(met) and a variant's change (points)
set xrange [0 : 114]
set xtics 0, 10, 100
set yrange [0.3 : cmp_checks * cmp_group + 0.2]
set ytics font font.','.(fontsize - 6 - (cmp_checks > 16 ? 3 : 0)) nomirror
set border 2
set arrow 99 from first 0, graph 0 to first 100, graph 0 nohead lw 1 lc rgb '#000000' back
set grid xtics noytics lc rgb c_grid lw 1 dt 1
set lmargin L(30, 34)
set rmargin 4
set bmargin 6
set key outside bottom center horizontal maxrows 1 samplen 1.5 width 2 noenhanced
set style fill solid 1.0 noborder
set bars 1.5
set arrow 1 from first ens_threshold, graph 0 to first ens_threshold, graph 1 nohead lw 2 dt 2 lc rgb c_target front
set label 1 sprintf(L('阈值 %g%%', 'threshold %g %%'), ens_threshold) at first ens_threshold, graph 1 \
    offset -0.5, 0.6 right font small front
# a thin line between the groups
do for [g=1:cmp_checks - 1] {
    set arrow (g + 1) from first 0, first g * cmp_group + 0.5 to first 100, first g * cmp_group + 0.5 nohead lw 1 \
        lc rgb '#C8C8C8' back
}
h = 0.4
# many bars: only the variants' changes are written on the right, not every P(met)
dense = cmp_checks * cmp_group > 40
plot data index cmp_n using (0):1:ytic(2) with points ps 0 notitle, \
     for [k=1:cmp_n] data index (k - 1) using (0):1:(0):2:($1 - h):($1 + h) with boxxyerror \
         lc rgb cmp_rgb[k] title cmp_name[k], \
     for [k=2:cmp_n] data index (k - 1) using 2:1:3:4 with xerrorbars pt 7 ps 0.5 lw 1.5 lc rgb '#333333' notitle, \
     for [k=1:cmp_n] data index (k - 1) using (101.5):1:(k > 1 && $5 != 0 ? sprintf('%.0f%% (%+.0f)', $2, $5) \
         : dense ? '' : sprintf('%.0f%%', $2)) with labels left font font.','.(fontsize - 8) tc rgb '#333333' notitle
