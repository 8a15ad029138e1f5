# Fixtures of tests/hostile/run.sh, made in $F (sourced by run.sh).
# v NAME LINE...: NAME.cfg inheriting fast.cfg at line 1, then one LINE per line
# (so the setting at fault is on line 2 unless said otherwise).
v() { n=$1; shift; { echo 'inherits = "fast.cfg";'; for l in "$@"; do printf '%s\n' "$l"; done; } >"$F/$n.cfg"; }

gen_fixtures() {
  # fast.cfg: the base plan without hourly files
  printf 'inherits = "base.cfg";\noutput = { hourly_years = []; };\n' >"$F/fast.cfg"

  # ---- syntax ----
  v syn_string 'scenario = { name = "never closed; };' 'wind = { hub_height_m = 90.0; };'
  printf 'inherits = "fast.cfg";\nwind = { hub_height_m = 90.0; };\n/* open at the end' >"$F/syn_comment_eof.cfg"
  printf '\357\273\277\357\273\277inherits = "fast.cfg";\n' >"$F/syn_bom2.cfg"
  printf '\357\273\277inherits = "fast.cfg";\n' >"$F/syn_bom.cfg"
  printf 'inherits = "fast.cfg";\nwind = { hub_height_m = 9\0000.0; };\n' >"$F/syn_nul.cfg"
  printf 'inherits = "fast.cfg";\n\000\n' >"$F/syn_nul_line.cfg"
  v syn_dup_setting 'wind = { hub_height_m = 90.0;' '  hub_height_m = 100.0; };'
  v syn_dup_group 'wind = { hub_height_m = 90.0; };' 'wind = { shear_exponent = 0.2; };'
  { echo 'inherits = "fast.cfg";'; printf '#'; head -c 1048576 /dev/zero | tr '\0' 'x'; echo; } >"$F/syn_long_comment.cfg"
  { echo 'inherits = "fast.cfg";'; printf 'scenario = { description = "'; head -c 262144 /dev/zero | tr '\0' 'y'; echo '"; };'; } >"$F/syn_long_string.cfg"
  { echo 'inherits = "fast.cfg";'; printf 'wind = { '; head -c 70000 /dev/zero | tr '\0' 'a'; echo ' = 1.0; };'; } >"$F/syn_long_name.cfg"
  { echo 'inherits = "fast.cfg";'; printf 'wind = { hub_height_m = 9'; head -c 5000 /dev/zero | tr '\0' '0'; echo '.0; };'; } >"$F/syn_long_number.cfg"
  { echo 'inherits = "fast.cfg";'; printf '#'; head -c 1000000 /dev/zero | tr '\0' 'x'; echo; } >"$F/syn_long_line.cfg"
  : >"$F/syn_empty.cfg"
  printf '# only a comment\n\n' >"$F/syn_comments.cfg"
  printf 'inherits = "fast.cfg";\r\nwind = { hub_height_m = 90.0; };\r\n' >"$F/syn_crlf.cfg"
  v syn_mixed_array 'wind = { power_curve_frac = [ 0.0, "a" ]; };'
  v syn_trailing 'wind = { hub_height_m = 90.0; }; }'
  v syn_include '@include "base.cfg"'
  printf 'inherits = "fast.cfg";\nscenario = { description = "\377\376 bytes"; };\n' >"$F/syn_bad_utf8_value.cfg"
  v syn_colon 'wind : { hub_height_m : 90.0; };'
  mkdir -p "$F/adir.cfg"
  mkfifo "$F/fifo.cfg"

  # ---- types ----
  v ty_bool 'wind = { hub_height_m = true; };'
  v ty_array 'wind = { hub_height_m = [ 1.0, 2.0 ]; };'
  v ty_group 'wind = { hub_height_m = { x = 1; }; };'
  v ty_float_year 'scenario = { first_year = 2020.5; };'
  v ty_seed_neg 'scenario = { seed = -1; };'
  v ty_enum_int 'solar = { tracking = 1; };'
  v ty_list_scalar 'targets = { list = 5; };'
  v ty_years_str 'output = { hourly_years = [ "2020" ]; };'
  v ty_months11 'weather = { kt_mean = [ 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6 ]; };'
  v ty_bool_int 'wind = { density_correction = 1; };'
  v ty_name_int 'scenario = { name = 5; };'
  v ty_group_scalar 'wind = 5;'
  v ty_sched_triple 'wind = { capacity_mw = ( (2020, 400.0, 1.0) ); };'
  v ty_sched_array 'wind = { capacity_mw = [ 2020, 400.0 ]; };'
  v sc_frac_year 'wind = { capacity_mw = ( (2020.5, 400.0) ); };'
  v ty_sched_float_year 'wind = { capacity_mw = ( (2020.0, 400.0) ); };'
  v ty_int64 'scenario = { seed = 9223372036854775807L; };'
  v ty_hex 'wind = { hub_height_m = 0x64; };'

  # ---- ranges and non-finite values ----
  v rg_1e999 'wind = { hub_height_m = 1e999; };'
  v rg_neg1e999 'wind = { shear_exponent = -1e999; };'
  v rg_nan_str 'wind = { hub_height_m = "nan m"; };'
  v rg_inf_str 'wind = { capacity_mw = ( (2020, "inf MW") ); };'
  v rg_nan_bare 'wind = { hub_height_m = nan; };'
  v rg_neg_zero 'storage = { power_mw = ( (2022, -0.0) ); };'
  v rg_neg_zero_year 'scenario = { first_year = -0; };'
  v rg_frac_above 'wind = { losses_frac = 1.0000001; };'
  v rg_huge_capacity 'wind = { capacity_mw = ( (2020, 1e308) ); };'
  v rg_lat 'site = { latitude_deg = 91.0; };'
  v rg_lon 'site = { longitude_deg = -180.5; };'
  v rg_utc 'site = { utc_offset_h = 15.0; };'
  v rg_soc 'storage = { soc_min_frac = 0.9; soc_max_frac = 0.5; };'
  v rg_duration0 'storage = { duration_h = 0.0; };'
  v rg_tiny 'wind = { hub_height_m = 1e-320; };'
  v rg_int_overflow 'scenario = { first_year = 99999999999; };'

  # ---- schedules ----
  v sc_dup_year 'wind = { capacity_mw = ( (2020, 400.0), (2020, 800.0) ); };'
  v sc_unordered 'solar = { capacity_mw = ( (2024, 1.0), (2022, 2.0) ); };'
  v sc_empty 'wind = { capacity_mw = (); };'
  v sc_after 'wind = { capacity_mw = ( (2030, 400.0) ); };'
  v sc_before 'wind = { capacity_mw = ( (1990, 400.0) ); };'
  v sc_negative 'wind = { capacity_mw = ( (2020, -400.0) ); };'
  v sc_year0 'wind = { capacity_mw = ( (0, 400.0) ); };'
  v sc_unit_entry 'wind = { capacity_mw = ( (2020, "40万千瓦"), (2025, "3.2 GW") ); };'
  v sc_bad_entry 'wind = { capacity_mw = ( (2020, 400.0), 7 ); };'
  v sc_string_year 'wind = { capacity_mw = ( ("2020", 400.0) ); };'

  # ---- calendar ----
  v ca_leap 'targets = { list = (); };' 'scenario = { first_year = 2024; last_year = 2024; };' 'output = { hourly_years = [ 2024 ]; };'
  v ca_1900 'targets = { list = (); };' 'scenario = { first_year = 2100; last_year = 2100; };' 'output = { hourly_years = [ 2100 ]; };'
  v ca_one 'targets = { list = (); };' 'scenario = { first_year = 2025; last_year = 2025; };'
  v ca_51 'scenario = { first_year = 2020; last_year = 2070; };'
  v ca_hourly_out 'output = { hourly_years = [ 2019 ]; };'
  v ca_year1 'scenario = { first_year = 1; last_year = 2; };'

  # ---- unit strings ----
  v un_wan 'wind = { capacity_mw = ( (2020, "320万千瓦") ); };'
  v un_gw 'wind = { capacity_mw = ( (2020, "3.2 GW") ); };'
  v un_nospace 'wind = { capacity_mw = ( (2020, "3.2GW") ); };'
  v un_garbage 'wind = { capacity_mw = ( (2020, "lots") ); };'
  v un_wrong_dim 'wind = { capacity_mw = ( (2020, "3.2 GWh") ); };'
  v un_wrong_dim_zh 'storage = { duration_h = "5 万千瓦时"; };'
  v un_huge_exp 'wind = { capacity_mw = ( (2020, "1e400 MW") ); };'
  v un_overflow_scale 'wind = { capacity_mw = ( (2020, "1e307 GW") ); };'
  v un_tiny_exp 'wind = { capacity_mw = ( (2020, "1e-400 MW") ); };'
  v un_empty 'wind = { capacity_mw = ( (2020, "") ); };'
  v un_spaces 'wind = { capacity_mw = ( (2020, "   ") ); };'
  v un_hex 'wind = { capacity_mw = ( (2020, "0x10 MW") ); };'
  v un_comma 'wind = { capacity_mw = ( (2020, "3,200 MW") ); };'
  v un_twice 'wind = { capacity_mw = ( (2020, "5 MW MW") ); };'
  v un_fullwidth 'wind = { capacity_mw = ( (2020, "３２０万千瓦") ); };'
  v un_negative 'wind = { capacity_mw = ( (2020, "-5 MW") ); };'
  v un_dots 'wind = { capacity_mw = ( (2020, "3.2.1 GW") ); };'

  # ---- inherits ----
  printf 'inherits = "inh_self.cfg";\n' >"$F/inh_self.cfg"
  printf 'inherits = "adir.cfg";\n' >"$F/inh_dir.cfg"
  printf 'inherits = "fifo.cfg";\n' >"$F/inh_fifo.cfg"
  printf 'inherits = 5;\n' >"$F/inh_type.cfg"
  printf 'inherits = "";\n' >"$F/inh_empty.cfg"
  printf 'inherits = "fast.cfg";\ninherits = "base.cfg";\n' >"$F/inh_twice.cfg"
  printf 'wind = { inherits = "fast.cfg"; };\n' >"$F/inh_nested.cfg"
  printf 'inherits = "/dev/null";\n' >"$F/inh_devnull.cfg"
  ln -s loop2.cfg "$F/loop1.cfg" && ln -s loop1.cfg "$F/loop2.cfg"
  printf 'inherits = "loop1.cfg";\n' >"$F/inh_loop.cfg"
  printf 'inherits = "/dev/zero";\n' >"$F/inh_zero.cfg"
  ln -s fast.cfg "$F/inh_link.cfg"
  mkdir -p "$F/sub/deeper"
  printf 'inherits = "../../fast.cfg";\nwind = { hub_height_m = 90.0; };\n' >"$F/sub/deeper/rel.cfg"
  printf 'inherits = "../sub/deeper/rel.cfg";\nwind = { hub_heigth_m = 90.0; };\n' >"$F/sub/rel_bad.cfg"
  # chains: chainN.cfg inherits chain(N-1).cfg, chain0.cfg inherits fast.cfg
  printf 'inherits = "fast.cfg";\n' >"$F/chain0.cfg"
  i=1; while [ $i -le 20 ]; do printf 'inherits = "chain%d.cfg";\n' $((i - 1)) >"$F/chain$i.cfg"; i=$((i + 1)); done

  # ---- names ----
  v nm_quote 'scenario = { name = "it'"'"'s \"q\""; };'
  v nm_newline 'scenario = { name = "two\nlines"; };'
  v nm_tab 'scenario = { name = "a\tb"; };'
  v nm_slash 'scenario = { name = "a/b"; };'
  v nm_dotdot 'scenario = { name = ".."; };'
  v nm_dot 'scenario = { name = "."; };'
  v nm_empty 'scenario = { name = ""; };'
  v nm_hidden 'scenario = { name = ".hidden"; };'
  v nm_dash 'scenario = { name = "-o"; };'
  v nm_63 "scenario = { name = \"$(printf 'n%.0s' $(seq 1 63))\"; };"
  v nm_64 "scenario = { name = \"$(printf 'n%.0s' $(seq 1 64))\"; };"
  v nm_zh64 "scenario = { name = \"$(printf '名%.0s' $(seq 1 21))a\"; };"
  v nm_summary 'scenario = { name = "summary.md"; };'
  v nm_charts 'scenario = { name = "charts"; };'
  printf 'inherits = "fast.cfg";\nscenario = { name = "bad\377\376"; };\n' >"$F/nm_utf8.cfg"
  printf 'inherits = "fast.cfg";\nscenario = { name = "\342\202"; };\n' >"$F/nm_utf8_cut.cfg"
  v nm_space ' scenario = { name = "  "; };'
  # a file whose path holds a newline and a name taken from it
  mkdir -p "$F/new
line"
  printf 'inherits = "../fast.cfg";\nscenario = { name = "nl"; };\n' >"$F/new
line/nl.cfg"

  # a folder whose name holds a terminal escape, and a bad file in it
  esc=$(printf 'e\033[31m')
  mkdir -p "$F/$esc"
  printf 'inherits = "../fast.cfg";\nwind = { hub_height_m = 1.0; };\n' >"$F/$esc/x.cfg"
  # text that ends up in result files
  v nm_hourly_dup 'output = { hourly_years = [ 2020, 2020 ]; };'
  v nm_label_nl 'targets = { list = ( { id = "x"; label = "a\nb"; metric = "wind_capacity_mw"; op = ">="; threshold = 1.0; year = 2025; } ); };'
  v nm_target_dup 'targets = { list = ( { id = "x"; label = "a"; metric = "wind_capacity_mw"; op = ">="; threshold = 1.0; year = 2025; },' \
    '  { id = "x"; label = "b"; metric = "wind_capacity_mw"; op = ">="; threshold = 1.0; year = 2025; } ); };'
  v nm_target_space 'targets = { list = ( { id = "x y"; label = "a"; metric = "wind_capacity_mw"; op = ">="; threshold = 1.0; year = 2025; } ); };'
  v nm_unit_ctrl 'coal_power = { units = ( { name = "u\"1\t"; capacity_mw = 150.0; commission_year = 2012; retire_year = 0;' \
    '  min_load_frac = 0.40; ramp_frac_per_h = 0.60; heat_rate_gce_per_kwh = 330.0; } ); };'

  v nm_html 'scenario = { name = "<b>x&y"; description = "<script>alert(1)</script>\n\n# heading"; };' \
    'targets = { list = ( { id = "x"; label = "<i>l</i>"; metric = "wind_capacity_mw"; op = ">="; threshold = 1.0; year = 2025; } ); };'

  # ---- batch, compare, sweep ----
  v bt_a 'scenario = { name = "same"; };'
  v bt_b 'scenario = { name = "same"; };' 'storage = { duration_h = 4.0; };'
  v bt_good1 'scenario = { name = "good1"; };'
  v bt_good2 'scenario = { name = "good2"; };'
  v bt_broken 'scenario = { name = "broken"; };' 'wind = { hub_height_m = -1.0; };'

  # ---- weather ----
  v we_kt1 'weather = { kt_mean = [ 1.0, 0.62, 0.63, 0.64, 0.66, 0.67, 0.67, 0.68, 0.68, 0.66, 0.61, 0.58 ]; };'
  v we_kt_sd0 'weather = { kt_sd = [ 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 ]; };'
  v we_amp1 'weather = { wind_diurnal_amp_frac = 1.0; };'
  v we_auto999 'weather = { wind_autocorr = 0.999; };'
  v we_kt_auto999 'weather = { kt_autocorr = 0.999; };'
  v we_auto1 'weather = { wind_autocorr = 1.0; };'
  v we_weibull_k0 'weather = { wind_weibull_k = [ 0.0, 1.9, 2.0, 2.1, 2.1, 2.1, 2.1, 2.1, 2.0, 2.0, 1.9, 1.9 ]; };'
  v we_weibull_c0 'weather = { wind_weibull_c_ms = [ 0.0, 6.3, 7.7, 8.8, 9.0, 8.5, 7.9, 7.5, 7.2, 6.8, 6.3, 5.6 ]; };'
  v we_temp_range 'weather = { temp_range_c = [ -11.0, 12.0, 13.0, 14.0, 15.0, 15.0, 14.0, 14.0, 14.0, 14.0, 12.0, 11.0 ]; };'
  v we_peak_hour 'weather = { wind_diurnal_peak_hour = 24.5; };'

  # a gnuplot that draws nothing, for the cases that only need --plot to start
  mkdir -p "$F/fakebin" && printf '#!/bin/sh\ncat >/dev/null\nexit 0\n' >"$F/fakebin/gnuplot" && chmod +x "$F/fakebin/gnuplot"

  # a finished run for the plot cases
  (cd "$F" && "$E" run -q fast.cfg -o "$F/done" >/dev/null 2>&1)
  [ -f "$F/done/fast/annual.dat" ] || echo "hostile: the finished run for the plot cases is missing"
  (cd "$F" && "$E" run -q base.cfg -o "$F/doneh" >/dev/null 2>&1)
  [ -f "$F/doneh/yiwu-14fyp/hourly-2025.dat" ] || echo "hostile: the finished run with hourly files is missing"
}

# ---- setup_NAME: prepare $O (or the tree) before the snapshot ----
setup_o_file() { echo "a file, not a folder" >"$O"; }
setup_o_ro() { mnt "$O" ro,size=64k; }
setup_o_full() { mnt "$O" size=64k; }
setup_o_full_cmp() { mnt "$O" size=300k; }
setup_o_full_prev() { mnt "$O" size=128k && cp -R "$F/done/fast" "$O/"; }   # the finished run (about 70 kB) fits, a new hourly file does not
setup_link_name() { mkdir -p "$O" && ln -s "$S/victim" "$O/fast"; }
setup_link_dangling() { mkdir -p "$O" && ln -s "$S/victim/new" "$O/fast"; }
setup_file_name() { mkdir -p "$O" && echo "not ours" >"$O/fast"; }
setup_link_stage() { mkdir -p "$O" && ln -s "$S/victim" "$O/.fast.AAAAAA" && ln -s "$S/victim" "$O/.fast.tmp"; }
setup_link_cmpfile() { mkdir -p "$O" && ln -s "$S/keep.txt" "$O/comparison.dat" && ln -s "$S/keep.txt" "$O/summary.md"; }
setup_cmp_charts_link() { mkdir -p "$O" && ln -s "$S/victim" "$O/charts"; }
setup_prev() { mkdir -p "$O" && cp -R "$F/done/fast" "$O/"; }
# plot: a copy of the finished run in $O/r, then damaged
run_copy() { mkdir -p "$O" && cp -R "$F/done/fast" "$O/r"; }
setup_pl_no_annual() { run_copy && rm "$O/r/annual.dat"; }
setup_pl_fifo() { run_copy && rm "$O/r/annual.dat" && mkfifo "$O/r/annual.dat"; }
setup_pl_dir() { run_copy && rm "$O/r/annual.dat" && mkdir "$O/r/annual.dat"; }
setup_pl_trunc() { run_copy && head -c 700 "$F/done/fast/annual.dat" >"$O/r/annual.dat"; }
setup_pl_header() { run_copy && grep '^#' "$F/done/fast/annual.dat" >"$O/r/annual.dat"; }
setup_pl_huge() { run_copy && { head -c 8388608 /dev/zero | tr '\0' '7'; echo; } >>"$O/r/annual.dat"; }
setup_pl_binary() { run_copy && head -c 4096 /dev/urandom >"$O/r/annual.dat"; }
setup_pl_nan() { run_copy && awk '!/^#/ && n++ == 1 {$3 = "nan"} 1' "$F/done/fast/annual.dat" >"$O/r/annual.dat"; }
setup_pl_targets() { run_copy && head -c 300 "$F/done/fast/targets.dat" >"$O/r/targets.dat"; }
setup_pl_charts_link() { run_copy && ln -s "$S/victim" "$O/r/charts"; }
setup_pl_report_link() { run_copy && ln -s "$S/keep.txt" "$O/r/report.html"; }
setup_pl_hourly_trunc() { mkdir -p "$O" && cp -R "$F/doneh/yiwu-14fyp" "$O/r" && { head -n 40 "$F/doneh/yiwu-14fyp/hourly-2025.dat"; sed -n '41{s/^\(.........\).*/\1/;p;q}' "$F/doneh/yiwu-14fyp/hourly-2025.dat"; } >"$O/r/hourly-2025.dat"; }
setup_pl_hourly_fifo() { mkdir -p "$O" && cp -R "$F/doneh/yiwu-14fyp" "$O/r" && rm "$O/r/hourly-2025.dat" && mkfifo "$O/r/hourly-2025.dat"; }
setup_cmp_table_dir() { mkdir -p "$O/comparison.dat"; }
setup_sweep_point_link() { mkdir -p "$O" && ln -s "$S/victim" "$O/fast-p001"; }
setup_pl_empty() { mkdir -p "$O/r"; }

# ---- then_NAME: checks afterwards ----
then_leap() { [ "$(grep -vc "^#" "$O/ca_leap/hourly-2024.dat")" = 8785 ]; }
then_comments() {
  # the path's newline stays inside the comment line: no line of a .dat file
  # starts with the path's second half (summary.md, Markdown, is not checked)
  grep -rq --include='*.dat' '^line' "$O" && return 1
  grep -rq --include='*.dat' '^# ecsim .*config new?line/nl.cfg$' "$O"
}
then_html() {
  # markup from the scenario file is shown as text in report.html, never as markup
  r="$O/<b>x&y/report.html"
  [ -f "$r" ] && ! grep -q '<script>\|<b>x\|<i>l' "$r" && grep -q '&lt;script&gt;' "$r"
}
