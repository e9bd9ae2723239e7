// The supervision tables on both databases: every column of a plan, a matter with
// its team, an inspection with its supervisors and their certificates, a file
// review, a finding, a rectification report with its verdict, the decision items
// and a clue round-trips; the version guards updates; the matter list applies the
// data scope (the whole city, a county prefix, the organisations of the handling
// department, the target and a team member) and the filters with the total and
// paging; a clue is seen by its room and its county.
#include "lecs/supervision/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "lecs/supervision/supervision_test_fixture.hpp"

namespace lecs::supervision {
namespace {

using namespace lecs::supervision::testing;

class SupervisionStoreTest : public SupervisionFixture {
  protected:
    static Plan plan(int64_t id) {
        Plan p;
        p.id = id;
        p.kind = "special";
        p.title = "2026年度行政处罚案卷专项评查";
        p.theme = "行政处罚程序";
        p.scope_text = "市直各行政执法机关";
        p.period_start = Date{2026, 11, 1};
        p.period_end = Date{2026, 12, 31};
        p.org_id = kCityJustice;
        p.region_code = "130500";
        p.categories = {"art11_3", "art11_4"};
        p.target_org_ids = {kScjg, kCityEdu};
        p.version = 1;
        p.created_at = kNov27;
        p.updated_at = kNov27 + 5;
        p.created_by = 12;
        return p;
    }
    // Every optional column set.
    static Matter full(int64_t id, int64_t plan_id) {
        Matter m;
        m.id = id;
        m.status = "rectifying";
        m.plan_id = plan_id;
        m.source = "special";
        m.source_ref = 777;
        m.mode = "special";
        m.categories = {"art11_1", "art11_7"};
        m.subject = "行政处罚案件办理情况";
        m.target_org_id = kXinduAgri;
        m.handling_org_id = kCityJustice;
        m.region_code = "130500";
        m.upper_reason = "群众反映强烈，市级提级监督";
        m.tracked = true;
        m.tracked_label = "市政府挂牌督办";
        m.tracked_due = Date{2027, 1, 31};
        m.correction_due = Date{2026, 12, 11};
        m.notice_document_id = 801;
        m.report_document_id = 802;
        m.decision_document_id = 803;
        m.concluded_on = Date{2027, 2, 1};
        m.version = 1;
        m.created_at = kNov27;
        m.updated_at = kNov27 + 1;
        m.created_by = 12;
        m.updated_by = 11;
        m.team = {{kLiuWei, "刘伟", kCityJustice, "lead"}, {kLiMing, "李明", kXinduJustice, "member"}};
        return m;
    }
    // Only the required columns.
    static Matter bare(int64_t id, int64_t target, int64_t handling, const char* region, int64_t created_at) {
        Matter m;
        m.id = id;
        m.status = "open";
        m.source = "complaint";
        m.mode = "routine";
        m.categories = {"art11_3"};
        m.subject = "执法情况";
        m.target_org_id = target;
        m.handling_org_id = handling;
        m.region_code = region;
        m.created_at = m.updated_at = created_at;
        return m;
    }
    static void expect_same(const Matter& a, const Matter& b) {
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.plan_id, b.plan_id);
        EXPECT_EQ(a.source, b.source);
        EXPECT_EQ(a.source_ref, b.source_ref);
        EXPECT_EQ(a.mode, b.mode);
        EXPECT_EQ(a.categories, b.categories);
        EXPECT_EQ(a.subject, b.subject);
        EXPECT_EQ(a.target_org_id, b.target_org_id);
        EXPECT_EQ(a.handling_org_id, b.handling_org_id);
        EXPECT_EQ(a.region_code, b.region_code);
        EXPECT_EQ(a.upper_reason, b.upper_reason);
        EXPECT_EQ(a.tracked, b.tracked);
        EXPECT_EQ(a.tracked_label, b.tracked_label);
        EXPECT_EQ(a.tracked_due, b.tracked_due);
        EXPECT_EQ(a.correction_due, b.correction_due);
        EXPECT_EQ(a.notice_document_id, b.notice_document_id);
        EXPECT_EQ(a.report_document_id, b.report_document_id);
        EXPECT_EQ(a.decision_document_id, b.decision_document_id);
        EXPECT_EQ(a.concluded_on, b.concluded_on);
        EXPECT_EQ(a.version, b.version);
        EXPECT_EQ(a.created_at, b.created_at);
        EXPECT_EQ(a.updated_at, b.updated_at);
        EXPECT_EQ(a.created_by, b.created_by);
        EXPECT_EQ(a.updated_by, b.updated_by);
    }
    static std::vector<int64_t> ids(const store::MatterPage& p) {
        std::vector<int64_t> out;
        for (const auto& m : p.items) out.push_back(m.id);
        return out;
    }
    store::MatterPage list(const auth::DataScope& s, store::MatterFilter f = {}) {
        return database().read([&](db::Tx& t) { return store::list_matters(t, s, f); });
    }
};

TEST_P(SupervisionStoreTest, APlanRoundTrips) {
    const Plan p = plan(101);
    tx([&](db::Tx& t) { store::insert_plan(t, p); });
    auto got = database().read([&](db::Tx& t) { return store::find_plan(t, 101); });
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, 101);
    EXPECT_EQ(got->kind, "special");
    EXPECT_EQ(got->title, p.title);
    EXPECT_EQ(got->theme, p.theme);
    EXPECT_EQ(got->scope_text, p.scope_text);
    EXPECT_EQ(got->period_start, (Date{2026, 11, 1}));
    EXPECT_EQ(got->period_end, (Date{2026, 12, 31}));
    EXPECT_EQ(got->org_id, kCityJustice);
    EXPECT_EQ(got->region_code, "130500");
    EXPECT_EQ(got->categories, p.categories);
    EXPECT_EQ(got->target_org_ids, p.target_org_ids);
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->created_at, kNov27);
    EXPECT_EQ(got->updated_at, kNov27 + 5);
    EXPECT_EQ(got->created_by, 12);
    EXPECT_FALSE(database().read([&](db::Tx& t) { return store::find_plan(t, 102); }));
}

TEST_P(SupervisionStoreTest, EveryColumnOfAMatterAndItsTeamRoundTrips) {
    tx([&](db::Tx& t) { store::insert_plan(t, plan(101)); });
    const Matter m = full(201, 101);
    tx([&](db::Tx& t) { store::insert_matter(t, m); });
    auto got = stored(201);
    ASSERT_TRUE(got);
    expect_same(*got, m);
    ASSERT_EQ(got->team.size(), 2u);
    // The names are read from people.
    std::set<std::tuple<int64_t, std::string, int64_t, std::string>> team;
    for (const auto& t : got->team) team.emplace(t.person_id, t.name, t.org_id, t.role);
    EXPECT_EQ(team, (std::set<std::tuple<int64_t, std::string, int64_t, std::string>>{
                        {kLiuWei, "刘伟", kCityJustice, "lead"}, {kLiMing, "李明", kXinduJustice, "member"}}));

    // The nullable columns come back empty.
    const Matter b = bare(202, kScjg, kCityJustice, "130500", kNov27);
    tx([&](db::Tx& t) { store::insert_matter(t, b); });
    auto got_b = stored(202);
    ASSERT_TRUE(got_b);
    expect_same(*got_b, b);
    EXPECT_TRUE(got_b->team.empty());
    EXPECT_FALSE(stored(203));
}

TEST_P(SupervisionStoreTest, UpdateMatterNeedsTheExpectedVersionAndWritesEveryMutableColumn) {
    Matter m = bare(201, kXinduAgri, kXinduJustice, "130503", kNov27);
    tx([&](db::Tx& t) { store::insert_matter(t, m); });
    m.status = "decided";
    m.source_ref = 9;
    m.categories = {"art11_2"};
    m.subject = "改";
    m.handling_org_id = kCityJustice;
    m.region_code = "130500";
    m.upper_reason = "提级";
    m.tracked = true;
    m.tracked_label = "挂牌";
    m.tracked_due = Date{2027, 3, 1};
    m.correction_due = Date{2026, 12, 20};
    m.notice_document_id = 1;
    m.report_document_id = 2;
    m.decision_document_id = 3;
    m.concluded_on = Date{2027, 3, 2};
    m.updated_at = kDec1;
    m.updated_by = 11;
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_matter(t, m, 2); }), 0);  // stale
    EXPECT_EQ(stored(201)->status, "open");
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_matter(t, m, 1); }), 1);
    auto got = stored(201);
    m.version = 2;
    expect_same(*got, m);
    // The same expected version again is stale now.
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_matter(t, m, 1); }), 0);
    EXPECT_EQ(stored(201)->version, 2);

    // Linking the decision draft does not make a new version, but needs the current one.
    EXPECT_EQ(tx([&](db::Tx& t) { return store::link_decision_document(t, 201, 99, 1); }), 0);
    EXPECT_EQ(tx([&](db::Tx& t) { return store::link_decision_document(t, 201, 99, 2); }), 1);
    EXPECT_EQ(stored(201)->decision_document_id, 99);
    EXPECT_EQ(stored(201)->version, 2);
}

TEST_P(SupervisionStoreTest, TheListAppliesTheScopeAndTheFiltersWithTotalAndPaging) {
    tx([&](db::Tx& t) {
        store::insert_plan(t, plan(101));
        Matter city = bare(301, kScjg, kCityJustice, "130500", kNov27 + 1);
        city.plan_id = 101;
        city.source = "special";
        store::insert_matter(t, city);
        // The city's matter on a 信都区 agency, with a 宁晋县 member (cross supervision).
        Matter upper = bare(302, kXinduAgri, kCityJustice, "130500", kNov27 + 2);
        upper.source = "cross_supervision";
        upper.team = {{kSunLi, "孙丽", kNingjinJustice, "member"}};
        store::insert_matter(t, upper);
        Matter xindu = bare(303, kXinduAgri, kXinduJustice, "130503", kNov27 + 3);
        xindu.status = "rectifying";
        store::insert_matter(t, xindu);
        Matter township = bare(304, kLicunGov, kXinduJustice, "130503", kNov27 + 4);
        township.source = "township_referral";
        store::insert_matter(t, township);
        store::insert_matter(t, bare(305, kNingjinScjg, kNingjinJustice, "130528", kNov27 + 5));
    });
    // The whole city, newest first.
    auto all = list(city_sup().scope);
    EXPECT_EQ(all.total, 5);
    EXPECT_EQ(ids(all), (std::vector<int64_t>{305, 304, 303, 302, 301}));
    EXPECT_TRUE(all.items[0].team.empty());  // the list does not read the team
    // A county: its region only (the city's matter on its agency is not its own).
    EXPECT_EQ(ids(list(xindu_sup().scope)), (std::vector<int64_t>{304, 303}));
    EXPECT_EQ(ids(list(ningjin_gov_leader().scope)), (std::vector<int64_t>{305}));
    // The target agency sees the matters on it, whoever handles them.
    EXPECT_EQ(ids(list(xindu_agri_liaison().scope)), (std::vector<int64_t>{303, 302}));
    EXPECT_EQ(ids(list(scjg_liaison().scope)), (std::vector<int64_t>{301}));
    // The handling department by organisation; a team member's organisation.
    auth::DataScope handling;
    handling.org_ids = {kNingjinJustice};
    EXPECT_EQ(ids(list(handling)), (std::vector<int64_t>{305, 302}));
    auth::DataScope township_room = room_sup().scope;  // 130503101 + the room: no matter of its own
    EXPECT_TRUE(ids(list(township_room)).empty());
    EXPECT_EQ(list(auth::DataScope{}).total, 0);  // deny by default

    // Filters, combined with the scope.
    store::MatterFilter f;
    f.status = "rectifying";
    EXPECT_EQ(ids(list(city_sup().scope, f)), (std::vector<int64_t>{303}));
    EXPECT_TRUE(ids(list(scjg_liaison().scope, f)).empty());
    f = {};
    f.plan_id = 101;
    EXPECT_EQ(ids(list(city_sup().scope, f)), (std::vector<int64_t>{301}));
    f = {};
    f.source = "township_referral";
    EXPECT_EQ(ids(list(xindu_sup().scope, f)), (std::vector<int64_t>{304}));
    EXPECT_EQ(list(ningjin_sup().scope, f).total, 0);
    // Paging: the total counts every match.
    f = {};
    f.limit = 2;
    f.offset = 1;
    auto page = list(city_sup().scope, f);
    EXPECT_EQ(page.total, 5);
    EXPECT_EQ(ids(page), (std::vector<int64_t>{304, 303}));
    f.offset = 4;
    EXPECT_EQ(ids(list(city_sup().scope, f)), (std::vector<int64_t>{301}));

    // visible() is the same predicate for one matter, team included.
    auto upper = stored(302);
    EXPECT_TRUE(store::visible(*upper, city_sup().scope));
    EXPECT_TRUE(store::visible(*upper, xindu_agri_liaison().scope));
    EXPECT_TRUE(store::visible(*upper, handling));
    EXPECT_FALSE(store::visible(*upper, xindu_sup().scope));
    EXPECT_FALSE(store::visible(*upper, ningjin_sup().scope));  // 130528 prefix: neither region nor org
    EXPECT_FALSE(store::visible(*upper, auth::DataScope{}));
}

TEST_P(SupervisionStoreTest, InspectionsReviewsFindingsReportsAndItemsRoundTrip) {
    tx([&](db::Tx& t) { store::insert_matter(t, bare(201, kScjg, kCityJustice, "130500", kNov27)); });
    Inspection i;
    i.id = 401;
    i.matter_id = 201;
    i.inspected_on = Date{2026, 11, 26};
    i.place = "邢台市市场监督管理局执法大队";
    i.people_met = "法制科吴刚";
    i.record = "查阅案卷12件";
    i.attachment_id = 7001;
    i.offline = true;
    i.created_at = kNov27;
    i.created_by = 12;
    // In the order shown, not by id.
    i.supervisors = {{kWangMin, "", 6002, kWangMinCert}, {kLiuWei, "", 6001, kLiuWeiCert}};
    Inspection plain = i;
    plain.id = 402;
    plain.attachment_id.reset();
    plain.offline = false;
    plain.people_met = "";
    plain.created_at = kNov27 + 1;
    tx([&](db::Tx& t) {
        store::insert_inspection(t, i);
        store::insert_inspection(t, plain);
    });
    auto ins = database().read([&](db::Tx& t) { return store::inspections_of(t, 201); });
    ASSERT_EQ(ins.size(), 2u);
    EXPECT_EQ(ins[0].id, 401);
    EXPECT_EQ(ins[0].matter_id, 201);
    EXPECT_EQ(ins[0].inspected_on, (Date{2026, 11, 26}));
    EXPECT_EQ(ins[0].place, i.place);
    EXPECT_EQ(ins[0].people_met, i.people_met);
    EXPECT_EQ(ins[0].record, i.record);
    EXPECT_EQ(ins[0].attachment_id, 7001);
    EXPECT_TRUE(ins[0].offline);
    EXPECT_EQ(ins[0].created_at, kNov27);
    EXPECT_EQ(ins[0].created_by, 12);
    ASSERT_EQ(ins[0].supervisors.size(), 2u);
    EXPECT_EQ(ins[0].supervisors[0].person_id, kWangMin);
    EXPECT_EQ(ins[0].supervisors[0].name, "王敏");  // read from people
    EXPECT_EQ(ins[0].supervisors[0].certificate_id, 6002);
    EXPECT_EQ(ins[0].supervisors[0].certificate_number, kWangMinCert);
    EXPECT_EQ(ins[0].supervisors[1].name, "刘伟");
    EXPECT_EQ(ins[0].supervisors[1].certificate_number, kLiuWeiCert);
    EXPECT_EQ(ins[1].id, 402);
    EXPECT_FALSE(ins[1].attachment_id);
    EXPECT_FALSE(ins[1].offline);

    FileReview r{501,
                 201,
                 "邢市监罚〔2026〕17号",
                 {"illegal_procedure"},
                 {{"archiving_late", 2}, {"remedy_omitted", 1}},
                 0,
                 "fail",
                 kNov27,
                 12};
    FileReview none{502, 201, "邢市监罚〔2026〕18号", {}, {}, 100, "excellent", kNov27 + 1, 13};
    tx([&](db::Tx& t) {
        store::insert_file_review(t, r);
        store::insert_file_review(t, none);
    });
    auto reviews = database().read([&](db::Tx& t) { return store::file_reviews_of(t, 201); });
    ASSERT_EQ(reviews.size(), 2u);
    EXPECT_EQ(reviews[0].id, 501);
    EXPECT_EQ(reviews[0].matter_id, 201);
    EXPECT_EQ(reviews[0].case_no, r.case_no);
    EXPECT_EQ(reviews[0].legality_failures, r.legality_failures);
    EXPECT_EQ(reviews[0].found, r.found);
    EXPECT_EQ(reviews[0].score, 0);
    EXPECT_EQ(reviews[0].grade, "fail");
    EXPECT_EQ(reviews[0].created_at, kNov27);
    EXPECT_EQ(reviews[0].created_by, 12);
    EXPECT_TRUE(reviews[1].legality_failures.empty());
    EXPECT_TRUE(reviews[1].found.empty());
    EXPECT_EQ(reviews[1].score, 100);
    EXPECT_EQ(reviews[1].grade, "excellent");
    EXPECT_EQ(reviews[1].created_by, 13);

    Finding f{601, 201, "illegal", "未告知", "案卷", "《行政处罚法》第四十四条", "on_spot", "当场补正告知", kNov27, 12};
    tx([&](db::Tx& t) { store::insert_finding(t, f); });
    auto findings = database().read([&](db::Tx& t) { return store::findings_of(t, 201); });
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].id, 601);
    EXPECT_EQ(findings[0].matter_id, 201);
    EXPECT_EQ(findings[0].category, "illegal");
    EXPECT_EQ(findings[0].facts, "未告知");
    EXPECT_EQ(findings[0].evidence, "案卷");
    EXPECT_EQ(findings[0].legal_basis, f.legal_basis);
    EXPECT_EQ(findings[0].disposition, "on_spot");
    EXPECT_EQ(findings[0].on_spot_record, "当场补正告知");
    EXPECT_EQ(findings[0].created_at, kNov27);
    EXPECT_EQ(findings[0].created_by, 12);

    RectificationReport rep;
    rep.id = 701;
    rep.matter_id = 201;
    rep.content = "已逐案补正";
    rep.attachment_id = 7002;
    rep.submitted_at = kDec1;
    rep.submitted_by = 21;
    tx([&](db::Tx& t) { store::insert_report(t, rep); });
    auto reps = database().read([&](db::Tx& t) { return store::reports_of(t, 201); });
    ASSERT_EQ(reps.size(), 1u);
    EXPECT_EQ(reps[0].content, "已逐案补正");
    EXPECT_EQ(reps[0].attachment_id, 7002);
    EXPECT_EQ(reps[0].submitted_at, kDec1);
    EXPECT_EQ(reps[0].submitted_by, 21);
    EXPECT_FALSE(reps[0].verdict);
    EXPECT_EQ(reps[0].verdict_reason, "");
    EXPECT_FALSE(reps[0].verified_at);
    EXPECT_FALSE(reps[0].verified_by);
    rep.verdict = "failed";
    rep.verdict_reason = "仍未告知";
    rep.verified_at = kDec1 + 1;
    rep.verified_by = 12;
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_report_verdict(t, rep); }), 1);
    // A verdict is given once.
    RectificationReport again = rep;
    again.verdict = "passed";
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_report_verdict(t, again); }), 0);
    reps = database().read([&](db::Tx& t) { return store::reports_of(t, 201); });
    EXPECT_EQ(reps[0].verdict, "failed");
    EXPECT_EQ(reps[0].verdict_reason, "仍未告知");
    EXPECT_EQ(reps[0].verified_at, kDec1 + 1);
    EXPECT_EQ(reps[0].verified_by, 12);

    const std::vector<DecisionItem> items{
        {"revoke", "撤销邢市监罚〔2026〕17号行政处罚决定", std::nullopt, std::nullopt},
        {"order_correction", "重新作出", Date{2027, 1, 15}, 901}};
    tx([&](db::Tx& t) { store::insert_decision_items(t, 201, items); });
    auto got = database().read([&](db::Tx& t) { return store::decision_items_of(t, 201); });
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].kind, "revoke");
    EXPECT_EQ(got[0].content, items[0].content);
    EXPECT_FALSE(got[0].due_on);
    EXPECT_FALSE(got[0].deadline_id);
    EXPECT_EQ(got[1].kind, "order_correction");
    EXPECT_EQ(got[1].due_on, (Date{2027, 1, 15}));
    EXPECT_EQ(got[1].deadline_id, 901);

    // Events keep their order.
    tx([&](db::Tx& t) {
        store::insert_event(t, MatterEvent{803, 201, "closed", kDec1, 12, "{}"});
        store::insert_event(t, MatterEvent{802, 201, "opened", kNov27, 12, R"({"source":"complaint"})"});
    });
    auto evs = database().read([&](db::Tx& t) { return store::list_events(t, 201); });
    ASSERT_EQ(evs.size(), 2u);
    EXPECT_EQ(evs[0].kind, "opened");
    EXPECT_EQ(evs[0].payload_json, R"({"source":"complaint"})");
    EXPECT_EQ(evs[0].by_user, 12);
    EXPECT_EQ(evs[1].kind, "closed");
}

TEST_P(SupervisionStoreTest, ACluesRoundTripsIsUpdatedOnItsVersionAndIsSeenByItsRoomAndCounty) {
    Clue c;
    c.id = 801;
    c.status = "submitted";
    c.room_org_id = kLicunRoom;
    c.county_org_id = kXinduJustice;
    c.region_code = "130503";
    c.target_org_id = kLicunGov;
    c.content = "李村镇综合行政执法队查扣物品未出具清单";
    c.attachment_id = 7003;
    c.created_at = c.updated_at = kNov27;
    c.created_by = 51;
    Clue other = c;
    other.id = 802;
    other.attachment_id.reset();
    other.created_at = other.updated_at = kNov27 + 1;
    tx([&](db::Tx& t) {
        store::insert_clue(t, c);
        store::insert_clue(t, other);
    });
    auto got = database().read([&](db::Tx& t) { return store::find_clue(t, 801); });
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, "submitted");
    EXPECT_EQ(got->room_org_id, kLicunRoom);
    EXPECT_EQ(got->county_org_id, kXinduJustice);
    EXPECT_EQ(got->region_code, "130503");
    EXPECT_EQ(got->target_org_id, kLicunGov);
    EXPECT_EQ(got->content, c.content);
    EXPECT_EQ(got->attachment_id, 7003);
    EXPECT_EQ(got->return_reason, "");
    EXPECT_FALSE(got->matter_id);
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->created_at, kNov27);
    EXPECT_EQ(got->updated_at, kNov27);
    EXPECT_EQ(got->created_by, 51);

    c.status = "accepted";
    c.matter_id = 201;
    c.updated_at = kDec1;
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_clue(t, c, 2); }), 0);
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_clue(t, c, 1); }), 1);
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_clue(t, c, 1); }), 0);
    got = database().read([&](db::Tx& t) { return store::find_clue(t, 801); });
    EXPECT_EQ(got->status, "accepted");
    EXPECT_EQ(got->matter_id, 201);
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->updated_at, kDec1);
    other.status = "returned";
    other.return_reason = "不属于行政执法监督范围";
    other.updated_at = kDec1;
    EXPECT_EQ(tx([&](db::Tx& t) { return store::update_clue(t, other, 1); }), 1);
    EXPECT_EQ(database().read([&](db::Tx& t) { return store::find_clue(t, 802); })->return_reason,
              "不属于行政执法监督范围");

    auto listed = [&](const auth::DataScope& s, std::optional<std::string> status = std::nullopt) {
        std::vector<int64_t> out;
        for (const auto& x : database().read([&](db::Tx& t) { return store::list_clues(t, s, status); }))
            out.push_back(x.id);
        return out;
    };
    // The room (its own organisation), the county (its region), the city; not another county.
    EXPECT_EQ(listed(room_sup().scope), (std::vector<int64_t>{802, 801}));
    EXPECT_EQ(listed(xindu_sup().scope), (std::vector<int64_t>{802, 801}));
    EXPECT_EQ(listed(city_sup().scope), (std::vector<int64_t>{802, 801}));
    EXPECT_TRUE(listed(ningjin_sup().scope).empty());
    EXPECT_TRUE(listed(auth::DataScope{}).empty());
    EXPECT_EQ(listed(xindu_sup().scope, "accepted"), (std::vector<int64_t>{801}));
    EXPECT_EQ(listed(room_sup().scope, "returned"), (std::vector<int64_t>{802}));
    EXPECT_TRUE(listed(xindu_sup().scope, "submitted").empty());
    // Another township's room does not see it.
    auth::DataScope other_room;
    other_room.region_prefixes = {"130503102"};
    other_room.org_ids = {4242};
    EXPECT_FALSE(store::clue_visible(*got, other_room));
    EXPECT_TRUE(store::clue_visible(*got, room_sup().scope));
}

INSTANTIATE_TEST_SUITE_P(Db, SupervisionStoreTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::supervision
