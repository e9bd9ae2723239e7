// Disputes after the review, below the API (Art 6–8, REQUIREMENTS §4, §17,
// §18, issue 4): the review's notices as documents with their to-dos, withdrawal
// and 逾期未补正, the parties' positions, the coordination records, the opinion
// path (proposed, returned, approved = issued and delivered, receipts, closed)
// and the government path (呈报件 to the same-level government, its decision),
// with the two stories of issue 4 end to end. Wrong state, wrong role, other
// region and stale version are refused and write nothing. Every test runs on
// SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "lecs/base/id.hpp"
#include "lecs/coordination/dispute_test_fixture.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/files/service.hpp"

// The dispute tests issue documents (PDF): as in docs/render_test.cpp, cairo
// 1.16 leaks per PDF that shows text and fontconfig keeps its caches until
// exit; the stacks are not symbolised, so the libraries are named.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

namespace lecs::coordination {
namespace {

using namespace lecs::coordination::testing;

class DisputeOutcomeTest : public DisputeFixture {
  protected:
    // Everything a refused call must leave as it was.
    std::string snapshot(int64_t id) {
        return database().read([&](db::Tx& tx) {
            std::string out;
            auto d = store::find_dispute(tx, id);
            out += d ? d->status + "/v" + std::to_string(d->version) : std::string("none");
            for (const char* table : {"dispute_events", "audit_log", "documents", "todos", "dispute_records",
                                      "deliveries", "dispute_documents", "dispute_decisions", "doc_numbers"})
                out += std::string(" ") + table + "=" +
                       std::to_string(tx.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0));
            out += " open_deadlines=" +
                   std::to_string(tx.query_one("SELECT COUNT(*) FROM deadlines WHERE status = 'open'")->i64(0));
            out += " done_todos=" +
                   std::to_string(tx.query_one("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL")->i64(0));
            if (d)
                for (const auto& p : d->parties) out += " " + p.position;
            return out;
        });
    }

    template <class F>
    auto tx(F&& f) {
        return database().write([&](db::Tx& t) { return f(t); });
    }
    void expect_ok(const Result<Dispute>& r, const char* what) {
        if (!r.ok()) ADD_FAILURE() << what << ": " << r.error().code << " " << r.error().message;
    }
    // Accepted by the competent supervisor: coordinating, version 3.
    Dispute accepted(const auth::Caller& applicant, int64_t other, const auth::Caller& sup) {
        Dispute d = filed(applicant, other);
        auto r = tx([&](db::Tx& t) { return svc_->accept(t, sup, d.id, d.version, kNov27); });
        expect_ok(r, "accept");
        return r.ok() ? r.value() : Dispute{};
    }
    std::vector<DisputeDocument> docs_of(int64_t id) {
        return database().read([&](db::Tx& t) { return store::documents_of(t, id); });
    }
    docs::Document document(int64_t doc_id) {
        return *database().read([&](db::Tx& t) { return docs::store::find_document(t, doc_id); });
    }
    std::vector<workflow::Todo> todos_of(const auth::Caller& who) {
        return database().read([&](db::Tx& t) { return workflow_->todos(t, who, kNov27); });
    }
    static bool has_todo(const std::vector<workflow::Todo>& ts, const std::string& kind, int64_t object_id,
                         const std::string& action) {
        return std::any_of(ts.begin(), ts.end(), [&](const workflow::Todo& t) {
            return t.input.object_kind == kind && t.input.object_id == object_id && t.input.action == action;
        });
    }
    static std::string field(const docs::Document& d, const std::string& name) {
        for (const auto& [k, v] : d.fields)
            if (k == name) return v;
        return {};
    }
    static MeetingInput meeting() {
        return MeetingInput{
            kNov27 + 2 * 3600000, "邢台市司法局第三会议室", "市市场监管局、信都区农业农村局法制科负责人",
            "各方就活禽检疫证明查验职责交换意见，同意由农业农村部门负责产地检疫、市场监管部门负责入市查验。",
            std::nullopt};
    }
};

// --- the 公函 (issue 4 §1, §4) ---

TEST_P(DisputeOutcomeTest, EveryPartyAndTheCompetentDepartmentDownloadTheBoundLetterAndNoOneElse) {
    files::FileService files(*audit_, files::FileServiceOptions{dir_ / "attachments", 1 << 20});
    svc_->set_files(files);
    const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    auto up = files.upload(database(), scjg_liaison(), pdf, "关于协调活禽查验职责的函.pdf", kNov27);
    ASSERT_TRUE(up.ok()) << up.error().message;
    auto in = application(kScjg, kXinduAgri);
    in.letter_attachment_id = up->id;
    Dispute d = draft_ok(scjg_liaison(), in);
    // A draft's letter is not served here: it is the applicant's own upload until filed.
    auto early = database().read([&](db::Tx& t) { return svc_->letter(t, scjg_liaison(), d.id); });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "dispute.no_letter");
    ASSERT_TRUE(submit(scjg_liaison(), d.id, d.version).ok());
    for (const auto& who : {scjg_liaison(), xindu_agri_liaison(), city_sup()}) {
        auto l = database().read([&](db::Tx& t) { return svc_->letter(t, who, d.id); });
        ASSERT_TRUE(l.ok()) << who.username << " " << l.error().message;
        EXPECT_EQ(l->bytes, pdf);
        EXPECT_EQ(l->media_type, "application/pdf");
        EXPECT_EQ(l->file_name, "关于协调活禽查验职责的函.pdf");
    }
    for (const auto& who : {ningjin_sup(), ningjin_scjg_liaison()}) {
        auto l = database().read([&](db::Tx& t) { return svc_->letter(t, who, d.id); });
        ASSERT_FALSE(l.ok());
        EXPECT_EQ(l.error().http_status, 404);
        EXPECT_EQ(l.error().code, "not_found");
    }
}

// --- the review's notices (issue 4 §3.2) ---

TEST_P(DisputeOutcomeTest, AcceptDraftsTheAcceptanceNoticeForTheLeaderToIssue) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    auto linked = docs_of(d.id);
    ASSERT_EQ(linked.size(), 1u);
    EXPECT_EQ(linked[0].purpose, "acceptance_notice");
    EXPECT_EQ(linked[0].status, "draft");
    auto doc = document(linked[0].document_id);
    EXPECT_EQ(doc.doc_type, "acceptance_notice");
    EXPECT_EQ(doc.issuer_org_id, kCityJustice);
    ASSERT_EQ(doc.recipients.size(), 1u);
    EXPECT_EQ(doc.recipients[0].org_id, kScjg);
    EXPECT_EQ(field(doc, "applicant"), "邢台市市场监督管理局");
    EXPECT_EQ(field(doc, "matter"), application(kScjg, kXinduAgri).focus);
    auto events = database().read([&](db::Tx& t) { return store::list_events(t, d.id); });
    EXPECT_NE(events.back().payload_json.find(id_to_string(doc.id)), std::string::npos);

    // The dept_leader has it to sign; the supervisor does not.
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "document", doc.id, "issue"));
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "document", doc.id, "issue"));
    // Issuing it (the documents UI) completes the to-do in the issue's own Tx.
    auto issued = docs_->issue(city_leader(), doc.id, kNov27);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "document", doc.id, "issue"));
    EXPECT_EQ(docs_of(d.id)[0].status, "issued");
    EXPECT_TRUE(docs_of(d.id)[0].number_text.has_value());
}

TEST_P(DisputeOutcomeTest, RefuseAndSupplementDraftTheirNotices) {
    Dispute a = filed(scjg_liaison(), kXinduAgri);
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->refuse(t, city_sup(), a.id, refusal::kNotNegotiated, "未提供协商记录", 2, kNov27);
                }).ok());
    auto ra = docs_of(a.id);
    ASSERT_EQ(ra.size(), 1u);
    EXPECT_EQ(ra[0].purpose, "rejection_notice");
    EXPECT_EQ(field(document(ra[0].document_id), "reason"), "未经协商：未提供协商记录");

    Dispute b = filed(ningjin_scjg_liaison(), kNingjinEdu);
    ASSERT_TRUE(
        tx([&](db::Tx& t) { return svc_->ask_supplement(t, ningjin_sup(), b.id, "请补充公函原件", 2, kNov27); }).ok());
    auto rb = docs_of(b.id);
    ASSERT_EQ(rb.size(), 1u);
    EXPECT_EQ(rb[0].purpose, "supplement_notice");
    auto doc = document(rb[0].document_id);
    EXPECT_EQ(doc.issuer_org_id, kNingjinJustice);
    EXPECT_EQ(field(doc, "missing_items"), "请补充公函原件");
    EXPECT_EQ(field(doc, "applicant"), "宁晋县市场监督管理局");
    // The county's leader signs the county's notice, not the city's.
    EXPECT_TRUE(has_todo(todos_of(ningjin_leader()), "document", doc.id, "issue"));
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "document", doc.id, "issue"));
}

TEST_P(DisputeOutcomeTest, TheReviewAndTheSupplementAreOnTheToDoListsOfThoseWhoMustAct) {
    Dispute d = filed(scjg_liaison(), kXinduAgri);
    auto review = todos_of(city_sup());
    ASSERT_TRUE(has_todo(review, "dispute", d.id, "accept"));
    EXPECT_EQ(review[0].due_date, deadline(*d.review_deadline_id).deadline.due_date);
    EXPECT_FALSE(has_todo(todos_of(xindu_sup()), "dispute", d.id, "accept"));  // not the competent department

    ASSERT_TRUE(
        tx([&](db::Tx& t) { return svc_->ask_supplement(t, city_sup(), d.id, "请补充公函原件", 2, kNov27); }).ok());
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "dispute", d.id, "accept"));
    EXPECT_TRUE(has_todo(todos_of(scjg_liaison()), "dispute", d.id, "supplement"));
    EXPECT_FALSE(has_todo(todos_of(xindu_agri_liaison()), "dispute", d.id, "supplement"));

    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->supplement(t, scjg_liaison(), d.id, application(kScjg, kXinduAgri), "已补充", 3,
                                            kDec1);
                }).ok());
    EXPECT_FALSE(has_todo(todos_of(scjg_liaison()), "dispute", d.id, "supplement"));
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "dispute", d.id, "accept"));

    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->accept(t, city_sup(), d.id, 4, kDec1); }).ok());
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "dispute", d.id, "accept"));
}

// --- withdrawal ---

TEST_P(DisputeOutcomeTest, TheApplicantWithdrawsAndEveryOpenDeadlineIsCancelled) {
    Dispute d = filed(scjg_liaison(), kXinduAgri);
    const std::string before = snapshot(d.id);
    // Another party, a supervisor, another region's staff, a stale version: refused, nothing written.
    auto other_party = tx([&](db::Tx& t) { return svc_->withdraw(t, xindu_agri_liaison(), d.id, "", 2, kNov27); });
    ASSERT_FALSE(other_party.ok());
    EXPECT_EQ(other_party.error().http_status, 403);
    auto sup = tx([&](db::Tx& t) { return svc_->withdraw(t, city_sup(), d.id, "", 2, kNov27); });
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto stranger = tx([&](db::Tx& t) { return svc_->withdraw(t, ningjin_scjg_liaison(), d.id, "", 2, kNov27); });
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->withdraw(t, scjg_liaison(), d.id, "", 1, kNov27); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), before);

    auto r = tx([&](db::Tx& t) { return svc_->withdraw(t, scjg_liaison(), d.id, "双方已自行协商一致", 2, kDec1); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "withdrawn");
    EXPECT_EQ(r->version, 3);
    EXPECT_EQ(deadline(*r->review_deadline_id).deadline.status, "cancelled");
    EXPECT_EQ(deadline(*r->parties[1].position_deadline_id).deadline.status, "cancelled");
    EXPECT_EQ(event_kinds(d.id).back(), "withdrawn");
    EXPECT_EQ(audits("dispute.withdrawn"), 1);

    // Terminal: no second withdrawal.
    auto again = tx([&](db::Tx& t) { return svc_->withdraw(t, scjg_liaison(), d.id, "", 3, kDec1); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
}

TEST_P(DisputeOutcomeTest, AnUnansweredSupplementIsTreatedAsWithdrawnOnlyOnceOverdue) {
    Dispute d = filed(scjg_liaison(), kXinduAgri);
    auto asked = tx([&](db::Tx& t) { return svc_->ask_supplement(t, city_sup(), d.id, "请补充公函原件", 2, kNov27); });
    ASSERT_TRUE(asked.ok());
    const Date due = deadline(*asked->supplement_deadline_id).deadline.due_date;
    EXPECT_EQ(due, (Date{2026, 12, 2}));  // 3 working days from Friday 27 November

    const std::string before = snapshot(d.id);
    auto early = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, city_sup(), d.id, 3, kDec1); });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "dispute.supplement_not_overdue");
    EXPECT_EQ(early.error().http_status, 409);
    auto liaison = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, scjg_liaison(), d.id, 3, kDec3); });
    ASSERT_FALSE(liaison.ok());
    EXPECT_EQ(liaison.error().code, "workflow.role_not_allowed");
    auto county = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, xindu_sup(), d.id, 3, kDec3); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, city_sup(), d.id, 2, kDec3); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), before);

    auto r = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, city_sup(), d.id, 3, kDec3); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "withdrawn");
    EXPECT_EQ(deadline(*r->supplement_deadline_id, kDec3).deadline.status, "cancelled");
    EXPECT_EQ(deadline(*r->review_deadline_id, kDec3).deadline.status, "cancelled");
    EXPECT_EQ(event_kinds(d.id).back(), "supplement_lapsed");

    // Not from under_review: there is no 补正 to lapse.
    Dispute e = filed(ningjin_scjg_liaison(), kNingjinEdu);
    auto wrong = tx([&](db::Tx& t) { return svc_->treat_as_withdrawn(t, ningjin_sup(), e.id, 2, kDec3); });
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "workflow.wrong_state");
}

// --- the parties' written positions ---

TEST_P(DisputeOutcomeTest, ARespondentFilesItsPositionAndMeetsItsDeadline) {
    Dispute d = filed(scjg_liaison(), kXinduAgri);
    PositionInput in{"产地检疫属农业农村部门职责，入市查验属市场监管部门职责",
                     {{"《中华人民共和国动物防疫法》", "第四十九条"}}};
    const std::string before = snapshot(d.id);
    auto sup = tx([&](db::Tx& t) { return svc_->file_position(t, city_sup(), d.id, in, 2, kDec1); });
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto stranger = tx([&](db::Tx& t) { return svc_->file_position(t, ningjin_edu_liaison(), d.id, in, 2, kDec1); });
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->file_position(t, xindu_agri_liaison(), d.id, in, 1, kDec1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    PositionInput no_basis{"观点", {}};
    auto missing =
        tx([&](db::Tx& t) { return svc_->file_position(t, xindu_agri_liaison(), d.id, no_basis, 2, kDec1); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "legal_basis");
    EXPECT_EQ(snapshot(d.id), before);

    auto r = tx([&](db::Tx& t) { return svc_->file_position(t, xindu_agri_liaison(), d.id, in, 2, kDec1); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "under_review");
    auto s = stored(d.id);
    EXPECT_EQ(s->parties[1].position, in.position);
    ASSERT_EQ(s->parties[1].legal_basis.size(), 1u);
    EXPECT_EQ(s->parties[1].legal_basis[0].article, "第四十九条");
    auto pos = deadline(*s->parties[1].position_deadline_id, kDec1);
    EXPECT_EQ(pos.deadline.status, "met");
    EXPECT_EQ(pos.deadline.met_on, (Date{2026, 12, 1}));
    EXPECT_EQ(event_kinds(d.id).back(), "position_filed");

    // While coordinating too; not once refused.
    Dispute c = accepted(ningjin_scjg_liaison(), kNingjinEdu, ningjin_sup());
    EXPECT_TRUE(tx([&](db::Tx& t) { return svc_->file_position(t, ningjin_edu_liaison(), c.id, in, 3, kDec1); }).ok());
    Dispute x = filed(ningjin_edu_liaison(), kNingjinScjg);
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->refuse(t, ningjin_sup(), x.id, refusal::kNotCompetent, "不属于本部门管辖", 2, kNov27);
                }).ok());
    auto refused = tx([&](db::Tx& t) { return svc_->file_position(t, ningjin_scjg_liaison(), x.id, in, 3, kDec1); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "workflow.wrong_state");
}

// --- coordination records ---

TEST_P(DisputeOutcomeTest, TheCompetentSupervisorRecordsMeetingsConsultationsExpertsAndStatements) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    int64_t v = d.version;
    auto step = [&](auto f, const char* what) {
        auto r = tx(f);
        expect_ok(r, what);
        if (r.ok()) v = r->version;
    };
    step([&](db::Tx& t) { return svc_->record_meeting(t, city_sup(), d.id, meeting(), v, kDec1); }, "meeting");
    step(
        [&](db::Tx& t) {
            return svc_->record_consultation(
                t, city_sup(), d.id,
                {"邢台市农业农村局", "活禽入市查验由哪一部门负责？", "由市场监管部门负责", std::nullopt}, v, kDec1);
        },
        "consultation");
    step(
        [&](db::Tx& t) {
            return svc_->record_expert_opinion(t, city_sup(), d.id,
                                               {"张某某（法学教授）", "按环节划分职责", std::nullopt}, v, kDec1);
        },
        "expert");
    step(
        [&](db::Tx& t) {
            return svc_->record_statement(t, city_sup(), d.id, {kXinduAgri, "我局同意负责产地检疫", std::nullopt}, v,
                                          kDec1);
        },
        "statement");
    EXPECT_EQ(v, d.version + 4);
    auto records = database().read([&](db::Tx& t) { return svc_->records(t, scjg_liaison(), d.id); });
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 4u);
    EXPECT_EQ((*records)[0].kind, "meeting");
    EXPECT_EQ((*records)[0].place, "邢台市司法局第三会议室");
    EXPECT_EQ((*records)[0].occurred_at, kNov27 + 2 * 3600000);
    EXPECT_EQ((*records)[1].kind, "consultation");
    EXPECT_EQ((*records)[1].question, "活禽入市查验由哪一部门负责？");
    EXPECT_EQ((*records)[1].content, "由市场监管部门负责");
    EXPECT_EQ((*records)[2].participants, "张某某（法学教授）");
    EXPECT_EQ((*records)[3].party_org_id, kXinduAgri);
    auto kinds = event_kinds(d.id);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 4, kinds.end()),
              (std::vector<std::string>{"meeting_recorded", "consultation_recorded", "expert_opinion_recorded",
                                        "statement_recorded"}));
    EXPECT_EQ(audits("dispute.meeting_recorded"), 1);
}

TEST_P(DisputeOutcomeTest, RecordsAreRefusedOutsideCoordinationAndWriteNothing) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    Dispute review = filed(ningjin_scjg_liaison(), kNingjinEdu);
    const std::string before = snapshot(d.id);
    auto liaison = tx([&](db::Tx& t) { return svc_->record_meeting(t, scjg_liaison(), d.id, meeting(), 3, kDec1); });
    ASSERT_FALSE(liaison.ok());
    EXPECT_EQ(liaison.error().code, "workflow.role_not_allowed");
    auto leader = tx([&](db::Tx& t) { return svc_->record_meeting(t, city_leader(), d.id, meeting(), 3, kDec1); });
    ASSERT_FALSE(leader.ok());
    EXPECT_EQ(leader.error().code, "workflow.role_not_allowed");
    auto county = tx([&](db::Tx& t) { return svc_->record_meeting(t, xindu_sup(), d.id, meeting(), 3, kDec1); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->record_meeting(t, city_sup(), d.id, meeting(), 2, kDec1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    MeetingInput no_minutes = meeting();
    no_minutes.minutes = " ";
    auto incomplete = tx([&](db::Tx& t) { return svc_->record_meeting(t, city_sup(), d.id, no_minutes, 3, kDec1); });
    ASSERT_FALSE(incomplete.ok());
    EXPECT_EQ(incomplete.error().field, "minutes");
    auto outsider = tx([&](db::Tx& t) {
        return svc_->record_statement(t, city_sup(), d.id, {kNingjinEdu, "陈述", std::nullopt}, 3, kDec1);
    });
    ASSERT_FALSE(outsider.ok());
    EXPECT_EQ(outsider.error().code, "dispute.not_a_party");
    // A county supervisor cannot record on a county dispute that is still under review.
    auto wrong_state = tx([&](db::Tx& t) {
        return svc_->record_expert_opinion(t, ningjin_sup(), review.id, {"专家", "意见", std::nullopt}, 2, kDec1);
    });
    ASSERT_FALSE(wrong_state.ok());
    EXPECT_EQ(wrong_state.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(d.id), before);
}

// --- the opinion path ---

TEST_P(DisputeOutcomeTest, CityStoryOpinionApprovedIssuedDeliveredSignedAndClosed) {
    // 1. agency.scjg files against a 信都区 agency: the city is competent (Art 7 ¶1).
    Dispute d = filed(scjg_liaison(), kXinduAgri);
    EXPECT_EQ(d.competent_org_id, kCityJustice);
    // 2. city.sup1 asks for a supplement; the agency supplies it.
    ASSERT_TRUE(
        tx([&](db::Tx& t) { return svc_->ask_supplement(t, city_sup(), d.id, "请补充公函原件", 2, kNov27); }).ok());
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->supplement(t, scjg_liaison(), d.id, application(kScjg, kXinduAgri), "已补充", 3,
                                            kDec1);
                }).ok());
    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->accept(t, city_sup(), d.id, 4, kDec1); }).ok());
    // 3. A meeting is recorded; the supervisor proposes the opinion.
    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->record_meeting(t, city_sup(), d.id, meeting(), 5, kDec1); }).ok());
    const std::vector<std::string> body = {"一、活禽产地检疫由信都区农业农村局负责。",
                                           "二、农贸市场入市查验检疫证明由邢台市市场监督管理局负责。"};
    auto leader_proposes = tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_leader(), d.id, body, 6, kDec1); });
    ASSERT_FALSE(leader_proposes.ok());
    EXPECT_EQ(leader_proposes.error().code, "workflow.role_not_allowed");
    auto proposed = tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, body, 6, kDec1); });
    ASSERT_TRUE(proposed.ok()) << proposed.error().message;
    EXPECT_EQ(proposed->status, "opinion_pending");
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "dispute", d.id, "approve_opinion"));
    auto opinion_id = database().read([&](db::Tx& t) { return store::document_for(t, d.id, "opinion"); });
    ASSERT_TRUE(opinion_id);
    auto draft = document(*opinion_id);
    EXPECT_EQ(draft.doc_type, "dispute_opinion");
    EXPECT_EQ(draft.recipients.size(), 2u);
    EXPECT_EQ(field(draft, "parties"), "邢台市市场监督管理局、邢台市信都区农业农村局");
    EXPECT_EQ(draft.body.back(), body.back());

    // The supervisor cannot approve; another region's leader does not see it; a stale version is refused.
    const std::string before = snapshot(d.id);
    auto sup = svc_->approve_opinion(database(), city_sup(), d.id, 7, kDec1);
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto county = svc_->approve_opinion(database(), xindu_leader(), d.id, 7, kDec1);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    auto stale = svc_->approve_opinion(database(), city_leader(), d.id, 6, kDec1);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), before);
    EXPECT_EQ(document(*opinion_id).status, "draft");

    // city.leader approves: issued (文号, signature) and delivered to every party.
    auto approved = svc_->approve_opinion(database(), city_leader(), d.id, 7, kDec1);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->status, "opinion_issued");
    auto issued = document(*opinion_id);
    EXPECT_EQ(issued.status, "issued");
    EXPECT_TRUE(issued.number_text.has_value());
    EXPECT_TRUE(issued.signature_b64.has_value());
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "dispute", d.id, "approve_opinion"));
    EXPECT_EQ(deadline(*approved->coordination_deadline_id, kDec1).deadline.status, "met");
    auto deliveries = database().read([&](db::Tx& t) { return docs_->deliveries(t, *opinion_id); });
    ASSERT_EQ(deliveries.size(), 2u);
    EXPECT_EQ(deliveries[0].channel, "electronic");

    // Not closed before every party has signed.
    auto early = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), d.id, 8, kDec1); });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "dispute.receipts_pending");

    // 4. Each party's liaison signs for it (the docs receipt flow), and sees the document.
    for (const auto& who : {scjg_liaison(), xindu_agri_liaison()}) {
        EXPECT_TRUE(has_todo(todos_of(who), "delivery",
                             who.org_id == deliveries[0].recipient_org_id ? deliveries[0].id : deliveries[1].id,
                             "receipt"))
            << who.org_id;
        auto seen = database().read([&](db::Tx& t) { return docs_->get(t, who, *opinion_id); });
        EXPECT_TRUE(seen.ok()) << who.org_id;
        for (const auto& v : deliveries) {
            if (v.recipient_org_id != who.org_id) continue;
            auto r = tx([&](db::Tx& t) { return docs_->record_receipt(t, who, v.id, Date{2026, 12, 1}, {}, kDec1); });
            ASSERT_TRUE(r.ok()) << r.error().message;
        }
        EXPECT_TRUE(todos_of(who).empty()) << who.org_id;
    }
    auto liaison_closes = tx([&](db::Tx& t) { return svc_->close(t, scjg_liaison(), d.id, 8, kDec1); });
    ASSERT_FALSE(liaison_closes.ok());
    EXPECT_EQ(liaison_closes.error().code, "workflow.role_not_allowed");
    auto closed = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), d.id, 8, kDec1); });
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, "closed");
    EXPECT_EQ(closed->concluded_on, (Date{2026, 12, 1}));
    // The register counts it: filed Fri 11-27, closed Tue 12-01 = 2 working days (11-30, 12-01), 4 calendar days.
    store::ListFilter f;
    f.today = Date{2026, 12, 1};
    auto stats = database().read([&](db::Tx& t) { return svc_->statistics(t, city_sup(), f); });
    EXPECT_EQ(stats.total, 1);
    EXPECT_EQ(stats.concluded, 1);
    EXPECT_EQ(stats.timed, 1);
    EXPECT_EQ(stats.avg_working_days, 2.0);
    EXPECT_EQ(stats.avg_calendar_days, 4.0);
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->statistics(t, ningjin_sup(), f); }).total, 0);
    auto kinds = event_kinds(d.id);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 3, kinds.end()),
              (std::vector<std::string>{"opinion_proposed", "opinion_issued", "closed"}));
    auto linked = docs_of(d.id);
    ASSERT_EQ(linked.size(), 3u);  // 补正通知书, 受理通知书, 意见书
    EXPECT_EQ(linked[0].purpose, "supplement_notice");
    EXPECT_EQ(linked[1].purpose, "acceptance_notice");
    EXPECT_EQ(linked[2].purpose, "opinion");
}

TEST_P(DisputeOutcomeTest, TheLeaderReturnsTheOpinionAndTheSupervisorProposesAgain) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {"初稿"}, 3, kDec1); }).ok());
    const std::string before = snapshot(d.id);
    auto sup = tx([&](db::Tx& t) { return svc_->return_opinion(t, city_sup(), d.id, "理由", 4, kDec1); });
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto no_reason = tx([&](db::Tx& t) { return svc_->return_opinion(t, city_leader(), d.id, "", 4, kDec1); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    EXPECT_EQ(snapshot(d.id), before);

    auto returned =
        tx([&](db::Tx& t) { return svc_->return_opinion(t, city_leader(), d.id, "请写明职责划分的依据", 4, kDec1); });
    ASSERT_TRUE(returned.ok()) << returned.error().message;
    EXPECT_EQ(returned->status, "coordinating");
    EXPECT_EQ(docs_of(d.id).back().purpose, "opinion_returned");
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "dispute", d.id, "approve_opinion"));
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "dispute", d.id, "propose_opinion"));

    auto again = tx([&](db::Tx& t) {
        return svc_->propose_opinion(t, city_sup(), d.id, {"依据《动物防疫法》第四十九条……"}, 5, kDec1);
    });
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "dispute", d.id, "propose_opinion"));
    auto linked = docs_of(d.id);
    EXPECT_EQ(linked.back().purpose, "opinion");
    EXPECT_NE(linked.back().document_id, linked[linked.size() - 2].document_id);
}

TEST_P(DisputeOutcomeTest, ApproveIsSafeToRetryOnceTheOpinionIsIssued) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {"意见"}, 3, kDec1); }).ok());
    auto opinion_id = *database().read([&](db::Tx& t) { return store::document_for(t, d.id, "opinion"); });
    // As if an approval failed after issuing: the document is issued, the dispute not yet moved.
    ASSERT_TRUE(docs_->issue(city_leader(), opinion_id, kDec1).ok());
    auto r = svc_->approve_opinion(database(), city_leader(), d.id, 4, kDec1);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "opinion_issued");
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers WHERE document_id = $1", {opinion_id}), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deliveries WHERE document_id = $1", {opinion_id}), 2);
}

// --- the government path ---

TEST_P(DisputeOutcomeTest, NingjinStoryReportedToTheCountyGovernmentWhichAloneDecides) {
    // 1. Two 宁晋县 agencies: the 宁晋县 department handles it (Art 7 ¶2).
    Dispute d = accepted(ningjin_scjg_liaison(), kNingjinEdu, ningjin_sup());
    EXPECT_EQ(d.competent_org_id, kNingjinJustice);
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->record_statement(t, ningjin_sup(), d.id,
                                                  {kNingjinEdu, "校园周边食品经营不属于教育部门执法职责", std::nullopt},
                                                  3, kDec1);
                }).ok());
    // 2. No agreement: only the department's leader reports, and to 宁晋县人民政府 (Art 6).
    const std::vector<std::string> body = {"建议由宁晋县市场监督管理局负责校园周边食品经营的监督检查。"};
    const std::string before = snapshot(d.id);
    auto sup = svc_->report_to_government(database(), ningjin_sup(), d.id, body, 4, kDec1);
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto city = svc_->report_to_government(database(), city_leader(), d.id, body, 4, kDec1);
    ASSERT_FALSE(city.ok());
    EXPECT_EQ(city.error().http_status, 403);  // sees the county (whole city), but is not the competent department
    auto stale = svc_->report_to_government(database(), ningjin_leader(), d.id, body, 3, kDec1);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), before);

    auto reported = svc_->report_to_government(database(), ningjin_leader(), d.id, body, 4, kDec1);
    ASSERT_TRUE(reported.ok()) << reported.error().message;
    EXPECT_EQ(reported->status, "awaiting_government_decision");
    auto report_id = *database().read([&](db::Tx& t) { return store::document_for(t, d.id, "report"); });
    auto report = document(report_id);
    EXPECT_EQ(report.doc_type, "report_to_government");
    EXPECT_EQ(report.status, "issued");
    EXPECT_TRUE(report.internal);
    ASSERT_EQ(report.recipients.size(), 1u);
    EXPECT_EQ(report.recipients[0].org_id, kNingjinGov);
    EXPECT_EQ(report.recipients[0].name, "宁晋县人民政府");
    EXPECT_EQ(deadline(*reported->coordination_deadline_id, kDec1).deadline.status, "met");
    EXPECT_TRUE(has_todo(todos_of(ningjin_gov_leader()), "dispute", d.id, "decide"));
    EXPECT_FALSE(has_todo(todos_of(city_gov_leader()), "dispute", d.id, "decide"));

    // 3. gov.leader, who leads the CITY government, cannot decide it; nothing is written.
    DecisionInput decision{{"校园周边食品经营活动的监督检查由宁晋县市场监督管理局负责，宁晋县教育局予以配合。"},
                           kNingjinScjg};
    const std::string waiting = snapshot(d.id);
    auto city_gov = svc_->decide(database(), city_gov_leader(), d.id, decision, 5, kDec3);
    ASSERT_FALSE(city_gov.ok());
    EXPECT_EQ(city_gov.error().http_status, 403);
    EXPECT_EQ(city_gov.error().message, "只有本级人民政府可以对本争议作出决定");
    auto dept = svc_->decide(database(), ningjin_leader(), d.id, decision, 5, kDec3);
    ASSERT_FALSE(dept.ok());
    EXPECT_EQ(dept.error().code, "workflow.role_not_allowed");
    auto stale_decide = svc_->decide(database(), ningjin_gov_leader(), d.id, decision, 4, kDec3);
    ASSERT_FALSE(stale_decide.ok());
    EXPECT_EQ(stale_decide.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), waiting);

    // A 宁晋县 government leader decides, designating the responsible agency.
    auto decided = svc_->decide(database(), ningjin_gov_leader(), d.id, decision, 5, kDec3);
    ASSERT_TRUE(decided.ok()) << decided.error().message;
    EXPECT_EQ(decided->status, "closed");
    auto stored_decision = database().read([&](db::Tx& t) { return svc_->decision(t, ningjin_edu_liaison(), d.id); });
    ASSERT_TRUE(stored_decision.ok());
    ASSERT_TRUE(stored_decision->has_value());
    EXPECT_EQ((*stored_decision)->responsible_org_id, kNingjinScjg);
    EXPECT_EQ((*stored_decision)->responsible_org_name, "宁晋县市场监督管理局");
    EXPECT_EQ((*stored_decision)->government_org_id, kNingjinGov);
    EXPECT_EQ((*stored_decision)->decided_on, (Date{2026, 12, 3}));
    auto doc = document(*(*stored_decision)->document_id);
    EXPECT_EQ(doc.doc_type, "dispute_decision");
    EXPECT_EQ(doc.issuer_org_id, kNingjinGov);
    EXPECT_EQ(doc.status, "issued");
    EXPECT_EQ(doc.body.back(), "指定宁晋县市场监督管理局为该事项的责任机关，依法履行相应行政执法职责。");
    EXPECT_FALSE(has_todo(todos_of(ningjin_gov_leader()), "dispute", d.id, "decide"));
    // The 宁晋县 department delivers its government's decision to both parties, then its to-do is done.
    EXPECT_TRUE(has_todo(todos_of(ningjin_sup()), "document", doc.id, "deliver"));
    for (int64_t party : {kNingjinScjg, kNingjinEdu}) {
        EXPECT_TRUE(has_todo(todos_of(ningjin_sup()), "document", doc.id, "deliver"));
        auto v = tx([&](db::Tx& t) {
            return docs_->add_delivery(t, ningjin_sup(), doc.id, {party, "", "", "electronic", Date{2026, 12, 3}},
                                       kDec3);
        });
        ASSERT_TRUE(v.ok()) << v.error().message;
    }
    EXPECT_FALSE(has_todo(todos_of(ningjin_sup()), "document", doc.id, "deliver"));
    // Each party's liaison now sees the decision.
    EXPECT_TRUE(database().read([&](db::Tx& t) { return docs_->get(t, ningjin_edu_liaison(), doc.id); }).ok());
    auto kinds = event_kinds(d.id);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 2, kinds.end()),
              (std::vector<std::string>{"reported_to_government", "decided"}));
    EXPECT_EQ(audits("dispute.decided"), 1);
}

TEST_P(DisputeOutcomeTest, TheCityDisputeGoesToTheCityGovernment) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    auto r = svc_->report_to_government(database(), city_leader(), d.id, {"建议由市场监管部门负责。"}, 3, kDec1);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto report = document(*database().read([&](db::Tx& t) { return store::document_for(t, d.id, "report"); }));
    EXPECT_EQ(report.recipients[0].org_id, kCityGov);
    // Here the 宁晋县 government's leader does not even see it.
    auto county = svc_->decide(database(), ningjin_gov_leader(), d.id, {{"决定"}, kScjg}, 4, kDec1);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    // The city may designate any 行政执法机关 of the city, party or not.
    auto decided =
        svc_->decide(database(), city_gov_leader(), d.id, {{"由信都区农业农村局负责。"}, kXinduAgri}, 4, kDec1);
    ASSERT_TRUE(decided.ok()) << decided.error().message;
}

TEST_P(DisputeOutcomeTest, TheResponsibleAgencyIsAPartyOrAnAgencyOfTheRegion) {
    Dispute d = accepted(ningjin_scjg_liaison(), kNingjinEdu, ningjin_sup());
    ASSERT_TRUE(svc_->report_to_government(database(), ningjin_leader(), d.id, {"呈报"}, 3, kDec1).ok());
    const std::string before = snapshot(d.id);
    for (int64_t bad : {kScjg, kNingjinGov, kSjzScjg, int64_t{424242}}) {
        auto r = svc_->decide(database(), ningjin_gov_leader(), d.id, {{"决定"}, bad}, 4, kDec1);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "dispute.responsible_invalid") << bad;
        EXPECT_EQ(r.error().field, "responsible_org_id");
    }
    auto empty = svc_->decide(database(), ningjin_gov_leader(), d.id, {{" "}, kNingjinScjg}, 4, kDec1);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "decision");
    EXPECT_EQ(snapshot(d.id), before);
    // A township station of 宁晋县, not a party, may be designated; it gets the decision too.
    auto r =
        svc_->decide(database(), ningjin_gov_leader(), d.id, {{"由凤凰市场监管所负责。"}, kNingjinStation}, 4, kDec1);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto decision = database().read([&](db::Tx& t) { return store::find_decision(t, d.id); });
    auto doc = document(*decision->document_id);
    ASSERT_EQ(doc.recipients.size(), 3u);
    EXPECT_EQ(doc.recipients[2].org_id, kNingjinStation);
}

TEST_P(DisputeOutcomeTest, OpinionAndReportAreRefusedInTheWrongState) {
    Dispute d = filed(scjg_liaison(), kXinduAgri);  // under review
    const std::string before = snapshot(d.id);
    auto propose = tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {"意见"}, 2, kDec1); });
    ASSERT_FALSE(propose.ok());
    EXPECT_EQ(propose.error().code, "workflow.wrong_state");
    auto approve = svc_->approve_opinion(database(), city_leader(), d.id, 2, kDec1);
    ASSERT_FALSE(approve.ok());
    EXPECT_EQ(approve.error().code, "workflow.wrong_state");
    auto report = svc_->report_to_government(database(), city_leader(), d.id, {"呈报"}, 2, kDec1);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code, "workflow.wrong_state");
    auto decide = svc_->decide(database(), city_gov_leader(), d.id, {{"决定"}, kScjg}, 2, kDec1);
    ASSERT_FALSE(decide.ok());
    EXPECT_EQ(decide.error().code, "workflow.wrong_state");
    auto close = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), d.id, 2, kDec1); });
    ASSERT_FALSE(close.ok());
    EXPECT_EQ(close.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(d.id), before);
}

TEST_P(DisputeOutcomeTest, ProposeReturnAndCloseRefuseOtherRegionsAndStaleVersions) {
    Dispute d = accepted(scjg_liaison(), kXinduAgri, city_sup());
    const std::string before = snapshot(d.id);
    auto county = tx([&](db::Tx& t) { return svc_->propose_opinion(t, xindu_sup(), d.id, {"意见"}, 3, kDec1); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {"意见"}, 2, kDec1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto empty = tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {" ", ""}, 3, kDec1); });
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "body");
    EXPECT_EQ(snapshot(d.id), before);

    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->propose_opinion(t, city_sup(), d.id, {"意见"}, 3, kDec1); }).ok());
    const std::string pending = snapshot(d.id);
    auto county_return = tx([&](db::Tx& t) { return svc_->return_opinion(t, xindu_leader(), d.id, "理由", 4, kDec1); });
    ASSERT_FALSE(county_return.ok());
    EXPECT_EQ(county_return.error().http_status, 404);
    auto stale_return = tx([&](db::Tx& t) { return svc_->return_opinion(t, city_leader(), d.id, "理由", 3, kDec1); });
    ASSERT_FALSE(stale_return.ok());
    EXPECT_EQ(stale_return.error().code, "version_conflict");
    EXPECT_EQ(snapshot(d.id), pending);

    ASSERT_TRUE(svc_->approve_opinion(database(), city_leader(), d.id, 4, kDec1).ok());
    const std::string issued = snapshot(d.id);
    auto county_close = tx([&](db::Tx& t) { return svc_->close(t, xindu_sup(), d.id, 5, kDec1); });
    ASSERT_FALSE(county_close.ok());
    EXPECT_EQ(county_close.error().http_status, 404);
    auto stale_close = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), d.id, 4, kDec1); });
    ASSERT_FALSE(stale_close.ok());
    EXPECT_EQ(stale_close.error().code, "version_conflict");
    // Approving twice is a wrong state, and issues nothing more.
    auto twice = svc_->approve_opinion(database(), city_leader(), d.id, 5, kDec1);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(d.id), issued);
}

INSTANTIATE_TEST_SUITE_P(Db, DisputeOutcomeTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::coordination
