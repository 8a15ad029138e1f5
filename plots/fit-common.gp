# fit-common.gp — settings shared by the fit-report charts (fit-*.gp, the
# charts of `ecsim fit-weather`): observed against fitted, and the layout of
# the 12 month panels. Loaded after common.gp. The data are the files
# fit-weather writes into its folder (dir): weibull.dat, acf.dat,
# diurnal.dat, clearness.dat, temperature.dat (a '#' header line names the
# columns; the monthly files hold one block per month, separated by two
# blank lines: gnuplot index month - 1). charts/chartdata.gp holds the axis
# ranges and the means written on the panels (fit_*), which ecsim derives
# from the same files.

# Observed is grey in every chart; the fitted curve has the colour of what it
# describes: wind blue (the wind farms' colour), sun amber, temperature red.
c_obs      = '#B4B4B4'   # observed histograms (bars)
c_obs_line = '#4D4D4D'   # observed curves and points
c_fit_wind = c_wind
c_fit_sun  = '#E08A00'   # darker than PV's amber: it must read as a line over grey bars
c_fit_temp = '#C0392B'
t_obs = L('观测', 'observed')
t_fit = L('拟合', 'fitted')
data_file(name) = dir.'/'.name

# The 12 month panels: 4 across, 3 down, below the title and one key for all.
# Tic labels only on the outer panels (panel_axes), the axis titles once.
small = font.','.(fontsize - 4)
set tics font small
panels = 'layout 3,4 margins 0.075,0.985,0.115,0.85 spacing 0.018,0.045'
panel_col(m) = (m - 1) % 4
panel_row(m) = int((m - 1) / 4)
# the axis titles shared by the panels sit at axis_x_at and axis_y_at (screen)
axis_x_at = 'at screen 0.53, screen 0.03 center'
axis_y_at = 'at screen 0.018, screen 0.48 center rotate by 90'
# One key above the panels for all of them, drawn by hand at screen
# coordinates (a panel's own key would wrap to the panel's width): the
# observed sample (key_obs_bars or key_obs_points), then the fitted line
# (key_fit, after setting key_fit_colour and key_fit_title). panel_done,
# after the first panel, removes the key and the axis titles so that they
# are drawn once.
key_y = 0.905
key_obs_bars = 'set object 90 rectangle center screen 0.43, screen key_y size screen 0.02, screen 0.025 fc rgb c_obs fs solid 1 noborder; set label 90 t_obs at screen 0.445, screen key_y left font small'
key_obs_points = 'set label 92 "" at screen 0.43, screen key_y point pt 7 ps 1.2 lc rgb c_obs_line; set label 90 t_obs at screen 0.445, screen key_y left font small'
key_fit = 'set arrow 90 from screen 0.52, screen key_y to screen 0.545, screen key_y nohead lw 2.5 lc rgb key_fit_colour; set label 91 key_fit_title at screen 0.555, screen key_y left font small'
panel_done = 'unset object 90; unset arrow 90; unset label 90; unset label 91; unset label 92; unset label 101; unset label 102'
# The key of a chart without panels (acf, temperature): above the plot, in one row.
panel_key = 'set key at screen 0.5, screen key_y center center horizontal maxrows 1 reverse Left samplen 2.5 width 2 font small'
