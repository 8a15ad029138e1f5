# lcoe.gp — unit costs by year (docs/costs.md). Left: the levelised cost of
# each generator of the county's electricity ((annuity + O&M + fuel) /
# energy taken), the county's average (storage's cost included) and the
# coal benchmark tariff. Right: storage per kWh discharged and the export
# line per kWh exported, which are dearer per kWh and would flatten the
# left panel. A technology without energy in a year (unit cost 0) has no
# point there.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/lcoe.gp
# Reads annual.dat and charts/costs.gp (the technologies with costs).
chart = 'lcoe'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load dir.'/charts/costs.gp'

tech_label(k) = L(word(cost_labels_zh, k), word(cost_labels_en, k))
pos(v) = v > 0 ? v * lc_scale : NaN
# The technologies drawn: unit cost per kWh and energy in some year;
# generators on the left, the others on the right.
gens = ''
others = ''
do for [k=1:cost_n] {
    stats annual using (column(word(cost_unit, k))) nooutput
    if (word(cost_per_kwh, k) eq '1' && STATS_max > 0) {
        if (word(cost_power, k) eq '2') { gens = gens.' '.k } else { others = others.' '.k }
    }
}

set multiplot layout 1, 2 title chart_title(L('各技术度电成本', 'Unit cost of electricity by technology')) \
    font font.','.(fontsize + 6)
set xrange [first_year - 0.4 : last_year + 0.4]
set xtics 1 format '%.0f'
set yrange [0 : *]
set offsets 0, 0, graph 0.35, 0
set style textbox opaque noborder margins 1, 1
set key top left vertical reverse Left samplen 3 spacing 1.1 font font.','.(fontsize - 4)

set title L('电源', 'generators') font font.','.(fontsize + 2)
set ylabel L('度电成本', 'unit cost').' ('.lc_unit.')'
plot for [s in gens] annual using 'year':(pos(column(word(cost_unit, int(s))))) \
        with linespoints lw 3 pt 7 ps 1.5 lc rgb value('c_'.word(cost_techs, int(s))) title tech_label(int(s)), \
     '' using 'year':(pos(column('lcoe_county_yuan_per_kwh'))) with linespoints lw 5 pt 5 ps 1.6 \
        lc rgb '#000000' title L('全县平均(含储能)', 'county average (with storage)'), \
     '' using 'year':(pos(column('lcoe_county_yuan_per_kwh'))):(sprintf('%.3f', column('lcoe_county_yuan_per_kwh') * lc_scale)) \
        with labels boxed offset 0, 1.3 font font.','.(fontsize - 6) notitle, \
     '' using 'year':(column('benchmark_tariff_yuan_per_kwh') * lc_scale) with lines lw 3 dt 2 \
        lc rgb c_target title L('燃煤发电基准价', 'coal benchmark tariff')

set title L('储能(每千瓦时放电)与外送通道(每千瓦时外送)', 'storage (per kWh discharged), export line (per kWh exported)') \
    font font.','.(fontsize + 2)
set ylabel L('成本', 'cost').' ('.lc_unit.')'
if (strlen(others) > 0) {
    plot for [s in others] annual using 'year':(pos(column(word(cost_unit, int(s))))) \
            with linespoints lw 3 pt 7 ps 1.5 lc rgb value('c_'.word(cost_techs, int(s))) title tech_label(int(s)), \
         for [s in others] '' using 'year':(pos(column(word(cost_unit, int(s))))):(sprintf('%.2f', column(word(cost_unit, int(s))) * lc_scale)) \
            with labels offset 0, 1.2 font font.','.(fontsize - 6) notitle
} else {
    unset key
    set label 1 L('无储能放电或外送', 'no storage discharge or export') at graph 0.5, graph 0.5 center
    plot NaN notitle
}
unset multiplot
