# investment.gp — energy investment by year, stacked by technology (capacity
# added x capital cost, spread over the construction years; costs.def and
# docs/costs.md), against the plan's fixed-asset investment goal per year
# (invest_goal_yi_yuan, dashes), with the totals over the goal's years.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/investment.gp
# Reads annual.dat and charts/costs.gp (the technologies with costs).
chart = 'investment'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load dir.'/charts/costs.gp'

set title chart_title(L('能源项目投资与规划投资目标', "Energy investment against the plan's goal"))
set ylabel L('投资', 'investment').' ('.m_unit.L('/年', '/yr').')'
set boxwidth 0.6 absolute
set style textbox opaque noborder margins 1, 1
set key top left vertical reverse Left samplen 2 spacing 1.1

# The k-th segment runs from 0 to the sum of the first k technologies.
cum(k) = sum [j=1:k] column(word(cost_invest, j))
tech_label(k) = L(word(cost_labels_zh, k), word(cost_labels_en, k))
do for [k=1:cost_n] {
    stats annual using (column(word(cost_invest, k))) nooutput
    eval sprintf('inv_max_%d = STATS_max', k)
}
seg_title(k) = value(sprintf('inv_max_%d', k)) > 0 ? tech_label(k) : ''

stats annual using 'invest_total_yi_yuan' nooutput
tmax = STATS_max
stats annual using 'invest_goal_yi_yuan' nooutput
gmax = STATS_max
goal_sum = STATS_sum
top = (tmax > gmax ? tmax : gmax) * m_scale

# Totals over the years the goal covers (the plan's five years).
if (goal_sum > 0) {
    stats annual using (column('invest_goal_yi_yuan') > 0 ? column('invest_total_yi_yuan') : 0) nooutput
    inv_sum = STATS_sum
    stats annual using (column('invest_goal_yi_yuan') > 0 ? column('year') : 1e9) nooutput
    gy0 = int(STATS_min)
    stats annual using (column('invest_goal_yi_yuan') > 0 ? column('year') : -1e9) nooutput
    gy1 = int(STATS_max)
    set label 1 sprintf(L("%d–%d年累计：能源项目投资 %.0f %s\n规划全社会固定资产投资目标 %.0f %s（占 %.0f%%）", \
                          "%d–%d: energy investment %.0f %s\nplan's fixed-asset investment goal %.0f %s (%.0f%%)"), \
        gy0, gy1, inv_sum * m_scale, m_unit, goal_sum * m_scale, m_unit, 100 * inv_sum / goal_sum) \
        at graph 0.98, graph 0.95 right boxed font font.','.(fontsize - 2) front
}
set xrange [first_year - 0.6 : last_year + 0.6]
set xtics 1 format '%.0f'
set yrange [0 : (top > 0 ? top * 1.3 : 1)]
lab(v) = (v > 0) ? sprintf(v < 10 ? '%.1f' : '%.0f', v) : ''

# The goal's dashes only when there is a goal (an all-NaN plot is a warning).
if (goal_sum > 0) {
    plot for [k=cost_n:1:-1] annual using 'year':(cum(k) * m_scale) with boxes \
            lc rgb value('c_'.word(cost_techs, k)) title seg_title(k), \
         '' using (column('year') - 0.42):(column('invest_goal_yi_yuan') > 0 ? column('invest_goal_yi_yuan') * m_scale : NaN):(0.84):(0) \
            with vectors nohead lw 3 dt 2 lc rgb c_target title L('规划投资目标（年均）', 'plan goal (per year)'), \
         '' using 'year':(cum(cost_n) * m_scale):(lab(cum(cost_n) * m_scale)) \
            with labels offset 0, 0.8 font font.','.(fontsize - 4) notitle
} else {
    plot for [k=cost_n:1:-1] annual using 'year':(cum(k) * m_scale) with boxes \
            lc rgb value('c_'.word(cost_techs, k)) title seg_title(k), \
         '' using 'year':(cum(cost_n) * m_scale):(lab(cum(cost_n) * m_scale)) \
            with labels offset 0, 0.8 font font.','.(fontsize - 4) notitle
}
