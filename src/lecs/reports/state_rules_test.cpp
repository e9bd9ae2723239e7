// The submission table of statistical reports (Art 15, issue 7 §2): every (state, action, role)
// combination against an expectation written out here, the guards (own agency, valid figures,
// same-level or upper-level department, reasons with a return), Art 15 on every refusal, the
// start-up check and the committed diagram.
#include "lecs/reports/state_rules.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "lecs/workflow/diagram_golden.hpp"

namespace lecs::reports {
namespace {

namespace st = submission_state;
namespace ev = submission_event;

constexpr const char* kArt15 = "《邢台市行政执法协调监督工作办法》第十五条";

constexpr int64_t kXinduAgri = 102;     // 信都区农业农村局 (130503), the reporting agency
constexpr int64_t kNingjinScjg = 103;   // 宁晋县市场监督管理局 (130528), another agency
constexpr int64_t kXinduJustice = 202;  // 信都区司法局: the same-level department
constexpr int64_t kCityJustice = 201;   // 邢台市司法局: the upper-level department
constexpr int64_t kNingjinJustice = 203;

auth::Caller caller(const char* role, int64_t org, const char* region) {
    auth::Caller c;
    c.user_id = 7;
    c.org_id = org;
    c.org_region = region;
    c.roles = {role};
    return c;
}

SubmissionFacts facts(bool department = true) {
    SubmissionFacts f;
    f.agency_id = kXinduAgri;
    f.agency_region = "130503";
    f.caller_is_department = department;
    f.return_reasons = 1;
    return f;
}

// The caller each role is tried with: agency people of the reporting agency, department people of
// its same-level department, a government leader of 信都区.
auth::Caller in_place(const std::string& role) {
    if (role == "agency_liaison" || role == "agency_head") return caller(role.c_str(), kXinduAgri, "130503");
    if (role == "gov_leader") return caller(role.c_str(), 302, "130503");
    if (role == "room_supervisor") return caller(role.c_str(), 401, "130503101");
    return caller(role.c_str(), kXinduJustice, "130503");
}
bool is_department_role(const std::string& role) {
    return role == "supervisor" || role == "dept_leader" || role == "room_supervisor";
}

TEST(SubmissionTable, EveryStateActionAndRole) {
    using Key = std::pair<std::string_view, std::string_view>;
    // (state, action) → role → next state; written out, not read from the table.
    const std::map<Key, std::map<std::string, std::string_view>> allowed = {
        {{st::kDraft, ev::kSave}, {{"agency_liaison", st::kDraft}}},
        {{st::kDraft, ev::kSubmit}, {{"agency_liaison", st::kSubmitted}}},
        {{st::kSubmitted, ev::kReturn}, {{"supervisor", st::kReturned}, {"dept_leader", st::kReturned}}},
        {{st::kSubmitted, ev::kAccept}, {{"supervisor", st::kAccepted}, {"dept_leader", st::kAccepted}}},
        {{st::kReturned, ev::kSave}, {{"agency_liaison", st::kReturned}}},
        {{st::kReturned, ev::kResubmit}, {{"agency_liaison", st::kResubmitted}}},
        {{st::kResubmitted, ev::kReturn}, {{"supervisor", st::kReturned}, {"dept_leader", st::kReturned}}},
        {{st::kResubmitted, ev::kAccept}, {{"supervisor", st::kAccepted}, {"dept_leader", st::kAccepted}}},
    };
    const std::string_view states[] = {st::kDraft, st::kSubmitted, st::kReturned, st::kResubmitted, st::kAccepted};
    const std::string_view events[] = {ev::kSave, ev::kSubmit, ev::kReturn, ev::kResubmit, ev::kAccept};
    const std::string roles[] = {"agency_liaison",  "agency_head", "supervisor", "dept_leader",
                                 "room_supervisor", "gov_leader",  "sys_admin"};
    int ok = 0, wrong_state = 0, wrong_role = 0;
    for (auto s : states)
        for (auto e : events)
            for (const auto& role : roles) {
                SCOPED_TRACE(std::string(s) + " " + std::string(e) + " " + role);
                auto r = fire_submission(s, e, in_place(role), facts(is_department_role(role)));
                auto a = allowed.find({s, e});
                if (a != allowed.end() && a->second.count(role)) {
                    ASSERT_TRUE(r.ok()) << r.error().message;
                    EXPECT_EQ(*r, a->second.at(role));
                    ++ok;
                    continue;
                }
                ASSERT_FALSE(r.ok());
                EXPECT_EQ(r.error().basis, kArt15);
                if (a == allowed.end()) {
                    EXPECT_EQ(r.error().code, "workflow.wrong_state");
                    EXPECT_EQ(r.error().http_status, 409);
                    ++wrong_state;
                } else {
                    EXPECT_EQ(r.error().code, "workflow.role_not_allowed");
                    EXPECT_EQ(r.error().http_status, 403);
                    ++wrong_role;
                }
            }
    // 5 states × 5 actions × 7 roles: 12 allowed, 17 (state, action) pairs with no transition.
    EXPECT_EQ(ok, 12);
    EXPECT_EQ(wrong_state, 17 * 7);
    EXPECT_EQ(wrong_role, 8 * 7 - 12);
    EXPECT_EQ(submission_machine().definition().transitions.size(), 12u);
}

TEST(SubmissionTable, RefusalsSpeakChinese) {
    auto r = fire_submission(st::kAccepted, ev::kReturn, in_place("supervisor"), facts());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "当前状态「已接收」下不能执行「退回」");
    auto s = fire_submission(st::kDraft, ev::kSubmit, in_place("supervisor"), facts());
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().message, "您的角色不能执行「报送」");
    EXPECT_EQ(s.error().basis, kArt15);
}

TEST(SubmissionTable, WhatEachRoleMayDoInEachState) {
    const auto& sm = submission_machine();
    const std::vector<std::string> liaison{"agency_liaison"}, sup{"supervisor"};
    EXPECT_EQ(sm.allowed_events(st::kDraft, liaison), (std::vector<std::string>{"save", "submit"}));
    EXPECT_EQ(sm.allowed_events(st::kReturned, liaison), (std::vector<std::string>{"save", "resubmit"}));
    EXPECT_EQ(sm.allowed_events(st::kSubmitted, sup), (std::vector<std::string>{"return", "accept"}));
    EXPECT_EQ(sm.allowed_events(st::kResubmitted, sup), (std::vector<std::string>{"return", "accept"}));
    EXPECT_TRUE(sm.allowed_events(st::kSubmitted, liaison).empty());
    EXPECT_TRUE(sm.allowed_events(st::kAccepted, liaison).empty());
    EXPECT_TRUE(sm.allowed_events(st::kAccepted, sup).empty());
}

TEST(SubmissionTable, OnlyTheAgencyItselfFillsAndSubmits) {
    const auto other = caller("agency_liaison", kNingjinScjg, "130528");
    for (auto [state, event] : {std::pair{st::kDraft, ev::kSave}, std::pair{st::kDraft, ev::kSubmit},
                                std::pair{st::kReturned, ev::kSave}, std::pair{st::kReturned, ev::kResubmit}}) {
        auto r = fire_submission(state, event, other, facts(false));
        ASSERT_FALSE(r.ok()) << event;
        EXPECT_EQ(r.error().code, "forbidden");
        EXPECT_EQ(r.error().http_status, 403);
        EXPECT_EQ(r.error().message, "只有报送单位本机关的联络员可以填报本统计报表");
        EXPECT_EQ(r.error().basis, kArt15);
    }
}

TEST(SubmissionTable, FiguresThatFailValidationAreNotSubmitted) {
    auto f = facts(false);
    f.invalid_field = "P_FINE";
    f.invalid_message = "表“行政处罚”栏目“罚款”（P_FINE）：非负：不能为负数，填写的是-3";
    for (auto [state, event] : {std::pair{st::kDraft, ev::kSubmit}, std::pair{st::kReturned, ev::kResubmit}}) {
        auto r = fire_submission(state, event, in_place("agency_liaison"), f);
        ASSERT_FALSE(r.ok()) << event;
        EXPECT_EQ(r.error().code, "report.invalid");
        EXPECT_EQ(r.error().http_status, 400);
        EXPECT_EQ(r.error().field, "P_FINE");
        EXPECT_EQ(r.error().message,
                  "统计报表未通过校验，不能报送：表“行政处罚”栏目“罚款”（P_FINE）：非负：不能为负数，填写的是-3");
        EXPECT_EQ(r.error().basis, kArt15);
    }
    // A draft with bad figures may still be saved: validation runs in place, the draft keeps them.
    auto saved = fire_submission(st::kDraft, ev::kSave, in_place("agency_liaison"), f);
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(*saved, st::kDraft);
}

TEST(SubmissionTable, TheSameLevelAndTheUpperLevelDepartmentReceive) {
    // A county agency (信都区, 130503): 信都区司法局 and 邢台市司法局 may accept; 宁晋县司法局 may not.
    for (const auto& who :
         {caller("supervisor", kXinduJustice, "130503"), caller("dept_leader", kCityJustice, "130500")}) {
        auto r = fire_submission(st::kSubmitted, ev::kAccept, who, facts());
        ASSERT_TRUE(r.ok()) << who.org_region << ": " << r.error().message;
        EXPECT_EQ(*r, st::kAccepted);
    }
    auto other = fire_submission(st::kSubmitted, ev::kReturn, caller("supervisor", kNingjinJustice, "130528"), facts());
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, "forbidden");
    EXPECT_EQ(other.error().message, "只有报送单位的本级或上一级行政执法协调监督部门可以退回或接收本统计报表");
    EXPECT_EQ(other.error().basis, kArt15);

    // A city agency (130500): only the city department; a county department is below it.
    auto city = facts();
    city.agency_id = 101;
    city.agency_region = "130500";
    EXPECT_TRUE(
        fire_submission(st::kResubmitted, ev::kAccept, caller("supervisor", kCityJustice, "130500"), city).ok());
    EXPECT_FALSE(
        fire_submission(st::kResubmitted, ev::kAccept, caller("supervisor", kXinduJustice, "130503"), city).ok());

    // A township (李村镇, 130503101): the county department, not the city two levels up.
    auto town = facts();
    town.agency_id = 104;
    town.agency_region = "130503101";
    EXPECT_TRUE(fire_submission(st::kSubmitted, ev::kReturn, caller("supervisor", kXinduJustice, "130503"), town).ok());
    EXPECT_FALSE(fire_submission(st::kSubmitted, ev::kReturn, caller("supervisor", kCityJustice, "130500"), town).ok());
}

TEST(SubmissionTable, ASupervisorOutsideACoordinationDepartmentDoesNotReceive) {
    // The role alone is not enough: the caller's organisation must be a 行政执法协调监督部门.
    auto r = fire_submission(st::kSubmitted, ev::kAccept, caller("supervisor", kXinduAgri, "130503"), facts(false));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "forbidden");
    EXPECT_EQ(r.error().basis, kArt15);
}

TEST(SubmissionTable, AReturnNeedsAReason) {
    auto f = facts();
    f.return_reasons = 0;
    for (auto state : {st::kSubmitted, st::kResubmitted}) {
        auto r = fire_submission(state, ev::kReturn, in_place("supervisor"), f);
        ASSERT_FALSE(r.ok()) << state;
        EXPECT_EQ(r.error().code, "report.return_reason_missing");
        EXPECT_EQ(r.error().http_status, 400);
        EXPECT_EQ(r.error().field, "reasons");
        EXPECT_EQ(r.error().message, "退回统计报表须逐项写明需要更正的栏目和理由");
        EXPECT_EQ(r.error().basis, kArt15);
    }
    // The department check comes first: an outsider learns nothing about the reasons.
    auto outsider = fire_submission(st::kSubmitted, ev::kReturn, caller("supervisor", kNingjinJustice, "130528"), f);
    ASSERT_FALSE(outsider.ok());
    EXPECT_EQ(outsider.error().code, "forbidden");
}

TEST(SubmissionTable, ReceivingRegionsFollowArt15) {
    EXPECT_EQ(receiving_regions("130500"), std::vector<std::string>{"130500"});
    EXPECT_EQ(receiving_regions("130503"), (std::vector<std::string>{"130503", "130500"}));
    EXPECT_EQ(receiving_regions("130571"), (std::vector<std::string>{"130571", "130500"}));  // 开发区
    EXPECT_EQ(receiving_regions("130503101"), (std::vector<std::string>{"130503101", "130503"}));
    EXPECT_TRUE(receiving_regions("").empty());
    EXPECT_TRUE(receiving_regions("13050").empty());
    EXPECT_TRUE(receiving_regions("abcdef").empty());
}

TEST(SubmissionTable, StatesAndLabels) {
    EXPECT_EQ(state_label(st::kDraft), "草稿");
    EXPECT_EQ(state_label(st::kSubmitted), "已报送");
    EXPECT_EQ(state_label(st::kReturned), "已退回");
    EXPECT_EQ(state_label(st::kResubmitted), "已重新报送");
    EXPECT_EQ(state_label(st::kAccepted), "已接收");
    EXPECT_TRUE(is_state("accepted"));
    EXPECT_FALSE(is_state("published"));
    EXPECT_EQ(submission_machine().initial(), st::kDraft);
}

TEST(SubmissionTable, AGuardWithoutFactsIsAProgrammingError) {
    EXPECT_THROW((void)submission_machine().fire(st::kDraft, ev::kSave, in_place("agency_liaison")), std::logic_error);
}

TEST(SubmissionTable, PassesTheStartUpCheckWhenRegistered) {
    workflow::MachineRegistry r;
    register_machines(r);
    ASSERT_EQ(r.machines().size(), 1u);
    EXPECT_EQ(r.find("report_submission"), &submission_machine());
    EXPECT_NO_THROW(r.validate_all());
}

TEST(SubmissionTable, CommittedDiagramIsCurrent) {
    workflow::testing::expect_committed_diagram_is_current(submission_machine());
}

}  // namespace
}  // namespace lecs::reports
