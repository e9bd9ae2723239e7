// Pure workflow rules, against the real embedded 2025–2026 calendar.
#include "lecs/workflow/rules.hpp"

#include <gtest/gtest.h>

#include "lecs/base/crypto.hpp"
#include "lecs/base/embedded.hpp"

namespace lecs::workflow {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

calendar::Calendar real_calendar() {
    auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
    EXPECT_TRUE(csv.has_value());
    auto entries = calendar::parse_holiday_csv(*csv);
    EXPECT_TRUE(entries.ok());
    return calendar::Calendar::from_entries(entries.value());
}

// Due 2026-02-26 (Thu). Working days: 02-14 (Sat, 调休上班), 02-24, 02-25, 02-26;
// 02-15 … 02-23 are the Spring Festival holiday.
TEST(ReminderStep, FourWorkingDaysLeftIsNoReminder) {
    EXPECT_FALSE(current_step(real_calendar(), D("2026-02-26"), D("2026-02-13")).has_value());
}

TEST(ReminderStep, ThreeWorkingDaysLeftOnAMakeUpSaturdayIsTMinus3) {
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-14")), ReminderStep::kT3);
}

TEST(ReminderStep, DuringTheHolidayStillTMinus3) {
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-20")), ReminderStep::kT3);
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-24")), ReminderStep::kT3);
}

TEST(ReminderStep, OneWorkingDayLeftIsTMinus1) {
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-25")), ReminderStep::kT1);
}

TEST(ReminderStep, TheDueDayAndAfter) {
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-26")), ReminderStep::kDue);
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-02-27")), ReminderStep::kOverdue);
    EXPECT_EQ(current_step(real_calendar(), D("2026-02-26"), D("2026-06-01")), ReminderStep::kOverdue);
}

TEST(ReminderStep, FridayBeforeAMondayDueDayIsTMinus1) {
    // 2026-03-09 is a Monday; from Friday 03-06 one working day is left.
    EXPECT_EQ(current_step(real_calendar(), D("2026-03-09"), D("2026-03-06")), ReminderStep::kT1);
    EXPECT_EQ(current_step(real_calendar(), D("2026-03-09"), D("2026-03-07")), ReminderStep::kT1);
}

TEST(ReminderStep, NamesRoundTrip) {
    EXPECT_EQ(to_string(ReminderStep::kT3), "t-3");
    EXPECT_EQ(to_string(ReminderStep::kOverdue), "overdue");
    EXPECT_EQ(reminder_step_from("due"), ReminderStep::kDue);
    EXPECT_FALSE(reminder_step_from("t-2").has_value());
}

TEST(Backoff, DoublesFromOneSecondAndCapsAtTenMinutes) {
    EXPECT_EQ(backoff_ms(1), 1000);
    EXPECT_EQ(backoff_ms(2), 2000);
    EXPECT_EQ(backoff_ms(3), 4000);
    EXPECT_EQ(backoff_ms(10), 512000);
    EXPECT_EQ(backoff_ms(11), 600000);
    EXPECT_EQ(backoff_ms(40), 600000);
}

TEST(WebhookSignature, IsHexHmacSm3OfTimestampDotBody) {
    const std::string expected = crypto::hex(crypto::hmac_sm3("s3cret", "1700000000000.{\"a\":1}"));
    EXPECT_EQ(expected.size(), 64u);
    EXPECT_EQ(webhook_signature("s3cret", "1700000000000", "{\"a\":1}"), expected);
    EXPECT_NE(webhook_signature("other", "1700000000000", "{\"a\":1}"), expected);
}

TEST(DeadlineInput, DaysMustBePositive) {
    DeadlineInput in;
    in.owner_kind = "dispute";
    in.owner_id = 1;
    in.name = "受理审查";
    in.start_event = "received";
    in.owner.region_code = "130502";
    in.days = 0;
    auto r = check_deadline_input(in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.bad_days");
    EXPECT_EQ(r.error().field, "days");
    in.days = 5;
    EXPECT_TRUE(check_deadline_input(in).ok());
}

TEST(ReminderText, NamesTheDueDateInChinese) {
    Deadline d;
    d.name = "受理审查";
    d.due_date = D("2026-02-26");
    calendar::DueState s;
    s.days_left = 3;
    EXPECT_EQ(reminder_title(ReminderStep::kT3, d), "期限提醒：受理审查即将届满");
    EXPECT_EQ(reminder_body(ReminderStep::kT3, d, s), "受理审查将于2026年2月26日届满（还剩3个工作日）");
    EXPECT_EQ(reminder_title(ReminderStep::kOverdue, d), "逾期提醒：受理审查已逾期");
}

}  // namespace
}  // namespace lecs::workflow
