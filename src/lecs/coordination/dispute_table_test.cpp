// The dispute lifecycle table (Art 6–8, issue 4 §3): every transition by its
// role, the guards (applicant, Art 8 completeness, competent department,
// same-level government, receipts), wrong states and wrong roles, the start-up
// check and the committed diagram.
#include "lecs/coordination/dispute_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "lecs/coordination/application_rules.hpp"
#include "lecs/workflow/diagram_golden.hpp"

namespace lecs::coordination {
namespace {

namespace st = dispute_state;
namespace ev = dispute_event;

constexpr int64_t kScjg = 101;          // applicant: 邢台市市场监督管理局
constexpr int64_t kXinduAgency = 102;   // respondent: 信都区农业农村局
constexpr int64_t kOutsider = 103;      // an agency that is no party
constexpr int64_t kCityJustice = 201;   // competent: 邢台市司法局
constexpr int64_t kXinduJustice = 202;  // another department
constexpr int64_t kCityGov = 301;       // 邢台市人民政府
constexpr int64_t kXinduGov = 302;      // 信都区人民政府

auth::Caller caller(const char* role, int64_t org) {
    auth::Caller c;
    c.user_id = 7;
    c.org_id = org;
    c.roles = {role};
    return c;
}

DisputeFacts facts() {
    DisputeFacts f;
    f.applicant_org_id = kScjg;
    f.party_org_ids = {kScjg, kXinduAgency};
    f.competent_org_id = kCityJustice;
    f.competent_government_id = kCityGov;
    f.all_receipts_recorded = true;
    return f;
}

Result<std::string> fire(std::string_view state, std::string_view event, const auth::Caller& who,
                         const DisputeFacts& f) {
    workflow::FireContext ctx;
    ctx.object_kind = "dispute";
    ctx.object_id = 1;
    ctx.data = &f;
    return dispute_machine().fire(state, event, who, ctx);
}

struct Step {
    std::string_view from, event;
    const char* role;
    int64_t org;
    std::string_view to;
};

TEST(DisputeTable, EveryTransitionByItsRole) {
    const Step steps[] = {
        {st::kDraft, ev::kUpdate, "agency_liaison", kScjg, st::kDraft},
        {st::kDraft, ev::kSubmit, "agency_liaison", kScjg, st::kUnderReview},
        {st::kUnderReview, ev::kAccept, "supervisor", kCityJustice, st::kCoordinating},
        {st::kUnderReview, ev::kAskSupplement, "supervisor", kCityJustice, st::kAwaitingSupplement},
        {st::kUnderReview, ev::kRefuse, "supervisor", kCityJustice, st::kRefused},
        {st::kUnderReview, ev::kWithdraw, "agency_liaison", kScjg, st::kWithdrawn},
        {st::kUnderReview, ev::kFilePosition, "agency_liaison", kXinduAgency, st::kUnderReview},
        {st::kAwaitingSupplement, ev::kSupplement, "agency_liaison", kScjg, st::kUnderReview},
        {st::kAwaitingSupplement, ev::kSupplementLapsed, "supervisor", kCityJustice, st::kWithdrawn},
        {st::kAwaitingSupplement, ev::kWithdraw, "agency_liaison", kScjg, st::kWithdrawn},
        {st::kCoordinating, ev::kFilePosition, "agency_liaison", kXinduAgency, st::kCoordinating},
        {st::kCoordinating, ev::kRecordMeeting, "supervisor", kCityJustice, st::kCoordinating},
        {st::kCoordinating, ev::kRecordConsultation, "supervisor", kCityJustice, st::kCoordinating},
        {st::kCoordinating, ev::kRecordExpertOpinion, "supervisor", kCityJustice, st::kCoordinating},
        {st::kCoordinating, ev::kRecordStatement, "supervisor", kCityJustice, st::kCoordinating},
        {st::kCoordinating, ev::kProposeOpinion, "supervisor", kCityJustice, st::kOpinionPending},
        {st::kCoordinating, ev::kReportToGovernment, "dept_leader", kCityJustice, st::kAwaitingGovernment},
        {st::kOpinionPending, ev::kApproveOpinion, "dept_leader", kCityJustice, st::kOpinionIssued},
        {st::kOpinionPending, ev::kReturnOpinion, "dept_leader", kCityJustice, st::kCoordinating},
        {st::kOpinionIssued, ev::kClose, "supervisor", kCityJustice, st::kClosed},
        {st::kAwaitingGovernment, ev::kDecide, "gov_leader", kCityGov, st::kClosed},
    };
    EXPECT_EQ(std::size(steps), dispute_machine().definition().transitions.size());
    const auto f = facts();
    for (const auto& s : steps) {
        auto r = fire(s.from, s.event, caller(s.role, s.org), f);
        ASSERT_TRUE(r.ok()) << s.from << " " << s.event << ": " << r.error().message;
        EXPECT_EQ(*r, s.to) << s.from << " " << s.event;
    }
}

TEST(DisputeTable, WhatEachRoleMayDoInEachState) {
    const auto& sm = dispute_machine();
    const std::vector<std::string> sup{"supervisor"}, liaison{"agency_liaison"}, leader{"dept_leader"},
        gov{"gov_leader"};
    EXPECT_EQ(sm.allowed_events(st::kUnderReview, sup),
              (std::vector<std::string>{"accept", "ask_supplement", "refuse"}));
    EXPECT_EQ(sm.allowed_events(st::kUnderReview, liaison), (std::vector<std::string>{"withdraw", "file_position"}));
    EXPECT_EQ(sm.allowed_events(st::kDraft, sup), std::vector<std::string>{});
    EXPECT_EQ(sm.allowed_events(st::kCoordinating, leader), std::vector<std::string>{"report_to_government"});
    EXPECT_EQ(sm.allowed_events(st::kAwaitingGovernment, gov), std::vector<std::string>{"decide"});
    // Refused, withdrawn and closed are terminal: nobody may do anything there.
    for (auto s : {st::kRefused, st::kWithdrawn, st::kClosed})
        for (const auto& roles : {sup, liaison, leader, gov}) EXPECT_TRUE(sm.allowed_events(s, roles).empty()) << s;
}

TEST(DisputeTable, WrongStateIsAConflictNamingTheStateAndTheAction) {
    auto r = fire(st::kDraft, ev::kAccept, caller("supervisor", kCityJustice), facts());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.wrong_state");
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(r.error().message, "当前状态「草稿」下不能执行「受理」");

    auto again = fire(st::kRefused, ev::kSupplement, caller("agency_liaison", kScjg), facts());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message, "当前状态「不予受理」下不能执行「补正」");
}

TEST(DisputeTable, WrongRoleIsForbidden) {
    // The applicant's liaison cannot accept its own application; a supervisor cannot approve the opinion.
    auto r = fire(st::kUnderReview, ev::kAccept, caller("agency_liaison", kScjg), facts());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(r.error().message, "您的角色不能执行「受理」");
    auto s = fire(st::kOpinionPending, ev::kApproveOpinion, caller("supervisor", kCityJustice), facts());
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "workflow.role_not_allowed");
}

TEST(DisputeTable, OnlyTheApplicantSubmitsAndSupplements) {
    for (auto [state, event] : {std::pair{st::kDraft, ev::kSubmit}, std::pair{st::kAwaitingSupplement, ev::kSupplement},
                                std::pair{st::kDraft, ev::kUpdate}, std::pair{st::kUnderReview, ev::kWithdraw}}) {
        auto r = fire(state, event, caller("agency_liaison", kXinduAgency), facts());
        ASSERT_FALSE(r.ok()) << event;
        EXPECT_EQ(r.error().code, "forbidden") << event;
        EXPECT_EQ(r.error().message, "只有申请机关的联络员可以办理本申请") << event;
    }
}

TEST(DisputeTable, SubmittingAnIncompleteApplicationNamesArt8) {
    auto f = facts();
    f.art8_problems = {
        Error::validation("dispute.letter_missing", "缺少行政执法机关提请协调的公函（第八条第一项）",
                          "letter_attachment_id"),
        Error::validation("dispute.focus_missing", "缺少行政执法职责争议焦点的情况说明（第八条第二项）", "focus")};
    for (auto [state, event] :
         {std::pair{st::kDraft, ev::kSubmit}, std::pair{st::kAwaitingSupplement, ev::kSupplement}}) {
        auto r = fire(state, event, caller("agency_liaison", kScjg), f);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "dispute.incomplete");
        EXPECT_EQ(r.error().field, "letter_attachment_id");
        EXPECT_EQ(r.error().message,
                  "申请材料不齐全：缺少行政执法机关提请协调的公函（第八条第一项）；"
                  "缺少行政执法职责争议焦点的情况说明（第八条第二项）");
        EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第八条");
    }
    // Updating a draft never needs it to be complete.
    EXPECT_TRUE(fire(st::kDraft, ev::kUpdate, caller("agency_liaison", kScjg), f).ok());
}

TEST(DisputeTable, OnlyTheCompetentDepartmentReviewsAndCoordinates) {
    for (auto event : {ev::kAccept, ev::kAskSupplement, ev::kRefuse}) {
        auto r = fire(st::kUnderReview, event, caller("supervisor", kXinduJustice), facts());
        ASSERT_FALSE(r.ok()) << event;
        EXPECT_EQ(r.error().http_status, 403);
        EXPECT_EQ(r.error().message, "只有负责协调本争议的行政执法协调监督部门可以办理");
        EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第七条");
    }
    auto leader = fire(st::kCoordinating, ev::kReportToGovernment, caller("dept_leader", kXinduJustice), facts());
    ASSERT_FALSE(leader.ok());
    EXPECT_EQ(leader.error().code, "forbidden");
    // Not routed yet (competent_org_id 0): nobody is competent.
    auto f = facts();
    f.competent_org_id = 0;
    EXPECT_FALSE(fire(st::kUnderReview, ev::kAccept, caller("supervisor", kCityJustice), f).ok());
}

TEST(DisputeTable, OnlyAPartyFilesAPosition) {
    auto r = fire(st::kUnderReview, ev::kFilePosition, caller("agency_liaison", kOutsider), facts());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "只有争议当事方的联络员可以提交书面意见");
    EXPECT_TRUE(fire(st::kUnderReview, ev::kFilePosition, caller("agency_liaison", kScjg), facts()).ok());
}

TEST(DisputeTable, OnlyTheSameLevelGovernmentDecides) {
    // A county dispute: 信都区司法局 is competent, 信都区人民政府 decides, not the city government (Art 6).
    auto f = facts();
    f.competent_org_id = kXinduJustice;
    f.competent_government_id = kXinduGov;
    auto city = fire(st::kAwaitingGovernment, ev::kDecide, caller("gov_leader", kCityGov), f);
    ASSERT_FALSE(city.ok());
    EXPECT_EQ(city.error().message, "只有本级人民政府可以对本争议作出决定");
    EXPECT_EQ(city.error().basis, "《邢台市行政执法协调监督工作办法》第六条");
    auto county = fire(st::kAwaitingGovernment, ev::kDecide, caller("gov_leader", kXinduGov), f);
    ASSERT_TRUE(county.ok());
    EXPECT_EQ(*county, st::kClosed);
}

TEST(DisputeTable, ClosingAfterAnOpinionNeedsEveryReceipt) {
    auto f = facts();
    f.all_receipts_recorded = false;
    auto r = fire(st::kOpinionIssued, ev::kClose, caller("supervisor", kCityJustice), f);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.receipts_pending");
    EXPECT_EQ(r.error().http_status, 409);
}

TEST(DisputeTable, AGuardWithoutFactsIsAProgrammingError) {
    EXPECT_THROW((void)dispute_machine().fire(st::kUnderReview, ev::kAccept, caller("supervisor", kCityJustice)),
                 std::logic_error);
}

TEST(DisputeTable, PassesTheStartUpCheckWhenRegistered) {
    workflow::MachineRegistry r;
    register_machines(r);
    ASSERT_EQ(r.machines().size(), 1u);
    EXPECT_EQ(r.find("dispute"), &dispute_machine());
    EXPECT_NO_THROW(r.validate_all());
}

TEST(DisputeTable, ABrokenTableFailsTheStartUpCheck) {
    workflow::Definition def = dispute_machine().definition();
    // A state nobody can reach.
    def.states.push_back({"archived", "已归档"});
    const workflow::StateMachine broken(def);
    try {
        broken.validate();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'dispute': state 'archived' is unreachable");
    }
}

TEST(DisputeTable, CommittedDiagramIsCurrent) {
    workflow::testing::expect_committed_diagram_is_current(dispute_machine());
}

}  // namespace
}  // namespace lecs::coordination

namespace lecs::coordination {
namespace {

// The register's 已结 is the table's terminal states, and nothing else.
TEST(DisputeTable, ConcludedStatesAreExactlyTheOnesNoTransitionLeaves) {
    const auto& def = dispute_machine().definition();
    for (const auto& st : def.states) {
        const bool leaves = std::any_of(def.transitions.begin(), def.transitions.end(),
                                        [&](const workflow::Transition& t) { return t.from == st.name; });
        EXPECT_EQ(is_concluded(st.name), !leaves) << st.name;
    }
    EXPECT_FALSE(is_concluded("no_such_state"));
}

}  // namespace
}  // namespace lecs::coordination
