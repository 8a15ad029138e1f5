/* solarpos.c — sun position by NREL's SPA (Reda & Andreas 2004), sunrise and
 * sunset, and the per-year sun table for hour-average data, evaluated the way
 * SAM does (DESIGN §3). Invariant: sun_up[h] = 0 implies cos_zenith[h] = 0
 * (and zenith SUN_NIGHT_ZENITH_DEG, azimuth 0: not computed).
 * Section numbers "SPA 3.x" refer to Reda & Andreas, NREL/TP-560-34302 (2004). */
#include "solarpos.h"
#include "calendar.h"

#include <math.h>

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)
#define DEG (180.0 / PI)
/* Apparent sidereal rate, degrees per day of UT (SPA A.2). */
#define SIDEREAL_DEG_PER_DAY 360.985647
/* Sun's elevation at sunrise/sunset: refraction 34' + semidiameter 16' (SPA A.2). */
#define RISE_SET_ELEV_DEG (-0.8333)

/* ---- SPA Table A4.2: Earth periodic terms (A cos(B + C JME)), units 1e-8 rad / AU ---- */
typedef struct { double a, b, c; } Term;

static const Term L0[] = {
    {175347046.0, 0, 0}, {3341656.0, 4.6692568, 6283.07585}, {34894.0, 4.6261, 12566.1517},
    {3497.0, 2.7441, 5753.3849}, {3418.0, 2.8289, 3.5231}, {3136.0, 3.6277, 77713.7715},
    {2676.0, 4.4181, 7860.4194}, {2343.0, 6.1352, 3930.2097}, {1324.0, 0.7425, 11506.7698},
    {1273.0, 2.0371, 529.691}, {1199.0, 1.1096, 1577.3435}, {990.0, 5.233, 5884.927},
    {902.0, 2.045, 26.298}, {857.0, 3.508, 398.149}, {780.0, 1.179, 5223.694},
    {753.0, 2.533, 5507.553}, {505.0, 4.583, 18849.228}, {492.0, 4.205, 775.523},
    {357.0, 2.92, 0.067}, {317.0, 5.849, 11790.629}, {284.0, 1.899, 796.298},
    {271.0, 0.315, 10977.079}, {243.0, 0.345, 5486.778}, {206.0, 4.806, 2544.314},
    {205.0, 1.869, 5573.143}, {202.0, 2.458, 6069.777}, {156.0, 0.833, 213.299},
    {132.0, 3.411, 2942.463}, {126.0, 1.083, 20.775}, {115.0, 0.645, 0.98},
    {103.0, 0.636, 4694.003}, {102.0, 0.976, 15720.839}, {102.0, 4.267, 7.114},
    {99.0, 6.21, 2146.17}, {98.0, 0.68, 155.42}, {86.0, 5.98, 161000.69},
    {85.0, 1.3, 6275.96}, {85.0, 3.67, 71430.7}, {80.0, 1.81, 17260.15},
    {79.0, 3.04, 12036.46}, {75.0, 1.76, 5088.63}, {74.0, 3.5, 3154.69},
    {74.0, 4.68, 801.82}, {70.0, 0.83, 9437.76}, {62.0, 3.98, 8827.39},
    {61.0, 1.82, 7084.9}, {57.0, 2.78, 6286.6}, {56.0, 4.39, 14143.5},
    {56.0, 3.47, 6279.55}, {52.0, 0.19, 12139.55}, {52.0, 1.33, 1748.02},
    {51.0, 0.28, 5856.48}, {49.0, 0.49, 1194.45}, {41.0, 5.37, 8429.24},
    {41.0, 2.4, 19651.05}, {39.0, 6.17, 10447.39}, {37.0, 6.04, 10213.29},
    {37.0, 2.57, 1059.38}, {36.0, 1.71, 2352.87}, {36.0, 1.78, 6812.77},
    {33.0, 0.59, 17789.85}, {30.0, 0.44, 83996.85}, {30.0, 2.74, 1349.87},
    {25.0, 3.16, 4690.48},
};
static const Term L1[] = {
    {628331966747.0, 0, 0}, {206059.0, 2.678235, 6283.07585}, {4303.0, 2.6351, 12566.1517},
    {425.0, 1.59, 3.523}, {119.0, 5.796, 26.298}, {109.0, 2.966, 1577.344},
    {93.0, 2.59, 18849.23}, {72.0, 1.14, 529.69}, {68.0, 1.87, 398.15},
    {67.0, 4.41, 5507.55}, {59.0, 2.89, 5223.69}, {56.0, 2.17, 155.42},
    {45.0, 0.4, 796.3}, {36.0, 0.47, 775.52}, {29.0, 2.65, 7.11},
    {21.0, 5.34, 0.98}, {19.0, 1.85, 5486.78}, {19.0, 4.97, 213.3},
    {17.0, 2.99, 6275.96}, {16.0, 0.03, 2544.31}, {16.0, 1.43, 2146.17},
    {15.0, 1.21, 10977.08}, {12.0, 2.83, 1748.02}, {12.0, 3.26, 5088.63},
    {12.0, 5.27, 1194.45}, {12.0, 2.08, 4694.0}, {11.0, 0.77, 553.57},
    {10.0, 1.3, 6286.6}, {10.0, 4.24, 1349.87}, {9.0, 2.7, 242.73},
    {9.0, 5.64, 951.72}, {8.0, 5.3, 2352.87}, {6.0, 2.65, 9437.76},
    {6.0, 4.67, 4690.48},
};
static const Term L2[] = {
    {52919.0, 0, 0}, {8720.0, 1.0721, 6283.0758}, {309.0, 0.867, 12566.152},
    {27.0, 0.05, 3.52}, {16.0, 5.19, 26.3}, {16.0, 3.68, 155.42},
    {10.0, 0.76, 18849.23}, {9.0, 2.06, 77713.77}, {7.0, 0.83, 775.52},
    {5.0, 4.66, 1577.34}, {4.0, 1.03, 7.11}, {4.0, 3.44, 5573.14},
    {3.0, 5.14, 796.3}, {3.0, 6.05, 5507.55}, {3.0, 1.19, 242.73},
    {3.0, 6.12, 529.69}, {3.0, 0.31, 398.15}, {3.0, 2.28, 553.57},
    {2.0, 4.38, 5223.69}, {2.0, 3.75, 0.98},
};
static const Term L3[] = {
    {289.0, 5.844, 6283.076}, {35.0, 0, 0}, {17.0, 5.49, 12566.15},
    {3.0, 5.2, 155.42}, {1.0, 4.72, 3.52}, {1.0, 5.3, 18849.23},
    {1.0, 5.97, 242.73},
};
static const Term L4[] = { {114.0, 3.142, 0}, {8.0, 4.13, 6283.08}, {1.0, 3.84, 12566.15} };
static const Term L5[] = { {1.0, 3.14, 0} };
static const Term B0[] = {
    {280.0, 3.199, 84334.662}, {102.0, 5.422, 5507.553}, {80.0, 3.88, 5223.69},
    {44.0, 3.7, 2352.87}, {32.0, 4.0, 1577.34},
};
static const Term B1[] = { {9.0, 3.9, 5507.55}, {6.0, 1.73, 5223.69} };
static const Term R0[] = {
    {100013989.0, 0, 0}, {1670700.0, 3.0984635, 6283.07585}, {13956.0, 3.05525, 12566.1517},
    {3084.0, 5.1985, 77713.7715}, {1628.0, 1.1739, 5753.3849}, {1576.0, 2.8469, 7860.4194},
    {925.0, 5.453, 11506.77}, {542.0, 4.564, 3930.21}, {472.0, 3.661, 5884.927},
    {346.0, 0.964, 5507.553}, {329.0, 5.9, 5223.694}, {307.0, 0.299, 5573.143},
    {243.0, 4.273, 11790.629}, {212.0, 5.847, 1577.344}, {186.0, 5.022, 10977.079},
    {175.0, 3.012, 18849.228}, {110.0, 5.055, 5486.778}, {98.0, 0.89, 6069.78},
    {86.0, 5.69, 15720.84}, {86.0, 1.27, 161000.69}, {65.0, 0.27, 17260.15},
    {63.0, 0.92, 529.69}, {57.0, 2.01, 83996.85}, {56.0, 5.24, 71430.7},
    {49.0, 3.25, 2544.31}, {47.0, 2.58, 775.52}, {45.0, 5.54, 9437.76},
    {43.0, 6.01, 6275.96}, {39.0, 5.36, 4694.0}, {38.0, 2.39, 8827.39},
    {37.0, 0.83, 19651.05}, {37.0, 4.9, 12139.55}, {36.0, 1.67, 12036.46},
    {35.0, 1.84, 2942.46}, {33.0, 0.24, 7084.9}, {32.0, 0.18, 5088.63},
    {32.0, 1.78, 398.15}, {28.0, 1.21, 6286.6}, {28.0, 1.9, 6279.55},
    {26.0, 4.59, 10447.39},
};
static const Term R1[] = {
    {103019.0, 1.10749, 6283.07585}, {1721.0, 1.0644, 12566.1517}, {702.0, 3.142, 0},
    {32.0, 1.02, 18849.23}, {31.0, 2.84, 5507.55}, {25.0, 1.32, 5223.69},
    {18.0, 1.42, 1577.34}, {10.0, 5.91, 10977.08}, {9.0, 1.42, 6275.96},
    {9.0, 0.27, 5486.78},
};
static const Term R2[] = {
    {4359.0, 5.7846, 6283.0758}, {124.0, 5.579, 12566.152}, {12.0, 3.14, 0},
    {9.0, 3.63, 77713.77}, {6.0, 1.87, 5573.14}, {3.0, 5.47, 18849.23},
};
static const Term R3[] = { {145.0, 4.273, 6283.076}, {7.0, 3.92, 12566.15} };
static const Term R4[] = { {4.0, 2.56, 6283.08} };

#define NTERMS(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* ---- SPA Table A4.3: nutation terms; multiples of X0..X4 and the
 * coefficients a, b (longitude) and c, d (obliquity), units 0.0001" ---- */
static const signed char NUT_Y[63][5] = {
    {0, 0, 0, 0, 1}, {-2, 0, 0, 2, 2}, {0, 0, 0, 2, 2}, {0, 0, 0, 0, 2}, {0, 1, 0, 0, 0},
    {0, 0, 1, 0, 0}, {-2, 1, 0, 2, 2}, {0, 0, 0, 2, 1}, {0, 0, 1, 2, 2}, {-2, -1, 0, 2, 2},
    {-2, 0, 1, 0, 0}, {-2, 0, 0, 2, 1}, {0, 0, -1, 2, 2}, {2, 0, 0, 0, 0}, {0, 0, 1, 0, 1},
    {2, 0, -1, 2, 2}, {0, 0, -1, 0, 1}, {0, 0, 1, 2, 1}, {-2, 0, 2, 0, 0}, {0, 0, -2, 2, 1},
    {2, 0, 0, 2, 2}, {0, 0, 2, 2, 2}, {0, 0, 2, 0, 0}, {-2, 0, 1, 2, 2}, {0, 0, 0, 2, 0},
    {-2, 0, 0, 2, 0}, {0, 0, -1, 2, 1}, {0, 2, 0, 0, 0}, {2, 0, -1, 0, 1}, {-2, 2, 0, 2, 2},
    {0, 1, 0, 0, 1}, {-2, 0, 1, 0, 1}, {0, -1, 0, 0, 1}, {0, 0, 2, -2, 0}, {2, 0, -1, 2, 1},
    {2, 0, 1, 2, 2}, {0, 1, 0, 2, 2}, {-2, 1, 1, 0, 0}, {0, -1, 0, 2, 2}, {2, 0, 0, 2, 1},
    {2, 0, 1, 0, 0}, {-2, 0, 2, 2, 2}, {-2, 0, 1, 2, 1}, {2, 0, -2, 0, 1}, {2, 0, 0, 0, 1},
    {0, -1, 1, 0, 0}, {-2, -1, 0, 2, 1}, {-2, 0, 0, 0, 1}, {0, 0, 2, 2, 1}, {-2, 0, 2, 0, 1},
    {-2, 1, 0, 2, 1}, {0, 0, 1, -2, 0}, {-1, 0, 1, 0, 0}, {-2, 1, 0, 0, 0}, {1, 0, 0, 0, 0},
    {0, 0, 1, 2, 0}, {0, 0, -2, 2, 2}, {-1, -1, 1, 0, 0}, {0, 1, 1, 0, 0}, {0, -1, 1, 2, 2},
    {2, -1, -1, 2, 2}, {0, 0, 3, 2, 2}, {2, -1, 0, 2, 2},
};
static const double NUT_ABCD[63][4] = {
    {-171996, -174.2, 92025, 8.9}, {-13187, -1.6, 5736, -3.1}, {-2274, -0.2, 977, -0.5},
    {2062, 0.2, -895, 0.5}, {1426, -3.4, 54, -0.1}, {712, 0.1, -7, 0},
    {-517, 1.2, 224, -0.6}, {-386, -0.4, 200, 0}, {-301, 0, 129, -0.1},
    {217, -0.5, -95, 0.3}, {-158, 0, 0, 0}, {129, 0.1, -70, 0},
    {123, 0, -53, 0}, {63, 0, 0, 0}, {63, 0.1, -33, 0},
    {-59, 0, 26, 0}, {-58, -0.1, 32, 0}, {-51, 0, 27, 0},
    {48, 0, 0, 0}, {46, 0, -24, 0}, {-38, 0, 16, 0},
    {-31, 0, 13, 0}, {29, 0, 0, 0}, {29, 0, -12, 0},
    {26, 0, 0, 0}, {-22, 0, 0, 0}, {21, 0, -10, 0},
    {17, -0.1, 0, 0}, {16, 0, -8, 0}, {-16, 0.1, 7, 0},
    {-15, 0, 9, 0}, {-13, 0, 7, 0}, {-12, 0, 6, 0},
    {11, 0, 0, 0}, {-10, 0, 5, 0}, {-8, 0, 3, 0},
    {7, 0, -3, 0}, {-7, 0, 0, 0}, {-7, 0, 3, 0},
    {-7, 0, 3, 0}, {6, 0, 0, 0}, {6, 0, -3, 0},
    {6, 0, -3, 0}, {-6, 0, 3, 0}, {-6, 0, 3, 0},
    {5, 0, 0, 0}, {-5, 0, 3, 0}, {-5, 0, 3, 0},
    {-5, 0, 3, 0}, {4, 0, 0, 0}, {4, 0, 0, 0},
    {4, 0, 0, 0}, {-4, 0, 0, 0}, {-4, 0, 0, 0},
    {-4, 0, 0, 0}, {3, 0, 0, 0}, {-3, 0, 0, 0},
    {-3, 0, 0, 0}, {-3, 0, 0, 0}, {-3, 0, 0, 0},
    {-3, 0, 0, 0}, {-3, 0, 0, 0}, {-3, 0, 0, 0},
};

/* The geocentric (site-independent) apparent sun at one instant. */
typedef struct {
    double alpha_deg;       /* apparent right ascension */
    double delta_deg;       /* apparent declination */
    double xi_deg;          /* equatorial horizontal parallax */
    double eqeq_deg;        /* equation of the equinoxes, delta_psi cos(epsilon) */
} GeoSun;

static double wrap360(double x)
{
    /* fmod is exact, and so is x - 360 for x in [360, 720) (Sterbenz):
     * the common ranges skip the call with the same result. */
    if (x >= 0.0 && x < 360.0) return x;
    if (x >= 360.0 && x < 720.0) return x - 360.0;
    if (x > -360.0 && x < 0.0) return x + 360.0;   /* fmod gives x itself */
    if (fabs(x) < 0x1p50) {
        /* The sidereal time and the longitude (|x| up to ~1e7) without
         * fmod's bit loop, to the same bits: 360 q is exact, and so is
         * x - 360 q, a multiple of ulp(x) (360 q is one of 8, ulp(x) <= 8)
         * below 720 in size; so are the steps by 360. The result is x mod
         * 360 in [0, 360) exactly, as fmod and its + 360 give for |x| >= 360. */
        double r = x - 360.0 * floor(x / 360.0);
        if (r < 0.0) r += 360.0;
        if (r >= 360.0) r -= 360.0;
        return r == 0.0 ? copysign(0.0, x) : r;   /* fmod's zero has x's sign */
    }
    x = fmod(x, 360.0);
    return x < 0 ? x + 360.0 : x;
}

static double wrap180(double x)
{
    x = wrap360(x);
    return x > 180.0 ? x - 360.0 : x;
}

static double sum_terms(const Term *t, int n, double jme)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += t[i].a * cos(t[i].b + t[i].c * jme);
    return s;
}

/* Julian day of a UT calendar instant (SPA 3.1, Meeus ch. 7); Gregorian
 * calendar after 1582-10-15. */
static double julian_day(int year, int month, int day, double hour_ut)
{
    if (month < 3) { year--; month += 12; }
    double jd = floor(365.25 * (year + 4716.0)) + floor(30.6001 * (month + 1))
                + day + hour_ut / 24.0 - 1524.5;
    if (jd > 2299160.0) {
        int a = year / 100;
        jd += 2 - a + a / 4;
    }
    return jd;
}

/* Delta T = TT - UT in seconds: the polynomials of Espenak & Meeus (NASA,
 * "Polynomial expressions for Delta T", 2006), in the decimal year. SAM uses
 * the same expressions (accuracy of a few seconds moves the sun < 1e-4 deg). */
static double delta_t_s(double y)
{
    double t;
    if (y < 1900) { t = (y - 1820) / 100; return -20 + 32 * t * t; }
    if (y < 1920) { t = y - 1900; return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - 0.000197 * t))); }
    if (y < 1941) { t = y - 1920; return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936)); }
    if (y < 1961) { t = y - 1950; return 29.07 + t * (0.407 + t * (-1.0 / 233 + t / 2547)); }
    if (y < 1986) { t = y - 1975; return 45.45 + t * (1.067 + t * (-1.0 / 260 - t / 718)); }
    if (y < 2005) {
        t = y - 2000;
        return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
    }
    if (y < 2050) { t = y - 2000; return 62.92 + t * (0.32217 + t * 0.005589); }
    t = (y - 1820) / 100;
    if (y < 2150) return -20 + 32 * t * t - 0.5628 * (2150 - y);
    return -20 + 32 * t * t;
}

/* Mean sidereal time at Greenwich, degrees (SPA 3.8). */
static double gmst_deg(double jd)
{
    double d = jd - 2451545.0, jc = d / 36525.0;
    return wrap360(280.46061837 + 360.98564736629 * d + jc * jc * (0.000387933 - jc / 38710000.0));
}

/* SPA 3.4's sums over the 63 terms, in 0.0001": each term's sine and cosine
 * of sum_j Y_ij X_j as a product of the powers e^(i m X_j), |m| <= 3, of the
 * five fundamental arguments (Meeus' way): ten sines and cosines instead
 * of 126, the same angles to rounding (a few 1e-16 per product). */
#define NUT_M 3
static void nutation(const double x[5], double jce, double *dpsi, double *deps)
{
    double pc[5][2 * NUT_M + 1], ps[5][2 * NUT_M + 1];   /* cos, sin of m X_j, m = -3..3 */
    for (int j = 0; j < 5; j++) {
        double a = wrap360(x[j]) * RAD, c1 = cos(a), s1 = sin(a);
        pc[j][NUT_M] = 1.0;
        ps[j][NUT_M] = 0.0;
        for (int m = 1; m <= NUT_M; m++) {
            double c = pc[j][NUT_M + m - 1] * c1 - ps[j][NUT_M + m - 1] * s1;
            double s = ps[j][NUT_M + m - 1] * c1 + pc[j][NUT_M + m - 1] * s1;
            pc[j][NUT_M + m] = c;
            ps[j][NUT_M + m] = s;
            pc[j][NUT_M - m] = c;
            ps[j][NUT_M - m] = -s;
        }
    }
    double sp = 0, se = 0;
    for (int i = 0; i < 63; i++) {
        double c = 1.0, s = 0.0;
        for (int j = 0; j < 5; j++) {
            int m = NUT_Y[i][j];
            if (m == 0) continue;
            double cj = pc[j][NUT_M + m], sj = ps[j][NUT_M + m];
            double cn = c * cj - s * sj;
            s = s * cj + c * sj;
            c = cn;
        }
        sp += (NUT_ABCD[i][0] + NUT_ABCD[i][1] * jce) * s;
        se += (NUT_ABCD[i][2] + NUT_ABCD[i][3] * jce) * c;
    }
    *dpsi = sp;
    *deps = se;
}

/* The 13 series of SPA Table A4.2 in the order of its sums: L0..L5, B0, B1,
 * R0..R4. */
enum { N_HELIO_SETS = 13 };
static const struct { const Term *t; int n; } HELIO[N_HELIO_SETS] = {
    {L0, NTERMS(L0)}, {L1, NTERMS(L1)}, {L2, NTERMS(L2)}, {L3, NTERMS(L3)}, {L4, NTERMS(L4)},
    {L5, NTERMS(L5)}, {B0, NTERMS(B0)}, {B1, NTERMS(B1)}, {R0, NTERMS(R0)}, {R1, NTERMS(R1)},
    {R2, NTERMS(R2)}, {R3, NTERMS(R3)}, {R4, NTERMS(R4)},
};
#define N_HELIO_TERMS (NTERMS(L0) + NTERMS(L1) + NTERMS(L2) + NTERMS(L3) + NTERMS(L4) + NTERMS(L5) \
                       + NTERMS(B0) + NTERMS(B1) + NTERMS(R0) + NTERMS(R1) + NTERMS(R2) + NTERMS(R3) \
                       + NTERMS(R4))

/* SPA 3.2's sums of A cos(B + C jme), one per series. */
static void helio_sums(double jme, double sum[N_HELIO_SETS])
{
    for (int k = 0; k < N_HELIO_SETS; k++) sum[k] = sum_terms(HELIO[k].t, HELIO[k].n, jme);
}

/* SPA 3.2–3.10 and 3.12's parallax from the series' sums at jce = 10 jme. */
static void sun_from_sums(double jce, double jme, const double sum[N_HELIO_SETS], GeoSun *g)
{
    /* 3.2: heliocentric longitude, latitude (rad) and radius vector (AU) */
    double l = (sum[0] + jme * (sum[1] + jme * (sum[2] + jme * (sum[3] + jme * (sum[4] + jme * sum[5])))))
               / 1e8;
    double b = (sum[6] + jme * sum[7]) / 1e8;
    double r = (sum[8] + jme * (sum[9] + jme * (sum[10] + jme * (sum[11] + jme * sum[12])))) / 1e8;
    /* 3.3: geocentric longitude and latitude, degrees */
    double theta = wrap360(l * DEG + 180.0);
    double beta = -b * DEG;

    /* 3.4: nutation in longitude and obliquity */
    double x[5] = {
        297.85036 + jce * (445267.111480 + jce * (-0.0019142 + jce / 189474.0)),
        357.52772 + jce * (35999.050340 + jce * (-0.0001603 - jce / 300000.0)),
        134.96298 + jce * (477198.867398 + jce * (0.0086972 + jce / 56250.0)),
        93.27191 + jce * (483202.017538 + jce * (-0.0036825 + jce / 327270.0)),
        125.04452 + jce * (-1934.136261 + jce * (0.0020708 + jce / 450000.0)),
    };
    double dpsi, deps;
    nutation(x, jce, &dpsi, &deps);
    dpsi /= 36000000.0;
    deps /= 36000000.0;

    /* 3.5: true obliquity of the ecliptic */
    double u = jme / 10.0;
    double eps0 = 84381.448 + u * (-4680.93 + u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67
                  + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
    double eps = eps0 / 3600.0 + deps;

    /* 3.6–3.7: aberration and apparent longitude */
    double lambda = theta + dpsi - 20.4898 / (3600.0 * r);

    /* 3.9–3.10: apparent right ascension and declination */
    double lr = lambda * RAD, er = eps * RAD, br = beta * RAD;
    g->alpha_deg = wrap360(atan2(sin(lr) * cos(er) - tan(br) * sin(er), cos(lr)) * DEG);
    g->delta_deg = asin(sin(br) * cos(er) + cos(br) * sin(er) * sin(lr)) * DEG;
    g->xi_deg = 8.794 / (3600.0 * r);
    g->eqeq_deg = dpsi * cos(er);
}

/* SPA 3.1–3.10 and 3.12's parallax: the apparent geocentric sun at UT Julian day jd. */
static void sun_geocentric(double jd, double dt_s, GeoSun *g)
{
    double jde = jd + dt_s / 86400.0;
    double jce = (jde - 2451545.0) / 36525.0, jme = jce / 10.0;
    double sum[N_HELIO_SETS];
    helio_sums(jme, sum);
    sun_from_sums(jce, jme, sum, g);
}

/* What SPA 3.12–3.14 need of the site alone, computed once per table. */
typedef struct {
    double lon_deg, phi, sin_phi, cos_phi;
    double x, y;                /* SPA 3.12.4–3.12.5 */
    double pressure_mbar, temp_c;
} SiteTerms;

static void site_terms(SiteTerms *st, double lat_deg, double lon_deg, double elevation_m,
                       double pressure_mbar, double temp_c)
{
    double phi = lat_deg * RAD;
    double uu = atan(0.99664719 * tan(phi));
    st->lon_deg = lon_deg;
    st->phi = phi;
    st->sin_phi = sin(phi);
    st->cos_phi = cos(phi);
    st->x = cos(uu) + elevation_m / 6378140.0 * cos(phi);
    st->y = 0.99664719 * sin(uu) + elevation_m / 6378140.0 * sin(phi);
    st->pressure_mbar = pressure_mbar;
    st->temp_c = temp_c;
}

/* SPA 3.11–3.15: topocentric zenith and azimuth from the geocentric sun and
 * the apparent sidereal time nu (degrees); refraction per SPA 3.14, applied
 * while the sun's centre is above -(semidiameter + 0.5667 deg) (SAM does the same). */
static void sun_topocentric(const GeoSun *g, double nu_deg, const SiteTerms *st, SunPos *out)
{
    double h = wrap360(nu_deg + st->lon_deg - g->alpha_deg) * RAD;
    double delta = g->delta_deg * RAD, xi = g->xi_deg * RAD;
    const double x = st->x, y = st->y, sin_phi = st->sin_phi, cos_phi = st->cos_phi;
    double den = cos(delta) - x * sin(xi) * cos(h);
    double dalpha = atan2(-x * sin(xi) * sin(h), den);
    double delta_p = atan2((sin(delta) - y * sin(xi)) * cos(dalpha), den);
    double h_p = h - dalpha;

    double e0 = asin(sin_phi * sin(delta_p) + cos_phi * cos(delta_p) * cos(h_p)) * DEG;
    double de = 0;
    if (e0 >= -(0.26667 + 0.5667))
        de = st->pressure_mbar / 1010.0 * 283.0 / (273.0 + st->temp_c) * 1.02
             / (60.0 * tan((e0 + 10.3 / (e0 + 5.11)) * RAD));
    double e = e0 + de;
    if (e > 90.0) e = 90.0;
    double gamma = atan2(sin(h_p), cos(h_p) * sin_phi - tan(delta_p) * cos_phi) * DEG;

    out->elevation_deg = e;
    out->zenith_deg = 90.0 - e;
    out->azimuth_deg = wrap360(gamma + 180.0);
}

/* ---- daily ephemeris and interpolation ------------------------------------
 * The geocentric sun changes slowly: SPA evaluated at 0h UT of each day and
 * interpolated with a four-point Lagrange polynomial differs from the direct
 * evaluation by < 3e-6 deg in zenith and azimuth (test_solarpos: a year),
 * at a fraction of the cost. SPA's own sunrise/sunset method (A.2)
 * interpolates the same way. */
#define NODE_PAD 4
#define NODES_MAX (366 + 2 * NODE_PAD + 2)

typedef struct {
    double jd0;                 /* 0h UT of node 0 */
    int n;
    double alpha[NODES_MAX];    /* unwrapped: continuous across 360 */
    double delta[NODES_MAX], xi[NODES_MAX], eqeq[NODES_MAX];
} SunNodes;

/* Nodes are a day apart, so each periodic term's angle B + C jme advances
 * by the same C / 365250 from one node to the next: its cosine and sine are
 * carried by that rotation (two multiplications and an addition each)
 * instead of a cosine per term and node, and recomputed directly every
 * ROTOR_ANCHOR nodes so that rounding cannot build up. Between anchors the
 * rotated cosines differ from direct ones by about k 2e-16 (k nodes since
 * the anchor): the sums move by < 1e-12 rad, the sun by < 1e-10 deg, where
 * SPA itself is good to 3e-4 deg (test_solarpos compares a year's table
 * with SPA evaluated at each hour: the same worst error, 2.6e-6 deg, with
 * every node evaluated directly). */
#define ROTOR_ANCHOR 16
#define DAYS_PER_MILLENNIUM 365250.0

typedef struct {
    double c[N_HELIO_TERMS], s[N_HELIO_TERMS];     /* cos, sin of the angle at the current node */
    double rc[N_HELIO_TERMS], rs[N_HELIO_TERMS];   /* cos, sin of its step per day */
} HelioRotor;

static void rotor_init(HelioRotor *h)
{
    for (int k = 0, i = 0; k < N_HELIO_SETS; k++)
        for (int j = 0; j < HELIO[k].n; j++, i++) {
            double step = HELIO[k].t[j].c / DAYS_PER_MILLENNIUM;
            h->rc[i] = cos(step);
            h->rs[i] = sin(step);
        }
}

static void rotor_anchor(HelioRotor *h, double jme)
{
    for (int k = 0, i = 0; k < N_HELIO_SETS; k++)
        for (int j = 0; j < HELIO[k].n; j++, i++) {
            double a = HELIO[k].t[j].b + HELIO[k].t[j].c * jme;
            h->c[i] = cos(a);
            h->s[i] = sin(a);
        }
}

static void rotor_step(HelioRotor *h)
{
    for (int i = 0; i < N_HELIO_TERMS; i++) {
        double c = h->c[i] * h->rc[i] - h->s[i] * h->rs[i];
        double s = h->s[i] * h->rc[i] + h->c[i] * h->rs[i];
        h->c[i] = c;
        h->s[i] = s;
    }
}

/* The sums in the order of sum_terms. */
static void rotor_sums(const HelioRotor *h, double sum[N_HELIO_SETS])
{
    for (int k = 0, i = 0; k < N_HELIO_SETS; k++) {
        double acc = 0;
        for (int j = 0; j < HELIO[k].n; j++, i++) acc += HELIO[k].t[j].a * h->c[i];
        sum[k] = acc;
    }
}

static void nodes_build(SunNodes *s, double jd0, int n, double dt_s)
{
    s->jd0 = jd0;
    s->n = n;
    double turn = 0;
    HelioRotor rot;
    rotor_init(&rot);
    for (int k = 0; k < n; k++) {
        double jde = jd0 + k + dt_s / 86400.0;
        double jce = (jde - 2451545.0) / 36525.0, jme = jce / 10.0;
        if (k % ROTOR_ANCHOR == 0) rotor_anchor(&rot, jme);
        else rotor_step(&rot);
        double sum[N_HELIO_SETS];
        rotor_sums(&rot, sum);
        GeoSun g;
        sun_from_sums(jce, jme, sum, &g);
        if (k > 0 && g.alpha_deg + turn < s->alpha[k - 1] - 180.0) turn += 360.0;
        s->alpha[k] = g.alpha_deg + turn;
        s->delta[k] = g.delta_deg;
        s->xi[k] = g.xi_deg;
        s->eqeq[k] = g.eqeq_deg;
    }
}

/* The geocentric sun at UT Julian day jd, interpolated; jd must lie within
 * the nodes (the callers pad by NODE_PAD days). */
static void nodes_at(const SunNodes *s, double jd, GeoSun *g)
{
    double t = jd - s->jd0;
    int k = (int)floor(t);
    if (k < 1) k = 1;
    if (k > s->n - 3) k = s->n - 3;
    double p = t - k;
    double w0 = -p * (p - 1) * (p - 2) / 6.0;
    double w1 = (p + 1) * (p - 1) * (p - 2) / 2.0;
    double w2 = -(p + 1) * p * (p - 2) / 2.0;
    double w3 = (p + 1) * p * (p - 1) / 6.0;
#define LAGR(a) (w0 * (a)[k - 1] + w1 * (a)[k] + w2 * (a)[k + 1] + w3 * (a)[k + 2])
    g->alpha_deg = LAGR(s->alpha);
    g->delta_deg = LAGR(s->delta);
    g->xi_deg = LAGR(s->xi);
    g->eqeq_deg = LAGR(s->eqeq);
#undef LAGR
}

/* Local hour angle of the geocentric sun, degrees in (-180, 180]. */
static double hour_angle_at(const SunNodes *s, double jd, double lon_deg, double *delta_deg)
{
    GeoSun g;
    nodes_at(s, jd, &g);
    *delta_deg = g.delta_deg;
    return wrap180(gmst_deg(jd) + g.eqeq_deg + lon_deg - g.alpha_deg);
}

/* Hour angle at which the sun's centre stands at RISE_SET_ELEV_DEG, degrees;
 * -1 if it never sets (polar day), -2 if it never rises (polar night). */
static double rise_hour_angle(double lat_deg, double delta_deg)
{
    double phi = lat_deg * RAD, d = delta_deg * RAD;
    double c = (sin(RISE_SET_ELEV_DEG * RAD) - sin(phi) * sin(d)) / (cos(phi) * cos(d));
    if (c < -1.0) return -1.0;
    if (c > 1.0) return -2.0;
    return acos(c) * DEG;
}

/* Sunrise and sunset of the local day starting at jd_midnight (UT Julian day
 * of local 00:00), in hours after that midnight. The transit is found by
 * iterating on the hour angle, then each event by iterating on the hour angle
 * at which the centre reaches -0.8333 deg with the declination of that moment:
 * the fixed point of SPA A.2's correction step, converged to < 0.1 s. */
static void rise_set(const SunNodes *s, double jd_midnight, double tz_h, double lat_deg,
                     double lon_deg, double *sunrise_h, double *sunset_h)
{
    /* First guess: mean solar noon on the local clock, taken within the day. */
    double t0 = fmod(12.0 - lon_deg / 15.0 + tz_h, 24.0);
    if (t0 < 0) t0 += 24.0;
    double jd_t = jd_midnight + t0 / 24.0, delta;
    for (int i = 0; i < 3; i++) jd_t -= hour_angle_at(s, jd_t, lon_deg, &delta) / 360.0;
    (void)hour_angle_at(s, jd_t, lon_deg, &delta);

    double h0 = rise_hour_angle(lat_deg, delta);
    if (h0 == -1.0) { *sunrise_h = 0.0; *sunset_h = 24.0; return; }
    if (h0 == -2.0) { *sunrise_h = 99.0; *sunset_h = -99.0; return; }

    double ev[2];
    for (int side = 0; side < 2; side++) {
        double sign = side == 0 ? -1.0 : 1.0;
        double jd = jd_t + sign * h0 / 360.0;
        for (int i = 0; i < 4; i++) {
            double hh = hour_angle_at(s, jd, lon_deg, &delta);
            double target = rise_hour_angle(lat_deg, delta);
            if (target < 0) break;      /* grazing the horizon: keep the last estimate */
            jd += (sign * target - hh) / 360.0;
        }
        ev[side] = (jd - jd_midnight) * 24.0;
    }
    *sunrise_h = ev[0];
    *sunset_h = ev[1];
}

/* ---- public functions ----------------------------------------------------- */

void solarpos_compute(int year, int month, int day, double hour_local,
                      double utc_offset_h, double lat_deg, double lon_deg,
                      double elevation_m, double pressure_mbar, double temp_c,
                      SunPos *out)
{
    double jd = julian_day(year, month, day, hour_local - utc_offset_h);
    GeoSun g;
    sun_geocentric(jd, delta_t_s(year + (month - 0.5) / 12.0), &g);
    SiteTerms st;
    site_terms(&st, lat_deg, lon_deg, elevation_m, pressure_mbar, temp_c);
    sun_topocentric(&g, gmst_deg(jd) + g.eqeq_deg, &st, out);
}

void solarpos_sunrise_sunset(int year, int month, int day, double utc_offset_h,
                             double lat_deg, double lon_deg,
                             double *sunrise_h, double *sunset_h)
{
    double jd_ut0 = julian_day(year, month, day, 0.0);
    /* Nodes cover the UT days around the local day, whatever the offset. */
    SunNodes s;
    nodes_build(&s, jd_ut0 - NODE_PAD, 2 * NODE_PAD + 2, delta_t_s(year + (month - 0.5) / 12.0));
    rise_set(&s, jd_ut0 - utc_offset_h / 24.0, utc_offset_h, lat_deg, lon_deg, sunrise_h, sunset_h);
}

double solarpos_extra_normal(int day_of_year)
{
    /* Duffie & Beckman eq. 1.4.1a with SAM's solar constant 1367 W/m2. */
    return 1367.0 * (1.0 + 0.033 * cos(2.0 * PI * day_of_year / 365.0));
}

/* Sunlit part of hour [k, k+1) of a day whose sunlit intervals are
 * [rise[i], set[i]] (i = yesterday, today, tomorrow, shifted onto today's
 * clock). Returns the length and the midpoint of the largest sunlit piece. */
static double sunlit_part(const double rise[3], const double set[3], int k, double *mid)
{
    double total = 0, best = 0;
    *mid = k + 0.5;
    for (int i = 0; i < 3; i++) {
        double a = fmax(rise[i], (double)k), b = fmin(set[i], (double)(k + 1));
        if (b <= a) continue;
        total += b - a;
        if (b - a > best) { best = b - a; *mid = 0.5 * (a + b); }
    }
    return total;
}

/* SAM's rule for hour averages (lib_irradproc irrad::calc; reference
 * notes §6.1): the sun is evaluated at mid-hour; in the hour of sunrise at
 * the midpoint of sunrise and the end of the hour, in the hour of sunset at
 * the midpoint of the start of the hour and sunset. Written here as "the
 * midpoint of the sunlit part of the hour", which is the same thing and
 * also covers days whose sunlit span crosses local midnight. */
/* An hour without sun: its place is not computed (about 40 % of a table's
 * cost); see solarpos.h. */
static void set_night(SunTable *tab, int h)
{
    tab->zenith_deg[h] = SUN_NIGHT_ZENITH_DEG;
    tab->azimuth_deg[h] = 0.0;
    tab->cos_zenith[h] = 0.0;
}

void suntable_build(SunTable *tab, const Site *site, int year)
{
    Calendar cal;
    calendar_year_init(&cal, year);
    tab->year = year;
    tab->hours = cal.hours;

    const double tz = site->utc_offset_h, lat = site->latitude_deg, lon = site->longitude_deg;
    /* Standard atmosphere (ICAO) pressure at the site, 15 C, for refraction. */
    const double p_mbar = 1013.25 * pow(1.0 - 2.25577e-5 * site->elevation_m, 5.25588);
    const double dt = delta_t_s(year + 0.5);
    SiteTerms st;
    site_terms(&st, lat, lon, site->elevation_m, p_mbar, 15.0);

    SunNodes s;
    double jd_jan1 = julian_day(year, 1, 1, 0.0);
    nodes_build(&s, jd_jan1 - NODE_PAD, cal.days + 2 * NODE_PAD + 1, dt);

    /* Sunrise/sunset for days -1 .. days (one beyond each end of the year). */
    double rise[366 + 2], set[366 + 2];
    for (int d = -1; d <= cal.days; d++)
        rise_set(&s, jd_jan1 + d - tz / 24.0, tz, lat, lon, &rise[d + 1], &set[d + 1]);

    for (int d = 0; d < cal.days; d++) {
        double jd_mid = jd_jan1 + d - tz / 24.0;
        double r3[3] = { rise[d] - 24.0, rise[d + 1], rise[d + 2] + 24.0 };
        double s3[3] = { set[d] - 24.0, set[d + 1], set[d + 2] + 24.0 };
        double gon = solarpos_extra_normal(d + 1);
        for (int k = 0; k < 24; k++) {
            int h = d * 24 + k;
            double t_eval;
            int up = sunlit_part(r3, s3, k, &t_eval) > 0;
            tab->extra_normal_wm2[h] = gon;
            tab->sun_up[h] = (unsigned char)up;
            if (!up) {
                set_night(tab, h);
                continue;
            }
            double jd = jd_mid + t_eval / 24.0;
            GeoSun g;
            SunPos sp;
            nodes_at(&s, jd, &g);
            sun_topocentric(&g, gmst_deg(jd) + g.eqeq_deg, &st, &sp);
            tab->zenith_deg[h] = sp.zenith_deg;
            tab->azimuth_deg[h] = sp.azimuth_deg;
            tab->cos_zenith[h] = fmax(0.0, cos(sp.zenith_deg * RAD));
        }
    }
}

/* Day of year of a date, 1..366. */
static int day_of_year(int year, int month, int day)
{
    int doy = day;
    for (int m = 1; m < month; m++) doy += calendar_days_in_month(year, m);
    return doy;
}

void suntable_build_records(SunTable *tab, const Site *site, int n, const short *year,
                            const unsigned char *month, const unsigned char *day,
                            const unsigned char *hour, int instant, double sample_minute)
{
    const double tz = site->utc_offset_h, lat = site->latitude_deg, lon = site->longitude_deg;
    const double p_mbar = 1013.25 * pow(1.0 - 2.25577e-5 * site->elevation_m, 5.25588);
    tab->year = n > 0 ? year[0] : 0;
    tab->hours = n;
    SiteTerms st;
    site_terms(&st, lat, lon, site->elevation_m, p_mbar, 15.0);
    /* Records come a day at a time: the ephemeris nodes, sunrise and sunset
     * are made once per run of records with the same date. */
    SunNodes s;
    double r3[3] = { 0 }, s3[3] = { 0 }, gon = 0, jd_mid = 0;
    int cur_y = -1, cur_m = -1, cur_d = -1;
    for (int i = 0; i < n; i++) {
        if (year[i] != cur_y || month[i] != cur_m || day[i] != cur_d) {
            cur_y = year[i], cur_m = month[i], cur_d = day[i];
            double jd_ut0 = julian_day(cur_y, cur_m, cur_d, 0.0);
            nodes_build(&s, jd_ut0 - NODE_PAD, 2 * NODE_PAD + 3,
                        delta_t_s(cur_y + (cur_m - 0.5) / 12.0));
            jd_mid = jd_ut0 - tz / 24.0;
            for (int k = 0; k < 3 && !instant; k++) {
                double rise, set;
                rise_set(&s, jd_mid + (k - 1), tz, lat, lon, &rise, &set);
                r3[k] = rise + 24.0 * (k - 1);
                s3[k] = set + 24.0 * (k - 1);
            }
            gon = solarpos_extra_normal(day_of_year(cur_y, cur_m, cur_d));
        }
        double t_eval = hour[i] + sample_minute / 60.0;
        int up = 1;
        if (!instant) up = sunlit_part(r3, s3, hour[i], &t_eval) > 0;
        tab->extra_normal_wm2[i] = gon;
        if (!up) {   /* hour averages: known dark before the sun's place is computed */
            tab->sun_up[i] = 0;
            set_night(tab, i);
            continue;
        }
        double jd = jd_mid + t_eval / 24.0;
        GeoSun g;
        SunPos sp;
        nodes_at(&s, jd, &g);
        sun_topocentric(&g, gmst_deg(jd) + g.eqeq_deg, &st, &sp);
        if (instant) up = sp.zenith_deg < 90.0;   /* below the horizon: its place is kept */
        tab->sun_up[i] = (unsigned char)up;
        tab->zenith_deg[i] = sp.zenith_deg;
        tab->azimuth_deg[i] = sp.azimuth_deg;
        tab->cos_zenith[i] = up ? fmax(0.0, cos(sp.zenith_deg * RAD)) : 0.0;
    }
}
