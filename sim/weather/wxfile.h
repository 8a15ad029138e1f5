/* wxfile.h — weather files as a planner downloads them (DESIGN §3;
 * docs/weather-files.md): SAM CSV (NSRDB TMY2/PSM v3 and others), TMY3
 * CSV, EnergyPlus EPW, SAM wind .srw and PVGIS TMY CSV, read into one
 * hourly record set with the header's metadata and each format's own time
 * convention made explicit. Turning a file into a simulated year (leap
 * days, re-timing to the scenario's clock, hub height) is wxyear.h's job.
 *
 * Time: every record is one hour of LOCAL STANDARD TIME of utc_offset_h
 * (no daylight saving). For hour-average data (instant == 0) record i
 * covers [hour, hour + 1) of its date; for sampled data (instant == 1) the
 * values are those at hour:sample_minute. Hour-ending files (TMY3, EPW:
 * "hour 1" = 00:00-01:00) and 1..24 hours are converted on reading; files
 * stamped in UTC (PVGIS) keep utc_offset_h = 0. Sub-hourly files are
 * averaged to hours (an hour-average result). A 29 February is dropped, as
 * SAM does, so hours is 8760 for every one-year file. */
#ifndef ECSIM_WXFILE_H
#define ECSIM_WXFILE_H

#include "status.h"

#define WXF_MAX_RECORDS 8784
#define WXF_MAX_HEIGHTS 8

typedef enum { WXF_AUTO = 0, WXF_SAM_CSV, WXF_TMY3, WXF_EPW, WXF_SRW, WXF_PVGIS_CSV } WxFormat;

/* Which quantities the file holds (bits of WxFile.has). */
enum {
    WXF_HAS_GHI = 1 << 0, WXF_HAS_DNI = 1 << 1, WXF_HAS_DHI = 1 << 2,
    WXF_HAS_TEMP = 1 << 3, WXF_HAS_PRESSURE = 1 << 4, WXF_HAS_WIND = 1 << 5,
    WXF_HAS_WIND_DIR = 1 << 6, WXF_HAS_ALBEDO = 1 << 7
};

typedef struct {
    WxFormat format;
    char path[512];
    char site[128];              /* location name or ID from the header, may be empty */
    int has_location;            /* 0 when the header gives no coordinates (SRW) */
    double latitude_deg;         /* north positive */
    double longitude_deg;        /* east positive */
    double elevation_m;
    double utc_offset_h;         /* offset of the records' clock from UTC */
    int has_utc_offset;          /* 0 when the header gives no time zone (some SRW); utc_offset_h is then 0 */
    int hours;                   /* hourly records */
    int source_step_min;         /* record length in the file before averaging (60, 15, ...) */
    int instant;                 /* 1: values sampled at hour:sample_minute; 0: hour averages */
    double sample_minute;
    int filled;                  /* values filled in for missing-value codes (docs/weather-files.md) */
    unsigned has;                /* WXF_HAS_* bits */
    char note[256];              /* what the reader inferred beyond the format's rules, or empty */
    /* Date and hour of each record, local standard time of utc_offset_h;
     * year is the file's own (it varies by month in a typical year), 0 when
     * the file has none (SRW). */
    short year[WXF_MAX_RECORDS];
    unsigned char month[WXF_MAX_RECORDS], day[WXF_MAX_RECORDS], hour[WXF_MAX_RECORDS];
    /* Surface quantities; absent ones are 0 (see has). */
    double ghi_wm2[WXF_MAX_RECORDS], dni_wm2[WXF_MAX_RECORDS], dhi_wm2[WXF_MAX_RECORDS];
    double temp_c[WXF_MAX_RECORDS], pressure_pa[WXF_MAX_RECORDS], albedo[WXF_MAX_RECORDS];
    /* Wind at each measurement height, lowest first (a solar file: one
     * height, 10 m unless the format says otherwise); temperature and
     * pressure at that height where the file gives them (SRW), else the
     * surface values. */
    int n_heights;
    double height_m[WXF_MAX_HEIGHTS];
    double wind_ms[WXF_MAX_HEIGHTS][WXF_MAX_RECORDS];
    double wind_dir_deg[WXF_MAX_HEIGHTS][WXF_MAX_RECORDS];
    double temp_at_c[WXF_MAX_HEIGHTS][WXF_MAX_RECORDS];
    double pressure_at_pa[WXF_MAX_HEIGHTS][WXF_MAX_RECORDS];
} WxFile;

/* A zeroed WxFile on the heap (about 3 MB), or NULL. */
WxFile *wxfile_new(void);
void wxfile_free(WxFile *f);

/* Reads path into f. format WXF_AUTO recognises the format from the
 * content. Errors (the file cannot be opened, an unknown format, a
 * malformed header, a short or unparsable row, a record count that is not
 * one year, dates out of order, values out of physical range, gaps too long
 * to fill) go to d as "file:line: column N (name): message" and return a
 * non-OK status; f is then unusable. */
Status wxfile_read(const char *path, WxFormat format, WxFile *f, Diag *d);

const char *wxfile_format_name(WxFormat format);   /* "sam-csv", "tmy3", ... */
WxFormat wxfile_format_from_name(const char *name); /* WXF_AUTO if unknown */

#endif
