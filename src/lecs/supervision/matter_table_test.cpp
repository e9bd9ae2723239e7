// The supervision matter table (Art 13–14, 18; issue 5): who may do what in which state, the
// guards (handling department, upper department, target agency, same-level government, overdue,
// receipts), and the committed diagram.
#include "lecs/supervision/matter_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "lecs/workflow/diagram_golden.hpp"

namespace lecs::supervision {
namespace {

namespace st = matter_state;
namespace ev = matter_event;

constexpr int64_t kCityJustice = 201, kXinduJustice = 202, kCityGov = 301, kXinduGov = 302, kScjg = 101;

auth::Caller caller(int64_t org, const char* role) {
    auth::Caller c;
    c.user_id = 1;
    c.org_id = org;
    c.roles = {role};
    return c;
}

Result<std::string> fire(std::string_view state, std::string_view event, const auth::Caller& who,
                         const MatterFacts& f) {
    workflow::FireContext ctx;
    ctx.object_kind = "matter";
    ctx.object_id = 1;
    ctx.data = &f;
    return matter_machine().fire(state, event, who, ctx);
}

MatterFacts city_matter() {
    MatterFacts f;
    f.handling_org_id = kCityJustice;
    f.target_org_id = kScjg;
    f.government_id = kCityGov;
    return f;
}

TEST(MatterTable, TheStoryOfIssue5FromInspectionToTheGovernmentsDecision) {
    MatterFacts f = city_matter();
    const auto sup = caller(kCityJustice, "supervisor");
    const auto leader = caller(kCityJustice, "dept_leader");
    EXPECT_EQ(fire(st::kOpen, ev::kRecordInspection, sup, f).value(), st::kOpen);
    EXPECT_EQ(fire(st::kOpen, ev::kAddFinding, sup, f).value(), st::kOpen);
    f.has_notice_findings = true;
    EXPECT_EQ(fire(st::kOpen, ev::kProposeNotice, sup, f).value(), st::kNoticePending);
    EXPECT_EQ(fire(st::kNoticePending, ev::kIssueNotice, leader, f).value(), st::kRectifying);
    EXPECT_EQ(fire(st::kRectifying, ev::kSubmitReport, caller(kScjg, "agency_liaison"), f).value(), st::kVerifying);
    EXPECT_EQ(fire(st::kVerifying, ev::kVerifyFail, sup, f).value(), st::kRectificationFailed);
    EXPECT_EQ(fire(st::kRectificationFailed, ev::kReportToGovernment, leader, f).value(), st::kAwaitingGovernment);
    EXPECT_EQ(fire(st::kAwaitingGovernment, ev::kDecide, caller(kCityGov, "gov_leader"), f).value(), st::kDecided);
    f.decision_received = true;
    EXPECT_EQ(fire(st::kDecided, ev::kRecordFulfilment, sup, f).value(), st::kDecided);
    f.items_fulfilled = true;
    EXPECT_EQ(fire(st::kDecided, ev::kClose, sup, f).value(), st::kClosed);
}

TEST(MatterTable, OnlyTheHandlingDepartmentActs) {
    const MatterFacts f = city_matter();
    auto other = fire(st::kOpen, ev::kRecordInspection, caller(kXinduJustice, "supervisor"), f);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 403);
    EXPECT_NE(other.error().basis.find("第三条"), std::string::npos);
    // A leader does not record inspections; a supervisor does not issue the notice.
    EXPECT_EQ(fire(st::kOpen, ev::kRecordInspection, caller(kCityJustice, "dept_leader"), f).error().code,
              "workflow.role_not_allowed");
    EXPECT_EQ(fire(st::kNoticePending, ev::kIssueNotice, caller(kCityJustice, "supervisor"), f).error().code,
              "workflow.role_not_allowed");
}

TEST(MatterTable, NoNoticeWithoutAFindingForIt_NoClosingWithOne) {
    MatterFacts f = city_matter();
    const auto sup = caller(kCityJustice, "supervisor");
    auto none = fire(st::kOpen, ev::kProposeNotice, sup, f);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "matter.no_notice_findings");
    EXPECT_EQ(fire(st::kOpen, ev::kClose, sup, f).value(), st::kClosed);
    f.has_notice_findings = true;
    EXPECT_EQ(fire(st::kOpen, ev::kClose, sup, f).error().code, "matter.findings_pending");
}

// Art 14 ¶2: 逾期不改正 — reported only once the deadline passed; a failed 复查 may be reported at once.
TEST(MatterTable, TheGovernmentIsAskedOnlyAfterTheDeadlineOrAFailedCheck) {
    MatterFacts f = city_matter();
    const auto leader = caller(kCityJustice, "dept_leader");
    EXPECT_EQ(fire(st::kRectifying, ev::kReportToGovernment, leader, f).error().code, "matter.not_overdue");
    f.correction_overdue = true;
    EXPECT_EQ(fire(st::kRectifying, ev::kReportToGovernment, leader, f).value(), st::kAwaitingGovernment);
    EXPECT_EQ(fire(st::kOpen, ev::kReportToGovernment, leader, f).error().code, "workflow.wrong_state");
}

// Art 14 ¶2: 报请本级人民政府 — the handling department's own government, no other.
TEST(MatterTable, OnlyTheSameLevelGovernmentDecides) {
    const MatterFacts f = city_matter();
    auto county = fire(st::kAwaitingGovernment, ev::kDecide, caller(kXinduGov, "gov_leader"), f);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 403);
    EXPECT_EQ(fire(st::kAwaitingGovernment, ev::kDecide, caller(kCityJustice, "dept_leader"), f).error().code,
              "workflow.role_not_allowed");
    MatterFacts unknown = f;
    unknown.government_id = 0;
    EXPECT_FALSE(fire(st::kAwaitingGovernment, ev::kDecide, caller(kCityGov, "gov_leader"), unknown).ok());
}

TEST(MatterTable, OnlyTheTargetReportsItsRectification) {
    const MatterFacts f = city_matter();
    EXPECT_EQ(fire(st::kRectifying, ev::kSubmitReport, caller(202, "agency_liaison"), f).error().http_status, 403);
}

TEST(MatterTable, AnUpperDepartmentTakesOverAnOpenMatter) {
    MatterFacts f;
    f.handling_org_id = kXinduJustice;
    EXPECT_EQ(fire(st::kOpen, ev::kTakeOver, caller(kCityJustice, "dept_leader"), f).error().http_status, 403);
    f.caller_is_upper = true;
    EXPECT_EQ(fire(st::kOpen, ev::kTakeOver, caller(kCityJustice, "dept_leader"), f).value(), st::kOpen);
    EXPECT_EQ(fire(st::kRectifying, ev::kTakeOver, caller(kCityJustice, "dept_leader"), f).error().code,
              "workflow.wrong_state");
}

// Art 14 ¶2: the decision is signed for and each dated item carried out before the matter closes.
TEST(MatterTable, TheDecisionIsSignedForAndCarriedOutBeforeClosing) {
    MatterFacts f = city_matter();
    const auto sup = caller(kCityJustice, "supervisor");
    EXPECT_EQ(fire(st::kDecided, ev::kClose, sup, f).error().code, "matter.receipt_pending");
    f.decision_received = true;
    EXPECT_EQ(fire(st::kDecided, ev::kClose, sup, f).error().code, "matter.items_pending");
    EXPECT_EQ(fire(st::kDecided, ev::kRecordFulfilment, caller(kXinduJustice, "supervisor"), f).error().http_status,
              403);
    EXPECT_EQ(fire(st::kDecided, ev::kRecordFulfilment, caller(kScjg, "agency_liaison"), f).error().code,
              "workflow.role_not_allowed");
}

TEST(MatterTable, ConcludedIsTheStateNoTransitionLeaves) {
    const auto& def = matter_machine().definition();
    for (const auto& s : def.states) {
        const bool leaves = std::any_of(def.transitions.begin(), def.transitions.end(),
                                        [&](const workflow::Transition& t) { return t.from == s.name; });
        EXPECT_EQ(is_concluded(s.name), !leaves) << s.name;
    }
}

TEST(MatterTable, ValidAndDrawnAsCommitted) {
    workflow::MachineRegistry r;
    register_machines(r);
    EXPECT_NO_THROW(r.validate_all());
    workflow::testing::expect_committed_diagram_is_current(matter_machine());
}

}  // namespace
}  // namespace lecs::supervision
