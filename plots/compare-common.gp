# compare-common.gp — settings shared by the charts across scenarios
# (compare-*.gp; sweep.gp): the fixed scenario palette. Loaded after
# common.gp. Scenario i (1-based, the order of comparison.dat) always has
# colour scen_rgb(i); beyond ten scenarios the colours repeat with another
# dash type (scen_dt(i)).

# Tableau 10: distinguishable, also in grey print, in this fixed order.
array scen_pal[10] = [0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, \
                      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0x7F7F7F]
scen_rgb(i) = scen_pal[(int(i) - 1) % 10 + 1]
scen_dt(i) = int((int(i) - 1) / 10) + 1
scen_pt(i) = word('7 5 9 11 13 15 7 5 9 11', (int(i) - 1) % 10 + 1) + 0
cmp = dir.'/comparison.dat'
set datafile missing NaN
