# sweep.gp — one metric over a parameter sweep (ecsim sweep): against the
# varied setting as a line with points (one setting), a heat map over the two
# settings' values with every cell labelled (two), or against the first
# setting with one line per combination of the others (more than two).
# Run by hand (after `ecsim sweep`): gnuplot -e "dir='out/sweep'; metric='curtailed_mwh'; lang='zh'" plots/sweep.gp
# Reads charts/sweep-<metric>.dat and charts/sweep-<metric>.gp.
if (!exists("metric")) exit error "set the metric: gnuplot -e \"dir='out/sweep'; metric='curtailed_mwh'\" sweep.gp"
chart = 'sweep-'.metric
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'common.gp'
load ARG0[1:i].'compare-common.gp'
load dir.'/charts/sweep-'.metric.'.gp'

data = dir.'/charts/sweep-'.metric.'.dat'
vcol = L(4, 5)          # the value in the plan unit | SI
tcol = L(6, 7)          # the same, formatted
unit = L(sw_unit_zh, sw_unit_en)
label = L(sw_label_zh, sw_label_en).((unit ne '') ? ' ('.unit.')' : '')
set title label.L('：参数扫描', ' — parameter sweep') noenhanced
set key noenhanced
set style textbox opaque noborder margins 1, 1

# The first setting across: its values on a numeric axis, else its labels at the indices.
set xlabel sw_name1 noenhanced
set xtics () noenhanced
do for [k=1:sw_count1] { set xtics add (sw_tic1[k] (sw_numeric1 ? real(sw_tic1[k]) : k - 1)) }
if (sw_count1 > 1) {
    lo = sw_numeric1 ? real(sw_tic1[1]) : 0
    hi = sw_numeric1 ? real(sw_tic1[sw_count1]) : sw_count1 - 1
    pad = 0.06 * abs(hi - lo)
    set xrange [(lo < hi ? lo : hi) - pad : (lo < hi ? hi : lo) + pad]
}

if (sw_n_vary == 2) {
    set ylabel sw_name2 noenhanced
    set ytics () noenhanced
    do for [k=1:sw_count2] { set ytics add (sw_tic2[k] k - 1) }
    set xtics () noenhanced
    do for [k=1:sw_count1] { set xtics add (sw_tic1[k] k - 1) }
    set xrange [-0.5 : sw_count1 - 0.5]
    set yrange [-0.5 : sw_count2 - 0.5]
    set tics scale 0
    unset grid
    set border 0
    set palette defined (0 '#F7FBFF', 1 '#9ECAE1', 2 '#2171B5', 3 '#08306B')
    set cblabel label noenhanced
    set colorbox user origin graph 1.03, graph 0 size character 2, graph 1
    set rmargin 14
    fs = (sw_count1 * sw_count2 > 60) ? fontsize - 8 : fontsize - 4
    plot data using 2:3:vcol with image notitle, \
         '' using 2:3:tcol with labels boxed font font.','.fs notitle
} else {
    set ylabel label noenhanced
    set grid xtics ytics lc rgb c_grid
    set offsets 0, 0, graph 0.1, graph 0.1
    if (sw_n_vary == 1) {
        plot data using 1:vcol with linespoints lw 3 pt 7 ps 1.8 lc rgb scen_rgb(1) notitle, \
             '' using 1:vcol:tcol with labels offset 0, 1.3 font font.','.(fontsize - 4) notitle
    } else {
        set key outside right top vertical reverse Left samplen 3 font font.','.(fontsize - 6)
        plot for [c=1:sw_n_combo] data index (c - 1) using 1:vcol with linespoints lw 3 \
            dt scen_dt(c) pt scen_pt(c) ps 1.4 lc rgb scen_rgb(c) title sw_combo[c]
    }
}
