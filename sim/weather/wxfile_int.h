/* wxfile_int.h — what the format readers (wxfile_*.c) share with the common
 * part (wxfile.c): a line reader with a hand-written field splitter, a fast
 * decimal parser, and a record sink that drops 29 February, checks that
 * stamps run hour by hour through a 365-day year, averages sub-hourly rows
 * to hours, checks value ranges and finally fills short gaps. Private to
 * sim/weather. */
#ifndef ECSIM_WXFILE_INT_H
#define ECSIM_WXFILE_INT_H

#include <stdio.h>

#include "wxfile.h"

#define WX_MAX_FIELDS 128
#define WX_MAX_LINE 8192
#define WX_MAX_BYTES ((off_t)64 << 20)
#define WX_MAX_GAP_H 3          /* longest run of missing hours filled (docs/weather-files.md) */

/* Quantity slots of a row: the surface ones, then four per height. */
enum { WQ_GHI, WQ_DNI, WQ_DHI, WQ_TEMP, WQ_PRES, WQ_ALB, WQ_SURF };
enum { WQH_WIND, WQH_DIR, WQH_TEMP, WQH_PRES, WQH_N };
#define WQ_MAX (WQ_SURF + WQH_N * WXF_MAX_HEIGHTS)
#define WQ_AT(h, k) (WQ_SURF + WQH_N * (h) + (k))

typedef struct {
    const char *path;
    Diag *d;
    WxFile *f;
    FILE *fp;
    char *buf;
    size_t cap;
    int line;                   /* number of the line in buf, 1-based */
    int nf;                     /* fields of the last split */
    char *fld[WX_MAX_FIELDS];
    /* Quantity slots: 1-based file column (0 = not in the file) and the
     * column's name for messages. */
    int col[WQ_MAX];
    char qname[WQ_MAX][48];
    /* Record sink state. */
    int nrec;                   /* hourly records closed */
    int open;                   /* an hour is being accumulated */
    int open_idx;               /* its hour of the 365-day year */
    int open_n;                 /* rows in it */
    int steps;                  /* rows per hour, 0 until the first hour closes */
    double last_minute;
    int first_minute_set;
    double minute0;             /* the minute of the first row (sampled files) */
    int year_open;
    double sum[WQ_MAX], ssin[WQ_MAX], scos[WQ_MAX];
    int cnt[WQ_MAX];
    int dropped_leap;           /* rows dated 29 February skipped */
    int src_line[WXF_MAX_RECORDS];   /* first file line of each hourly record */
} WxCtx;

/* Reads the next line into c->buf without its line end; 1 a line, 0 the
 * end of the file, -1 an error (reported). */
int wx_next_line(WxCtx *c);
/* Splits c->buf in place at commas ("..." fields may hold commas);
 * returns the number of fields, -1 if more than WX_MAX_FIELDS (reported). */
int wx_split(WxCtx *c);
/* 0 a number in *v, 1 an empty field, -1 not a number. */
int wx_parse(const char *s, double *v);
/* Field i (0-based) of the last split as a number: 0 ok, 1 empty (missing),
 * -1 error reported with file:line: column i+1 (what). */
int wx_field_num(WxCtx *c, int i, const char *what, double *v);
/* Case-insensitive comparison after trimming spaces of s. */
int wx_name_is(const char *s, const char *name);
/* Copies s trimmed of spaces into out. */
void wx_trim_copy(char *out, size_t n, const char *s);

/* Reports an error at file:line (line 0 = none) for column col (1-based,
 * 0 = none) named name. Always returns -1. */
int wx_err(WxCtx *c, Status st, int line, int col, const char *name,
           const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Sets the slots of the heights in f->height_m[0..n_heights) (lowest
 * first) and points them at the WxFile arrays. */
void wx_set_slot(WxCtx *c, int q, int col, const char *name);

/* Hands one row to the sink: date and hour (0..23) in the records' clock,
 * minute within the hour (sub-hourly rows, or the sample minute), values
 * by slot (NaN = missing). 0 ok, -1 error reported at c->line. */
int wx_row(WxCtx *c, int year, int month, int day, int hour, double minute,
           const double *v);
/* Closes the record set: the last hour, the record count (one 365-day
 * year), gap filling and the has bits. 0 ok, -1 error reported. */
int wx_finish(WxCtx *c);

int wx_days_in_month(int month);   /* 365-day year */

int wx_read_sam(WxCtx *c);
int wx_read_tmy3(WxCtx *c);
int wx_read_epw(WxCtx *c);
int wx_read_srw(WxCtx *c);
int wx_read_pvgis(WxCtx *c);

#endif
