# week-winter.gp — a typical winter week's hourly dispatch; see week.gp.
# Run by hand: gnuplot -e "dir='out/yiwu-14fyp'; lang='zh'; fmt='png'" plots/week-winter.gp
season = 'winter'
i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
load ARG0[1:i].'week.gp'
