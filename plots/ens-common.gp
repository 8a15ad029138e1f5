# ens-common.gp — settings shared by the ensemble-report charts (ens-*.gp,
# the charts of `ecsim ensemble --plot`). Each script sets `chart` and
# chartdata = 'ens-chartdata.gp' (the chart data ecsim derives from
# ensemble.dat, probabilities.dat and members.dat), then loads common.gp and
# this file. The data: dir/charts/ens-fan.dat, ens-prob.dat, ens-hist.dat.
c_fan_band = '#A9CBE8'   # the P10-P90 band
c_fan_line = '#1F5E99'   # the median
c_fan_mean = '#1F5E99'   # the mean (dotted)
c_near     = '#E6A817'   # below the threshold, the interval reaching it
small = font.','.(fontsize - 4)
chart_data(name) = dir.'/charts/'.name
