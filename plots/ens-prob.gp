# ens-prob.gp — the probability that each target is met across the members:
# one horizontal bar per target check (target, year), its Wilson 95 %
# interval as an error bar, the threshold as a vertical line; green at or
# above the threshold, amber below it with the interval reaching it, red
# below it altogether (the verdict and colour are in ens-prob.dat, written
# by ecsim for the threshold given). The bar of all result targets together
# is on top, set apart.
# Run by hand (after `ecsim ensemble --plot` wrote charts/ens-chartdata.gp):
#   gnuplot -e "dir='out/ens/yiwu-14fyp'; lang='zh'; fmt='png'" plots/ens-prob.gp
# Reads charts/ens-prob.dat (y p ci_low ci_high verdict rgb all label).
chart = 'ens-prob'
chartdata = 'ens-chartdata.gp'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'ens-common.gp'

data = chart_data('ens-prob.dat')
set title chart_title(L('各目标的达标概率', 'Probability that each target is met')) noenhanced
set xlabel L('达标成员比例 (%)，误差线为 Wilson 95% 置信区间', 'share of members meeting the target (%), error bar: Wilson 95 % interval')
set xrange [0 : 100]
set xtics 10
set yrange [0.4 : ens_bars + 1.6]
set ytics font font.','.(fontsize - 6 - (ens_bars > 24 ? 3 : 0)) nomirror
set grid xtics noytics lc rgb c_grid lw 1 dt 1
set lmargin L(30, 34)
set rmargin 4
set bmargin 4.5
unset key
set style fill solid 1.0 noborder
set arrow 1 from first ens_threshold, graph 0 to first ens_threshold, graph 1 nohead lw 2 dt 2 lc rgb c_target front
set label 1 sprintf(L('阈值 %g%%', 'threshold %g %%'), ens_threshold) at first ens_threshold, graph 1 \
    offset -0.5, 0.6 right font small front
# the all-results bar set apart from the single checks
set arrow 2 from graph 0, first ens_bars to graph 1, first ens_bars nohead lw 1 lc rgb '#808080' back
h = 0.32
plot data using (0):1:(0):2:($1 - h):($1 + h):6:ytic(8) with boxxyerror lc rgb variable notitle, \
     data using ($7 == 1 ? 0 : NaN):1:(0):2:($1 - h):($1 + h) with boxxyerror fs empty border lc rgb '#000000' lc rgb '#000000' lw 2.5 notitle, \
     data using 2:1:3:4 with xerrorbars pt 7 ps 0.6 lw 1.5 lc rgb '#333333' notitle, \
     data using (($2 < 12) ? $4 + 2 : 1):1:(sprintf('%.0f%%', $2)):(($2 < 12) ? 0x333333 : 0xFFFFFF) \
          with labels left tc rgb variable font small notitle
# (one labels clause for both cases: a clause whose rows are all NaN makes
# gnuplot warn "no valid points", e.g. when no bar is short)
