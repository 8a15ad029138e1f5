# generation.gp — annual electricity balance by year: the supply stacked
# (wind used, PV used, CSP used, coal power, storage discharge, import, unserved) with
# the curtailed wind and PV hatched on top, against local load and local
# load + export (lines); the renewable utilisation rate above each bar.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/generation.gp
# Reads annual.dat.
chart = 'generation'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'

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
# Tops of the stack, bottom to top; each segment is drawn from the previous top.
t_wind(x)  = col('wind_used_mwh')
t_solar(x) = t_wind(0) + col('solar_used_mwh')
t_csp(x)   = t_solar(0) + col('csp_used_mwh')
t_coal(x)  = t_csp(0) + col('coal_power_mwh')
t_dis(x)   = t_coal(0) + col('discharge_mwh')
t_imp(x)   = t_dis(0) + col('import_mwh')
t_uns(x)   = t_imp(0) + col('unserved_mwh')
t_curt(x)  = t_uns(0) + col('curtailed_mwh')
bw = 0.25
# CSP has a key entry only in runs that have a plant.
stats annual using 'csp_used_mwh' nooutput name 'CSP'
csp_title = CSP_max > 0 ? L('光热上网', 'CSP used') : ''
util(x) = sprintf(L('利用率 %.1f%%', 'utilisation %.1f%%'), 100 * column('re_utilisation'))

plot annual using 'year':(0):(column('year') - bw):(column('year') + bw):(0):(t_wind(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_wind title L('风电上网', 'wind used'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_wind(0)):(t_solar(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_solar title L('光伏上网', 'PV used'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_solar(0)):(t_csp(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_csp title csp_title, \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_csp(0)):(t_coal(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_coal title L('煤电', 'coal power'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_coal(0)):(t_dis(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_storage title L('储能放电', 'storage discharge'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_dis(0)):(t_imp(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_import title L('受入', 'import'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_imp(0)):(t_uns(0)) \
        with boxxyerror fs solid 1 noborder lc rgb c_unserved title L('缺电', 'unserved'), \
     '' using 'year':(0):(column('year') - bw):(column('year') + bw):(t_uns(0)):(t_curt(0)) \
        with boxxyerror fs solid 0.75 noborder lc rgb c_curtail title L('弃风弃光', 'curtailed'), \
     '' using 'year':(col('load_mwh')) with linespoints lw 3 pt 7 ps 1.3 lc rgb c_load \
        title L('本地用电量', 'local load'), \
     '' using 'year':(col('load_mwh') + col('export_mwh')) with linespoints lw 3 dt 2 pt 5 ps 1.3 \
        lc rgb c_export title L('本地用电 + 外送', 'local load + export'), \
     '' using 'year':(t_curt(0)):(util(0)) with labels boxed offset 0, 1 \
        font font.','.(fontsize - 4) notitle
