/* test_exportline.c — firm export per hour in both line modes. */
#include <CUnit/CUnit.h>

#include "calendar.h"
#include "exportline.h"

static void surplus_mode_has_no_firm_export(void)
{
    Calendar cal;
    double firm[ECSIM_MAX_HOURS];
    ExportParams p = { .mode = EXPORT_SURPLUS, .tolerance_frac = 0.1 };
    for (int hd = 0; hd < 24; hd++) p.schedule_frac[hd] = 0.7;   /* ignored in this mode */
    calendar_year_init(&cal, 2023);
    for (int h = 0; h < cal.hours; h++) firm[h] = -1;
    export_year(&p, &cal, 1000, firm);
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_DOUBLE_EQUAL(firm[h], 0, 0);
}

static void schedule_mode_follows_profile(void)
{
    Calendar cal;
    double firm[ECSIM_MAX_HOURS];
    /* 0.5 at night (0-7), 0.8 by day (8-19), 0.6 in the evening (20-23),
     * 10 % tolerance, 1000 MW line: firm = 1000 x frac x 0.9 = 450 / 720 / 540. */
    ExportParams p = { .mode = EXPORT_SCHEDULE, .tolerance_frac = 0.1 };
    for (int hd = 0; hd < 24; hd++) p.schedule_frac[hd] = hd < 8 ? 0.5 : hd < 20 ? 0.8 : 0.6;
    calendar_year_init(&cal, 2024);
    export_year(&p, &cal, 1000, firm);
    CU_ASSERT_DOUBLE_EQUAL(firm[0], 450, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[7], 450, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[8], 720, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[1440 + 19], 720, 1e-12);   /* 1 March, 19:00 */
    CU_ASSERT_DOUBLE_EQUAL(firm[1440 + 20], 540, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[8783], 540, 1e-12);        /* 31 Dec 23:00 of a leap year */
    /* A day's firm energy: 8 x 450 + 12 x 720 + 4 x 540 = 14400 MWh; 366 days. */
    double sum = 0;
    for (int h = 0; h < cal.hours; h++) sum += firm[h];
    CU_ASSERT_DOUBLE_EQUAL(sum, 366 * 14400.0, 1e-6);
    /* No tolerance: the whole schedule is firm (0.8 x 1000 = 800 by day). */
    p.tolerance_frac = 0;
    export_year(&p, &cal, 1000, firm);
    CU_ASSERT_DOUBLE_EQUAL(firm[12], 800, 1e-12);
}

/* Called by the generated runner (run_unit.c). */
void register_test_exportline(void);

void register_test_exportline(void)
{
    CU_pSuite s = CU_add_suite("test_exportline", NULL, NULL);
    CU_add_test(s, "surplus mode", surplus_mode_has_no_firm_export);
    CU_add_test(s, "schedule mode", schedule_mode_follows_profile);
}
