/* present.c — display units, number format and metric labels (present.h). */
#include "present.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A display form of a canonical unit in one language. The first form of a
 * (unit, language) is the usual one; a later form replaces it when the
 * magnitude is below `below` (0: only when asked for by name). */
typedef struct {
    const char *unit;
    int en;
    double scale;
    const char *text;
    int percent;
    double below;
} Form;

#define ZH 0
#define EN 1

static const Form forms[] = {
    { "MW", ZH, 0.1, "万千瓦", 0, 0 },
    { "MW", EN, 1, " MW", 0, 0 },
    { "MWh", ZH, 1e-5, "亿千瓦时", 0, 0 },
    { "MWh", ZH, 0.1, "万千瓦时", 0, 1e5 },
    { "MWh", EN, 1e-3, " GWh", 0, 0 },
    { "MWh", EN, 1, " MWh", 0, 1e4 },
    /* heat of a CSP plant: thermal MWh, 万千瓦时(热) as the plant reports it */
    { "MWht", ZH, 0.1, "万千瓦时(热)", 0, 0 },
    { "MWht", EN, 1e-3, " GWh(th)", 0, 0 },
    { "Mt", ZH, 100, "万吨", 0, 0 },
    { "Mt", EN, 1, " Mt", 0, 0 },
    { "Mt/a", ZH, 100, "万吨", 0, 0 },
    { "Mt/a", EN, 1, " Mt", 0, 0 },
    { "Mtce", ZH, 100, "万吨标煤", 0, 0 },
    { "Mtce", ZH, 0.01, "亿吨标煤", 0, 0 },
    { "Mtce", EN, 1, " Mtce", 0, 0 },
    { "亿tce", ZH, 1, "亿吨标煤", 0, 0 },
    { "亿tce", EN, 100, " Mtce", 0, 0 },
    /* tonnes of product, coal or CO2 (coal conversion, capture) */
    { "t", ZH, 1e-4, "万吨", 0, 0 },
    { "t", EN, 1e-6, " Mt", 0, 0 },
    { "tce", ZH, 1e-4, "万吨标煤", 0, 0 },
    { "tce", EN, 1e-6, " Mtce", 0, 0 },
    { "1", ZH, 100, "%", 1, 0 },
    { "1", ZH, 1, "", 0, 0 },   /* a count (storage cycles), by name */
    { "1", EN, 100, "%", 1, 0 },
    { "1", EN, 1, "", 0, 0 },
    { "h", ZH, 1, "小时", 0, 0 },
    { "h", EN, 1, " h", 0, 0 },
    { "亿元", ZH, 1, "亿元", 0, 0 },
    { "亿元", EN, 0.1, " bn CNY", 0, 0 },
    { "元/kWh", ZH, 1, " 元/千瓦时", 0, 0 },
    { "元/kWh", EN, 1, " CNY/kWh", 0, 0 },
    { "元/t", ZH, 1, " 元/吨", 0, 0 },
    { "元/t", EN, 1, " CNY/t", 0, 0 },
    { "tce/万元", ZH, 1, "吨标煤/万元", 0, 0 },
    { "tce/万元", EN, 1, " tce/10k CNY", 0, 0 },
    { "tCO2/万元", ZH, 1, "吨二氧化碳/万元", 0, 0 },
    { "tCO2/万元", EN, 1, " tCO2/10k CNY", 0, 0 },
    { "a", ZH, 1, "", 0, 0 },
    { "a", EN, 1, "", 0, 0 },
    { "C", ZH, 1, " °C", 0, 0 },
    { "C", EN, 1, " °C", 0, 0 },
    { "m/s", ZH, 1, " m/s", 0, 0 },
    { "m/s", EN, 1, " m/s", 0, 0 },
    { "kWh/m2", ZH, 1, " kWh/m²", 0, 0 },
    { "kWh/m2", EN, 1, " kWh/m²", 0, 0 },
    { "gce/kWh", ZH, 1, " 克标煤/千瓦时", 0, 0 },
    { "gce/kWh", EN, 1, " gce/kWh", 0, 0 },
    /* hydrogen, methanol, diesel (docs/hydrogen.md) */
    { "t", ZH, 1, " 吨", 0, 0 },
    { "t", EN, 1, " t", 0, 0 },
    { "kg", ZH, 1e-3, " 吨", 0, 0 },
    { "kg", EN, 1e-3, " t", 0, 0 },
    { "km", ZH, 1e-4, " 万公里", 0, 0 },
    { "km", EN, 1e-6, " million km", 0, 0 },
};

#define N_FORMS (sizeof forms / sizeof forms[0])

static DisplayUnit as_unit(const Form *f) { return (DisplayUnit){ f->scale, f->text, f->percent }; }

int present_unit_known(const char *unit)
{
    for (size_t i = 0; i < N_FORMS; i++)
        if (strcmp(forms[i].unit, unit) == 0) return 1;
    return 0;
}

DisplayUnit present_unit(const char *unit, double magnitude, int en)
{
    en = en != 0;
    const Form *usual = NULL;
    for (size_t i = 0; i < N_FORMS; i++) {
        const Form *f = &forms[i];
        if (f->en != en || strcmp(f->unit, unit) != 0) continue;
        if (!usual) usual = f;
        else if (f->below > 0 && !(magnitude >= f->below)) return as_unit(f);
    }
    return usual ? as_unit(usual) : (DisplayUnit){ 1, "", 0 };
}

const char *present_unit_text(const DisplayUnit *u) { return u->unit + (u->unit[0] == ' '); }

int present_unit_named(const char *unit, const char *name, int en, DisplayUnit *out)
{
    en = en != 0;
    for (size_t i = 0; i < N_FORMS; i++) {
        const Form *f = &forms[i];
        if (f->en == en && strcmp(f->unit, unit) == 0 && strcmp(f->text + (f->text[0] == ' '), name) == 0) {
            *out = as_unit(f);
            return 1;
        }
    }
    return 0;
}

/* Decimals for about 3-4 significant digits. */
static int decimals_for(double x)
{
    x = fabs(x);
    if (x == 0 || x >= 100) return 0;
    if (x >= 10) return 1;
    if (x >= 1) return 2;
    return 3;
}

char *present_format(char *buf, size_t n, const char *unit, double v, int en, int sign, int is_margin)
{
    return present_format_as(buf, n, unit, v, fabs(v), en, sign, is_margin);
}

char *present_format_as(char *buf, size_t n, const char *unit, double v, double magnitude, int en, int sign,
                        int is_margin)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", en ? "n/a" : "无");
        return buf;
    }
    DisplayUnit u = present_unit(unit, magnitude, en);
    double x = v * u.scale;
    int dec = decimals_for(x);
    const char *suffix = u.unit;
    if (u.percent && is_margin) suffix = en ? " pp" : "个百分点";
    char num[64];
    snprintf(num, sizeof num, "%.*f", dec, fabs(x));
    if (strchr(num, '.')) {   /* "80.0" -> "80", "0.290" -> "0.29" */
        size_t k = strlen(num);
        while (num[k - 1] == '0') num[--k] = '\0';
        if (num[k - 1] == '.') num[--k] = '\0';
    }
    /* "-0.0" and friends are written as 0 */
    int zero = strspn(num, "0.") == strlen(num);
    const char *s = (x < 0 && !zero) ? "−" : (sign ? (zero ? "±" : "+") : "");
    snprintf(buf, n, "%s%s%s", s, num, suffix);
    return buf;
}

char *present_metric_label(const char *metric, int en, char *buf, size_t n)
{
    const Metric *m = metrics_find(metric);
    snprintf(buf, n, "%s", m ? (en ? m->label_en : m->label_zh) : metric);
    /* a unit in the label ("(100 Mtce)", "(亿吨标煤)") goes: the value states its unit */
    char *par = strrchr(buf, '(');
    if (par && par > buf && buf[strlen(buf) - 1] == ')' && (strstr(par, "tce") || strstr(par, "吨标煤")))
        par[par[-1] == ' ' ? -1 : 0] = '\0';
    return buf;
}

const char *present_metric_unit(const char *metric)
{
    const Metric *m = metrics_find(metric);
    return m ? m->unit : "";
}

int present_figure(const Figure *f, FigureCol *out)
{
    memset(out, 0, sizeof *out);
    out->m = metrics_find(f->metric);
    out->format = f->format;
    if (!out->m) return 0;
    if (f->unit) {
        if (!present_unit_named(out->m->unit, f->unit, 0, &out->u)) return 0;
    } else {
        out->u = present_unit(out->m->unit, HUGE_VAL, 0);
    }
    char zh[128], en[128];
    present_metric_label(f->metric, 0, zh, sizeof zh);
    present_metric_label(f->metric, 1, en, sizeof en);
    const char *ut = present_unit_text(&out->u);
    snprintf(out->heading, sizeof out->heading, ut[0] ? "%s%s %s (%s)" : "%s%s %s", f->indent ? "  " : "", zh,
             en, ut);
    return 1;
}

double present_figure_value(const FigureCol *c, const AnnualRow *r)
{
    return metric_value(c->m, r) * c->u.scale;
}

/* The generator metrics of each technology, from its tech.def row (the
 * registry itself is in the dispatch layer; its rows are plain data). */
typedef struct {
    MetricId used, avail, capacity, flh;
} TechFigures;

static const TechFigures tech_figures[] = {
#define TECH(id, name, zh, en, colour, role, pool, avail_s, used_s, used, avail, capacity, flh, avail_flh, build, \
             stack, stack_colour) \
    { used, avail, capacity, flh },
#include "tech.def"
#undef TECH
};
_Static_assert(sizeof tech_figures / sizeof tech_figures[0] == TECH_COUNT, "one row per TechId");

int present_tech_figures(const char *metric, const char *names[PRESENT_TECH_MAX],
                         const char *capacity[PRESENT_TECH_MAX])
{
    static const char *const tokens[] = { FIG_TECH_CAPACITY, FIG_TECH_USED, FIG_TECH_AVAIL, FIG_TECH_FLH };
    int which = -1;
    for (int t = 0; t < 4; t++)
        if (strcmp(metric, tokens[t]) == 0) which = t;
    if (which < 0) return -1;
    int n = 0;
    for (size_t i = 0; i < sizeof tech_figures / sizeof tech_figures[0] && n < PRESENT_TECH_MAX; i++) {
        const TechFigures *t = &tech_figures[i];
        if (t->used == MET_NONE || t->capacity == MET_NONE) continue;   /* not a generator */
        MetricId id = which == 0 ? t->capacity : which == 1 ? t->used : which == 2 ? t->avail : t->flh;
        names[n] = metrics_get(id)->name;
        capacity[n] = metrics_get(t->capacity)->name;
        n++;
    }
    return n;
}

int present_tech_shown(const char *capacity_metric, const AnnualRow *rows, int n_rows)
{
    const Metric *m = metrics_find(capacity_metric);
    if (!m) return 0;
    for (int i = 0; i < n_rows; i++)
        if (metric_value(m, &rows[i]) > 0) return 1;
    return 0;
}

char *present_console_line(char *buf, size_t n, const AnnualRow *r)
{
    static const Figure figs[] = {
        { "re_utilisation", "%.1f", NULL, 0 }, { "curtailed_mwh", "%.0f", NULL, 0 },
        { "coal_power_mwh", "%.0f", NULL, 0 }, { "export_mwh", "%.0f", NULL, 0 },
        { "unserved_mwh", "%.0f", "MWh", 0 },
    };
    size_t w = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sizeof figs / sizeof figs[0] && w < n; k++) {
        const Metric *m = metrics_find(figs[k].metric);
        DisplayUnit u = present_unit(m ? m->unit : "", HUGE_VAL, 1);
        if (!m || (figs[k].unit && !present_unit_named(m->unit, figs[k].unit, 1, &u))) continue;
        char label[128], num[64];
        present_metric_label(m->name, 1, label, sizeof label);
        snprintf(num, sizeof num, figs[k].format, metric_value(m, r) * u.scale);
        w += (size_t)snprintf(buf + w, n - w, "%s%s %s%s", w ? ", " : "", label, num, u.unit);
    }
    return buf;
}

char *present_target_label_en(const char *metric, TargetOp op, char *buf, size_t n)
{
    char base[160];
    present_metric_label(metric, 1, base, sizeof base);
    snprintf(buf, n, op == OP_REDUCTION ? "%s reduction" : "%s", base);
    if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

char *present_target_value(char *buf, size_t n, const char *metric, TargetOp op, double value, int en)
{
    if (op != OP_REDUCTION) return present_format(buf, n, present_metric_unit(metric), value, en, 0, 0);
    char a[64];
    present_format(a, sizeof a, "1", fabs(value), en, 0, 0);
    if (en) snprintf(buf, n, "%s %s", a, value >= 0 ? "lower" : "higher");
    else snprintf(buf, n, "%s%s", value >= 0 ? "降低" : "上升", a);
    return buf;
}

char *present_target_margin(char *buf, size_t n, const char *metric, TargetOp op, double margin, int en)
{
    return present_format(buf, n, op == OP_REDUCTION ? "1" : present_metric_unit(metric), margin, en, 1, 1);
}

const char *present_op_symbol(TargetOp op)
{
    switch (op) {
    case OP_GE: case OP_REDUCTION: return "≥";
    case OP_LE: return "≤";
    case OP_RANGE: return "–";
    }
    return "?";
}
