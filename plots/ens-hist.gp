# ens-hist.gp — the members' renewable utilisation in the year whose
# utilisation target is the least likely to be met: a histogram (members per
# bin), the target (dashed black) and P10, P50, P90 (dotted).
# Run by hand (after `ecsim ensemble --plot` wrote charts/ens-chartdata.gp):
#   gnuplot -e "dir='out/ens/yiwu-14fyp'; lang='zh'; fmt='png'" plots/ens-hist.gp
# Reads charts/ens-hist.dat (centre count), bins from members.dat.
chart = 'ens-hist'
chartdata = 'ens-chartdata.gp'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'ens-common.gp'

data = chart_data('ens-hist.dat')
set title chart_title(sprintf(L('%d年新能源利用率：%d 个天气成员的分布', \
    'Renewable utilisation in %d across %d weather members'), ens_hist_year, ens_members)) noenhanced
set xlabel L('新能源利用率 (%)', 'renewable utilisation (%)')
set ylabel L('成员数', 'members')
lo = ens_hist_lo
hi = ens_hist_hi
if (ens_hist_target == ens_hist_target) {
    if (ens_hist_target - 1 < lo) { lo = ens_hist_target - 1 }
    if (ens_hist_target + 1 > hi) { hi = ens_hist_target + 1 }
}
set xrange [lo : hi]
set yrange [0 : *]
set offsets 0, 0, graph 0.18, 0
set ytics nomirror
set grid ytics lc rgb c_grid lw 1 dt 1
set style fill solid 0.9 border lc rgb '#FFFFFF'
set boxwidth 0.95 relative
unset key
if (ens_hist_target == ens_hist_target) {
    set arrow 1 from first ens_hist_target, graph 0 to first ens_hist_target, graph 1 nohead lw 2.5 dt 2 lc rgb c_target front
    set label 1 sprintf(L('目标 ≥ %g%%', 'target ≥ %g %%'), ens_hist_target) at first ens_hist_target, graph 0.97 \
        offset 0.6, 0 left front
}
array qv[3] = [ens_hist_p10, ens_hist_p50, ens_hist_p90]
array qn[3] = ['P10', 'P50', 'P90']
do for [k=1:3] {
    if (qv[k] == qv[k]) {
        set arrow (k + 1) from first qv[k], graph 0 to first qv[k], graph 0.86 nohead lw 1.5 dt 3 lc rgb c_fan_line front
        set label (k + 1) sprintf('%s %.1f%%', qn[k], qv[k]) at first qv[k], graph 0.89 center font small tc rgb c_fan_line front
    }
}
# bins at or above the target green, below it coral (no target: all blue)
bin_rgb(x) = (ens_hist_target != ens_hist_target) ? 0xA9CBE8 : ((x >= ens_hist_target) ? 0x9CCC9C : 0xF2A7A9)
plot data using 1:2:(bin_rgb($1)) with boxes lc rgb variable notitle
