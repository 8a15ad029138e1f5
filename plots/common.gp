# common.gp — settings shared by every ecsim chart (DESIGN §10, docs/charts.md):
# terminal, font, the fixed colour of each technology, zh/en labels and the
# plan's units. Loaded by each plots/<chart>.gp after it has set `chart`.
#
# Variables (gnuplot -e "..."):
#   dir   the scenario's output directory (required), e.g. 'out/yiwu-14fyp'
#   lang  'zh' (default: Chinese labels, plan units 万千瓦, 亿千瓦时, 万吨) or 'en' (SI)
#   fmt   'png' (default, 1600x900) or 'svg'
#   font  font family (default 'Noto Sans CJK SC', Debian package fonts-noto-cjk)
#   out   output file (default dir/charts/<chart>.<fmt>)
# Data read: dir/annual.dat, dir/targets.dat, dir/hourly-YYYY.dat and the
# chart data that `ecsim` writes next to the charts (dir/charts/chartdata.gp,
# colours.gp, stack.gp, duration-YYYY.dat, dashboard.dat).

if (!exists("dir")) exit error "set the scenario directory: gnuplot -e \"dir='out/NAME'\" ".chart.".gp"
if (!exists("lang")) lang = 'zh'
if (!exists("fmt")) fmt = 'png'
if (!exists("font")) font = 'Noto Sans CJK SC'
if (lang ne 'zh' && lang ne 'en') exit error "lang must be 'zh' or 'en'"
if (!exists("out")) out = dir.'/charts/'.chart.'.'.fmt

# Derived chart data (first_year, last_year, hourly_year, the selected weeks,
# target paths and bands), written by ecsim's plot step from the result files.
# A report with charts of its own names its file (the ensemble: ens-chartdata.gp).
if (!exists("chartdata")) chartdata = 'chartdata.gp'
load dir.'/charts/'.chartdata

set encoding utf8
width = 1600
height = 900
fontsize = 20
if (fmt eq 'png') {
    set terminal pngcairo size width,height enhanced font font.','.fontsize linewidth 2 \
        background rgb 'white'
} else {
    if (fmt eq 'svg') {
        set terminal svg size width,height enhanced font font.','.fontsize linewidth 2 \
            background rgb 'white'
    } else {
        exit error "fmt must be 'png' or 'svg'"
    }
}
set output out

# Fixed colours: the same technology has the same colour in every chart.
# Technologies: c_<name> from ecsim's technology registry (sim/tech.def),
# written next to the chart data; a new technology brings its colour there.
load dir.'/charts/colours.gp'
c_coal      = c_coal_power  # coal power and coal: dark grey
c_curtail   = '#E8767A'   # curtailment: coral red
# The supply stack of the generation and week charts (its colours, columns
# and labels) is in dir/charts/stack.gp, which those two scripts load.
c_target    = '#222222'   # plan targets: dark, dashed
c_band      = '#9CCC9C'   # plan band (shaded)
c_pass      = '#2E9E44'   # target met
c_fail      = '#D62728'   # target missed
c_grid      = '#D0D0D0'

# L(zh, en): the label of the chosen language (also numbers: scales).
L(zh, en) = (lang eq 'en') ? en : zh

# Units: the plan's in Chinese (万千瓦, 万千瓦时, 亿千瓦时, 万吨), SI in English;
# scales and names from ecsim's unit table (chartdata.gp, written from present.c).
p_scale  = L(p_scale_zh, p_scale_en)       # MW  -> 万千瓦 | MW
p_unit   = L(p_unit_zh, p_unit_en)
soc_scale = L(soc_scale_zh, soc_scale_en)  # MWh -> 万千瓦时 | MWh
soc_unit = L(soc_unit_zh, soc_unit_en)
e_scale  = L(e_scale_zh, e_scale_en)       # MWh -> 亿千瓦时 | GWh
e_unit   = L(e_unit_zh, e_unit_en)
t_scale  = L(t_scale_zh, t_scale_en)       # Mt  -> 万吨 | Mt
t_unit   = L(t_unit_zh, t_unit_en)
yi_scale = L(yi_scale_zh, yi_scale_en)     # 亿tce -> 亿吨标煤 | Mtce
yi_unit  = L(yi_unit_zh, yi_unit_en)
ei_unit  = L(ei_unit_zh, ei_unit_en)       # tce/万元 -> 吨标煤/万元 | tce/10k CNY
ci_unit  = L(ci_unit_zh, ci_unit_en)       # tCO2/万元 -> 吨二氧化碳/万元 | tCO2/10k CNY
m_scale  = L(m_scale_zh, m_scale_en)       # 亿元 -> 亿元 | bn CNY
m_unit   = L(m_unit_zh, m_unit_en)
lc_scale = L(lc_scale_zh, lc_scale_en)     # 元/kWh -> 元/千瓦时 | CNY/kWh
lc_unit  = L(lc_unit_zh, lc_unit_en)

# Month names for time axes.
month_name(m) = L(sprintf('%d月', m), word('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec', int(m)))
day_name(m, d) = L(sprintf('%d月%d日', m, d), sprintf('%s %d', month_name(m), d))

set title font font.','.(fontsize + 6)
set key font font.','.(fontsize - 2) noenhanced
set tics font font.','.(fontsize - 2)
set border 3 lw 1 lc rgb '#404040'
set tics nomirror out
set grid ytics lc rgb c_grid lw 1 dt 1
set datafile missing NaN
set style fill solid 1.0 border -1
set minussign
annual = dir.'/annual.dat'
targets = dir.'/targets.dat'
chart_title(t) = t.'  —  '.scenario
