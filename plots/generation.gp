# generation.gp — annual electricity balance by year: the supply stacked
# (the stack of the registries, stack.gp: wind used, PV used, CSP used, coal
# power, storage discharge, import, unserved) with the curtailed wind and PV
# on top, against local load and local load + export (lines); the renewable
# utilisation rate above each bar.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/generation.gp
# Reads annual.dat.
chart = 'generation'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
# The supply stack, bottom first, from ecsim's registries (tech.def stack
# positions and segment colours, series.def columns and labels), written
# next to the chart data: word(stack_cols, i), word(stack_colours, i), ...
# for i = 1..stack_n.
load dir.'/charts/stack.gp'
stack_label(i) = L(word(stack_labels_zh, i), word(stack_labels_en, i))

set title chart_title(L('年度电量平衡与弃风弃光', 'Annual electricity balance and curtailment'))
set ylabel L('电量', 'energy').' ('.e_unit.')'
set xrange [first_year - 0.6 : last_year + 0.6]
set xtics 1 format '%.0f'
set yrange [0:*]
set offsets 0, 0, graph 0.14, 0
set key top left reverse Left samplen 2 spacing 1.2 maxrows 3 width 1
set boxwidth 0.5 absolute
set style textbox opaque noborder margins 1, 1

col(n) = column(n) * e_scale
# The supply stack comes from stack.gp (loaded above): segment i is the annual
# column word(stack_metrics, i), drawn from the top of segments 1..i-1 to
# the top of 1..i; the curtailed wind and PV go on top of the whole stack.
seg(i) = col(word(stack_metrics, i))
top(i) = (i < 1) ? 0 : sum [k=1:i] seg(k)
t_curt(x) = top(stack_n) + col('curtailed_mwh')
bw = 0.25
# A generator (stack_optional) has a key entry only in runs in which it produced.
# Column names from a word list: gnuplot treats the first line as the column
# names only when told (it does so by itself for literal names).
set datafile columnheaders
do for [i=1:stack_n] {
    stats annual using (column(word(stack_metrics, i))) nooutput name 'SEG'
    eval sprintf("seg_max_%d = SEG_max", i)
}
seg_title(i) = (word(stack_optional, i) eq '1' && value(sprintf('seg_max_%d', i)) <= 0) ? '' : stack_label(i)
util(x) = sprintf(L('利用率 %.1f%%', 'utilisation %.1f%%'), 100 * column('re_utilisation'))

plot for [i=1:stack_n] annual using 'year':(0):(column('year') - bw):(column('year') + bw):(top(i - 1)):(top(i)) \
        with boxxyerror fs solid 1 noborder lc rgb word(stack_colours, i) title seg_title(i), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(top(stack_n)):(t_curt(0)) \
        with boxxyerror fs solid 0.75 noborder lc rgb c_curtail title L('弃风弃光', 'curtailed'), \
     '' using 'year':(col('load_mwh')) with linespoints lw 3 pt 7 ps 1.3 lc rgb c_load \
        title L('本地用电量', 'local load'), \
     '' using 'year':(col('load_mwh') + col('export_mwh')) with linespoints lw 3 dt 2 pt 5 ps 1.3 \
        lc rgb c_export title L('本地用电 + 外送', 'local load + export'), \
     '' using 'year':(t_curt(0)):(util(0)) with labels boxed offset 0, 1 \
        font font.','.(fontsize - 4) notitle
