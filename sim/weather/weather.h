/* weather.h — one year of hourly weather, whatever its source (DESIGN §3).
 * The physics modules read these arrays and never ask where they came from. */
#ifndef ECSIM_WEATHER_H
#define ECSIM_WEATHER_H

#include "model.h"

typedef struct {
    int year, hours;
    double wind_height_m;                   /* height of wind_ms */
    double wind_ms[ECSIM_MAX_HOURS];        /* wind speed at wind_height_m */
    double ghi_wm2[ECSIM_MAX_HOURS];        /* global horizontal, hour average */
    double dni_wm2[ECSIM_MAX_HOURS];        /* direct normal */
    double dhi_wm2[ECSIM_MAX_HOURS];        /* diffuse horizontal */
    double temp_c[ECSIM_MAX_HOURS];         /* dry-bulb air temperature */
    double pressure_pa[ECSIM_MAX_HOURS];    /* surface air pressure */
    int has_wind_dir;                       /* 0: wind_dir_deg is not filled (synthetic weather) */
    double wind_dir_deg[ECSIM_MAX_HOURS];   /* direction the wind comes from, clockwise from north */
} WeatherYear;

#endif
