// DeadlineService on SQLite and PostgreSQL, with the real embedded calendar.
// Expected dates worked out by hand from data/cn-holidays-2025-2026.csv.
#include <gtest/gtest.h>

#include "lecs/workflow/service.hpp"
#include "lecs/workflow/test_fixture.hpp"

namespace lecs::workflow {
namespace {

using namespace lecs::workflow::testing;
using calendar::Unit;

class DeadlineServiceTest : public WorkflowDbTest {
  protected:
    DeadlineView view(int64_t id, int64_t now_ms) {
        auto v = database().read([&](db::Tx& tx) { return deadlines_->get(tx, who_, id, now_ms); });
        EXPECT_TRUE(v.ok());
        return v.value();
    }
};

// Start Thu 2026-02-12, day not counted: 02-13 (1), Sat 02-14 调休上班 (2),
// 02-15 … 02-23 春节 off, 02-24 (3), 02-25 (4), 02-26 (5).
TEST_P(DeadlineServiceTest, FiveWorkingDaysAcrossSpringFestival) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212);
    auto v = view(id, k0212);
    EXPECT_EQ(v.deadline.due_date, D("2026-02-26"));
    EXPECT_EQ(v.deadline.original_due_date, D("2026-02-26"));
    EXPECT_EQ(v.due.date, D("2026-02-26"));
    EXPECT_FALSE(v.deadline.provisional);
    EXPECT_EQ(v.deadline.status, "open");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deadline.create'"), 1);
}

// Start Wed 2026-09-23 + 10 calendar days = Sat 10-03 (国庆节), moved past the
// holiday (10-01 … 10-07 off) to Thu 10-08 (民法典第二百零三条).
TEST_P(DeadlineServiceTest, CalendarDaysEndingInTheNationalHolidayMove) {
    int64_t id = make_deadline(D("2026-09-23"), 10, Unit::kCalendarDays, k0923);
    auto v = view(id, k0923);
    EXPECT_EQ(v.deadline.due_date, D("2026-10-08"));
    EXPECT_EQ(v.due.date, D("2026-10-08"));
    ASSERT_TRUE(v.due.original.has_value());
    EXPECT_EQ(*v.due.original, D("2026-10-03"));
}

TEST_P(DeadlineServiceTest, DueStateIsComputedWhenRead) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212);
    auto early = view(id, k0213);  // working days in (02-13, 02-26]: 02-14, 02-24, 02-25, 02-26
    EXPECT_FALSE(early.state.overdue);
    EXPECT_FALSE(early.state.due_soon);
    EXPECT_EQ(early.state.days_left, 4);
    auto soon = view(id, k0224);  // 02-25, 02-26
    EXPECT_TRUE(soon.state.due_soon);
    EXPECT_EQ(soon.state.days_left, 2);
    auto late = view(id, k0227);
    EXPECT_TRUE(late.state.overdue);
    EXPECT_FALSE(late.state.due_soon);
    EXPECT_EQ(late.state.days_left, -1);
}

// Start Mon 2026-03-02, 5 working days: 03-03 … 03-06, 03-09 → due Mon 03-09.
// Paused 03-04 … 03-05 (听证): 03-03 (1), 03-06 (2), 03-09 (3), 03-10 (4), 03-11 (5).
// Extended by 3 working days from 03-11: 03-12, 03-13, 03-16.
TEST_P(DeadlineServiceTest, PauseResumeAndExtensionMoveTheDueDateAndKeepTheOriginal) {
    int64_t id = make_deadline(D("2026-03-02"), 5, Unit::kWorkingDays, k0305);
    EXPECT_EQ(view(id, k0305).deadline.due_date, D("2026-03-09"));

    auto p =
        database().write([&](db::Tx& tx) { return deadlines_->pause(tx, who_, id, "听证", D("2026-03-04"), k0305); });
    ASSERT_TRUE(p.ok());
    auto paused = view(id, k0305);  // open pause counted through today, 03-05
    EXPECT_EQ(paused.deadline.due_date, D("2026-03-11"));
    EXPECT_TRUE(paused.due.suspended);

    auto again =
        database().write([&](db::Tx& tx) { return deadlines_->pause(tx, who_, id, "鉴定", D("2026-03-05"), k0305); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.already_paused");

    ASSERT_TRUE(
        database().write([&](db::Tx& tx) { return deadlines_->resume(tx, who_, id, D("2026-03-05"), k0305); }).ok());
    auto resumed = view(id, k0305);
    EXPECT_EQ(resumed.deadline.due_date, D("2026-03-11"));
    EXPECT_FALSE(resumed.due.suspended);

    auto no_basis = database().write(
        [&](db::Tx& tx) { return deadlines_->extend(tx, who_, id, 3, Unit::kWorkingDays, "", k0305); });
    ASSERT_FALSE(no_basis.ok());
    EXPECT_EQ(no_basis.error().field, "basis");

    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) {
                        return deadlines_->extend(tx, who_, id, 3, Unit::kWorkingDays, "经分管领导批准延长", k0305);
                    })
                    .ok());
    auto v = view(id, k0305);
    EXPECT_EQ(v.deadline.due_date, D("2026-03-16"));
    EXPECT_EQ(v.deadline.original_due_date, D("2026-03-09"));
    ASSERT_EQ(v.deadline.extensions.size(), 1u);
    EXPECT_EQ(v.deadline.extensions[0].approver_user_id, 7);
    EXPECT_EQ(v.deadline.extensions[0].basis, "经分管领导批准延长");
    ASSERT_EQ(v.changes.size(), 2u);
    EXPECT_EQ(v.changes[0].old_due, D("2026-03-09"));
    EXPECT_EQ(v.changes[0].new_due, D("2026-03-11"));
    EXPECT_EQ(v.changes[0].reason, "期限中止：听证");
    EXPECT_EQ(v.changes[1].old_due, D("2026-03-11"));
    EXPECT_EQ(v.changes[1].new_due, D("2026-03-16"));
    EXPECT_EQ(v.changes[1].reason, "期限延长：经分管领导批准延长");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deadline.extend'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deadline.pause'"), 1);
}

// sys_admin makes Tue 2026-02-24 a holiday: the 5th working day from 02-12 becomes Fri 02-27.
TEST_P(DeadlineServiceTest, CalendarEditRecomputesOpenDeadlinesAndShowsTheChange) {
    int64_t open_id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    int64_t met_id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 502);
    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) { return deadlines_->mark_met(tx, who_, met_id, D("2026-02-13"), k0213); })
                    .ok());

    int moved = database().write([&](db::Tx& tx) {
        auto r = calendar_->set_day(tx, who_, D("2026-02-24"), calendar::DayType::kOff, "春节", 0, k0213);
        EXPECT_TRUE(r.ok());
        return deadlines_->recompute_open(tx, "工作日历调整", k0213);
    });
    EXPECT_EQ(moved, 1);
    auto v = view(open_id, k0213);
    EXPECT_EQ(v.deadline.due_date, D("2026-02-27"));
    EXPECT_EQ(v.deadline.original_due_date, D("2026-02-26"));
    ASSERT_EQ(v.changes.size(), 1u);
    EXPECT_EQ(v.changes[0].old_due, D("2026-02-26"));
    EXPECT_EQ(v.changes[0].new_due, D("2026-02-27"));
    EXPECT_EQ(v.changes[0].reason, "工作日历调整");
    EXPECT_EQ(view(met_id, k0213).deadline.due_date, D("2026-02-26"));  // met: left alone
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = 7 AND kind = 'deadline.moved'"), 1);
    auto body = database().read([](db::Tx& tx) {
        return tx.query_one("SELECT body FROM notifications WHERE kind = 'deadline.moved'")->str(0);
    });
    EXPECT_EQ(body, "受理审查的届满日由2026年2月26日变更为2026年2月27日（工作日历调整）");
    // Nothing moves a second time.
    EXPECT_EQ(database().write([&](db::Tx& tx) { return deadlines_->recompute_open(tx, "工作日历调整", k0213); }), 0);
}

TEST_P(DeadlineServiceTest, OutOfScopeIsNotFound) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212);
    auth::Caller other = who_;
    other.scope = {};
    other.scope.region_prefixes = {"130503"};
    auto r = database().read([&](db::Tx& tx) { return deadlines_->get(tx, other, id, k0212); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 404);
}

TEST_P(DeadlineServiceTest, MetDeadlineIsNeitherOverdueNorPausable) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212);
    ASSERT_TRUE(
        database().write([&](db::Tx& tx) { return deadlines_->mark_met(tx, who_, id, D("2026-02-25"), k0225); }).ok());
    auto v = view(id, k0227);
    EXPECT_EQ(v.deadline.status, "met");
    EXPECT_EQ(v.deadline.met_on, D("2026-02-25"));
    EXPECT_FALSE(v.state.overdue);
    auto p =
        database().write([&](db::Tx& tx) { return deadlines_->pause(tx, who_, id, "听证", D("2026-02-26"), k0227); });
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, "workflow.wrong_state");
    EXPECT_EQ(p.error().http_status, 409);
    EXPECT_EQ(p.error().message, "当前状态「已完成」下不能执行「中止」");
    // A final state is final: neither extended nor cancelled afterwards.
    auto e = database().write(
        [&](db::Tx& tx) { return deadlines_->extend(tx, who_, id, 5, Unit::kWorkingDays, "批准延期", k0227); });
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().message, "当前状态「已完成」下不能执行「延长」");
    auto c = database().write([&](db::Tx& tx) { return deadlines_->cancel(tx, who_, id, k0227); });
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().message, "当前状态「已完成」下不能执行「撤销」");
    EXPECT_EQ(view(id, k0227).deadline.status, "met");
}

TEST_P(DeadlineServiceTest, CancelledDeadlineCannotBeMet) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212);
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return deadlines_->cancel(tx, who_, id, k0213); }).ok());
    EXPECT_EQ(view(id, k0213).deadline.status, "cancelled");
    auto m = database().write([&](db::Tx& tx) { return deadlines_->mark_met(tx, who_, id, D("2026-02-13"), k0213); });
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, "workflow.wrong_state");
    EXPECT_EQ(m.error().message, "当前状态「已撤销」下不能执行「完成」");
    EXPECT_EQ(view(id, k0213).deadline.status, "cancelled");
}

INSTANTIATE_TEST_SUITE_P(Db, DeadlineServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::workflow
