// Supervision casework below the API, before the notice (Art 3, 11–13, 18;
// REQUIREMENTS §8): plans and matters with competence (the department of the
// target's level and region; the city's 提级监督 with its reason, opening and
// taking over), the team with 回避 (cross supervision), Art 13 inspections on the
// certificates valid that day, file-review scoring, findings, the township rooms'
// clues, and the scope, state and version checks of the changes. Every refusal
// writes nothing. Every test runs on SQLite and on PostgreSQL.
#include "lecs/files/service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "lecs/supervision/scope.hpp"
#include "lecs/supervision/service.hpp"
#include "lecs/supervision/supervision_test_fixture.hpp"

namespace lecs::supervision {
namespace {

using namespace lecs::supervision::testing;

const std::string kArt3 = "《邢台市行政执法协调监督工作办法》第三条";
const std::string kArt13 = "《邢台市行政执法协调监督工作办法》第十三条";
const std::string kArt18 = "《邢台市行政执法协调监督工作办法》第十八条";

class MatterServiceTest : public SupervisionFixture {
  protected:
    static InspectionInput inspection(std::vector<int64_t> who, Date on = Date{2026, 11, 26}) {
        InspectionInput in;
        in.supervisor_person_ids = std::move(who);
        in.inspected_on = on;
        in.place = "邢台市市场监督管理局执法大队";
        in.people_met = "法制科吴刚";
        in.record = "查阅2026年行政处罚案卷12件，现场询问执法人员2名";
        return in;
    }
    Result<Matter> add(const auth::Caller& who, int64_t id, int64_t person, int64_t version, int64_t now = kNov27) {
        return tx([&](db::Tx& t) { return svc_->add_member(t, who, id, person, version, now); });
    }
    Result<Matter> inspect(const auth::Caller& who, int64_t id, const InspectionInput& in, int64_t version) {
        return tx([&](db::Tx& t) { return svc_->record_inspection(t, who, id, in, version, kNov27); });
    }
    // The whole team of a matter on 邢台市市场监督管理局: 刘伟 leads, 王敏, 张某 and 赵强 join.
    Matter city_team() {
        Matter m = opened(city_sup(), matter_input(kScjg));
        for (int64_t p : {kWangMin, kZhang, kZhaoQiang}) {
            auto r = add(city_sup(), m.id, p, m.version);
            expect_ok(r, "add_member");
            if (r.ok()) m = r.value();
        }
        return m;
    }
};

// --- plans and matters ---

TEST_P(MatterServiceTest, ASpecialPlanOpensOneMatterPerTargetLedByThePlanner) {
    PlanInput in;
    in.kind = "special";
    in.title = "2026年度行政处罚案卷专项评查";
    in.theme = "行政处罚程序规范";
    in.scope_text = "市直行政执法机关";
    in.period_start = Date{2026, 11, 1};
    in.period_end = Date{2026, 12, 31};
    in.categories = {"art11_3"};
    in.target_org_ids = {kScjg, kCityEdu};
    auto r = tx([&](db::Tx& t) { return svc_->create_plan(t, city_sup(), in, kNov27); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& [plan, matters] = r.value();
    EXPECT_EQ(plan.org_id, kCityJustice);
    EXPECT_EQ(plan.region_code, "130500");
    ASSERT_EQ(matters.size(), 2u);
    auto m = stored(matters[0]);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->status, "open");
    EXPECT_EQ(m->plan_id, plan.id);
    EXPECT_EQ(m->source, "special");
    EXPECT_EQ(m->mode, "special");
    EXPECT_EQ(m->subject, in.title);
    EXPECT_EQ(m->target_org_id, kScjg);
    EXPECT_EQ(m->handling_org_id, kCityJustice);
    EXPECT_FALSE(m->upper_reason);
    ASSERT_EQ(m->team.size(), 1u);
    EXPECT_EQ(m->team[0].person_id, kLiuWei);
    EXPECT_EQ(m->team[0].role, "lead");
    EXPECT_EQ(stored(matters[1])->target_org_id, kCityEdu);
    auto got = database().read([&](db::Tx& t) { return svc_->get_plan(t, city_leader(), plan.id); });
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->target_org_ids, (std::vector<int64_t>{kScjg, kCityEdu}));
    // The plan filter lists its matters; another county does not see the plan.
    store::MatterFilter f;
    f.plan_id = plan.id;
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->list(t, city_leader(), f); }).total, 2);
    auto county = database().read([&](db::Tx& t) { return svc_->get_plan(t, xindu_sup(), plan.id); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    EXPECT_EQ(audits("plan.created"), 1);
    EXPECT_EQ(audits("matter.opened"), 2);

    // A routine plan's matters have source "plan".
    in.kind = "routine";
    in.target_org_ids = {kScjg};
    auto routine = tx([&](db::Tx& t) { return svc_->create_plan(t, city_sup(), in, kNov27); });
    ASSERT_TRUE(routine.ok());
    EXPECT_EQ(stored(routine->second[0])->source, "plan");
}

TEST_P(MatterServiceTest, APlanIsRefusedAsAWholeOnAnyBadTarget) {
    PlanInput in;
    in.kind = "special";
    in.title = "专项监督";
    in.theme = "主题";
    in.period_start = Date{2026, 11, 1};
    in.period_end = Date{2026, 12, 31};
    in.categories = {"art11_3"};
    const std::string before = snapshot();
    auto check = [&](const auth::Caller& who, std::vector<int64_t> targets, const std::string& code,
                     const std::string& field) {
        in.target_org_ids = std::move(targets);
        auto r = tx([&](db::Tx& t) { return svc_->create_plan(t, who, in, kNov27); });
        ASSERT_FALSE(r.ok()) << code;
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().field, field) << code;
        EXPECT_EQ(snapshot(), before) << code;
    };
    check(city_sup(), {kScjg, kScjg}, "plan.duplicate_target", "target_org_ids[1]");
    check(city_sup(), {kScjg, 424242}, "matter.unknown_target", "target_org_ids[1]");
    check(city_sup(), {kScjg, kXinduAgri}, "matter.upper_reason_required", "upper_reason");
    check(xindu_sup(), {kXinduAgri, kScjg}, "forbidden", "");
    check(city_sup(), {}, "validation.required", "target_org_ids");
    // Not a department's staff.
    check(scjg_liaison(), {kScjg}, "forbidden", "");
    check(room_sup(), {kLicunGov}, "forbidden", "");
    in.theme = "";
    check(city_sup(), {kScjg}, "validation.required", "theme");
}

TEST_P(MatterServiceTest, AMatterRecordsItsSourceCategoriesTrackingAndTeam) {
    MatterInput in = matter_input(kScjg, "social_clue");
    in.member_person_ids = {kWangMin, kLiuWei, kWangMin};  // the lead and a repeat are not added twice
    in.tracked = true;
    in.tracked_label = "市政府挂牌督办";
    in.tracked_due = Date{2027, 1, 31};
    Matter m = opened(city_sup(), in);
    EXPECT_EQ(m.version, 1);
    auto got = stored(m.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->source, "social_clue");
    EXPECT_EQ(got->categories, (std::vector<std::string>{"art11_3", "art11_4"}));
    EXPECT_TRUE(got->tracked);
    EXPECT_EQ(got->tracked_label, "市政府挂牌督办");
    EXPECT_EQ(got->tracked_due, (Date{2027, 1, 31}));
    EXPECT_EQ(got->created_by, 12);
    ASSERT_EQ(got->team.size(), 2u);
    std::set<std::pair<int64_t, std::string>> team;
    for (const auto& t : got->team) team.emplace(t.person_id, t.role);
    EXPECT_EQ(team, (std::set<std::pair<int64_t, std::string>>{{kLiuWei, "lead"}, {kWangMin, "member"}}));
    EXPECT_EQ(event_kinds(m.id), std::vector<std::string>{"opened"});

    const std::string before = snapshot();
    auto refuse = [&](MatterInput bad, const std::string& code, const std::string& field) {
        auto r = tx([&](db::Tx& t) { return svc_->create_matter(t, city_sup(), bad, kNov27); });
        ASSERT_FALSE(r.ok()) << code;
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().field, field);
        EXPECT_EQ(snapshot(), before) << code;
    };
    MatterInput bad = matter_input(kScjg);
    bad.categories = {};
    refuse(bad, "validation.required", "categories");
    bad.categories = {"art11_3", "art11_3"};
    refuse(bad, "validation.wrong_value", "categories[1]");
    bad = matter_input(kScjg, "rumour");
    refuse(bad, "validation.wrong_value", "source");
    bad = matter_input(kScjg);
    bad.subject = "  ";
    refuse(bad, "validation.required", "subject");
    bad = matter_input(kCityJustice);  // a department is not an agency
    refuse(bad, "matter.target_not_agency", "target_org_id");
    bad = matter_input(kScjg);
    bad.tracked = true;
    refuse(bad, "validation.required", "tracked_due");
    bad = matter_input(kScjg);
    bad.member_person_ids = {kWangMin, 424242};
    refuse(bad, "team.unknown_person", "member_person_ids[1]");
    // An agency's staff is no supervisor.
    bad.member_person_ids = {kScjgStaff};
    refuse(bad, "team.not_supervisor", "member_person_ids[0]");
    // Neither an agency's liaison nor a government's leader opens a matter.
    for (const auto& who : {scjg_liaison(), city_gov_leader(), room_sup()}) {
        auto r = tx([&](db::Tx& t) { return svc_->create_matter(t, who, matter_input(kScjg), kNov27); });
        ASSERT_FALSE(r.ok()) << who.username;
        EXPECT_EQ(r.error().http_status, 403) << who.username;
    }
    EXPECT_EQ(snapshot(), before);
}

// --- competence (Art 3 ¶2, Art 18) ---

TEST_P(MatterServiceTest, ACountyDepartmentSupervisesOnlyItsOwnCounty) {
    const std::string before = snapshot();
    for (int64_t target : {kScjg, kNingjinScjg}) {
        auto r = tx([&](db::Tx& t) { return svc_->create_matter(t, xindu_sup(), matter_input(target), kNov27); });
        ASSERT_FALSE(r.ok()) << target;
        EXPECT_EQ(r.error().http_status, 403);
        EXPECT_EQ(r.error().basis, kArt3);
        EXPECT_NE(r.error().message.find("管辖范围"), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(snapshot(), before);
    // Its own agencies and its townships' bodies: no reason needed.
    Matter own = opened(xindu_sup(), matter_input(kXinduAgri));
    EXPECT_EQ(own.handling_org_id, kXinduJustice);
    EXPECT_EQ(own.region_code, "130503");
    EXPECT_FALSE(own.upper_reason);
    Matter township = opened(xindu_sup(), matter_input(kLicunGov));
    EXPECT_EQ(township.region_code, "130503");
}

TEST_P(MatterServiceTest, TheCityOpensOnACountyAgencyOnlyWithItsReason) {
    const std::string before = snapshot();
    MatterInput in = matter_input(kXinduAgri);
    auto r = tx([&](db::Tx& t) { return svc_->create_matter(t, city_sup(), in, kNov27); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "matter.upper_reason_required");
    EXPECT_EQ(r.error().field, "upper_reason");
    EXPECT_EQ(r.error().basis, kArt18);
    EXPECT_EQ(snapshot(), before);
    in.upper_reason = "群众多次投诉，信都区司法局已办理未果，市级提级监督";
    Matter m = opened(city_sup(), in);
    EXPECT_EQ(m.handling_org_id, kCityJustice);
    EXPECT_EQ(m.region_code, "130500");
    EXPECT_EQ(stored(m.id)->upper_reason, in.upper_reason);
    // On its own level a reason is not recorded even when given.
    MatterInput own = matter_input(kScjg);
    own.upper_reason = "无须理由";
    EXPECT_FALSE(stored(opened(city_sup(), own).id)->upper_reason);
}

TEST_P(MatterServiceTest, TheCityLeaderTakesOverACountyMatterWithTheReason) {
    Matter m = opened(xindu_sup(), matter_input(kXinduAgri));
    const std::string before = snapshot(m.id);
    // Not without a reason, not by a supervisor, not by the county's own leader, not by another county,
    // not on a stale version.
    auto no_reason = tx([&](db::Tx& t) { return svc_->take_over(t, city_leader(), m.id, " ", 1, kDec1); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().code, "matter.upper_reason_required");
    auto sup = tx([&](db::Tx& t) { return svc_->take_over(t, city_sup(), m.id, "理由", 1, kDec1); });
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().code, "workflow.role_not_allowed");
    auto own = tx([&](db::Tx& t) { return svc_->take_over(t, xindu_leader(), m.id, "理由", 1, kDec1); });
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().http_status, 403);
    EXPECT_EQ(own.error().basis, kArt18);
    auto other = tx([&](db::Tx& t) { return svc_->take_over(t, ningjin_leader(), m.id, "理由", 1, kDec1); });
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 404);
    auto stale = tx([&](db::Tx& t) { return svc_->take_over(t, city_leader(), m.id, "理由", 2, kDec1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(m.id), before);

    auto r = tx(
        [&](db::Tx& t) { return svc_->take_over(t, city_leader(), m.id, "案情重大复杂，市司法局提级办理", 1, kDec1); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "open");
    EXPECT_EQ(r->version, 2);
    auto got = stored(m.id);
    EXPECT_EQ(got->handling_org_id, kCityJustice);
    EXPECT_EQ(got->region_code, "130500");
    EXPECT_EQ(got->upper_reason, "案情重大复杂，市司法局提级办理");
    EXPECT_EQ(event_kinds(m.id).back(), "taken_over");
    EXPECT_EQ(audits("matter.taken_over"), 1);
    // Now the city handles it: its supervisors act, the county's do not.
    auto city_finding =
        tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), m.id, notice_finding(), 2, kDec1); });
    EXPECT_TRUE(city_finding.ok()) << city_finding.error().message;
    // 李明, who opened it, stays on the team and still reads it (a team member's department).
    auto read = database().read([&](db::Tx& t) { return svc_->get(t, xindu_sup(), m.id); });
    ASSERT_TRUE(read.ok()) << read.error().message;
    const std::string taken = snapshot(m.id);
    auto county_finding =
        tx([&](db::Tx& t) { return svc_->add_finding(t, xindu_sup(), m.id, notice_finding(), 3, kDec1); });
    ASSERT_FALSE(county_finding.ok());
    EXPECT_EQ(county_finding.error().http_status, 403);
    EXPECT_EQ(snapshot(m.id), taken);
    // A returned notice left the county's supervisors a "修改" to-do; taken over, it is not theirs any more.
    Matter returned = with_notice(xindu_sup(), matter_input(kXinduAgri));
    ASSERT_TRUE(tx([&](db::Tx& t) {
                    return svc_->return_notice(t, xindu_leader(), returned.id, "请补充问题事实", 3, kNov27);
                }).ok());
    EXPECT_TRUE(has_todo(todos_of(xindu_sup()), "matter", returned.id, "propose_notice"));
    ASSERT_TRUE(
        tx([&](db::Tx& t) { return svc_->take_over(t, city_leader(), returned.id, "提级办理", 4, kDec1); }).ok());
    EXPECT_FALSE(has_todo(todos_of(xindu_sup()), "matter", returned.id, "propose_notice"));
    // Nobody takes over the city's own matter: the county's leader does not even see it.
    Matter city = opened(city_sup(), matter_input(kScjg));
    auto up = tx([&](db::Tx& t) { return svc_->take_over(t, xindu_leader(), city.id, "理由", 1, kDec1); });
    ASSERT_FALSE(up.ok());
    EXPECT_EQ(up.error().http_status, 404);
    auto self = tx([&](db::Tx& t) { return svc_->take_over(t, city_leader(), city.id, "理由", 1, kDec1); });
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().http_status, 403);
}

// --- the team and 回避 (Art 18) ---

TEST_P(MatterServiceTest, CrossSupervisionKeepsEveryoneAwayFromTheirOwnRegion) {
    MatterInput in = matter_input(kXinduAgri, "cross_supervision");
    in.upper_reason = "市司法局组织交叉监督";
    // 李明 of 信都区 cannot be named at the start either.
    in.member_person_ids = {kSunLi, kLiMing};
    const std::string before = snapshot();
    auto start = tx([&](db::Tx& t) { return svc_->create_matter(t, city_sup(), in, kNov27); });
    ASSERT_FALSE(start.ok());
    EXPECT_EQ(start.error().code, "team.avoidance");
    EXPECT_EQ(start.error().field, "member_person_ids[1]");
    EXPECT_EQ(snapshot(), before);
    in.member_person_ids = {};
    Matter m = opened(city_sup(), in);
    const std::string fresh = snapshot(m.id);

    auto avoid = add(city_sup(), m.id, kLiMing, 1);
    ASSERT_FALSE(avoid.ok());
    EXPECT_EQ(avoid.error().code, "team.avoidance");
    EXPECT_EQ(avoid.error().http_status, 400);
    EXPECT_EQ(avoid.error().basis, kArt18);
    EXPECT_EQ(avoid.error().message, "交叉监督中，李明所在单位与被监督单位同属信都区，应当回避（第十八条）");
    EXPECT_EQ(snapshot(m.id), fresh);
    EXPECT_EQ(stored(m.id)->team.size(), 1u);

    auto joined = add(city_sup(), m.id, kSunLi, 1);
    ASSERT_TRUE(joined.ok()) << joined.error().message;
    EXPECT_EQ(joined->version, 2);
    ASSERT_EQ(joined->team.size(), 2u);
    EXPECT_EQ(joined->team[1].person_id, kSunLi);
    EXPECT_EQ(joined->team[1].org_id, kNingjinJustice);
    EXPECT_EQ(joined->team[1].role, "member");
    EXPECT_EQ(event_kinds(m.id).back(), "member_added");
    // Again: already on the team (409), nothing written.
    const std::string after = snapshot(m.id);
    auto again = add(city_sup(), m.id, kSunLi, 2);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "team.already_member");
    EXPECT_EQ(snapshot(m.id), after);
    // 孙丽's department reads the matter it works on; the 宁晋县 government does not.
    EXPECT_TRUE(database().read([&](db::Tx& t) { return svc_->get(t, ningjin_sup(), m.id); }).ok());
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->list(t, ningjin_sup(), {}); }).total, 1);
    auto gov = database().read([&](db::Tx& t) { return svc_->get(t, ningjin_gov_leader(), m.id); });
    ASSERT_FALSE(gov.ok());
    EXPECT_EQ(gov.error().http_status, 404);
    // The route's scope check lets the member's department through (the service decides the rest);
    // 信都区, whose agency is supervised by the city, is not let in.
    auto owner = database().read([&](db::Tx& t) { return owner_of(t, "matter", m.id); });
    ASSERT_TRUE(owner);
    EXPECT_TRUE(ningjin_sup().scope.covers(*owner));
    EXPECT_TRUE(xindu_agri_liaison().scope.covers(*owner));
    EXPECT_FALSE(xindu_sup().scope.covers(*owner));
    EXPECT_FALSE(ningjin_scjg_liaison().scope.covers(*owner));
}

TEST_P(MatterServiceTest, LowerLevelStaffJoinAnOrdinaryMatterButNoOneFromTheTargetItself) {
    MatterInput in = matter_input(kXinduAgri);
    in.upper_reason = "提级监督";
    Matter m = opened(city_sup(), in);
    // Outside cross supervision, 信都区 staff may join the city's matter on a 信都区 agency.
    auto lower = add(city_sup(), m.id, kLiMing, 1);
    ASSERT_TRUE(lower.ok()) << lower.error().message;
    // The target agency's own staff: refused, nothing written.
    Matter city = opened(city_sup(), matter_input(kScjg));
    const std::string before = snapshot(city.id);
    auto own = add(city_sup(), city.id, kScjgStaff, 1);
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().http_status, 400);
    EXPECT_EQ(own.error().field, "person_id");
    auto unknown = add(city_sup(), city.id, 424242, 1);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "team.unknown_person");
    // The leader may add members too; a liaison may not; a stale version is refused.
    auto liaison = add(scjg_liaison(), city.id, kWangMin, 1);
    ASSERT_FALSE(liaison.ok());
    EXPECT_EQ(liaison.error().code, "workflow.role_not_allowed");
    auto stale = add(city_leader(), city.id, kWangMin, 2);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(snapshot(city.id), before);
    EXPECT_TRUE(add(city_leader(), city.id, kWangMin, 1).ok());
}

// --- Art 13: the inspection team ---

TEST_P(MatterServiceTest, AnInspectionNeedsTwoSupervisorsOfTheTeamWithCertificatesValidThatDay) {
    Matter m = city_team();  // version 4
    ASSERT_EQ(m.version, 4);
    const std::string before = snapshot(m.id);
    auto refused = [&](const InspectionInput& in, const std::string& code, const std::string& field) -> Error {
        auto r = inspect(city_sup(), m.id, in, 4);
        EXPECT_FALSE(r.ok()) << code;
        if (r.ok()) return Error{};
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().http_status, 400) << code;
        EXPECT_EQ(r.error().field, field) << code;
        EXPECT_EQ(snapshot(m.id), before) << code;
        return r.error();
    };
    auto one = refused(inspection({kLiuWei}), "inspection.too_few_supervisors", "supervisors");
    EXPECT_EQ(one.basis, kArt13);
    EXPECT_EQ(one.message, "现场监督的监督人员不得少于2人（第十三条）");
    auto expired = refused(inspection({kLiuWei, kZhang}), "inspection.certificate_invalid", "supervisors[1]");
    EXPECT_EQ(expired.basis, kArt13);
    EXPECT_EQ(expired.message, "监督人员张某的行政执法监督证已于2026年3月1日过期");
    auto enforcement = refused(inspection({kZhaoQiang, kLiuWei}), "inspection.no_certificate", "supervisors[0]");
    EXPECT_NE(enforcement.message.find("赵强未持有行政执法监督证"), std::string::npos) << enforcement.message;
    refused(inspection({kLiuWei, kLiuWei}), "inspection.duplicate_supervisor", "supervisors[1]");
    refused(inspection({kLiuWei, kLiMing}), "inspection.not_on_team", "supervisors[1]");
    refused(inspection({kLiuWei, kWangMin}, Date{2026, 11, 28}), "inspection.future_date", "inspected_on");
    auto blank = inspection({kLiuWei, kWangMin});
    blank.record = "";
    refused(blank, "validation.required", "record");
    blank = inspection({kLiuWei, kWangMin});
    blank.inspected_on.reset();
    refused(blank, "validation.required", "inspected_on");
    // 张某's certificate was valid before it expired: an inspection of that day is recorded (entered later).
    auto early = inspection({kZhang, kLiuWei}, Date{2026, 2, 27});
    early.offline = true;
    auto then = inspect(city_sup(), m.id, early, 4);
    ASSERT_TRUE(then.ok()) << then.error().message;

    auto r = inspect(city_sup(), m.id, inspection({kLiuWei, kWangMin}), 5);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "open");
    EXPECT_EQ(r->version, 6);
    auto ins = records(m.id).inspections;
    ASSERT_EQ(ins.size(), 2u);
    const auto& last = ins[1];
    EXPECT_EQ(last.inspected_on, (Date{2026, 11, 26}));
    EXPECT_EQ(last.place, "邢台市市场监督管理局执法大队");
    EXPECT_EQ(last.created_by, 12);
    ASSERT_EQ(last.supervisors.size(), 2u);
    EXPECT_EQ(last.supervisors[0].name, "刘伟");
    EXPECT_EQ(last.supervisors[0].certificate_id, 6001);
    EXPECT_EQ(last.supervisors[0].certificate_number, kLiuWeiCert);
    EXPECT_EQ(last.supervisors[1].name, "王敏");
    EXPECT_EQ(last.supervisors[1].certificate_number, kWangMinCert);
    EXPECT_TRUE(ins[0].offline);
    EXPECT_EQ(ins[0].supervisors[0].certificate_number, "冀监130500-0003");
    auto events = database().read([&](db::Tx& t) { return store::list_events(t, m.id); });
    ASSERT_EQ(events.back().kind, "inspection_recorded");
    auto payload = boost::json::parse(events.back().payload_json).as_object();
    EXPECT_EQ(payload.at("supervisors").as_array().size(), 2u);
    EXPECT_EQ(payload.at("supervisors").as_array()[0].as_string(), std::string("刘伟（") + kLiuWeiCert + "）");
    EXPECT_EQ(audits("matter.inspection_recorded"), 2);
}

TEST_P(MatterServiceTest, OnlyTheHandlingDepartmentsSupervisorsRecordAndOnlyOnTheCurrentVersion) {
    Matter m = city_team();
    const std::string before = snapshot(m.id);
    // Another region does not see it; the leader is not a supervisor; an agency is not; stale.
    auto county = inspect(xindu_sup(), m.id, inspection({kLiuWei, kWangMin}), 4);
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    EXPECT_EQ(county.error().code, "not_found");
    auto leader = inspect(city_leader(), m.id, inspection({kLiuWei, kWangMin}), 4);
    ASSERT_FALSE(leader.ok());
    EXPECT_EQ(leader.error().code, "workflow.role_not_allowed");
    auto agency = inspect(scjg_liaison(), m.id, inspection({kLiuWei, kWangMin}), 4);
    ASSERT_FALSE(agency.ok());
    EXPECT_EQ(agency.error().code, "workflow.role_not_allowed");
    auto stale = inspect(city_sup(), m.id, inspection({kLiuWei, kWangMin}), 3);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    // The stale version is reported before the input is judged.
    auto stale_bad = inspect(city_sup(), m.id, inspection({kLiuWei}), 3);
    ASSERT_FALSE(stale_bad.ok());
    EXPECT_EQ(stale_bad.error().code, "version_conflict");
    EXPECT_EQ(snapshot(m.id), before);
    // Reads: another region's caller gets 404 on the matter, its records and its timeline.
    for (const auto& who : {xindu_sup(), ningjin_scjg_liaison(), ningjin_gov_leader()}) {
        auto g = database().read([&](db::Tx& t) { return svc_->get(t, who, m.id); });
        ASSERT_FALSE(g.ok()) << who.username;
        EXPECT_EQ(g.error().http_status, 404);
        EXPECT_FALSE(database().read([&](db::Tx& t) { return svc_->records(t, who, m.id); }).ok());
        EXPECT_FALSE(database().read([&](db::Tx& t) { return svc_->timeline(t, who, m.id); }).ok());
    }
    // The target agency reads the matter on it.
    EXPECT_TRUE(database().read([&](db::Tx& t) { return svc_->get(t, scjg_liaison(), m.id); }).ok());
    auto missing = database().read([&](db::Tx& t) { return svc_->get(t, city_sup(), 424242); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().http_status, 404);
}

// --- 案卷评查 ---

TEST_P(MatterServiceTest, AFileReviewIsScoredWithTheChecklist) {
    Matter m = opened(city_sup(), matter_input(kScjg));
    const std::string before = snapshot(m.id);
    rules::ReviewInput bad;
    bad.found = {{"no_such_item", 1}};
    auto unknown = tx([&](db::Tx& t) { return svc_->record_file_review(t, city_sup(), m.id, "案1", bad, 1, kNov27); });
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "review.item_unknown");
    EXPECT_EQ(unknown.error().field, "found[0]");
    auto no_case = tx(
        [&](db::Tx& t) { return svc_->record_file_review(t, city_sup(), m.id, " ", rules::ReviewInput{}, 1, kNov27); });
    ASSERT_FALSE(no_case.ok());
    EXPECT_EQ(no_case.error().field, "case_no");
    EXPECT_EQ(snapshot(m.id), before);

    // A legality failure scores 0 (不合格), whatever else was found.
    rules::ReviewInput veto;
    veto.legality_failures = {"fewer_than_two_officers"};
    veto.found = {{"archiving_late", 1}};
    auto v = tx([&](db::Tx& t) {
        return svc_->record_file_review(t, city_sup(), m.id, "邢市监罚〔2026〕17号", veto, 1, kNov27);
    });
    ASSERT_TRUE(v.ok()) << v.error().message;
    // Deductions: 3 × 5 (record_unsigned_by_officers) + 2 × 2 (archiving_late) + 3 = 22 → 78 合格.
    rules::ReviewInput deductions;
    deductions.found = {{"record_unsigned_by_officers", 3}, {"archiving_late", 2}, {"legal_review_incomplete", 1}};
    auto d = tx([&](db::Tx& t) {
        return svc_->record_file_review(t, city_sup(), m.id, "邢市监罚〔2026〕18号", deductions, 2, kNov27);
    });
    ASSERT_TRUE(d.ok()) << d.error().message;
    // Nothing found: 100 优秀.
    auto clean = tx([&](db::Tx& t) {
        return svc_->record_file_review(t, city_sup(), m.id, "邢市监罚〔2026〕19号", rules::ReviewInput{}, 3, kNov27);
    });
    ASSERT_TRUE(clean.ok());
    auto reviews = records(m.id).file_reviews;
    ASSERT_EQ(reviews.size(), 3u);
    EXPECT_EQ(reviews[0].score, 0);
    EXPECT_EQ(reviews[0].grade, "fail");
    EXPECT_EQ(reviews[0].legality_failures, (std::vector<std::string>{"fewer_than_two_officers"}));
    EXPECT_EQ(reviews[1].score, 78);
    EXPECT_EQ(reviews[1].grade, "pass");
    EXPECT_EQ(reviews[1].found, deductions.found);
    EXPECT_EQ(reviews[2].score, 100);
    EXPECT_EQ(reviews[2].grade, "excellent");
    auto events = database().read([&](db::Tx& t) { return store::list_events(t, m.id); });
    auto payload = boost::json::parse(events[1].payload_json).as_object();
    EXPECT_EQ(payload.at("score").as_int64(), 0);
    EXPECT_EQ(payload.at("grade").as_string(), "不合格");
    EXPECT_EQ(boost::json::parse(events[2].payload_json).as_object().at("grade").as_string(), "合格");
}

// --- findings, and closing an open matter ---

TEST_P(MatterServiceTest, FindingsAreCheckedAndAnOpenMatterClosesOnlyWithNothingForANotice) {
    Matter m = opened(city_sup(), matter_input(kScjg));
    const std::string before = snapshot(m.id);
    auto refuse = [&](FindingInput in, const std::string& code, const std::string& field) {
        auto r = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), m.id, in, 1, kNov27); });
        ASSERT_FALSE(r.ok()) << code;
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().field, field);
        EXPECT_EQ(snapshot(m.id), before);
    };
    FindingInput in = notice_finding();
    in.category = "rude";
    refuse(in, "validation.wrong_value", "category");
    in = notice_finding();
    in.legal_basis = "";
    refuse(in, "validation.required", "legal_basis");
    in = notice_finding();
    in.disposition = "later";
    refuse(in, "validation.wrong_value", "disposition");
    in.disposition = "on_spot";
    refuse(in, "validation.required", "on_spot_record");

    // Corrected on the spot: recorded; the matter may close.
    in.on_spot_record = "执法人员当场补充出示执法证件并记录在案";
    auto spot = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), m.id, in, 1, kNov27); });
    ASSERT_TRUE(spot.ok()) << spot.error().message;
    // A notice without a notice finding is refused.
    auto early = tx([&](db::Tx& t) {
        return svc_->propose_notice(t, city_sup(), m.id, NoticeInput{Date{2026, 12, 11}, {}}, 2, kNov27);
    });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "matter.no_notice_findings");
    EXPECT_EQ(early.error().http_status, 409);
    // With a notice finding, closing is refused until the notice.
    auto notice = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), m.id, notice_finding(), 2, kNov27); });
    ASSERT_TRUE(notice.ok());
    const std::string pending = snapshot(m.id);
    auto blocked = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), m.id, 3, kNov27); });
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, "matter.findings_pending");
    EXPECT_EQ(snapshot(m.id), pending);
    auto fs = records(m.id).findings;
    ASSERT_EQ(fs.size(), 2u);
    EXPECT_EQ(fs[0].disposition, "on_spot");
    EXPECT_EQ(fs[0].on_spot_record, in.on_spot_record);
    EXPECT_EQ(fs[1].disposition, "notice");

    // Another matter, only on-the-spot findings: closed, concluded today.
    Matter other = opened(city_sup(), matter_input(kCityEdu));
    ASSERT_TRUE(tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), other.id, in, 1, kNov27); }).ok());
    const std::string spot_only = snapshot(other.id);
    auto liaison = tx([&](db::Tx& t) { return svc_->close(t, scjg_liaison(), other.id, 2, kDec1); });
    ASSERT_FALSE(liaison.ok());
    EXPECT_EQ(liaison.error().code, "not_found");  // another agency's matter
    EXPECT_EQ(snapshot(other.id), spot_only);
    auto closed = tx([&](db::Tx& t) { return svc_->close(t, city_sup(), other.id, 2, kDec1); });
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, "closed");
    EXPECT_EQ(stored(other.id)->concluded_on, (Date{2026, 12, 1}));
    // Closed: nothing more is recorded.
    const std::string concluded = snapshot(other.id);
    auto after = tx([&](db::Tx& t) { return svc_->add_finding(t, city_sup(), other.id, in, 3, kDec1); });
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().code, "workflow.wrong_state");
    auto member = add(city_sup(), other.id, kWangMin, 3, kDec1);
    ASSERT_FALSE(member.ok());
    EXPECT_EQ(member.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(other.id), concluded);
}

TEST_P(MatterServiceTest, ActionsOfferWhatTheCallerMayDo) {
    Matter m = opened(city_sup(), matter_input(kScjg));
    auto actions = [&](const auth::Caller& who) {
        return database().read([&](db::Tx& t) { return svc_->actions(t, who, *stored(m.id), kNov27); });
    };
    auto sup = actions(city_sup());
    for (const char* e :
         {"record_inspection", "record_file_review", "add_finding", "add_member", "propose_notice", "close"})
        EXPECT_NE(std::find(sup.begin(), sup.end(), e), sup.end()) << e;
    EXPECT_EQ(actions(city_leader()), std::vector<std::string>{"add_member"});
    EXPECT_TRUE(actions(scjg_liaison()).empty());
    EXPECT_TRUE(actions(xindu_sup()).empty());
}

// --- township rooms' clues (Art 3 ¶3) ---

TEST_P(MatterServiceTest, ARoomsClueOnItsTownshipIsAcceptedByTheCountyAsAMatter) {
    const std::string before = snapshot();
    auto refuse = [&](const auth::Caller& who, int64_t target, int status, const std::string& code) -> Error {
        auto r = tx([&](db::Tx& t) {
            return svc_->create_clue(t, who, ClueInput{target, "查扣物品未出具清单", std::nullopt}, kNov27);
        });
        EXPECT_FALSE(r.ok()) << code;
        if (r.ok()) return Error{};
        EXPECT_EQ(r.error().http_status, status) << code;
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(snapshot(), before) << code;
        return r.error();
    };
    // Outside the township: another township's government, a county agency.
    auto outside = refuse(room_sup(), kNanshimenGov, 400, "clue.outside_township");
    EXPECT_EQ(outside.basis, kArt3);
    EXPECT_EQ(outside.field, "target_org_id");
    refuse(room_sup(), kXinduAgri, 400, "clue.outside_township");
    // Only a room's supervisor.
    refuse(xindu_sup(), kLicunGov, 403, "forbidden");
    refuse(city_sup(), kLicunGov, 403, "forbidden");
    refuse(scjg_liaison(), kLicunGov, 403, "forbidden");
    auto empty = tx([&](db::Tx& t) { return svc_->create_clue(t, room_sup(), ClueInput{kLicunGov, " ", {}}, kNov27); });
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "content");
    EXPECT_EQ(snapshot(), before);

    auto c = tx([&](db::Tx& t) {
        return svc_->create_clue(
            t, room_sup(), ClueInput{kLicunGov, "李村镇综合行政执法队查扣经营者物品未出具清单", std::nullopt}, kNov27);
    });
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->status, "submitted");
    EXPECT_EQ(c->room_org_id, kLicunRoom);
    EXPECT_EQ(c->county_org_id, kXinduJustice);
    EXPECT_EQ(c->region_code, "130503");
    EXPECT_EQ(c->created_by, 51);
    EXPECT_TRUE(has_todo(todos_of(xindu_sup()), "clue", c->id, "accept"));
    EXPECT_EQ(audits("clue.submitted"), 1);
    // The room and the county see it; another county does not.
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->list_clues(t, room_sup(), std::nullopt); }).size(), 1u);
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->list_clues(t, xindu_sup(), "submitted"); }).size(), 1u);
    auto far = database().read([&](db::Tx& t) { return svc_->get_clue(t, ningjin_sup(), c->id); });
    ASSERT_FALSE(far.ok());
    EXPECT_EQ(far.error().http_status, 404);

    // The city's supervisor sees it but the county department handles it; the room does not accept its own.
    const std::string submitted = snapshot();
    MatterInput in;
    in.categories = {"art11_3"};
    for (const auto& who : {city_sup(), room_sup(), xindu_leader()}) {
        auto r = tx([&](db::Tx& t) { return svc_->accept_clue(t, who, c->id, in, 1, kNov27); });
        ASSERT_FALSE(r.ok()) << who.username;
        EXPECT_EQ(r.error().http_status, 403) << who.username;
    }
    auto stale = tx([&](db::Tx& t) { return svc_->accept_clue(t, xindu_sup(), c->id, in, 2, kNov27); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto no_category =
        tx([&](db::Tx& t) { return svc_->accept_clue(t, xindu_sup(), c->id, MatterInput{}, 1, kNov27); });
    ASSERT_FALSE(no_category.ok());
    EXPECT_EQ(no_category.error().field, "categories");
    EXPECT_EQ(snapshot(), submitted);

    auto accepted = tx([&](db::Tx& t) { return svc_->accept_clue(t, xindu_sup(), c->id, in, 1, kDec1); });
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    const auto& [clue, matter] = accepted.value();
    EXPECT_EQ(clue.status, "accepted");
    EXPECT_EQ(clue.matter_id, matter.id);
    EXPECT_EQ(clue.version, 2);
    EXPECT_EQ(matter.source, "township_referral");
    EXPECT_EQ(matter.source_ref, c->id);
    EXPECT_EQ(matter.target_org_id, kLicunGov);
    EXPECT_EQ(matter.handling_org_id, kXinduJustice);
    EXPECT_EQ(matter.region_code, "130503");
    EXPECT_EQ(matter.subject, c->content);  // the clue's content, when no subject is given
    EXPECT_EQ(matter.team[0].person_id, kLiMing);
    auto stored_clue = database().read([&](db::Tx& t) { return svc_->get_clue(t, room_sup(), c->id); });
    ASSERT_TRUE(stored_clue.ok());
    EXPECT_EQ(stored_clue->status, "accepted");
    EXPECT_EQ(stored_clue->matter_id, matter.id);
    EXPECT_EQ(stored(matter.id)->source_ref, c->id);
    EXPECT_FALSE(has_todo(todos_of(xindu_sup()), "clue", c->id, "accept"));
    EXPECT_EQ(audits("clue.accepted"), 1);

    // Accepting (or returning) it again: 409, nothing written.
    const std::string done = snapshot();
    auto again = tx([&](db::Tx& t) { return svc_->accept_clue(t, xindu_sup(), c->id, in, 2, kDec1); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
    EXPECT_EQ(again.error().http_status, 409);
    auto back = tx([&](db::Tx& t) { return svc_->return_clue(t, xindu_sup(), c->id, "重复", 2, kDec1); });
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().code, "workflow.wrong_state");
    EXPECT_EQ(snapshot(), done);

    // Another clue is returned with a reason (none: 400).
    auto c2 = tx([&](db::Tx& t) {
        return svc_->create_clue(t, room_sup(), ClueInput{kLicunGov, "镇执法队人员未佩戴执法证件", std::nullopt},
                                 kDec1);
    });
    ASSERT_TRUE(c2.ok());
    const std::string second = snapshot();
    auto no_reason = tx([&](db::Tx& t) { return svc_->return_clue(t, xindu_sup(), c2->id, "  ", 1, kDec1); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    auto city_returns = tx([&](db::Tx& t) { return svc_->return_clue(t, city_sup(), c2->id, "理由", 1, kDec1); });
    ASSERT_FALSE(city_returns.ok());
    EXPECT_EQ(city_returns.error().http_status, 403);
    EXPECT_EQ(snapshot(), second);
    auto returned = tx([&](db::Tx& t) {
        return svc_->return_clue(t, xindu_sup(), c2->id, "该事项已由区市场监管局立案查处", 1, kDec1);
    });
    ASSERT_TRUE(returned.ok()) << returned.error().message;
    EXPECT_EQ(returned->status, "returned");
    EXPECT_EQ(returned->return_reason, "该事项已由区市场监管局立案查处");
    EXPECT_FALSE(returned->matter_id);
    EXPECT_FALSE(has_todo(todos_of(xindu_sup()), "clue", c2->id, "accept"));
    EXPECT_EQ(database().read([&](db::Tx& t) { return svc_->list_clues(t, room_sup(), "returned"); }).size(), 1u);
}

TEST_P(MatterServiceTest, AttachmentsAreTheCallersOwnUploadsBoundToWhatUsesThem) {
    files::FileService files(*audit_, files::FileServiceOptions{dir_ / "attachments", 1 << 20});
    svc_->set_files(files);
    const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    auto upload = [&](const auth::Caller& who, const char* name) {
        auto a = files.upload(database(), who, pdf, name, kNov27);
        EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
        return a.ok() ? a->id : int64_t{0};
    };
    auto owner_kind = [&](int64_t attachment) {
        return database().read([&](db::Tx& t) {
            auto r = t.query_one("SELECT owner_kind FROM attachments WHERE id = $1", {attachment});
            return r->opt_str(0).value_or("");
        });
    };
    const int64_t room_file = upload(room_sup(), "线索材料.pdf");
    const int64_t city_file = upload(city_sup(), "现场监督记录.pdf");

    // A clue: the room's own upload, bound to the clue; another's upload is refused, nothing written.
    const std::string before = snapshot();
    auto foreign = tx([&](db::Tx& t) {
        return svc_->create_clue(t, room_sup(), ClueInput{kLicunGov, "线索", city_file}, kNov27);
    });
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().field, "attachment_id");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(owner_kind(city_file), "");
    auto clue = tx([&](db::Tx& t) {
        return svc_->create_clue(t, room_sup(), ClueInput{kLicunGov, "线索", room_file}, kNov27);
    });
    ASSERT_TRUE(clue.ok()) << clue.error().message;
    EXPECT_EQ(clue->attachment_id, room_file);
    EXPECT_EQ(owner_kind(room_file), "clue");
    auto bound = database().read([&](db::Tx& t) { return files.bound_to(t, "clue", clue->id); });
    ASSERT_EQ(bound.size(), 1u);
    EXPECT_EQ(bound[0].id, room_file);

    // An inspection: the supervisor's own upload, bound to the matter; the room's (bound already) is refused.
    Matter m = city_team();
    auto in = inspection({kLiuWei, kWangMin});
    in.attachment_id = room_file;
    const std::string fresh = snapshot(m.id);
    auto taken = inspect(city_sup(), m.id, in, m.version);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().field, "attachment_id");
    EXPECT_EQ(snapshot(m.id), fresh);
    in.attachment_id = city_file;
    auto done = inspect(city_sup(), m.id, in, m.version);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(owner_kind(city_file), "matter");
    EXPECT_EQ(records(m.id).inspections[0].attachment_id, city_file);

    // The agency's rectification report: its liaison's own upload, bound to the report.
    Matter r = rectifying(city_sup(), city_leader(), matter_input(kScjg));
    const int64_t agency_file = upload(scjg_liaison(), "整改报告.pdf");
    auto reported = tx([&](db::Tx& t) {
        return svc_->submit_report(t, scjg_liaison(), r.id, "已整改", agency_file, r.version, kDec1);
    });
    ASSERT_TRUE(reported.ok()) << reported.error().message;
    auto reps = records(r.id).reports;
    ASSERT_EQ(reps.size(), 1u);
    EXPECT_EQ(reps[0].attachment_id, agency_file);
    EXPECT_EQ(owner_kind(agency_file), "matter_report");
}

TEST_P(MatterServiceTest, AClueOfTheDevelopmentZonesRoomGoesToTheCitysDepartment) {
    // 邢台经济开发区 is city-managed, with no county department (REQUIREMENTS §2): the city's handles it.
    auto c = tx([&](db::Tx& t) {
        return svc_->create_clue(t, devzone_room_sup(), ClueInput{kWangkuaiGov, "镇综合执法队未出示执法证件", {}},
                                 kNov27);
    });
    ASSERT_TRUE(c.ok()) << c.error().code << " " << c.error().message;
    EXPECT_EQ(c->county_org_id, kCityJustice);
    EXPECT_EQ(c->region_code, "130500");
    EXPECT_TRUE(has_todo(todos_of(city_sup()), "clue", c->id, "accept"));
    auto county = tx([&](db::Tx& t) { return svc_->accept_clue(t, xindu_sup(), c->id, MatterInput{}, 1, kNov27); });
    ASSERT_FALSE(county.ok());
    EXPECT_EQ(county.error().http_status, 404);
    MatterInput in;
    in.categories = {"art11_3"};
    auto accepted = tx([&](db::Tx& t) { return svc_->accept_clue(t, city_sup(), c->id, in, 1, kDec1); });
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->second.handling_org_id, kCityJustice);
    EXPECT_EQ(accepted->second.target_org_id, kWangkuaiGov);
    EXPECT_FALSE(accepted->second.upper_reason);  // the city's own level, not 提级
}

TEST_P(MatterServiceTest, StateCountsCoverEveryStateWithinTheScopeAndTheRegion) {
    opened(xindu_sup(), matter_input(kXinduAgri));
    opened(xindu_sup(), matter_input(kXinduAgri));
    with_notice(ningjin_sup(), matter_input(kNingjinScjg));
    auto counts = [&](const auth::Caller& who, std::optional<std::string> region) {
        std::map<std::string, int64_t> out;
        auto v = database().read([&](db::Tx& t) { return svc_->state_counts(t, who, region); });
        EXPECT_EQ(v.size(), matter_machine().definition().states.size());
        for (const auto& c : v) {
            EXPECT_FALSE(c.label.empty()) << c.state;
            if (c.count) out[c.state] = c.count;
        }
        return out;
    };
    using M = std::map<std::string, int64_t>;
    EXPECT_EQ(counts(city_sup(), std::nullopt), (M{{"open", 2}, {"notice_pending", 1}}));
    EXPECT_EQ(counts(city_sup(), std::string("130528")), (M{{"notice_pending", 1}}));
    EXPECT_EQ(counts(city_sup(), std::string("130503")), (M{{"open", 2}}));
    EXPECT_EQ(counts(xindu_sup(), std::nullopt), (M{{"open", 2}}));
    EXPECT_EQ(counts(xindu_sup(), std::string("130528")), M{});  // the scope still applies
    EXPECT_EQ(counts(auth::Caller{}, std::nullopt), M{});
}

INSTANTIATE_TEST_SUITE_P(Db, MatterServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::supervision
