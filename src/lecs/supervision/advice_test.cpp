// 《行政执法监督建议书》 (Art 15) and guidance requests (Art 18) on both databases: who drafts, issues,
// answers and asks, what each sees, and that every refusal writes nothing.
#include "lecs/supervision/advice.hpp"

#include <gtest/gtest.h>

#include "lecs/supervision/supervision_test_fixture.hpp"

namespace lecs::supervision {
namespace {

using namespace lecs::supervision::testing;

class AdviceTest : public SupervisionFixture {
  protected:
    void SetUp() override {
        SupervisionFixture::SetUp();
        advice_ = std::make_unique<AdviceService>(*audit_, *docs_, *workflow_);
    }
    void TearDown() override {
        advice_.reset();
        SupervisionFixture::TearDown();
    }
    // Everything a refused call must leave as it was.
    std::string counts() {
        return database().read([&](db::Tx& t) {
            std::string out;
            for (const char* table : {"supervision_suggestions", "supervision_guidance", "documents", "deliveries",
                                      "todos", "audit_log", "doc_numbers"})
                out += std::string(table) + "=" +
                       std::to_string(t.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0)) + " ";
            for (const auto& r : t.query("SELECT status, version FROM supervision_suggestions ORDER BY id"))
                out += r.str(0) + "/" + std::to_string(r.i64(1)) + " ";
            for (const auto& r : t.query("SELECT status, version FROM supervision_guidance ORDER BY id"))
                out += r.str(0) + "/" + std::to_string(r.i64(1)) + " ";
            return out;
        });
    }
    SuggestionInput suggestion(int64_t target = kScjg) {
        return SuggestionInput{target,
                               std::nullopt,
                               "行政处罚裁量基准的适用",
                               {"经分析，部分处罚决定未说明裁量理由。", "建议完善裁量说明。"}};
    }
    std::unique_ptr<AdviceService> advice_;
};

TEST_P(AdviceTest, ASuggestionIsDraftedIssuedByTheLeaderDeliveredAndAnswered) {
    auto drafted = tx([&](db::Tx& t) { return advice_->draft_suggestion(t, city_sup(), suggestion(), kNov27); });
    ASSERT_TRUE(drafted.ok()) << drafted.error().message;
    const Suggestion s = drafted.value();
    EXPECT_EQ(s.status, "drafted");
    auto doc = document(s.document_id);
    EXPECT_EQ(doc.doc_type, "supervision_suggestion");
    EXPECT_EQ(doc.issuer_org_id, kCityJustice);
    EXPECT_NE(doc.body[1].find("第十五条"), std::string::npos) << doc.body[1];
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "suggestion", s.id, "issue"));
    // The draft is the department's own.
    EXPECT_EQ(database()
                  .read([&](db::Tx& t) { return advice_->get_suggestion(t, scjg_liaison(), s.id); })
                  .error()
                  .http_status,
              404);

    const std::string before = counts();
    auto by_sup = advice_->issue_suggestion(database(), city_sup(), s.id, 1, kDec1);
    ASSERT_FALSE(by_sup.ok());
    EXPECT_EQ(by_sup.error().http_status, 403);
    EXPECT_EQ(advice_->issue_suggestion(database(), city_leader(), s.id, 2, kDec1).error().code, "version_conflict");
    EXPECT_EQ(advice_->issue_suggestion(database(), xindu_leader(), s.id, 1, kDec1).error().http_status, 404);
    EXPECT_EQ(counts(), before);

    auto issued = advice_->issue_suggestion(database(), city_leader(), s.id, 1, kDec1);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(issued->status, "issued");
    EXPECT_EQ(document(s.document_id).status, "issued");
    auto deliveries = database().read([&](db::Tx& t) { return docs_->deliveries(t, s.document_id); });
    ASSERT_EQ(deliveries.size(), 1u);
    EXPECT_EQ(deliveries[0].recipient_org_id, kScjg);
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "suggestion", s.id, "issue"));
    EXPECT_TRUE(has_todo(todos_of(scjg_liaison()), "suggestion", s.id, "respond"));
    EXPECT_EQ(advice_->issue_suggestion(database(), city_leader(), s.id, 2, kDec1).error().code,
              "workflow.wrong_state");

    const std::string issued_state = counts();
    auto respond = [&](const auth::Caller& who, const std::string& text, int64_t version) {
        return tx([&](db::Tx& t) { return advice_->respond(t, who, s.id, text, version, kDec1); });
    };
    EXPECT_EQ(respond(city_sup(), "已采纳", 2).error().http_status, 403);
    EXPECT_EQ(respond(scjg_liaison(), " ", 2).error().field, "response");
    EXPECT_EQ(respond(scjg_liaison(), "已采纳", 1).error().code, "version_conflict");
    EXPECT_EQ(counts(), issued_state);
    auto answered = respond(scjg_liaison(), "已采纳，完善了裁量说明模板。", 2);
    ASSERT_TRUE(answered.ok()) << answered.error().message;
    EXPECT_EQ(answered->status, "responded");
    EXPECT_EQ(answered->response, "已采纳，完善了裁量说明模板。");
    EXPECT_FALSE(has_todo(todos_of(scjg_liaison()), "suggestion", s.id, "respond"));
    EXPECT_EQ(respond(scjg_liaison(), "再次", 3).error().code, "workflow.wrong_state");
    EXPECT_EQ(audits("suggestion.responded"), 1);

    // Who sees it: the department and the agency; another county does not.
    auto listed = [&](const auth::Caller& who) {
        return database().read([&](db::Tx& t) { return advice_->list_suggestions(t, who); }).size();
    };
    EXPECT_EQ(listed(city_leader()), 1u);
    EXPECT_EQ(listed(scjg_liaison()), 1u);
    EXPECT_EQ(listed(xindu_sup()), 0u);
}

TEST_P(AdviceTest, ASuggestionNeedsADepartmentInChargeOfTheTargetAndItsContents) {
    const std::string before = counts();
    auto draft = [&](const auth::Caller& who, const SuggestionInput& in) {
        return tx([&](db::Tx& t) { return advice_->draft_suggestion(t, who, in, kNov27); });
    };
    EXPECT_EQ(draft(scjg_liaison(), suggestion()).error().http_status, 403);
    auto county = draft(ningjin_sup(), suggestion());  // a city agency is not 宁晋县's to advise
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 403);
    EXPECT_EQ(draft(city_sup(), suggestion(kCityJustice)).error().field, "target_org_id");
    auto no_subject = suggestion();
    no_subject.subject = "";
    EXPECT_EQ(draft(city_sup(), no_subject).error().field, "subject");
    auto no_body = suggestion();
    no_body.body = {" "};
    EXPECT_EQ(draft(city_sup(), no_body).error().field, "body");
    auto foreign_matter = suggestion();
    foreign_matter.matter_id = 424242;
    EXPECT_EQ(draft(city_sup(), foreign_matter).error().field, "matter_id");
    EXPECT_EQ(counts(), before);
    // The city may advise a county agency (Art 3 ¶2: its region includes the counties').
    EXPECT_TRUE(draft(city_sup(), suggestion(kXinduAgri)).ok());
}

TEST_P(AdviceTest, ACountyDepartmentAsksTheCityForGuidanceWhichAnswers) {
    const std::string before = counts();
    auto ask = [&](const auth::Caller& who, const std::string& q) {
        return tx([&](db::Tx& t) { return advice_->ask_guidance(t, who, q, std::nullopt, kNov27); });
    };
    EXPECT_EQ(ask(city_sup(), "请示").error().http_status, 403);  // the city has no upper department here
    EXPECT_EQ(ask(scjg_liaison(), "请示").error().http_status, 403);
    EXPECT_EQ(ask(xindu_sup(), "").error().field, "question");
    EXPECT_EQ(counts(), before);
    auto asked = ask(xindu_sup(), "乡镇综合行政执法队的案卷评查是否适用本市标准？");
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    EXPECT_EQ(asked->to_org_id, kCityJustice);
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "guidance", asked->id, "answer"));
    EXPECT_EQ(database()
                  .read([&](db::Tx& t) { return advice_->get_guidance(t, ningjin_sup(), asked->id); })
                  .error()
                  .http_status,
              404);

    const std::string open = counts();
    auto answer = [&](const auth::Caller& who, const std::string& a, int64_t version) {
        return tx([&](db::Tx& t) { return advice_->answer_guidance(t, who, asked->id, a, version, kDec1); });
    };
    EXPECT_EQ(answer(xindu_sup(), "自答", 1).error().http_status, 403);
    EXPECT_EQ(answer(city_sup(), "适用", 2).error().code, "version_conflict");
    EXPECT_EQ(answer(city_sup(), "", 1).error().field, "answer");
    EXPECT_EQ(counts(), open);
    auto answered = answer(city_sup(), "适用，按本市标准评查。", 1);
    ASSERT_TRUE(answered.ok()) << answered.error().message;
    EXPECT_EQ(answered->status, "answered");
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "guidance", asked->id, "answer"));
    EXPECT_EQ(answer(city_sup(), "再答", 2).error().code, "workflow.wrong_state");
    EXPECT_EQ(database().read([&](db::Tx& t) { return advice_->get_guidance(t, xindu_sup(), asked->id); })->answer,
              "适用，按本市标准评查。");
}

INSTANTIATE_TEST_SUITE_P(Db, AdviceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::supervision
