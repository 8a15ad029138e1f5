# week.gp — hourly dispatch of one week of the last hourly year: supply
# stacked (the stack of the registries, stack.gp: wind used, PV used, CSP
# used, coal, storage discharge, import, unserved),
# curtailed wind and PV hatched above it, against the demand lines (local
# load; + export; + storage charge, which the stack meets every hour), and
# the storage state of charge on the right axis.
#
# The week: the 7 days, midnight to midnight, whose mean wind speed is the
# median among all 7-day windows that lie wholly in the season (summer:
# June–August; winter: January, February and December of the same year).
# ecsim chooses it from the weather columns of hourly-YYYY.dat, so the choice
# does not depend on the capacities built and every scenario that shares the
# weather shows the same week. A fixed calendar week would show whatever the
# weather of that week happened to be (a calm or a storm); the median week is
# the typical one, and the extremes are in the duration curves and the heat map.
# Override: -e "start_hour=4560" (hour of the year, 0-based, of the first hour).
#
# Called by week-summer.gp and week-winter.gp (season = 'summer' | 'winter'),
# or by hand: gnuplot -e "dir='out/yiwu-14fyp'; season='winter'" plots/week.gp
if (!exists("season")) season = 'summer'
if (season ne 'summer' && season ne 'winter') exit error "season must be 'summer' or 'winter'"
chart = 'week-'.season
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
# The supply stack, bottom first, from ecsim's registries (tech.def stack
# positions and segment colours, series.def columns and labels), written
# next to the chart data: word(stack_cols, i), word(stack_colours, i), ...
# for i = 1..stack_n.
load dir.'/charts/stack.gp'
stack_label(i) = L(word(stack_labels_zh, i), word(stack_labels_en, i))

year = hourly_year
median = !exists("start_hour")
if (median) start_hour = (season eq 'summer') ? summer_start : winter_start
hourly = sprintf('%s/hourly-%d.dat', dir, year)
end_hour = start_hour + 7*24 - 1

# Day labels at each midnight of the week.
t0 = strptime('%Y-%m-%d', sprintf('%d-01-01', year)) + start_hour * 3600
mon(k) = tm_mon(t0 + k * 86400) + 1
dom(k) = tm_mday(t0 + k * 86400)
set xrange [0:7]
set xtics 1 format ''
do for [k=0:7] { set xtics add (day_name(mon(k), dom(k)) k) }
set mxtics 4
set grid xtics ytics lc rgb c_grid lw 1 dt 1

sname = (season eq 'summer') ? L('夏季', 'summer') : L('冬季', 'winter')
how = median ? L(', 季节中位风速周', ': median-wind week') : ''
set title chart_title(sprintf(L('典型%s周逐时电力平衡 (%d年%d月%d日起%s)', \
    'Hourly dispatch of a typical %s week (from %s %d, %d%s)'), \
    sname, L(year, month_name(mon(0))), L(mon(0), dom(0)), L(dom(0), year), how))
set ylabel L('电力', 'power').' ('.p_unit.')'
set y2label L('储能电量', 'storage energy').' ('.soc_unit.')'
set y2tics
set ytics nomirror
set yrange [0:*]
# A plan without storage has SOC 0 all week: give the right axis a range anyway.
stats hourly every ::start_hour::end_hour using (column('soc_mwh') * soc_scale) nooutput name 'SOC'
# A generator (stack_optional) has a key entry only in weeks in which it produced.
# Column names from a word list: gnuplot treats the first line as the column
# names only when told (it does so by itself for literal names).
set datafile columnheaders
do for [i=1:stack_n] {
    stats hourly every ::start_hour::end_hour using (column(word(stack_cols, i))) nooutput name 'SEG'
    eval sprintf("seg_max_%d = SEG_max", i)
}
seg_title(i) = (word(stack_optional, i) eq '1' && value(sprintf('seg_max_%d', i)) <= 0) ? '' : stack_label(i)
set y2range [0:(SOC_max > 0 ? SOC_max * 1.05 : 1)]
set offsets 0, 0, graph 0.05, 0
set key outside bottom center horizontal reverse Left maxrows 3 samplen 2 width 1 spacing 1.1
set bmargin 7

c(n) = column(n) * p_scale
tx(h) = (h - start_hour) / 24.0
# Electrolysers (docs/hydrogen.md) are a demand: in the total demand line when
# the run has them (chartdata.gp; older files have neither flag nor column).
if (!exists("has_electrolyser")) has_electrolyser = 0
ely(x) = has_electrolyser ? c('electrolyser_mw') : 0
# The supply stack (stack.gp): segment i is the hourly column
# word(stack_cols, i), drawn from the top of segments 1..i-1 to the top of
# 1..i; the curtailed wind and PV go on top of the whole stack.
seg(i) = c(word(stack_cols, i))
top(i) = (i < 1) ? 0 : sum [k=1:i] seg(k)
t_curt(x) = top(stack_n) + c('curtailed_mw')

plot for [i=1:stack_n] hourly every ::start_hour::end_hour using (tx(column('hour'))):(top(i - 1)):(top(i)) \
        with filledcurves lc rgb word(stack_colours, i) fs solid 1 noborder title seg_title(i), \
     '' every ::start_hour::end_hour using (tx(column('hour'))):(top(stack_n)):(t_curt(0)) \
        with filledcurves lc rgb c_curtail fs solid 0.75 noborder title L('弃风弃光', 'curtailed'), \
     '' every ::start_hour::end_hour using (tx(column('hour'))):(c('load_mw')) \
        with lines lw 2 dt 2 lc rgb c_load title L('本地负荷', 'local load'), \
     '' every ::start_hour::end_hour using (tx(column('hour'))):(c('load_mw') + c('export_mw')) \
        with lines lw 2 lc rgb c_export title L('本地负荷 + 外送', 'local load + export'), \
     '' every ::start_hour::end_hour using (tx(column('hour'))):(c('load_mw') + c('export_mw') + c('charge_mw') + ely(0)) \
        with lines lw 2 lc rgb c_load title (has_electrolyser ? L('+ 储能充电 + 电解制氢 (总需求)', '+ storage charge + electrolysers (total demand)') : L('+ 储能充电 (总需求)', '+ storage charge (total demand)')), \
     '' every ::start_hour::end_hour using (tx(column('hour'))):(column('soc_mwh') * soc_scale) axes x1y2 \
        with lines lw 3 dt 3 lc rgb c_storage title L('储能电量 (右轴)', 'storage energy (right axis)')
