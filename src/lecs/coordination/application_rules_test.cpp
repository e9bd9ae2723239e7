// Art 8 (and Art 6's prior negotiation): what a dispute application must say,
// item by item, with the item named in each refusal.
#include "lecs/coordination/application_rules.hpp"

#include <gtest/gtest.h>

namespace lecs::coordination {
namespace {

const Date kToday{2026, 11, 27};

Application complete() {
    Application a;
    a.letter_attachment_id = 5001;
    a.focus = "校外培训机构无证经营的查处职责归属";
    a.parties = {
        {101, "邢台市市场监督管理局", "应由教育部门依法查处", {{"《中华人民共和国民办教育促进法》", "第六十四条"}}},
        {102,
         "邢台市信都区教育局",
         "属无照经营，应由市场监管部门查处",
         {{"《无证无照经营查处办法》", "第五条"}, {"《无证无照经营查处办法》", "第六条"}}},
    };
    a.negotiation.date = Date{2026, 11, 20};
    a.negotiation.participants = "市市场监管局法规科王某、信都区教育局政策法规股李某";
    a.negotiation.outcome = "双方各执己见，未能达成一致";
    return a;
}

// The one problem of an application that lacks one thing.
Error only_problem(const Application& a) {
    auto ps = check_application(a, kToday);
    EXPECT_EQ(ps.size(), 1u);
    return ps.empty() ? Error{} : ps.front();
}

TEST(Art8Application, ACompleteApplicationHasNoProblem) { EXPECT_TRUE(check_application(complete(), kToday).empty()); }

TEST(Art8Application, OtherInformationIsOptional) {
    auto a = complete();
    a.other_info = "";
    EXPECT_TRUE(check_application(a, kToday).empty());
}

TEST(Art8Application, Item1TheOfficialLetterIsRequired) {
    auto a = complete();
    a.letter_attachment_id.reset();
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.letter_missing");
    EXPECT_EQ(e.field, "letter_attachment_id");
    EXPECT_EQ(e.message, "缺少行政执法机关提请协调的公函（第八条第一项）");
    EXPECT_EQ(e.basis, "《邢台市行政执法协调监督工作办法》第八条");
    a.letter_attachment_id = 0;
    EXPECT_EQ(only_problem(a).code, "dispute.letter_missing");
}

TEST(Art8Application, Item2TheDisputeFocusIsRequired) {
    auto a = complete();
    a.focus = " \t\xE3\x80\x80 ";  // spaces, ASCII and full-width, are no statement
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.focus_missing");
    EXPECT_EQ(e.field, "focus");
    EXPECT_EQ(e.message, "缺少行政执法职责争议焦点的情况说明（第八条第二项）");
}

TEST(Art8Application, Item3EachPartysPositionIsRequired) {
    auto a = complete();
    a.parties[1].position = "";
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.position_missing");
    EXPECT_EQ(e.field, "parties[1].position");
    EXPECT_EQ(e.message, "缺少争议一方「邢台市信都区教育局」的观点（第八条第三项）");
}

TEST(Art8Application, Item3EachPositionNeedsALegalBasis) {
    auto a = complete();
    a.parties[0].legal_basis.clear();
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.legal_basis_missing");
    EXPECT_EQ(e.field, "parties[0].legal_basis");
    EXPECT_EQ(e.message, "缺少「邢台市市场监督管理局」观点的相应法律、法规、规章依据（第八条第三项）");
}

TEST(Art8Application, Item3EachBasisNamesTheLaw) {
    auto a = complete();
    a.parties[1].legal_basis[1].law = "";
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.legal_basis_law_missing");
    EXPECT_EQ(e.field, "parties[1].legal_basis[1].law");
    EXPECT_EQ(e.message, "「邢台市信都区教育局」观点的第2项依据未写明法律、法规或规章的名称（第八条第三项）");
}

TEST(Art8Application, Item3EachBasisNamesTheArticle) {
    auto a = complete();
    a.parties[0].legal_basis[0].article = "";
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.legal_basis_article_missing");
    EXPECT_EQ(e.field, "parties[0].legal_basis[0].article");
    EXPECT_EQ(e.message,
              "「邢台市市场监督管理局」观点所依据的《中华人民共和国民办教育促进法》未写明具体条款（第八条第三项）");
}

TEST(Art8Application, Item3NeedsBothSides) {
    auto a = complete();
    a.parties.pop_back();
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.too_few_parties");
    EXPECT_EQ(e.field, "parties");
    EXPECT_EQ(e.message, "缺少争议另一方及其观点：职责争议须有两个以上当事方（第八条第三项）");
}

TEST(Art8Application, APartyWithoutANameIsCountedByPosition) {
    auto a = complete();
    a.parties[1].org_name = "";
    a.parties[1].position = "";
    EXPECT_EQ(only_problem(a).message, "缺少争议一方第2个当事方的观点（第八条第三项）");
}

TEST(Art6Negotiation, TheDateIsRequired) {
    auto a = complete();
    a.negotiation.date.reset();
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.negotiation_date_missing");
    EXPECT_EQ(e.field, "negotiation.date");
    EXPECT_EQ(e.message, "缺少协商不成的情况：协商日期（第六条第一款）");
    EXPECT_EQ(e.basis, "《邢台市行政执法协调监督工作办法》第六条");
}

TEST(Art6Negotiation, NegotiatingTodayIsAcceptedTomorrowIsNot) {
    auto a = complete();
    a.negotiation.date = kToday;
    EXPECT_TRUE(check_application(a, kToday).empty());
    a.negotiation.date = Date{2026, 11, 28};
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.negotiation_date_future");
    EXPECT_EQ(e.message, "协商日期2026年11月28日晚于今天，须先协商、协商不成后再申请（第六条第一款）");
}

TEST(Art6Negotiation, TheParticipantsAreRequired) {
    auto a = complete();
    a.negotiation.participants = "\n";
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.negotiation_participants_missing");
    EXPECT_EQ(e.field, "negotiation.participants");
    EXPECT_EQ(e.message, "缺少协商不成的情况：参加协商的人员（第六条第一款）");
}

TEST(Art6Negotiation, TheOutcomeIsRequired) {
    auto a = complete();
    a.negotiation.outcome = "";
    auto e = only_problem(a);
    EXPECT_EQ(e.code, "dispute.negotiation_outcome_missing");
    EXPECT_EQ(e.field, "negotiation.outcome");
    EXPECT_EQ(e.message, "缺少协商不成的情况：协商结果及未能达成一致的原因（第六条第一款）");
}

TEST(Art8Application, AnEmptyApplicationListsEveryProblemInFormOrder) {
    Application a;
    auto ps = check_application(a, kToday);
    std::vector<std::string> fields;
    for (const auto& p : ps) fields.push_back(p.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"letter_attachment_id", "focus", "parties", "negotiation.date",
                                                "negotiation.participants", "negotiation.outcome"}));
}

TEST(Art8Application, IncompleteFoldsTheProblemsIntoOneRefusal) {
    auto a = complete();
    a.focus.clear();
    a.negotiation.outcome.clear();
    auto e = incomplete(check_application(a, kToday));
    EXPECT_EQ(e.code, "dispute.incomplete");
    EXPECT_EQ(e.http_status, 400);
    EXPECT_EQ(e.field, "focus");
    EXPECT_EQ(e.message,
              "申请材料不齐全：缺少行政执法职责争议焦点的情况说明（第八条第二项）；"
              "缺少协商不成的情况：协商结果及未能达成一致的原因（第六条第一款）");
    EXPECT_EQ(e.basis, "《邢台市行政执法协调监督工作办法》第八条");
}

TEST(Art8Application, HasText) {
    EXPECT_FALSE(has_text(""));
    EXPECT_FALSE(has_text(" \r\n\t\xE3\x80\x80"));
    EXPECT_TRUE(has_text(" 说明 "));
    EXPECT_TRUE(has_text("a"));
}

}  // namespace
}  // namespace lecs::coordination
