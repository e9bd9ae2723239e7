// Disputes end to end below the API (Art 6–8): drafting, the Art 8 check,
// routing at submission (Art 7), the review (accept / 补正 with the clock
// paused / 不予受理), data scope, roles, states and versions. Every test runs
// on SQLite and on PostgreSQL.
#include "lecs/coordination/service.hpp"

#include <gtest/gtest.h>

#include "lecs/coordination/dispute_test_fixture.hpp"

namespace lecs::coordination {
namespace {

using namespace lecs::coordination::testing;

class DisputeServiceTest : public DisputeFixture {};

// --- drafting ---

TEST_P(DisputeServiceTest, ADraftIsTheApplicantsWithItsPartiesInOrder) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    EXPECT_EQ(d.status, "draft");
    EXPECT_EQ(d.region_code, "130500");
    EXPECT_EQ(d.applicant_org_id, kScjg);
    auto s = stored(d.id);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->parties.size(), 2u);
    EXPECT_EQ(s->parties[0].org_id, kScjg);
    EXPECT_EQ(s->parties[0].role, "applicant");
    EXPECT_EQ(s->parties[0].org_name, "邢台市市场监督管理局");
    EXPECT_EQ(s->parties[1].org_id, kXinduAgri);
    EXPECT_EQ(s->parties[1].role, "respondent");
    ASSERT_EQ(s->parties[1].legal_basis.size(), 1u);
    EXPECT_EQ(s->parties[1].legal_basis[0].law, "《中华人民共和国食品安全法》");
    EXPECT_EQ(s->parties[1].legal_basis[0].article, "第三十四条");
    EXPECT_EQ(s->negotiation_date, (Date{2026, 11, 20}));
    EXPECT_EQ(s->letter_attachment_id, 7001);
    EXPECT_FALSE(s->competent_org_id);
    EXPECT_EQ(event_kinds(d.id), std::vector<std::string>{"drafted"});
    EXPECT_EQ(audits("dispute.drafted"), 1);
}

TEST_P(DisputeServiceTest, OnlyAnAgencyLiaisonDrafts) {
    auto r = draft(city_sup(), application(kScjg, kXinduAgri));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(r.error().message, "只有行政执法机关的联络员可以提请协调");
    EXPECT_EQ(count("SELECT COUNT(*) FROM disputes"), 0);
}

TEST_P(DisputeServiceTest, TheApplicantMustBeAPartyAndPartiesRegisteredOnce) {
    auto not_party = draft(scjg_liaison(), application(kNingjinEdu, kXinduAgri));
    ASSERT_FALSE(not_party.ok());
    EXPECT_EQ(not_party.error().code, "dispute.applicant_not_party");
    EXPECT_EQ(not_party.error().field, "parties");

    auto unknown = draft(scjg_liaison(), application(kScjg, 424242));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "dispute.unknown_party");
    EXPECT_EQ(unknown.error().field, "parties[0].org_id");

    auto twice = draft(scjg_liaison(), application(kScjg, kScjg));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "dispute.same_party");
    EXPECT_EQ(twice.error().field, "parties[1].org_id");
    EXPECT_EQ(count("SELECT COUNT(*) FROM disputes"), 0);
}

TEST_P(DisputeServiceTest, ADraftIsSeenByTheApplicantAlone) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    for (const auto& who : {xindu_agri_liaison(), city_sup(), xindu_sup()}) {
        auto r = database().read([&](db::Tx& tx) { return svc_->get(tx, who, d.id); });
        ASSERT_FALSE(r.ok()) << who.username;
        EXPECT_EQ(r.error().http_status, 404) << who.username;
        auto page = database().read([&](db::Tx& tx) { return svc_->list(tx, who, {}); });
        EXPECT_EQ(page.total, 0) << who.username;
    }
    auto mine = database().read([&](db::Tx& tx) { return svc_->list(tx, scjg_liaison(), {}); });
    ASSERT_EQ(mine.total, 1);
    EXPECT_EQ(mine.items[0].id, d.id);
}

TEST_P(DisputeServiceTest, UpdatingADraftChecksItsVersion) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    auto in = application(kScjg, kXinduAgri);
    in.focus = "活禽检疫证明查验职责";
    in.other_info = "双方均已向本级政府汇报";
    auto r = database().write([&](db::Tx& tx) { return svc_->update_draft(tx, scjg_liaison(), d.id, in, 1, kNov27); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->version, 2);
    EXPECT_EQ(stored(d.id)->focus, "活禽检疫证明查验职责");
    EXPECT_EQ(stored(d.id)->other_info, "双方均已向本级政府汇报");

    in.focus = "stale";
    auto stale =
        database().write([&](db::Tx& tx) { return svc_->update_draft(tx, scjg_liaison(), d.id, in, 1, kNov27); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(stale.error().http_status, 409);
    EXPECT_EQ(stored(d.id)->focus, "活禽检疫证明查验职责");
    EXPECT_EQ(event_kinds(d.id), (std::vector<std::string>{"drafted", "updated"}));
}

// --- submission: Art 8 and Art 7 ---

TEST_P(DisputeServiceTest, AnIncompleteApplicationIsRefusedItemByItemAndNothingChanges) {
    auto in = application(kScjg, kXinduAgri);
    in.letter_attachment_id.reset();
    in.parties[0].legal_basis.clear();
    auto d = draft_ok(scjg_liaison(), in);

    auto problems = database().read([&](db::Tx& tx) { return svc_->check(tx, scjg_liaison(), d.id, kNov27); });
    ASSERT_TRUE(problems.ok());
    ASSERT_EQ(problems->size(), 2u);
    EXPECT_EQ((*problems)[0].field, "letter_attachment_id");
    // Stored with the applicant first: the respondent is parties[1].
    EXPECT_EQ((*problems)[1].field, "parties[1].legal_basis");
    EXPECT_EQ((*problems)[1].message, "缺少「邢台市信都区农业农村局」观点的相应法律、法规、规章依据（第八条第三项）");

    auto r = submit(scjg_liaison(), d.id, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.incomplete");
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(r.error().message,
              "申请材料不齐全：缺少行政执法机关提请协调的公函（第八条第一项）；"
              "缺少「邢台市信都区农业农村局」观点的相应法律、法规、规章依据（第八条第三项）");
    EXPECT_EQ(stored(d.id)->status, "draft");
    EXPECT_EQ(stored(d.id)->version, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deadlines"), 0);
    EXPECT_EQ(audits("dispute.filed"), 0);
}

TEST_P(DisputeServiceTest, ACityAgencyAndACountyAgencyGoToTheCityWithTheArt7Reason) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    auto r = submit(scjg_liaison(), d.id, 1);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "under_review");
    EXPECT_EQ(r->version, 2);
    auto s = stored(d.id);
    EXPECT_EQ(s->status, "under_review");
    EXPECT_EQ(s->region_code, "130500");
    EXPECT_EQ(s->competent_level, "city");
    EXPECT_EQ(s->competent_org_id, kCityJustice);
    EXPECT_EQ(s->rule_code, "art7.city_party");
    EXPECT_EQ(s->routing_basis, "《邢台市行政执法协调监督工作办法》第七条第一款");
    EXPECT_EQ(s->routing_reason,
              "依据《邢台市行政执法协调监督工作办法》第七条第一款：“……市本级行政机关与县（市、区）行政机关之间……存在"
              "职责争议的，由市行政执法协调监督部门负责协调。”当事方中，邢台市市场监督管理局属市本级。");
    EXPECT_FALSE(s->vertical_flag);
    EXPECT_EQ(s->filed_on, (Date{2026, 11, 27}));

    // The review: 5 working days from Friday 27 November → Friday 4 December.
    ASSERT_TRUE(s->review_deadline_id);
    auto review = deadline(*s->review_deadline_id);
    EXPECT_EQ(review.deadline.name, "completeness_review");
    EXPECT_EQ(review.deadline.due_date, (Date{2026, 12, 4}));
    EXPECT_EQ(review.deadline.owner.region_code, "130500");
    EXPECT_EQ(review.deadline.owner.org_id, kCityJustice);
    // The other party's position: 7 working days → Tuesday 8 December, stored with the party.
    ASSERT_TRUE(s->parties[1].position_deadline_id);
    EXPECT_EQ(s->parties[1].position_due_on, (Date{2026, 12, 8}));
    EXPECT_EQ(deadline(*s->parties[1].position_deadline_id).deadline.due_date, (Date{2026, 12, 8}));
    EXPECT_FALSE(s->parties[0].position_deadline_id);

    EXPECT_EQ(event_kinds(d.id), (std::vector<std::string>{"drafted", "filed"}));
    EXPECT_EQ(audits("dispute.filed"), 1);
}

TEST_P(DisputeServiceTest, ASubmittedDisputeIsSeenByThePartiesAndTheCompetentRegion) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    for (const auto& who : {scjg_liaison(), xindu_agri_liaison(), city_sup()}) {
        auto r = database().read([&](db::Tx& tx) { return svc_->get(tx, who, d.id); });
        EXPECT_TRUE(r.ok()) << who.username;
        auto page = database().read([&](db::Tx& tx) { return svc_->list(tx, who, {}); });
        EXPECT_EQ(page.total, 1) << who.username;
    }
    // A county department does not see a city dispute, though a party sits in its county.
    for (const auto& who : {xindu_sup(), ningjin_sup(), ningjin_edu_liaison()}) {
        auto r = database().read([&](db::Tx& tx) { return svc_->get(tx, who, d.id); });
        ASSERT_FALSE(r.ok()) << who.username;
        EXPECT_EQ(r.error().http_status, 404);
        EXPECT_EQ(database().read([&](db::Tx& tx) { return svc_->list(tx, who, {}); }).total, 0) << who.username;
        auto t = database().read([&](db::Tx& tx) { return svc_->timeline(tx, who, d.id); });
        EXPECT_FALSE(t.ok());
    }
    auto t = database().read([&](db::Tx& tx) { return svc_->timeline(tx, xindu_agri_liaison(), d.id); });
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->size(), 2u);
    EXPECT_EQ((*t)[1].kind, "filed");
    EXPECT_EQ((*t)[1].by_user, 21);
    EXPECT_NE((*t)[1].payload_json.find("\"rule_code\":\"art7.city_party\""), std::string::npos);
}

TEST_P(DisputeServiceTest, ListFiltersByStatusAndLevel) {
    filed(scjg_liaison(), kXinduAgri);
    filed(ningjin_scjg_liaison(), kNingjinEdu);
    draft_ok(scjg_liaison(), application(kScjg, kNingjinEdu));
    auto all = database().read([&](db::Tx& tx) { return svc_->list(tx, city_sup(), {}); });
    EXPECT_EQ(all.total, 2);  // not the draft
    store::ListFilter county;
    county.competent_level = "county";
    auto c = database().read([&](db::Tx& tx) { return svc_->list(tx, city_sup(), county); });
    ASSERT_EQ(c.total, 1);
    EXPECT_EQ(c.items[0].region_code, "130528");
    store::ListFilter drafts;
    drafts.status = "draft";
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc_->list(tx, scjg_liaison(), drafts); }).total, 1);
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc_->list(tx, ningjin_sup(), {}); }).total, 1);
}

TEST_P(DisputeServiceTest, AgenciesOfOneCountyGoToThatCountysDepartment) {
    auto d = filed(ningjin_scjg_liaison(), kNingjinEdu);
    auto s = stored(d.id);
    EXPECT_EQ(s->region_code, "130528");
    EXPECT_EQ(s->competent_level, "county");
    EXPECT_EQ(s->competent_org_id, kNingjinJustice);
    EXPECT_EQ(s->rule_code, "art7.same_county");
    EXPECT_EQ(s->routing_basis, "《邢台市行政执法协调监督工作办法》第七条第二款");
    EXPECT_TRUE(database().read([&](db::Tx& tx) { return svc_->get(tx, ningjin_sup(), d.id); }).ok());
}

TEST_P(DisputeServiceTest, ADispatchedBodyCountsAsTheAgencyThatSetItUp) {
    // The township station of 宁晋县市场监督管理局 against 宁晋县教育局: both 宁晋县's.
    auto station = liaison(25, kNingjinStation, "130528100");
    auto d = filed(station, kNingjinEdu);
    EXPECT_EQ(stored(d.id)->competent_org_id, kNingjinJustice);
    EXPECT_EQ(stored(d.id)->rule_code, "art7.same_county");
}

TEST_P(DisputeServiceTest, APartyOutsideTheCityIsRefusedWithTheReasonAndNothingIsWritten) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kSjzScjg));
    auto r = submit(scjg_liaison(), d.id, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.out_of_scope");
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_NE(r.error().message.find("石家庄市市场监督管理局不是邢台市行政区域内的行政执法机关"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(stored(d.id)->status, "draft");
    EXPECT_EQ(stored(d.id)->version, 1);
    EXPECT_FALSE(stored(d.id)->rule_code);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deadlines"), 0);
    EXPECT_EQ(event_kinds(d.id), std::vector<std::string>{"drafted"});
    EXPECT_EQ(audits("dispute.filed"), 0);
}

TEST_P(DisputeServiceTest, AVerticalPartyNeedsAConfirmationBeforeTheSubmissionStands) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kTax));
    auto preview = database().read([&](db::Tx& tx) { return svc_->preview_routing(tx, scjg_liaison(), d.id); });
    ASSERT_TRUE(preview.ok());
    EXPECT_TRUE(preview->vertical_flag);

    auto r = submit(scjg_liaison(), d.id, 1, /*confirm=*/false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.vertical_unconfirmed");
    EXPECT_EQ(r.error().field, "confirm_vertical");
    EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第二十七条");
    EXPECT_EQ(r.error().message, preview->vertical_note + "请确认后再提交。");
    EXPECT_EQ(stored(d.id)->status, "draft");
    EXPECT_EQ(count("SELECT COUNT(*) FROM deadlines"), 0);

    auto ok = submit(scjg_liaison(), d.id, 1, /*confirm=*/true);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    auto s = stored(d.id);
    EXPECT_EQ(s->status, "under_review");
    EXPECT_TRUE(s->vertical_flag);
    EXPECT_EQ(s->vertical_note, preview->vertical_note);
    EXPECT_EQ(s->vertical_confirmed_by, 21);
    EXPECT_EQ(s->vertical_confirmed_at, kNov27);
}

TEST_P(DisputeServiceTest, NoRegisteredDepartmentForTheCompetentCountyIsAConflict) {
    auto nanhe = liaison(26, kNanhe1, "130506");
    auto d = draft_ok(nanhe, application(kNanhe1, kNanhe2));
    auto r = submit(nanhe, d.id, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.no_competent_department");
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(stored(d.id)->status, "draft");
}

TEST_P(DisputeServiceTest, SubmitRefusesAStaleVersionAnotherAgencyAndASecondSubmission) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    auto stale = submit(scjg_liaison(), d.id, 0);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    // The other party cannot see, so cannot submit, the applicant's draft.
    auto other = submit(xindu_agri_liaison(), d.id, 1);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 404);
    ASSERT_TRUE(submit(scjg_liaison(), d.id, 1).ok());
    auto again = submit(scjg_liaison(), d.id, 2);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
    EXPECT_EQ(again.error().message, "当前状态「受理审核」下不能执行「提交申请」");
    EXPECT_EQ(stored(d.id)->version, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deadlines"), 2);
}

// --- review ---

TEST_P(DisputeServiceTest, ASupplementPausesTheReviewClockAndTheSupplementResumesIt) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    auto asked = database().write(
        [&](db::Tx& tx) { return svc_->ask_supplement(tx, city_sup(), d.id, "请补充双方协商的书面记录", 2, kDec1); });
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    EXPECT_EQ(asked->status, "awaiting_supplement");
    auto s = stored(d.id);
    auto review = deadline(*s->review_deadline_id, kDec1);
    ASSERT_EQ(review.deadline.pauses.size(), 1u);
    EXPECT_EQ(review.deadline.pauses[0].reason, "要求补正：请补充双方协商的书面记录");
    EXPECT_EQ(review.deadline.pauses[0].start, (Date{2026, 12, 1}));
    EXPECT_FALSE(review.deadline.pauses[0].end);
    // The applicant's 补正: 3 working days from Tuesday 1 December → Friday 4 December.
    ASSERT_TRUE(s->supplement_deadline_id);
    EXPECT_EQ(deadline(*s->supplement_deadline_id, kDec1).deadline.due_date, (Date{2026, 12, 4}));

    auto in = application(kScjg, kXinduAgri);
    in.negotiation_participants = "市市场监管局法规科王某、信都区农业农村局法规股李某";
    auto back = database().write(
        [&](db::Tx& tx) { return svc_->supplement(tx, scjg_liaison(), d.id, in, "已补充协商记录", 3, kDec3); });
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->status, "under_review");
    s = stored(d.id);
    EXPECT_EQ(s->negotiation_participants, "市市场监管局法规科王某、信都区农业农村局法规股李某");
    review = deadline(*s->review_deadline_id, kDec3);
    ASSERT_EQ(review.deadline.pauses.size(), 1u);
    EXPECT_EQ(review.deadline.pauses[0].end, (Date{2026, 12, 3}));
    // 30 Nov is day 1, 1–3 Dec are paused, then 4, 7, 8, 9 Dec: the due date moves from 4 to 9 December.
    EXPECT_EQ(review.deadline.original_due_date, (Date{2026, 12, 4}));
    EXPECT_EQ(review.deadline.due_date, (Date{2026, 12, 9}));
    EXPECT_EQ(deadline(*s->supplement_deadline_id, kDec3).deadline.status, "met");
    // The position deadline survives the rewrite of the statements.
    EXPECT_EQ(s->parties[1].position_due_on, (Date{2026, 12, 8}));
    EXPECT_EQ(event_kinds(d.id),
              (std::vector<std::string>{"drafted", "filed", "supplement_requested", "supplemented"}));
    EXPECT_EQ(audits("dispute.supplement_requested"), 1);
    EXPECT_EQ(audits("dispute.supplemented"), 1);
    EXPECT_EQ(audits("deadline.pause"), 1);
    EXPECT_EQ(audits("deadline.resume"), 1);
}

TEST_P(DisputeServiceTest, ASupplementAskedOnTheFilingDayPausesFromTheNextDay) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    auto asked = database().write(
        [&](db::Tx& tx) { return svc_->ask_supplement(tx, city_sup(), d.id, "请补充公函原件", 2, kNov27); });
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    auto review = deadline(*stored(d.id)->review_deadline_id);
    ASSERT_EQ(review.deadline.pauses.size(), 1u);
    EXPECT_EQ(review.deadline.pauses[0].start, (Date{2026, 11, 28}));
}

TEST_P(DisputeServiceTest, AskingForASupplementNeedsAReasonTheRoleTheStateTheRegionAndTheVersion) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    auto ask = [&](const auth::Caller& who, const std::string& reason, int64_t version) {
        return database().write(
            [&](db::Tx& tx) { return svc_->ask_supplement(tx, who, d.id, reason, version, kDec1); });
    };
    auto no_reason = ask(city_sup(), "　", 2);
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    auto wrong_role = ask(scjg_liaison(), "补充材料", 2);
    ASSERT_FALSE(wrong_role.ok());
    EXPECT_EQ(wrong_role.error().code, "workflow.role_not_allowed");
    auto leader = ask(city_leader(), "补充材料", 2);
    ASSERT_FALSE(leader.ok());
    EXPECT_EQ(leader.error().code, "workflow.role_not_allowed");
    auto other_region = ask(xindu_sup(), "补充材料", 2);
    ASSERT_FALSE(other_region.ok());
    EXPECT_EQ(other_region.error().http_status, 404);
    auto stale = ask(city_sup(), "补充材料", 1);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(stored(d.id)->status, "under_review");
    EXPECT_EQ(stored(d.id)->version, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deadline_pauses"), 0);
    EXPECT_EQ(audits("dispute.supplement_requested"), 0);

    ASSERT_TRUE(ask(city_sup(), "补充材料", 2).ok());
    auto twice = ask(city_sup(), "再补充", 3);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "workflow.wrong_state");
    EXPECT_EQ(twice.error().message, "当前状态「待补正」下不能执行「要求补正」");
}

TEST_P(DisputeServiceTest, OnlyTheApplicantSupplementsACompleteApplicationWithTheSameParties) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) { return svc_->ask_supplement(tx, city_sup(), d.id, "补充依据", 2, kDec1); })
                    .ok());
    auto supplement = [&](const auth::Caller& who, const ApplicationInput& in, int64_t version) {
        return database().write([&](db::Tx& tx) { return svc_->supplement(tx, who, d.id, in, "", version, kDec3); });
    };
    auto other = supplement(xindu_agri_liaison(), application(kXinduAgri, kScjg), 3);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, "forbidden");
    EXPECT_EQ(other.error().message, "只有申请机关的联络员可以办理本申请");

    auto incomplete_in = application(kScjg, kXinduAgri);
    incomplete_in.focus = "";
    auto incomplete = supplement(scjg_liaison(), incomplete_in, 3);
    ASSERT_FALSE(incomplete.ok());
    EXPECT_EQ(incomplete.error().code, "dispute.incomplete");
    EXPECT_EQ(incomplete.error().field, "focus");

    auto changed = supplement(scjg_liaison(), application(kScjg, kNingjinEdu), 3);
    ASSERT_FALSE(changed.ok());
    EXPECT_EQ(changed.error().code, "dispute.parties_changed");

    auto stale = supplement(scjg_liaison(), application(kScjg, kXinduAgri), 2);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");

    auto s = stored(d.id);
    EXPECT_EQ(s->status, "awaiting_supplement");
    EXPECT_EQ(s->version, 3);
    EXPECT_EQ(s->focus, "农贸市场内活禽销售环节的检疫证明查验职责归属");
    EXPECT_EQ(s->parties[1].org_id, kXinduAgri);
    EXPECT_FALSE(deadline(*s->review_deadline_id, kDec3).deadline.pauses[0].end);
}

TEST_P(DisputeServiceTest, AcceptingEndsTheReviewAndStartsTheCoordinationClock) {
    svc_ = std::make_unique<DisputeService>(*audit_, *deadlines_, *docs_, *workflow_, DisputeTimeLimits{5, 3, 7, 10});
    auto d = filed(ningjin_scjg_liaison(), kNingjinEdu);
    // The city department sees the county dispute but is not competent for it (Art 7 ¶2).
    auto city = database().write([&](db::Tx& tx) { return svc_->accept(tx, city_sup(), d.id, 2, kNov27); });
    ASSERT_FALSE(city.ok());
    EXPECT_EQ(city.error().http_status, 403);
    EXPECT_EQ(city.error().basis, "《邢台市行政执法协调监督工作办法》第七条");
    auto stale = database().write([&](db::Tx& tx) { return svc_->accept(tx, ningjin_sup(), d.id, 1, kNov27); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto liaison_try =
        database().write([&](db::Tx& tx) { return svc_->accept(tx, ningjin_edu_liaison(), d.id, 2, kNov27); });
    ASSERT_FALSE(liaison_try.ok());
    EXPECT_EQ(liaison_try.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(stored(d.id)->status, "under_review");

    auto r = database().write([&](db::Tx& tx) { return svc_->accept(tx, ningjin_sup(), d.id, 2, kNov27); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto s = stored(d.id);
    EXPECT_EQ(s->status, "coordinating");
    EXPECT_EQ(s->accepted_on, (Date{2026, 11, 27}));
    EXPECT_EQ(deadline(*s->review_deadline_id).deadline.status, "met");
    ASSERT_TRUE(s->coordination_deadline_id);
    // The limits are the service's parameters: 10 working days from Friday 27 November → Friday 11 December.
    auto coord = deadline(*s->coordination_deadline_id);
    EXPECT_EQ(coord.deadline.name, "coordination");
    EXPECT_EQ(coord.deadline.due_date, (Date{2026, 12, 11}));
    EXPECT_EQ(coord.deadline.owner.org_id, kNingjinJustice);
    EXPECT_EQ(event_kinds(d.id), (std::vector<std::string>{"drafted", "filed", "accepted"}));
    EXPECT_EQ(audits("dispute.accepted"), 1);

    auto again =
        database().write([&](db::Tx& tx) { return svc_->refuse(tx, ningjin_sup(), d.id, "other", "x", 3, kNov27); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
}

TEST_P(DisputeServiceTest, RefusingNeedsAKnownGroundAndAReasonAndEndsThePositionClocks) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    auto refuse = [&](const std::string& code, const std::string& reason, int64_t version) {
        return database().write(
            [&](db::Tx& tx) { return svc_->refuse(tx, city_sup(), d.id, code, reason, version, kDec1); });
    };
    auto bad_code = refuse("dislike", "理由", 2);
    ASSERT_FALSE(bad_code.ok());
    EXPECT_EQ(bad_code.error().code, "dispute.refusal_code_invalid");
    auto no_reason = refuse(refusal::kNotNegotiated, "", 2);
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    auto other_region = database().write(
        [&](db::Tx& tx) { return svc_->refuse(tx, ningjin_sup(), d.id, refusal::kOther, "理由", 2, kDec1); });
    ASSERT_FALSE(other_region.ok());
    EXPECT_EQ(other_region.error().http_status, 404);
    EXPECT_EQ(stored(d.id)->status, "under_review");

    auto r = refuse(refusal::kNotNegotiated, "申请人未提供与对方协商的记录", 2);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto s = stored(d.id);
    EXPECT_EQ(s->status, "refused");
    EXPECT_EQ(s->refusal_code, "not_negotiated");
    EXPECT_EQ(s->refusal_reason, "申请人未提供与对方协商的记录");
    EXPECT_EQ(s->concluded_on, (Date{2026, 12, 1}));  // the register's 结束日期
    EXPECT_EQ(deadline(*s->review_deadline_id, kDec1).deadline.status, "met");
    EXPECT_EQ(deadline(*s->parties[1].position_deadline_id, kDec1).deadline.status, "cancelled");
    EXPECT_EQ(event_kinds(d.id), (std::vector<std::string>{"drafted", "filed", "refused"}));
    EXPECT_EQ(audits("dispute.refused"), 1);

    // 不予受理 is final.
    auto accept = database().write([&](db::Tx& tx) { return svc_->accept(tx, city_sup(), d.id, 3, kDec1); });
    ASSERT_FALSE(accept.ok());
    EXPECT_EQ(accept.error().message, "当前状态「不予受理」下不能执行「受理」");
}

// Art 6 ¶2: the city department makes the procedure; counties follow it; new deadlines read it.
TEST_P(DisputeServiceTest, TheCityDepartmentSetsTheProcedureAndNewDeadlinesFollowIt) {
    auto p0 = database().read([&](db::Tx& tx) { return svc_->procedure(tx); });
    EXPECT_EQ(p0.version, 0);
    EXPECT_EQ(p0.limits.review_days, 5);  // REQUIREMENTS §18's default until the city sets one
    auto set = [&](const auth::Caller& who, DisputeTimeLimits l, int64_t version) {
        return database().write(
            [&](db::Tx& tx) { return svc_->set_procedure(tx, who, l, "邢司发〔2026〕1号", version, kNov27); });
    };
    auto county = set(xindu_leader(), {3, 3, 5, 20}, 0);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 403);
    EXPECT_NE(county.error().basis.find("第六条"), std::string::npos);
    auto sup = set(city_sup(), {3, 3, 5, 20}, 0);
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().http_status, 403);
    auto bad = set(city_leader(), {3, 0, 5, 20}, 0);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "supplement_days");
    EXPECT_EQ(set(city_leader(), {3, 3, 5, 91}, 0).error().field, "coordination_days");
    EXPECT_EQ(audits("dispute.procedure_set"), 0);
    auto ok = set(city_leader(), {3, 3, 5, 20}, 0);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->version, 1);
    EXPECT_EQ(set(city_leader(), {4, 3, 5, 20}, 0).error().code, "version_conflict");
    EXPECT_EQ(audits("dispute.procedure_set"), 1);
    // A 宁晋县 dispute filed now gets the city's 3 working days: Fri 11-27 → Wed 12-02.
    auto d = filed(ningjin_scjg_liaison(), kNingjinEdu);
    EXPECT_EQ(deadline(*d.review_deadline_id, kNov27).deadline.due_date, (Date{2026, 12, 2}));
    auto again = set(city_leader(), {5, 3, 7, 30}, 1);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc_->procedure(tx); }).limits.position_days, 7);
}

INSTANTIATE_TEST_SUITE_P(Db, DisputeServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::coordination
