// Supervision casework below the API, from the notice on (Art 13, 14; REQUIREMENTS
// §8, §17, §18; issue 5): the story of issue 5 end to end at service level — a
// special plan, the Art 13 inspection, a finding, the 《行政执法监督通知书》 issued
// and delivered with its correction deadline and the agency's to-dos, the report
// and a failed 复查, the 呈报件 to the department's own people's government, the
// GOVERNMENT's 《行政执法监督决定书》 with its items and their deadlines, the
// receipt and closing — then the same for a county, the notice's deadline limits
// and 逾期不改正. Wrong state, wrong role, other region and stale version are
// refused and write nothing. Every test runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "lecs/supervision/service.hpp"
#include "lecs/supervision/supervision_test_fixture.hpp"

// The supervision tests issue documents (PDF): as in docs/render_test.cpp, cairo
// 1.16 leaks per PDF that shows text and fontconfig keeps its caches until
// exit; the stacks are not symbolised, so the libraries are named.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

namespace lecs::supervision {
namespace {

using namespace lecs::supervision::testing;

const std::string kArt13 = "《邢台市行政执法协调监督工作办法》第十三条";

class MatterOutcomeTest : public SupervisionFixture {
  protected:
    static DecisionInput decision() {
        DecisionInput in;
        in.reasons = {"经查，该局在整改期限内未补正行政处罚告知程序。"};
        in.items = {{"revoke", "撤销邢市监罚〔2026〕17号行政处罚决定", std::nullopt, std::nullopt},
                    {"order_correction", "对邢市监罚〔2026〕21号案件补正告知程序", Date{2027, 1, 15}, std::nullopt}};
        return in;
    }
    static const workflow::Deadline* named(const std::vector<workflow::Deadline>& ds, const std::string& name) {
        for (const auto& d : ds)
            if (d.name == name) return &d;
        return nullptr;
    }
};

// --- issue 5, story 1 ---

TEST_P(MatterOutcomeTest, Story1FromTheSpecialPlanToTheGovernmentsDecisionAndClosing) {
    // 1. city.sup1 plans a special campaign on 邢台市市场监督管理局: one matter, led by 刘伟.
    PlanInput plan;
    plan.kind = "special";
    plan.title = "行政处罚程序专项监督";
    plan.theme = "行政处罚告知程序";
    plan.period_start = Date{2026, 11, 1};
    plan.period_end = Date{2026, 12, 31};
    plan.categories = {"art11_3"};
    plan.target_org_ids = {kScjg};
    auto planned = tx([&](db::Tx& t) { return svc_->create_plan(t, city_sup(), plan, kNov27); });
    ASSERT_TRUE(planned.ok()) << planned.error().message;
    ASSERT_EQ(planned->second.size(), 1u);
    const int64_t id = planned->second[0];
    Matter m = *stored(id);
    EXPECT_EQ(m.team[0].person_id, kLiuWei);

    // 2. 王敏 joins (and 张某, whose certificate expired).
    auto joined = tx([&](db::Tx& t) { return svc_->add_member(t, city_sup(), id, kWangMin, 1, kNov27); });
    ASSERT_TRUE(joined.ok()) << joined.error().message;
    joined = tx([&](db::Tx& t) { return svc_->add_member(t, city_sup(), id, kZhang, 2, kNov27); });
    ASSERT_TRUE(joined.ok()) << joined.error().message;

    // 3. Art 13: the inspection team.
    auto inspect = [&](std::vector<int64_t> who, Date on, int64_t version) {
        InspectionInput in;
        in.supervisor_person_ids = std::move(who);
        in.inspected_on = on;
        in.place = "邢台市市场监督管理局";
        in.record = "抽查2026年行政处罚案卷";
        return tx([&](db::Tx& t) { return svc_->record_inspection(t, city_sup(), id, in, version, kNov27); });
    };
    std::string before = snapshot(id);
    auto alone = inspect({kLiuWei}, Date{2026, 11, 27}, 3);
    ASSERT_FALSE(alone.ok());
    EXPECT_EQ(alone.error().code, "inspection.too_few_supervisors");
    EXPECT_EQ(alone.error().http_status, 400);
    EXPECT_EQ(alone.error().basis, kArt13);
    auto expired = inspect({kLiuWei, kZhang}, Date{2026, 11, 27}, 3);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error().code, "inspection.certificate_invalid");
    EXPECT_NE(expired.error().message.find("张某"), std::string::npos);
    EXPECT_NE(expired.error().message.find("已于2026年3月1日过期"), std::string::npos) << expired.error().message;
    auto stranger = inspect({kLiuWei, kZhaoQiang}, Date{2026, 11, 27}, 3);
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().code, "inspection.not_on_team");
    EXPECT_EQ(stranger.error().http_status, 400);
    auto future = inspect({kLiuWei, kWangMin}, Date{2026, 11, 30}, 3);
    ASSERT_FALSE(future.ok());
    EXPECT_EQ(future.error().code, "inspection.future_date");
    EXPECT_EQ(snapshot(id), before);
    auto inspected = inspect({kLiuWei, kWangMin}, Date{2026, 11, 27}, 3);
    ASSERT_TRUE(inspected.ok()) << inspected.error().message;
    auto ins = records(id).inspections;
    ASSERT_EQ(ins.size(), 1u);
    ASSERT_EQ(ins[0].supervisors.size(), 2u);
    EXPECT_EQ(ins[0].supervisors[0].certificate_number, kLiuWeiCert);
    EXPECT_EQ(ins[0].supervisors[1].certificate_number, kWangMinCert);

    // 4. A finding to be corrected by notice; the notice is proposed with its deadline.
    auto found = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), id, notice_finding(), 4, kNov27); });
    ASSERT_TRUE(found.ok()) << found.error().message;
    auto proposed = tx([&](db::Tx& t) {
        return svc_->propose_notice(t, city_sup(), id,
                                    NoticeInput{Date{2026, 12, 11}, {"对未履行告知程序的案件逐一补正"}}, 5, kNov27);
    });
    ASSERT_TRUE(proposed.ok()) << proposed.error().message;
    EXPECT_EQ(proposed->status, "notice_pending");
    EXPECT_EQ(proposed->correction_due, (Date{2026, 12, 11}));
    ASSERT_TRUE(proposed->notice_document_id);
    const int64_t notice_id = *proposed->notice_document_id;
    auto draft = document(notice_id);
    EXPECT_EQ(draft.doc_type, "supervision_notice");
    EXPECT_EQ(draft.status, "draft");
    EXPECT_EQ(draft.issuer_org_id, kCityJustice);
    ASSERT_EQ(draft.recipients.size(), 1u);
    EXPECT_EQ(draft.recipients[0].org_id, kScjg);
    EXPECT_NE(draft.body.back().find("2026年12月11日前改正"), std::string::npos) << draft.body.back();
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "matter", id, "issue_notice"));

    // The supervisor does not issue it; a stale version is refused; nothing is written.
    before = snapshot(id);
    auto by_sup = svc_->issue_notice(database(), city_sup(), id, 6, kNov27);
    ASSERT_FALSE(by_sup.ok());
    EXPECT_EQ(by_sup.error().code, "workflow.role_not_allowed");
    auto stale = svc_->issue_notice(database(), city_leader(), id, 5, kNov27);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto county = svc_->issue_notice(database(), xindu_leader(), id, 6, kNov27);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    EXPECT_EQ(snapshot(id), before);

    // 5. city.leader issues it: 文号, delivered to the agency, the liaison's to-dos, the correction deadline.
    auto issued = svc_->issue_notice(database(), city_leader(), id, 6, kNov27);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(issued->status, "rectifying");
    EXPECT_EQ(issued->version, 7);
    auto notice = document(notice_id);
    EXPECT_EQ(notice.status, "issued");
    ASSERT_TRUE(notice.number_text);
    EXPECT_NE(notice.number_text->find("〔2026〕1号"), std::string::npos) << *notice.number_text;
    EXPECT_TRUE(notice.signature_b64);
    auto notice_deliveries = deliveries(notice_id);
    ASSERT_EQ(notice_deliveries.size(), 1u);
    EXPECT_EQ(notice_deliveries[0].recipient_org_id, kScjg);
    EXPECT_EQ(notice_deliveries[0].delivered_on, (Date{2026, 11, 27}));
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "matter", id, "issue_notice"));
    auto liaison_todos = todos_of(scjg_liaison());
    EXPECT_TRUE(has_todo(liaison_todos, "delivery", notice_deliveries[0].id, "receipt"));
    const auto* report_todo = find_todo(liaison_todos, "matter", id, "submit_report");
    ASSERT_TRUE(report_todo);
    EXPECT_EQ(report_todo->due_date, (Date{2026, 12, 11}));
    auto ds = deadlines_of(id);
    const auto* correction = named(ds, "correction");
    ASSERT_TRUE(correction);
    EXPECT_EQ(correction->status, "open");
    EXPECT_EQ(correction->due_date, (Date{2026, 12, 11}));
    EXPECT_EQ(correction->unit, calendar::Unit::kCalendarDays);
    EXPECT_EQ(report_todo->input.deadline_id, correction->id);
    // The agency reads the notice and signs for it.
    EXPECT_TRUE(database().read([&](db::Tx& t) { return docs_->get(t, scjg_liaison(), notice_id); }).ok());
    auto signed_for = tx([&](db::Tx& t) {
        return docs_->record_receipt(t, scjg_liaison(), notice_deliveries[0].id, Date{2026, 11, 30}, {}, kDec1);
    });
    ASSERT_TRUE(signed_for.ok()) << signed_for.error().message;

    // 6. The agency reports; 复查 fails (a reason is required).
    auto reported = tx([&](db::Tx& t) {
        return svc_->submit_report(t, scjg_liaison(), id, "已对2件案件补发告知书", std::nullopt, 7, kDec1);
    });
    ASSERT_TRUE(reported.ok()) << reported.error().message;
    EXPECT_EQ(reported->status, "verifying");
    EXPECT_FALSE(has_todo(todos_of(scjg_liaison()), "matter", id, "submit_report"));
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "matter", id, "verify_pass"));
    before = snapshot(id);
    auto no_reason = tx([&](db::Tx& t) { return svc_->verify(t, city_sup(), id, false, " ", 8, kDec1); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().code, "validation.required");
    EXPECT_EQ(no_reason.error().field, "reason");
    auto agency_verifies = tx([&](db::Tx& t) { return svc_->verify(t, scjg_liaison(), id, true, "", 8, kDec1); });
    ASSERT_FALSE(agency_verifies.ok());
    EXPECT_EQ(agency_verifies.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(snapshot(id), before);
    auto failed = tx(
        [&](db::Tx& t) { return svc_->verify(t, city_sup(), id, false, "补发的告知书未载明陈述申辩权利", 8, kDec1); });
    ASSERT_TRUE(failed.ok()) << failed.error().message;
    EXPECT_EQ(failed->status, "rectification_failed");
    auto reps = records(id).reports;
    ASSERT_EQ(reps.size(), 1u);
    EXPECT_EQ(reps[0].verdict, "failed");
    EXPECT_EQ(reps[0].verdict_reason, "补发的告知书未载明陈述申辩权利");
    EXPECT_EQ(reps[0].verified_by, 12);
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "matter", id, "report_to_government"));

    // 7. city.leader reports to 邢台市人民政府 (the 呈报件, issued).
    before = snapshot(id);
    auto sup_reports = svc_->report_to_government(database(), city_sup(), id, {"建议撤销"}, 9, kDec1);
    ASSERT_FALSE(sup_reports.ok());
    EXPECT_EQ(sup_reports.error().code, "workflow.role_not_allowed");
    auto empty_body = svc_->report_to_government(database(), city_leader(), id, {" "}, 9, kDec1);
    ASSERT_FALSE(empty_body.ok());
    EXPECT_EQ(empty_body.error().field, "body");
    EXPECT_EQ(snapshot(id), before);
    auto to_gov = svc_->report_to_government(
        database(), city_leader(), id, {"建议撤销邢市监罚〔2026〕17号行政处罚决定，责令补正告知程序。"}, 9, kDec1);
    ASSERT_TRUE(to_gov.ok()) << to_gov.error().message;
    EXPECT_EQ(to_gov->status, "awaiting_government");
    ASSERT_TRUE(to_gov->report_document_id);
    auto report = document(*to_gov->report_document_id);
    EXPECT_EQ(report.doc_type, "report_to_government");
    EXPECT_EQ(report.status, "issued");
    EXPECT_EQ(report.issuer_org_id, kCityJustice);
    ASSERT_EQ(report.recipients.size(), 1u);
    EXPECT_EQ(report.recipients[0].org_id, kCityGov);
    EXPECT_EQ(report.recipients[0].name, "邢台市人民政府");
    EXPECT_NE(report.body[0].find("经复查整改未到位"), std::string::npos) << report.body[0];
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "matter", id, "report_to_government"));
    EXPECT_TRUE(has_todo(todos_of(city_gov_leader()), "matter", id, "decide"));

    // 8. The decision: not the department's leader (role), not a county's government (it does not
    //    see the city's matter), not on a stale version or without items.
    before = snapshot(id);
    auto leader_decides = svc_->decide(database(), city_leader(), id, decision(), 10, kDec1);
    ASSERT_FALSE(leader_decides.ok());
    EXPECT_EQ(leader_decides.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(leader_decides.error().http_status, 403);
    auto county_gov = svc_->decide(database(), ningjin_gov_leader(), id, decision(), 10, kDec1);
    ASSERT_FALSE(county_gov.ok());
    EXPECT_EQ(county_gov.error().http_status, 404);
    auto stale_decide = svc_->decide(database(), city_gov_leader(), id, decision(), 9, kDec1);
    ASSERT_FALSE(stale_decide.ok());
    EXPECT_EQ(stale_decide.error().code, "version_conflict");
    DecisionInput no_due = decision();
    no_due.items[1].due_on.reset();
    auto undated = svc_->decide(database(), city_gov_leader(), id, no_due, 10, kDec1);
    ASSERT_FALSE(undated.ok());
    EXPECT_EQ(undated.error().field, "items[1].due_on");
    DecisionInput bad_kind = decision();
    bad_kind.items[0].kind = "fine";
    auto wrong = svc_->decide(database(), city_gov_leader(), id, bad_kind, 10, kDec1);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().field, "items[0].kind");
    auto none = svc_->decide(database(), city_gov_leader(), id, DecisionInput{}, 10, kDec1);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().field, "items");
    EXPECT_EQ(snapshot(id), before);

    // gov.leader decides: the GOVERNMENT issues the 决定书 under its own 文号; each dated item has a deadline.
    auto decided = svc_->decide(database(), city_gov_leader(), id, decision(), 10, kDec1);
    ASSERT_TRUE(decided.ok()) << decided.error().message;
    EXPECT_EQ(decided->status, "decided");
    EXPECT_EQ(decided->version, 11);
    ASSERT_TRUE(decided->decision_document_id);
    const int64_t decision_id = *decided->decision_document_id;
    auto doc = document(decision_id);
    EXPECT_EQ(doc.doc_type, "supervision_decision");
    EXPECT_EQ(doc.status, "issued");
    EXPECT_EQ(doc.issuer_org_id, kCityGov);
    ASSERT_TRUE(doc.number_text);
    EXPECT_EQ(doc.number_text->rfind("邢", 0), 0u) << *doc.number_text;
    EXPECT_NE(doc.number_text->find("〔2026〕1号"), std::string::npos) << *doc.number_text;
    EXPECT_EQ(doc.recipients[0].org_id, kScjg);
    auto items = records(id).decision_items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].kind, "revoke");
    EXPECT_FALSE(items[0].deadline_id);
    EXPECT_EQ(items[1].kind, "order_correction");
    EXPECT_EQ(items[1].due_on, (Date{2027, 1, 15}));
    ASSERT_TRUE(items[1].deadline_id);
    ds = deadlines_of(id, kDec1);
    const auto* item_deadline = named(ds, "decision_order_correction");
    ASSERT_TRUE(item_deadline);
    EXPECT_EQ(item_deadline->id, *items[1].deadline_id);
    EXPECT_EQ(item_deadline->due_date, (Date{2027, 1, 15}));
    EXPECT_EQ(item_deadline->status, "open");
    EXPECT_EQ(named(ds, "correction")->status, "cancelled");  // the notice's period is over
    EXPECT_FALSE(has_todo(todos_of(city_gov_leader()), "matter", id, "decide"));
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "document", decision_id, "deliver"));
    EXPECT_EQ(audits("matter.decided"), 1);

    // 9. Not closed before the agency signs for the decision.
    before = snapshot(id);
    auto early = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), id, 11, kDec1); });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "matter.receipt_pending");
    EXPECT_EQ(snapshot(id), before);
    // The department delivers its government's decision ...
    auto delivered = tx([&](db::Tx& t) {
        return docs_->add_delivery(t, city_sup(), decision_id, {kScjg, "", "", "direct", Date{2026, 12, 1}}, kDec1);
    });
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "document", decision_id, "deliver"));
    auto unsigned_close = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), id, 11, kDec1); });
    ASSERT_FALSE(unsigned_close.ok());
    EXPECT_EQ(unsigned_close.error().code, "matter.receipt_pending");
    // ... and the agency signs for it.
    auto receipt = tx([&](db::Tx& t) {
        return docs_->record_receipt(t, scjg_liaison(), delivered->id, Date{2026, 12, 1}, {}, kDec1);
    });
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    auto liaison_closes = tx([&](db::Tx& t) { return svc_->close(t, scjg_liaison(), id, 11, kDec1); });
    ASSERT_FALSE(liaison_closes.ok());
    EXPECT_EQ(liaison_closes.error().code, "workflow.role_not_allowed");
    // 10. The follow-up: not closed before the dated item's fulfilment is recorded (Art 14 ¶2).
    before = snapshot(id);
    auto unfollowed = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), id, 11, kDec1); });
    ASSERT_FALSE(unfollowed.ok());
    EXPECT_EQ(unfollowed.error().code, "matter.items_pending");
    EXPECT_EQ(snapshot(id), before);
    auto fulfil = [&](const auth::Caller& who, int ordinal, std::optional<Date> on, const std::string& note,
                      int64_t version) {
        return tx([&](db::Tx& t) { return svc_->record_fulfilment(t, who, id, ordinal, on, note, version, kDec1); });
    };
    EXPECT_EQ(fulfil(city_sup(), 2, Date{2026, 12, 1}, "已改正", 11).error().field, "ordinal");
    EXPECT_EQ(fulfil(city_sup(), 1, Date{2026, 12, 2}, "已改正", 11).error().field, "fulfilled_on");  // tomorrow
    EXPECT_EQ(fulfil(city_sup(), 1, Date{2026, 12, 1}, " ", 11).error().field, "note");
    EXPECT_EQ(fulfil(city_sup(), 1, Date{2026, 12, 1}, "已改正", 10).error().code, "version_conflict");
    EXPECT_EQ(fulfil(scjg_liaison(), 1, Date{2026, 12, 1}, "已改正", 11).error().code, "workflow.role_not_allowed");
    EXPECT_EQ(fulfil(ningjin_sup(), 1, Date{2026, 12, 1}, "已改正", 11).error().http_status, 404);
    EXPECT_EQ(snapshot(id), before);
    auto recorded = fulfil(city_sup(), 1, Date{2026, 12, 1}, "已重新作出处罚决定并送达当事人", 11);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    EXPECT_EQ(recorded->status, "decided");
    EXPECT_EQ(records(id).decision_items[1].fulfilled_on, (Date{2026, 12, 1}));
    EXPECT_EQ(named(deadlines_of(id, kDec1), "decision_order_correction")->status, "met");
    EXPECT_EQ(fulfil(city_sup(), 1, Date{2026, 12, 1}, "再次", 12).error().code, "matter.item_recorded");
    auto closed = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), id, 12, kDec1); });
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, "closed");
    EXPECT_EQ(closed->concluded_on, (Date{2026, 12, 1}));
    EXPECT_EQ(stored(id)->concluded_on, (Date{2026, 12, 1}));
    EXPECT_EQ(event_kinds(id), (std::vector<std::string>{
                                   "opened", "member_added", "member_added", "inspection_recorded", "finding_added",
                                   "notice_proposed", "notice_issued", "report_submitted", "verified_failed",
                                   "reported_to_government", "decided", "fulfilment_recorded", "closed"}));
    before = snapshot(id);
    auto again = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), id, 12, kDec1); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(id), before);
}

// --- a county's matter goes to the county's government ---

TEST_P(MatterOutcomeTest, ACountyMatterIsDecidedByTheCountysGovernmentOnly) {
    Matter m = failed(ningjin_sup(), ningjin_leader(), ningjin_scjg_liaison(), matter_input(kNingjinScjg));
    ASSERT_EQ(m.status, "rectification_failed");
    // The city's leader does not report a matter its department does not handle.
    const std::string failed_state = snapshot(m.id);
    auto city = svc_->report_to_government(database(), city_leader(), m.id, {"呈报"}, m.version, kDec1);
    ASSERT_FALSE(city.ok());
    EXPECT_EQ(city.error().http_status, 403);
    EXPECT_EQ(snapshot(m.id), failed_state);
    auto r = svc_->report_to_government(database(), ningjin_leader(), m.id, {"建议确认违法"}, m.version, kDec1);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto report = document(*r->report_document_id);
    EXPECT_EQ(report.issuer_org_id, kNingjinJustice);
    EXPECT_EQ(report.recipients[0].org_id, kNingjinGov);
    EXPECT_EQ(report.recipients[0].name, "宁晋县人民政府");
    EXPECT_TRUE(has_todo(todos_of(ningjin_gov_leader()), "matter", m.id, "decide"));
    EXPECT_FALSE(has_todo(todos_of(city_gov_leader()), "matter", m.id, "decide"));

    // The city's government sees every matter of the city but decides only on its own department's.
    const std::string before = snapshot(m.id);
    auto city_gov = svc_->decide(database(), city_gov_leader(), m.id, decision(), r->version, kDec1);
    ASSERT_FALSE(city_gov.ok());
    EXPECT_EQ(city_gov.error().code, "forbidden");
    EXPECT_EQ(city_gov.error().http_status, 403);
    EXPECT_EQ(city_gov.error().message, "只有承办部门的本级人民政府可以作出行政执法监督决定");
    auto other_county = svc_->decide(database(), xindu_gov_leader(), m.id, decision(), r->version, kDec1);
    ASSERT_FALSE(other_county.ok());
    EXPECT_EQ(other_county.error().http_status, 404);
    EXPECT_EQ(snapshot(m.id), before);

    auto decided = svc_->decide(database(), ningjin_gov_leader(), m.id, decision(), r->version, kDec1);
    ASSERT_TRUE(decided.ok()) << decided.error().message;
    EXPECT_EQ(decided->status, "decided");
    auto doc = document(*decided->decision_document_id);
    EXPECT_EQ(doc.issuer_org_id, kNingjinGov);
    EXPECT_EQ(doc.status, "issued");
    ASSERT_TRUE(doc.number_text);
    EXPECT_EQ(doc.number_text->rfind("宁", 0), 0u) << *doc.number_text;
    EXPECT_NE(doc.body[1].find("宁晋县司法局报请本府"), std::string::npos) << doc.body[1];
    EXPECT_TRUE(has_todo(todos_of(ningjin_sup()), "document", doc.id, "deliver"));
    // The 宁晋县 department delivers, the agency signs, the matter closes.
    auto v = tx([&](db::Tx& t) {
        return docs_->add_delivery(t, ningjin_sup(), doc.id, {kNingjinScjg, "", "", "electronic", Date{2026, 12, 1}},
                                   kDec1);
    });
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return docs_->record_receipt(t, ningjin_scjg_liaison(), v->id, Date{2026, 12, 1}, {}, kDec1);
                }).ok());
    auto followed = tx([&](db::Tx& t) {
        return svc_->record_fulfilment(t, ningjin_sup(), m.id, 1, Date{2026, 12, 1}, "已改正", decided->version, kDec1);
    });
    ASSERT_TRUE(followed.ok()) << followed.error().message;
    auto closed = tx([&](db::Tx& t) { return svc_->close(t, ningjin_sup(), m.id, followed->version, kDec1); });
    ASSERT_TRUE(closed.ok()) << closed.error().message;
}

// --- the notice ---

TEST_P(MatterOutcomeTest, TheNoticesDeadlineIsAfterTodayAndWithinTheLimit) {
    Matter m = opened(city_sup(), matter_input(kScjg));
    auto f = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), m.id, notice_finding(), 1, kNov27); });
    ASSERT_TRUE(f.ok());
    const std::string before = snapshot(m.id);
    auto propose = [&](std::optional<Date> due) {
        return tx([&](db::Tx& t) {
            return svc_->propose_notice(t, city_sup(), m.id, NoticeInput{due, {}}, 2, kNov27);
        });
    };
    struct Case {
        std::optional<Date> due;
        const char* code;
    };
    for (const Case& c : {Case{std::nullopt, "validation.required"}, Case{Date{2026, 11, 27}, "notice.deadline_past"},
                          Case{Date{2026, 11, 1}, "notice.deadline_past"},
                          Case{Date{2027, 5, 27}, "notice.deadline_too_far"}}) {  // 181 days
        auto r = propose(c.due);
        ASSERT_FALSE(r.ok()) << c.code;
        EXPECT_EQ(r.error().code, c.code);
        EXPECT_EQ(r.error().field, "correction_due");
        EXPECT_EQ(snapshot(m.id), before) << c.code;
    }
    // 180 days ahead is the limit.
    auto ok = propose(Date{2027, 5, 26});
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->correction_due, (Date{2027, 5, 26}));
}

TEST_P(MatterOutcomeTest, AReturnedNoticeIsDraftedAnew) {
    Matter m = with_notice(city_sup(), matter_input(kScjg));
    ASSERT_EQ(m.status, "notice_pending");
    const int64_t first = *m.notice_document_id;
    const std::string before = snapshot(m.id);
    auto no_reason = tx([&](db::Tx& t) { return svc_->return_notice(t, city_leader(), m.id, "", 3, kNov27); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    auto by_sup = tx([&](db::Tx& t) { return svc_->return_notice(t, city_sup(), m.id, "理由", 3, kNov27); });
    ASSERT_FALSE(by_sup.ok());
    EXPECT_EQ(by_sup.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(snapshot(m.id), before);
    auto r = tx([&](db::Tx& t) { return svc_->return_notice(t, city_leader(), m.id, "整改期限过短", 3, kNov27); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "open");
    EXPECT_FALSE(r->notice_document_id);
    EXPECT_FALSE(r->correction_due);
    EXPECT_FALSE(has_todo(todos_of(city_leader()), "matter", m.id, "issue_notice"));
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "matter", m.id, "propose_notice"));
    EXPECT_EQ(document(first).status, "draft");
    auto again = tx([&](db::Tx& t) {
        return svc_->propose_notice(t, city_sup(), m.id, NoticeInput{Date{2026, 12, 31}, {}}, 4, kNov27);
    });
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_NE(*again->notice_document_id, first);
    EXPECT_EQ(again->correction_due, (Date{2026, 12, 31}));
    // The supervisor's "修改" to-do is done by the new proposal; the leader has the new one to issue.
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "matter", m.id, "propose_notice"));
    EXPECT_TRUE(has_todo(todos_of(city_leader()), "matter", m.id, "issue_notice"));
}

TEST_P(MatterOutcomeTest, ANoticeWhoseDeadlineHasPassedIsNotIssued) {
    // Proposed on Friday 27 November with the deadline Monday 30 November, left unsigned until 1 December.
    Matter m = with_notice(city_sup(), matter_input(kScjg), Date{2026, 11, 30});
    ASSERT_EQ(m.status, "notice_pending");
    for (int64_t late : {kNov27 + 3 * kDay, kDec1}) {
        const std::string before = snapshot(m.id);
        auto r = svc_->issue_notice(database(), city_leader(), m.id, m.version, late);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "notice.deadline_past");
        EXPECT_EQ(r.error().http_status, 409);
        EXPECT_EQ(snapshot(m.id), before);
        EXPECT_EQ(document(*m.notice_document_id).status, "draft");
    }
    // The leader returns it; a new deadline is proposed and the notice issued.
    auto back = tx([&](db::Tx& t) { return svc_->return_notice(t, city_leader(), m.id, "整改期限已过", 3, kDec1); });
    ASSERT_TRUE(back.ok()) << back.error().message;
    auto again = tx([&](db::Tx& t) {
        return svc_->propose_notice(t, city_sup(), m.id, NoticeInput{Date{2026, 12, 15}, {}}, 4, kDec1);
    });
    ASSERT_TRUE(again.ok()) << again.error().message;
    auto issued = svc_->issue_notice(database(), city_leader(), m.id, 5, kDec1);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    const auto ds = deadlines_of(m.id, kDec1);
    const auto* correction = named(ds, "correction");
    ASSERT_TRUE(correction);
    EXPECT_EQ(correction->due_date, (Date{2026, 12, 15}));
}

// --- 逾期不改正 ---

TEST_P(MatterOutcomeTest, AMatterGoesToTheGovernmentFromRectifyingOnlyOnceTheDeadlinePassed) {
    Matter m = rectifying(city_sup(), city_leader(), matter_input(kScjg));
    ASSERT_EQ(m.status, "rectifying");
    ASSERT_EQ(m.correction_due, (Date{2026, 12, 11}));
    const std::string before = snapshot(m.id);
    for (int64_t now : {kDec1, kDec11}) {  // on the last day it is not yet overdue
        auto r = svc_->report_to_government(database(), city_leader(), m.id, {"逾期未改正"}, m.version, now);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "matter.not_overdue");
        EXPECT_EQ(r.error().http_status, 409);
    }
    EXPECT_EQ(snapshot(m.id), before);
    // Wrong states meanwhile: no 复查 before a report, no decision, no closing.
    auto verify = tx([&](db::Tx& t) { return svc_->verify(t, city_sup(), m.id, true, "", m.version, kDec1); });
    ASSERT_FALSE(verify.ok());
    EXPECT_EQ(verify.error().code, "workflow.wrong_state");
    auto decide = svc_->decide(database(), city_gov_leader(), m.id, decision(), m.version, kDec1);
    ASSERT_FALSE(decide.ok());
    EXPECT_EQ(decide.error().code, "workflow.wrong_state");
    auto close = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), m.id, m.version, kDec1); });
    ASSERT_FALSE(close.ok());
    EXPECT_EQ(close.error().code, "workflow.wrong_state");
    auto again = svc_->issue_notice(database(), city_leader(), m.id, m.version, kDec1);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
    auto other_agency = tx([&](db::Tx& t) {
        return svc_->submit_report(t, ningjin_scjg_liaison(), m.id, "已整改", std::nullopt, m.version, kDec1);
    });
    ASSERT_FALSE(other_agency.ok());
    EXPECT_EQ(other_agency.error().http_status, 404);
    auto empty = tx(
        [&](db::Tx& t) { return svc_->submit_report(t, scjg_liaison(), m.id, " ", std::nullopt, m.version, kDec1); });
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "content");
    auto stale = tx([&](db::Tx& t) {
        return svc_->submit_report(t, scjg_liaison(), m.id, "已整改", std::nullopt, m.version - 1, kDec1);
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(m.id), before);

    // The clock past the deadline: 逾期不改正, reported.
    auto r = svc_->report_to_government(database(), city_leader(), m.id, {"逾期未改正"}, m.version, kDec14);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "awaiting_government");
    auto report = document(*r->report_document_id);
    EXPECT_NE(report.body[0].find("其逾期未改正"), std::string::npos) << report.body[0];
    EXPECT_NE(report.body[0].find("2026年12月11日前改正"), std::string::npos) << report.body[0];
    // The agency's "报送整改情况" to-do went with the state: it can no longer report.
    EXPECT_FALSE(has_todo(todos_of(scjg_liaison()), "matter", m.id, "submit_report"));
    // Once reported, the agency's late report is refused.
    const std::string reported = snapshot(m.id);
    auto late = tx([&](db::Tx& t) {
        return svc_->submit_report(t, scjg_liaison(), m.id, "已整改", std::nullopt, r->version, kDec15);
    });
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(m.id), reported);
}

TEST_P(MatterOutcomeTest, TheCorrectionPeriodEndsAsTheCalendarCountsIt) {
    // Due Saturday 12 December: the period's last day is a rest day, so it ends on Monday 14 December
    // (Civil Code Art 203, REQUIREMENTS §18), on the agency's to-do and for 逾期不改正 alike.
    Matter m = with_notice(city_sup(), matter_input(kScjg), Date{2026, 12, 12});
    auto issued = svc_->issue_notice(database(), city_leader(), m.id, m.version, kNov27);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    const auto ds = deadlines_of(m.id);
    const auto* correction = named(ds, "correction");
    ASSERT_TRUE(correction);
    EXPECT_EQ(correction->due_date, (Date{2026, 12, 14}));
    const std::string before = snapshot(m.id);
    for (int64_t now : {kNov27 + 16 * kDay, kDec14}) {  // Sunday 13, Monday 14 December
        auto early = svc_->report_to_government(database(), city_leader(), m.id, {"逾期未改正"}, issued->version, now);
        ASSERT_FALSE(early.ok());
        EXPECT_EQ(early.error().code, "matter.not_overdue");
    }
    EXPECT_EQ(snapshot(m.id), before);
    // An extension granted on the deadline counts too: 10 more calendar days, to 24 December.
    ASSERT_TRUE(tx([&](db::Tx& t) -> Result<void> {
                    return deadlines_->extend(t, city_leader(), correction->id, 10, calendar::Unit::kCalendarDays,
                                              "被监督单位申请延期，经负责人批准", kDec1);
                }).ok());
    auto extended =
        svc_->report_to_government(database(), city_leader(), m.id, {"逾期未改正"}, issued->version, kDec15);
    ASSERT_FALSE(extended.ok());
    EXPECT_EQ(extended.error().code, "matter.not_overdue");
    auto late = svc_->report_to_government(database(), city_leader(), m.id, {"逾期未改正"}, issued->version,
                                           kNov27 + 28 * kDay);  // Friday 25 December
    ASSERT_TRUE(late.ok()) << late.error().message;
}

TEST_P(MatterOutcomeTest, APassedReviewClosesTheMatterAndMeetsTheDeadline) {
    Matter m = rectifying(city_sup(), city_leader(), matter_input(kScjg));
    auto s = tx([&](db::Tx& t) {
        return svc_->submit_report(t, scjg_liaison(), m.id, "已整改完毕", std::nullopt, m.version, kDec1);
    });
    ASSERT_TRUE(s.ok()) << s.error().message;
    const std::string verifying = snapshot(m.id);
    auto stale = tx([&](db::Tx& t) { return svc_->verify(t, city_sup(), m.id, true, "", m.version, kDec1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto county = tx([&](db::Tx& t) { return svc_->verify(t, xindu_sup(), m.id, true, "", s->version, kDec1); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    EXPECT_EQ(snapshot(m.id), verifying);
    auto v = tx([&](db::Tx& t) { return svc_->verify(t, city_sup(), m.id, true, "", s->version, kDec1); });
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->status, "closed");
    EXPECT_EQ(v->concluded_on, (Date{2026, 12, 1}));
    auto ds = deadlines_of(m.id, kDec1);
    ASSERT_TRUE(named(ds, "correction"));
    EXPECT_EQ(named(ds, "correction")->status, "met");
    EXPECT_EQ(named(ds, "correction")->met_on, (Date{2026, 12, 1}));
    EXPECT_EQ(records(m.id).reports[0].verdict, "passed");
    EXPECT_FALSE(has_todo(todos_of(city_sup()), "matter", m.id, "verify_pass"));
    // Closed: no government.
    const std::string closed = snapshot(m.id);
    auto gov = svc_->report_to_government(database(), city_leader(), m.id, {"呈报"}, v->version, kDec14);
    ASSERT_FALSE(gov.ok());
    EXPECT_EQ(gov.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(m.id), closed);
}

INSTANTIATE_TEST_SUITE_P(Db, MatterOutcomeTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::supervision
