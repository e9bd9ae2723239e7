// The template registry and the pure issuing rules (no database).
#include "lecs/docs/types.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lecs::docs {
namespace {

TEST(DocTypes, EveryTypeOfSection17WithItsIssuerKind) {
    const std::vector<std::tuple<std::string, std::string, IssuerKind, bool>> expected = {
        {"acceptance_notice", "受理通知书", IssuerKind::kDepartment, false},
        {"rejection_notice", "不予受理通知书", IssuerKind::kDepartment, false},
        {"supplement_notice", "补正通知书", IssuerKind::kDepartment, false},
        {"dispute_opinion", "行政执法争议协调处理意见书", IssuerKind::kDepartment, false},
        {"report_to_government", "呈报件", IssuerKind::kDepartment, true},
        {"supervision_notice", "行政执法监督通知书", IssuerKind::kDepartment, false},
        {"supervision_suggestion", "行政执法监督建议书", IssuerKind::kDepartment, false},
        {"interview_notice", "约谈通知书", IssuerKind::kDepartment, false},
        {"interview_record", "约谈记录", IssuerKind::kDepartment, true},
        {"rectification_notice", "整改通知书", IssuerKind::kDepartment, false},
        {"transfer_letter", "移送函", IssuerKind::kDepartment, false},
        {"circular", "通报", IssuerKind::kDepartment, false},
        {"supervision_opinion", "行政执法监督意见书", IssuerKind::kDepartment, false},
        {"supervision_decision", "行政执法监督决定书", IssuerKind::kGovernment, false},
        {"dispute_decision", "职责争议协调决定书", IssuerKind::kGovernment, false},
        {"commendation", "通报表扬", IssuerKind::kGovernment, false},
        {"social_supervisor_engagement", "社会监督员聘请决定", IssuerKind::kGovernment, false},
    };
    ASSERT_EQ(all_types().size(), expected.size());
    // The 意见书's fields are configuration (data/supervision-opinion-fields.csv), as shipped.
    const DocType* opinion = find_type("supervision_opinion");
    ASSERT_NE(opinion, nullptr);
    EXPECT_EQ(opinion->required_fields,
              (std::vector<std::string_view>{"target_org", "problem", "opinion", "reply_deadline"}));
    EXPECT_EQ(opinion->field_labels.front(), "被监督单位");
    std::set<std::string> abbreviations;
    for (const auto& [code, name, issuer, internal] : expected) {
        const DocType* t = find_type(code);
        ASSERT_NE(t, nullptr) << code;
        EXPECT_EQ(t->name, name);
        EXPECT_EQ(t->issuer, issuer) << code;
        EXPECT_EQ(t->internal, internal) << code;
        EXPECT_EQ(t->required_fields.size(), t->field_labels.size()) << code;
        abbreviations.insert(std::string(t->abbreviation));
    }
    EXPECT_EQ(abbreviations.size(), expected.size());  // distinct 文号 per type
    EXPECT_EQ(find_type("nonsense"), nullptr);
}

TEST(DocTypes, NumberTextAndDefaultPrefix) {
    EXPECT_EQ(number_text("邢执监通", 2026, 3), "邢执监通〔2026〕3号");
    EXPECT_EQ(number_text("邢政监决", 2027, 12), "邢政监决〔2027〕12号");
    EXPECT_EQ(default_prefix("邢台市司法局", *find_type("supervision_notice")), "邢执监通");
    EXPECT_EQ(default_prefix("邢台市人民政府", *find_type("supervision_decision")), "邢政监决");
    EXPECT_EQ(default_prefix("宁晋县司法局", *find_type("interview_notice")), "宁执监约");
}

OrgFacts justice() { return OrgFacts{2, "邢台市司法局", "supervision_dept", "130500", 1}; }
OrgFacts government() { return OrgFacts{1, "邢台市人民政府", "government", "130500", std::nullopt}; }

auth::Caller who(int64_t org, const char* role) {
    auth::Caller c;
    c.user_id = 5;
    c.org_id = org;
    c.roles = {role};
    return c;
}

TEST(DocTypes, DepartmentTypeIssuedByThatDepartmentsLeader) {
    const DocType& t = *find_type("supervision_notice");
    EXPECT_TRUE(check_issue(t, justice(), who(2, "dept_leader")).ok());
    auto sup = check_issue(t, justice(), who(2, "supervisor"));
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().http_status, 403);
    EXPECT_EQ(sup.error().message, "行政执法监督通知书应由本部门负责人签发");
    EXPECT_EQ(sup.error().basis, "《邢台市行政执法协调监督工作办法》第十四条");
    EXPECT_FALSE(check_issue(t, justice(), who(3, "dept_leader")).ok());  // another department's leader
    EXPECT_FALSE(check_issue(t, government(), who(1, "gov_leader")).ok());
}

TEST(DocTypes, GovernmentTypeIssuedOnlyByThatGovernmentsLeader) {
    const DocType& t = *find_type("supervision_decision");
    EXPECT_TRUE(check_issue(t, government(), who(1, "gov_leader")).ok());
    auto dept = check_issue(t, government(), who(2, "dept_leader"));
    ASSERT_FALSE(dept.ok());
    EXPECT_EQ(dept.error().http_status, 403);
    EXPECT_EQ(dept.error().basis, "《邢台市行政执法协调监督工作办法》第十四条");
    auto in_dept_name = check_issue(t, justice(), who(2, "dept_leader"));
    ASSERT_FALSE(in_dept_name.ok());
    EXPECT_EQ(in_dept_name.error().message, "行政执法监督决定书应由本级人民政府作出");
    EXPECT_FALSE(check_issue(t, government(), who(7, "gov_leader")).ok());  // another government's leader
    auto commend = check_issue(*find_type("commendation"), government(), who(2, "dept_leader"));
    EXPECT_EQ(commend.error().basis, "《邢台市行政执法协调监督工作办法》第二十六条");
}

TEST(DocTypes, DraftingRules) {
    const DocType& notice = *find_type("supervision_notice");
    const DocType& decision = *find_type("supervision_decision");
    EXPECT_TRUE(check_draft(notice, justice(), justice(), who(2, "supervisor")).ok());
    EXPECT_FALSE(check_draft(notice, justice(), justice(), who(2, "agency_liaison")).ok());
    OrgFacts other{3, "邢台市信都区司法局", "supervision_dept", "130503", 4};
    EXPECT_FALSE(check_draft(notice, justice(), other, who(3, "supervisor")).ok());
    // The department prepares its own government's decision, not another government's.
    EXPECT_TRUE(check_draft(decision, government(), justice(), who(2, "supervisor")).ok());
    EXPECT_FALSE(check_draft(decision, government(), other, who(3, "supervisor")).ok());
}

TEST(DocTypes, RequiredFields) {
    const DocType& t = *find_type("interview_notice");
    EXPECT_TRUE(check_fields(t, {{"interviewee", "张三"},
                                 {"interview_time", "2026-12-01 09:00"},
                                 {"interview_place", "市司法局三楼会议室"}})
                    .ok());
    auto missing = check_fields(t, {{"interviewee", "张三"}, {"interview_time", ""}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "fields.interview_time");
    EXPECT_EQ(missing.error().message, "「约谈时间」不能为空");
}

}  // namespace
}  // namespace lecs::docs
