/* test_calendar.c — calendar and schedule tables against hand counts. */
#include <CUnit/CUnit.h>

#include "calendar.h"
#include "schedule.h"

static void leap_years(void)
{
    Calendar cal;
    calendar_year_init(&cal, 2024);
    CU_ASSERT_EQUAL(cal.hours, 8784);
    calendar_year_init(&cal, 2023);
    CU_ASSERT_EQUAL(cal.hours, 8760);
    CU_ASSERT(!calendar_is_leap(1900));
    CU_ASSERT(calendar_is_leap(2000));
}

static void hour_lookup(void)
{
    Calendar cal;
    calendar_year_init(&cal, 2024);
    /* 1 March 2024 00:00 is hour (31 + 29) * 24 = 1440. */
    CU_ASSERT_EQUAL(cal.month[1440], 3);
    CU_ASSERT_EQUAL(cal.day[1440], 1);
    CU_ASSERT_EQUAL(cal.hour_of_day[1440], 0);
    CU_ASSERT_EQUAL(cal.month[1439], 2);
    CU_ASSERT_EQUAL(cal.day[1439], 29);
    CU_ASSERT_EQUAL(cal.day_of_year[8783], 366);
    CU_ASSERT_EQUAL(cal.month_first_hour[2], 1440);
    CU_ASSERT_EQUAL(cal.month_first_hour[12], 8784);
}

static void schedule_interp(void)
{
    Schedule s = { .n = 3, .year = {2020, 2022, 2025}, .value = {100, 300, 600} };
    CU_ASSERT_DOUBLE_EQUAL(schedule_at(&s, 2019), 100, 1e-12);   /* held before */
    CU_ASSERT_DOUBLE_EQUAL(schedule_at(&s, 2021), 200, 1e-12);   /* halfway */
    CU_ASSERT_DOUBLE_EQUAL(schedule_at(&s, 2024), 500, 1e-12);   /* 300 + 2/3 * 300 */
    CU_ASSERT_DOUBLE_EQUAL(schedule_at(&s, 2030), 600, 1e-12);   /* held after */
    /* Monthly commissioning: December of 2021 averages 100 + 100 * 11.5/12. */
    CU_ASSERT_DOUBLE_EQUAL(schedule_month(&s, 2021, 12, 1), 100 + 100 * 11.5 / 12, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(schedule_year_mean(&s, 2021, 1), 150, 1e-12);
    Schedule empty = { 0 };
    CU_ASSERT_DOUBLE_EQUAL(schedule_at(&empty, 2021), 0, 0);
}

void register_test_calendar(void);
void register_test_calendar(void)
{
    CU_pSuite s = CU_add_suite("test_calendar", NULL, NULL);
    CU_add_test(s, "leap years", leap_years);
    CU_add_test(s, "hour lookup", hour_lookup);
    CU_add_test(s, "schedule interpolation", schedule_interp);
}
