// Period arithmetic against the official 2025/2026 holiday notices. Every
// expected date below was counted by hand from data/cn-holidays-2025-2026.csv.
#include "lecs/calendar/rules.hpp"

#include <gtest/gtest.h>

#include "lecs/base/embedded.hpp"

namespace lecs::calendar {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

DueDate due_on(Date d) {
    DueDate out;
    out.date = d;
    return out;
}

Calendar official(PeriodRules rules = {}) {
    auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
    EXPECT_TRUE(csv.has_value());
    auto entries = parse_holiday_csv(*csv);
    EXPECT_TRUE(entries.ok());
    return Calendar::from_entries(std::move(entries.value()), rules);
}

// --- the embedded data ---

TEST(HolidayCsv, EmbeddedNoticesParseAndPublish2025And2026) {
    auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
    ASSERT_TRUE(csv);
    auto entries = parse_holiday_csv(*csv);
    ASSERT_TRUE(entries.ok()) << entries.error().message;
    EXPECT_EQ(entries->size(), 72u);
    auto cal = Calendar::from_entries(entries.value());
    EXPECT_EQ(cal.published_years(), (std::set<int>{2025, 2026}));
}

TEST(HolidayCsv, WeekdayThatDoesNotMatchTheDateIsRefused) {
    auto r = parse_holiday_csv("date,weekday,type,holiday\n2026-10-01,周五,off,国庆节\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "calendar.csv_invalid");
    EXPECT_EQ(r.error().message, "节假日数据第2行星期与日期不符");
}

TEST(HolidayCsv, MakeUpWorkdayOnAWeekdayIsRefused) {
    auto r = parse_holiday_csv("date,weekday,type,holiday\r\n2026-10-08,周四,workday,国庆节\r\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "节假日数据第2行：2026年10月8日是星期四，调休上班日应为星期六或星期日");
}

TEST(DayEntryCheck, OffDayNeedsItsHolidayName) {
    auto r = check_day_entry({D("2026-10-08"), DayType::kOff, ""});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "calendar.holiday_required");
    EXPECT_EQ(r.error().field, "holiday");
    EXPECT_TRUE(check_day_entry({D("2026-10-08"), DayType::kOff, "国庆节"}).ok());
    EXPECT_TRUE(check_day_entry({D("2026-10-11"), DayType::kWorkday, "国庆节"}).ok());
}

// --- working days ---

TEST(WorkingDay, MakeUpSaturdaysAndSundaysAreWorkingDays) {
    auto cal = official();
    EXPECT_TRUE(cal.is_working_day(D("2026-02-14")));   // Sat, 春节 调休上班
    EXPECT_TRUE(cal.is_working_day(D("2026-02-28")));   // Sat, 春节 调休上班
    EXPECT_TRUE(cal.is_working_day(D("2025-09-28")));   // Sun, 国庆 调休上班
    EXPECT_TRUE(cal.is_working_day(D("2026-01-04")));   // Sun, 元旦 调休上班
    EXPECT_FALSE(cal.is_working_day(D("2026-02-21")));  // Sat inside 春节
    EXPECT_FALSE(cal.is_working_day(D("2026-03-07")));  // an ordinary Saturday
}

TEST(WorkingDay, StatutoryHolidaysOnWeekdaysAreNotWorkingDays) {
    auto cal = official();
    EXPECT_FALSE(cal.is_working_day(D("2026-02-16")));  // Mon, 春节
    EXPECT_FALSE(cal.is_working_day(D("2026-02-23")));  // Mon, 正月初七
    EXPECT_FALSE(cal.is_working_day(D("2025-10-08")));  // Wed, 国庆节、中秋节
    EXPECT_TRUE(cal.is_working_day(D("2026-02-24")));   // Tue, first day back
    EXPECT_TRUE(cal.is_working_day(D("2026-10-08")));   // Thu, 2026 国庆 ends 10-07
    auto info = cal.day(D("2026-10-01"));
    EXPECT_EQ(info.holiday, "国庆节");
    EXPECT_EQ(info.entry, DayType::kOff);
    EXPECT_FALSE(info.provisional);
}

TEST(WorkingDay, UnpublishedYearIsMondayToFridayAndProvisional) {
    auto cal = official();
    auto fri = cal.day(D("2027-01-01"));  // 元旦 2027, but no notice yet
    EXPECT_TRUE(fri.working);
    EXPECT_TRUE(fri.provisional);
    auto sat = cal.day(D("2027-01-02"));
    EXPECT_FALSE(sat.working);
    EXPECT_TRUE(sat.provisional);
    EXPECT_FALSE(cal.is_published(2027));
}

// --- 春节 2026 (off 02-15 … 02-23, make-up 02-14 Sat and 02-28 Sat) ---

TEST(WorkingDays, FiveFromThursdayBeforeSpringFestival) {
    auto due = official().add_working_days(D("2026-02-12"), 5);
    // 02-13, 02-14 (Sat make-up), 02-24, 02-25, 02-26
    EXPECT_EQ(due.date, D("2026-02-26"));
    EXPECT_FALSE(due.original);
    EXPECT_FALSE(due.provisional);
    EXPECT_EQ(due.moved_reason, "");
}

TEST(WorkingDays, TenFromTuesdayBeforeSpringFestival) {
    // 02-11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 03-02
    EXPECT_EQ(official().add_working_days(D("2026-02-10"), 10).date, D("2026-03-02"));
}

TEST(WorkingDays, OneFromFridayIsTheMakeUpSaturday) {
    EXPECT_EQ(official().add_working_days(D("2026-02-13"), 1).date, D("2026-02-14"));
}

TEST(WorkingDays, OneFromTheMakeUpSaturdayJumpsTheWholeHoliday) {
    EXPECT_EQ(official().add_working_days(D("2026-02-14"), 1).date, D("2026-02-24"));
}

TEST(WorkingDays, ThreeAcrossTheSecondMakeUpSaturday) {
    // 02-27, 02-28 (Sat make-up), 03-02
    EXPECT_EQ(official().add_working_days(D("2026-02-26"), 3).date, D("2026-03-02"));
}

// --- 国庆 2025 (off 10-01 … 10-08, make-up 09-28 Sun and 10-11 Sat) ---

TEST(WorkingDays, FiveFromFridayBeforeNationalDay2025) {
    // 09-28 (Sun make-up), 09-29, 09-30, 10-09, 10-10
    EXPECT_EQ(official().add_working_days(D("2025-09-26"), 5).date, D("2025-10-10"));
}

TEST(WorkingDays, SevenFromTheLastDayBeforeNationalDay2025) {
    // 10-09, 10-10, 10-11 (Sat make-up), 10-13, 10-14, 10-15, 10-16
    EXPECT_EQ(official().add_working_days(D("2025-09-30"), 7).date, D("2025-10-16"));
}

TEST(CalendarDays, EndingInNationalDay2025MovesToTheNinth) {
    auto due = official().add_calendar_days(D("2025-09-25"), 10);
    EXPECT_EQ(due.date, D("2025-10-09"));
    ASSERT_TRUE(due.original);
    EXPECT_EQ(*due.original, D("2025-10-05"));
    EXPECT_EQ(due.moved_reason, "期间届满日为国庆节、中秋节假日，顺延至2025年10月9日");
}

TEST(CalendarDays, EndingOnAMakeUpSaturdayDoesNotMove) {
    auto due = official().add_calendar_days(D("2025-09-25"), 16);
    EXPECT_EQ(due.date, D("2025-10-11"));
    EXPECT_FALSE(due.original);
}

// --- 国庆 2026 (中秋 off 09-25 … 09-27, 国庆 off 10-01 … 10-07, make-up 09-20 Sun and 10-10 Sat) ---

TEST(CalendarDays, ThirtyDaysEndingInNationalDay2026MovesToTheEighth) {
    auto due = official().add_calendar_days(D("2026-09-03"), 30);
    EXPECT_EQ(due.date, D("2026-10-08"));
    ASSERT_TRUE(due.original);
    EXPECT_EQ(*due.original, D("2026-10-03"));
    EXPECT_EQ(due.moved_reason, "期间届满日为国庆节假日，顺延至2026年10月8日");
    EXPECT_FALSE(due.provisional);
}

TEST(WorkingDays, FiveAcrossMidAutumnAndNationalDay2026) {
    // 09-25..27 off; 09-28, 09-29, 09-30, 10-08, 10-09
    EXPECT_EQ(official().add_working_days(D("2026-09-24"), 5).date, D("2026-10-09"));
}

TEST(WorkingDays, ThreeAcrossTheMakeUpSunday2026) {
    // 09-18, 09-20 (Sun make-up), 09-21
    EXPECT_EQ(official().add_working_days(D("2026-09-17"), 3).date, D("2026-09-21"));
}

TEST(WorkingDays, OneFromFridayAfterNationalDay2026IsTheMakeUpSaturday) {
    EXPECT_EQ(official().add_working_days(D("2026-10-09"), 1).date, D("2026-10-10"));
}

TEST(CalendarDays, EndingOnAnOrdinarySundayMovesToMonday) {
    auto due = official().add_calendar_days(D("2026-10-09"), 2);
    EXPECT_EQ(due.date, D("2026-10-12"));
    EXPECT_EQ(*due.original, D("2026-10-11"));
    EXPECT_EQ(due.moved_reason, "期间届满日为休息日（星期日），顺延至2026年10月12日");
}

// --- 元旦: the year boundary 2025 → 2026 (off 01-01 … 01-03, make-up 01-04 Sun) ---

TEST(WorkingDays, ThreeAcrossNewYear) {
    auto due = official().add_working_days(D("2025-12-30"), 3);
    // 12-31, 01-04 (Sun make-up), 01-05
    EXPECT_EQ(due.date, D("2026-01-05"));
    EXPECT_FALSE(due.provisional);
}

TEST(CalendarDays, EndingOnNewYearsDayMovesToTheMakeUpSunday) {
    auto due = official().add_calendar_days(D("2025-12-30"), 2);
    EXPECT_EQ(due.date, D("2026-01-04"));
    EXPECT_EQ(*due.original, D("2026-01-01"));
    EXPECT_EQ(due.moved_reason, "期间届满日为元旦假日，顺延至2026年1月4日");
}

// --- unpublished years ---

TEST(Provisional, WorkingDaysReachingInto2027) {
    auto due = official().add_working_days(D("2026-12-28"), 5);
    // 12-29, 12-30, 12-31, 2027-01-01 (Fri, assumed working), 01-04
    EXPECT_EQ(due.date, D("2027-01-04"));
    EXPECT_TRUE(due.provisional);
}

TEST(Provisional, StayingInside2026IsNotProvisional) {
    auto due = official().add_working_days(D("2026-12-25"), 3);
    EXPECT_EQ(due.date, D("2026-12-30"));
    EXPECT_FALSE(due.provisional);
}

TEST(Provisional, CalendarDaysEndingOnA2027SaturdayMoveAndStayProvisional) {
    auto due = official().add_calendar_days(D("2026-12-10"), 30);
    EXPECT_EQ(due.date, D("2027-01-11"));
    EXPECT_EQ(*due.original, D("2027-01-09"));
    EXPECT_TRUE(due.provisional);
    EXPECT_EQ(due.moved_reason, "期间届满日为休息日（星期六），顺延至2027年1月11日");
}

TEST(Provisional, StartingIn2024CountsTheProvisional2024Days) {
    auto due = official().add_working_days(D("2024-12-30"), 5);
    // 2024-12-31 (provisional), 2025-01-02, 01-03, 01-06, 01-07 (01-01 元旦 off)
    EXPECT_EQ(due.date, D("2025-01-07"));
    EXPECT_TRUE(due.provisional);
}

// --- pauses ---

TEST(Pauses, PausedWorkingDaysAreSkipped) {
    Period p{D("2026-03-02"), 10, Unit::kWorkingDays, {{"听证", D("2026-03-04"), D("2026-03-06")}}, {}};
    auto due = official().compute(p, D("2026-03-02"));
    // 03-03, [03-04..06 paused], 03-09 … 03-13, 03-16 … 03-19
    EXPECT_EQ(due.date, D("2026-03-19"));
    EXPECT_EQ(due.paused_days, 3);
    EXPECT_FALSE(due.suspended);
}

TEST(Pauses, CalendarDaysArePushedByThePausedDaysThenMovedOffQingming) {
    Period p{D("2026-03-02"), 30, Unit::kCalendarDays, {{"鉴定", D("2026-03-10"), D("2026-03-14")}}, {}};
    auto due = official().compute(p, D("2026-03-02"));
    // 04-01 without the pause; +5 paused days = 04-06 (清明, off) → 04-07
    EXPECT_EQ(due.date, D("2026-04-07"));
    EXPECT_EQ(*due.original, D("2026-04-06"));
    EXPECT_EQ(due.moved_reason, "期间届满日为清明节假日，顺延至2026年4月7日");
    EXPECT_EQ(due.paused_days, 5);
}

TEST(Pauses, OpenEndedPauseRunsUntilTodayAndSuspends) {
    Period p{D("2026-03-02"), 10, Unit::kWorkingDays, {{"公告", D("2026-03-04"), std::nullopt}}, {}};
    auto cal = official();
    auto due = cal.compute(p, D("2026-03-10"));
    // 03-03, [03-04..03-10 paused], 03-11, 12, 13, 16, 17, 18, 19, 20, 23
    EXPECT_EQ(due.date, D("2026-03-23"));
    EXPECT_TRUE(due.suspended);
    EXPECT_EQ(due.paused_days, 7);
    auto st = cal.due_state(due, D("2026-03-10"));
    EXPECT_FALSE(st.overdue);
    EXPECT_FALSE(st.due_soon);
}

TEST(Pauses, PauseAfterTheDueDateChangesNothing) {
    Period p{D("2026-02-12"), 5, Unit::kWorkingDays, {{"鉴定", D("2026-03-10"), D("2026-03-12")}}, {}};
    auto due = official().compute(p, D("2026-02-12"));
    EXPECT_EQ(due.date, D("2026-02-26"));
    EXPECT_EQ(due.paused_days, 0);
}

// --- extensions ---

TEST(Extensions, ComplaintSixtyDaysPlusThirtyCountFromTheUnmovedEnd) {
    auto cal = official();
    Period base{D("2026-03-02"), 60, Unit::kCalendarDays, {}, {}};
    auto due = cal.compute(base, D("2026-03-02"));
    // 60 days → 05-01 (劳动节 off 05-01 … 05-05) → 05-06
    EXPECT_EQ(due.date, D("2026-05-06"));
    EXPECT_EQ(*due.original, D("2026-05-01"));
    EXPECT_EQ(due.moved_reason, "期间届满日为劳动节假日，顺延至2026年5月6日");

    base.extensions.push_back({"张局长", "经批准延长", 30, Unit::kCalendarDays});
    auto extended = cal.compute(base, D("2026-03-02"));
    // 05-01 + 30 = 05-31 (Sun) → 06-01
    EXPECT_EQ(extended.date, D("2026-06-01"));
    EXPECT_EQ(*extended.original, D("2026-05-31"));
}

TEST(Extensions, WorkingDayExtensionAcrossTheMakeUpSaturday) {
    Period p{D("2026-02-12"), 5, Unit::kWorkingDays, {}, {{"李主任", "负责人批准", 3, Unit::kWorkingDays}}};
    // 02-26, then 02-27, 02-28 (Sat make-up), 03-02
    EXPECT_EQ(official().compute(p, D("2026-02-12")).date, D("2026-03-02"));
}

TEST(Extensions, WorkingDaysAfterACalendarDayPeriod) {
    Period p{D("2026-09-20"), 10, Unit::kCalendarDays, {}, {{"李主任", "负责人批准", 2, Unit::kWorkingDays}}};
    // 09-30, then 10-08, 10-09
    auto due = official().compute(p, D("2026-09-20"));
    EXPECT_EQ(due.date, D("2026-10-09"));
    EXPECT_FALSE(due.original);
}

TEST(Extensions, CalendarExtensionRunsFromTheUnmovedHolidayEnd) {
    Period p{D("2026-09-03"), 30, Unit::kCalendarDays, {}, {{"李主任", "负责人批准", 10, Unit::kCalendarDays}}};
    // base ends 10-03 (unmoved), + 10 = 10-13 (Tue), not 10-18
    auto due = official().compute(p, D("2026-09-03"));
    EXPECT_EQ(due.date, D("2026-10-13"));
    EXPECT_FALSE(due.original);
}

// --- parameters ---

TEST(Parameters, StartDayCountedWhenConfigured) {
    auto due = official(PeriodRules{.start_day_counted = true}).add_working_days(D("2026-02-12"), 5);
    // 02-12, 02-13, 02-14, 02-24, 02-25
    EXPECT_EQ(due.date, D("2026-02-25"));
}

TEST(Parameters, LastDayNotMovedWhenConfigured) {
    auto due = official(PeriodRules{.move_last_day_to_working = false}).add_calendar_days(D("2026-09-03"), 30);
    EXPECT_EQ(due.date, D("2026-10-03"));
    EXPECT_FALSE(due.original);
}

// --- working days between, due state ---

TEST(Between, CountsWorkingDaysAfterTheFirstDate) {
    auto cal = official();
    EXPECT_EQ(cal.working_days_between(D("2026-02-12"), D("2026-02-26")), 5);
    EXPECT_EQ(cal.working_days_between(D("2026-02-26"), D("2026-02-12")), -5);
    EXPECT_EQ(cal.working_days_between(D("2026-02-26"), D("2026-02-26")), 0);
    EXPECT_EQ(cal.working_days_between(D("2025-09-30"), D("2025-10-08")), 0);
    EXPECT_EQ(cal.working_days_between(D("2025-12-31"), D("2026-01-05")), 2);
}

TEST(DueStateTest, OnTheDueDayItIsDueSoonNotOverdue) {
    auto st = official().due_state(due_on(D("2026-02-26")), D("2026-02-26"));
    EXPECT_FALSE(st.overdue);
    EXPECT_TRUE(st.due_soon);
    EXPECT_EQ(st.days_left, 0);
}

TEST(DueStateTest, TheDayAfterIsOverdue) {
    auto st = official().due_state(due_on(D("2026-02-26")), D("2026-02-27"));
    EXPECT_TRUE(st.overdue);
    EXPECT_FALSE(st.due_soon);
    EXPECT_EQ(st.days_left, -1);
}

TEST(DueStateTest, ThreeWorkingDaysLeftIsDueSoonFourIsNot) {
    auto cal = official();
    auto three = cal.due_state(due_on(D("2026-02-26")), D("2026-02-14"));  // 02-24, 25, 26
    EXPECT_EQ(three.days_left, 3);
    EXPECT_TRUE(three.due_soon);
    auto four = cal.due_state(due_on(D("2026-02-26")), D("2026-02-13"));  // 02-14, 24, 25, 26
    EXPECT_EQ(four.days_left, 4);
    EXPECT_FALSE(four.due_soon);
    auto holiday = cal.due_state(due_on(D("2026-02-26")), D("2026-02-20"));
    EXPECT_EQ(holiday.days_left, 3);
    EXPECT_TRUE(holiday.due_soon);
}

TEST(DueStateTest, OverdueAcrossTheMakeUpSaturday) {
    auto st = official().due_state(due_on(D("2026-02-13")), D("2026-02-15"));
    EXPECT_TRUE(st.overdue);
    EXPECT_EQ(st.days_left, -1);  // 02-14 was a working day
}

}  // namespace
}  // namespace lecs::calendar
