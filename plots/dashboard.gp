# dashboard.gp — the plan's targets at a glance: one bar per target,
# its length value / threshold so that 1.0 is the threshold (a range: value /
# lower bound, with a tick at the upper bound; a reduction: achieved /
# required reduction), green when met and red when missed, with the value and
# the margin written beside it. A target checked every year shows its worst
# year (the least margin). Bars longer than the scale are cut at its end (»).
# Two sections: simulated results (solid bars: verdicts the simulation
# produced) above, schedule checks (hatched bars: the scenario's own build-out,
# an input) below; each tic names the target's basis (plan / policy / assumption).
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/dashboard.gp
# Reads charts/dashboard.dat and charts/chartdata.gp (written by ecsim from targets.dat).
chart = 'dashboard'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

dfile = dir.'/charts/dashboard.dat'
set title chart_title(L('规划目标完成情况', 'Plan targets'))
n = dash_rows
# Rows 1..nr are simulated results, the rest schedule checks (chartdata.gp;
# older chart data without the split: all rows as results).
nr = exists('dash_result_rows') ? dash_result_rows : n
ns = n - nr
# Room for a section heading above each non-empty section.
g = 0.9
tic = L('tic_zh', 'tic_en')
txt = L('text_zh', 'text_en')

# The scale: up to the longest bar or range bound, at least 1.2, at most 2;
# longer bars are cut there.
top = 1.2
if (n > 0) {
    stats dfile using 'ratio' nooutput
    top = (STATS_max > top) ? STATS_max : top
}
if (dash_range_rows > 0) {
    stats dfile using 'upper_ratio' nooutput
    top = (STATS_max > top) ? STATS_max : top
}
cap = (top > 2) ? 2 : top
# A bar is at least a stub, so that a value at or below zero still shows its colour.
bar(r) = (r < 0.012 * cap) ? 0.012 * cap : ((r > cap) ? cap : r)
cut(r) = (r > cap) ? '» ' : ''
# Rows from the top: the label above its bar, the value and margin after it;
# the schedule section starts a heading's height lower.
y(row) = n + 1 - row + ((row <= nr && ns > 0) ? g : 0)
# A bar of the other section is moved off the chart (x < 0, clipped) rather
# than made undefined: an element without one valid point fails the chart.
off = -10
sched_bar(s, v) = (s > 0.5) ? v : off
result_bar(s, v) = (s > 0.5) ? off : v
upper_or_off(u) = (u == u) ? u : off
colour(p) = (p > 0.5) ? 0x2E9E44 : 0xD62728
text_colour(p) = (p > 0.5) ? 0x202020 : 0xB01010
# The text starts after the bar, the threshold line, and a range's upper-bound tick.
max2(a, b) = (a > b) ? a : b
tx(r, u) = max2(max2(bar(r), 1), (u == u) ? ((u > cap) ? cap : u) : 0)

set xrange [0 : cap * 1.6]
# Headings only when both sections are there.
set yrange [0.45 : n + 0.75 + ((nr > 0 && ns > 0) ? 2 * g : 0)]
set xtics 0, 0.5, cap format '%.1f' nomirror
unset ytics
set grid xtics noytics lc rgb c_grid lw 1 dt 1
set border 1
set lmargin 4
set rmargin 4
set xlabel L("数值 / 目标值 (1.0 = 目标值)\n实心条：模拟结果（模型计算得出）；斜线条：建设进度核对（情景自身的装机安排，非模拟结果）", \
             "value / threshold (1.0 = threshold)\nSolid: simulated results (computed by the model); hatched: schedule checks (the scenario's own build-out, not simulated)") \
    font font.','.(fontsize - 3)
set key off
set style textbox opaque noborder margins 0.3, 0.2
if (n > 0) {
    set label 1 L('目标值', 'threshold') at 1, graph 1 offset 0, 0.7 center font font.','.(fontsize - 2) front
}
if (nr > 0 && ns > 0) {
    set label 3 L('模拟结果：由模拟得出的判定', 'Simulated results: verdicts the simulation produced') \
        at 0, y(1) + 0.85 left font font.',Bold,'.fontsize front
    set label 4 L('建设进度核对：情景的装机安排是否达到规划（输入，非模拟）', \
                  "Schedule checks: does the scenario's build-out reach the plan (inputs, not simulated)") \
        at 0, y(nr + 1) + 0.85 left font font.',Bold,'.fontsize front
    set arrow 1 from graph 0, first y(nr + 1) + 1.3 to graph 1, first y(nr + 1) + 1.3 nohead lw 1.5 lc rgb '#888888' dt 2
}
if (n == 0) {
    set label 2 L('本情景未设规划目标', 'no targets in this scenario') at graph 0.5, graph 0.5 center \
        font font.','.(fontsize + 4)
    plot NaN notitle
} else {
    plot dfile using (result_bar(column('schedule'), bar(column('ratio')) / 2)):(y(column('row')) - 0.21): \
             (result_bar(column('schedule'), 0)):(result_bar(column('schedule'), bar(column('ratio')))): \
             (y(column('row')) - 0.42):(y(column('row'))): \
             (colour(column('pass'))) with boxxyerror fs solid 0.9 noborder lc rgb variable, \
         dfile using (sched_bar(column('schedule'), bar(column('ratio')) / 2)):(y(column('row')) - 0.21): \
             (sched_bar(column('schedule'), 0)):(sched_bar(column('schedule'), bar(column('ratio')))): \
             (y(column('row')) - 0.42):(y(column('row'))): \
             (colour(column('pass'))) with boxxyerror fs pattern 5 border lc rgb variable lw 1.5, \
         dfile using (1):(y(column('row')) - 0.48):(0):(0.54) with vectors nohead lw 2.5 lc rgb c_target, \
         dfile using (upper_or_off(column('upper_ratio'))):(y(column('row')) - 0.42):(0):(0.6) \
            with vectors nohead lw 4 lc rgb c_target, \
         '' using (0):(y(column('row')) + 0.25):(stringcolumn(tic)) \
            with labels left boxed offset 0, 0 font font.','.(fontsize - 1) tc rgb '#202020', \
         '' using (tx(column('ratio'), column('upper_ratio'))):(y(column('row')) - 0.21): \
             (cut(column('ratio')).stringcolumn(txt)):(text_colour(column('pass'))) \
            with labels left offset 0.8, 0 font font.','.(fontsize - 2) tc rgb variable
}
