// ReportService on both databases (Db/*): a draft pre-filled from monitoring's aggregates, the
// story draft → submitted → returned with reasons → resubmitted → accepted, the refusals (each
// leaving everything as it was, each citing Art 15), the stale version, the data scope (an agency
// its own, a county its agencies, the city all), both receiving departments, lateness and the
// binding to the template version. Aggregates are seeded with SQL, as monitoring's ingest writes
// them. Every expected figure is written out by hand.
#include "lecs/reports/service.hpp"

#include <gtest/gtest.h>

#include "lecs/reports/report_test_fixture.hpp"
#include "lecs/reports/state_rules.hpp"

namespace lecs::reports {
namespace {

using namespace lecs::reports::testing;
using Cells = std::map<std::string, std::string, std::less<>>;

constexpr const char* kArt15 = "《邢台市行政执法协调监督工作办法》第十五条";

// The annual figures of 邢台市市场监督管理局 as its liaison types them (万元 for amounts): the data's
// figures, except 罚没金额 12.6万元 where the data say 12.5万元.
Cells filled() {
    Cells c;
    for (const auto& t : default_annual_template().tables)
        for (const auto& f : t.fields) c[f.code] = "0";
    const std::pair<const char*, const char*> figures[] = {
        {"P_WARNING", "3"},     {"P_FINE", "6"},      {"P_CONFISCATION", "2"}, {"P_DETENTION", "1"},
        {"P_TOTAL", "12"},      {"P_AMOUNT", "12.6"}, {"L_APPLIED", "10"},     {"L_ACCEPTED", "10"},
        {"L_GRANTED", "8"},     {"L_REFUSED", "1"},   {"L_DECIDED", "9"},      {"C_SEAL", "2"},
        {"C_SEIZE", "1"},       {"C_MEASURES", "3"},  {"C_SUBSTITUTE", "2"},   {"C_EXECUTION", "2"},
        {"C_TOTAL", "5"},       {"C_COURT", "1"},     {"I_TOTAL", "40"},       {"V_COUNT", "2"},
        {"V_AMOUNT", "0.3"},    {"S_PENALTY", "12"},  {"S_LICENSE", "9"},      {"S_COERCION", "5"},
        {"S_INSPECTION", "40"}, {"S_LEVY", "2"},      {"S_TOTAL", "68"},       {"R_UPHELD", "3"},
        {"R_REVOKED", "1"},     {"R_CORRECTED", "1"}, {"R_COUNTED", "4"},      {"R_SETTLED", "1"},
        {"R_CONCLUDED", "5"},   {"G_UPHELD", "1"},    {"G_COUNTED", "1"},      {"G_WITHDRAWN", "1"},
        {"G_CONCLUDED", "2"},   {"Z_STAFF", "50"},    {"Z_HOLDERS", "45"}};
    for (auto [code, v] : figures) c[code] = v;
    return c;
}

class ReportServiceTest : public ReportsFixture {
  protected:
    void SetUp() override {
        ReportsFixture::SetUp();
        // 邢台市市场监督管理局's acts of 2026 in March and November; December 2025 and January 2027
        // lie outside the annual report of 2026.
        database().write([](db::Tx& tx) {
            auto agg = [&](int64_t agency, int month, const char* metric, int64_t v) {
                tx.exec("INSERT INTO monitoring_agg (agency_id, month, metric, value) VALUES ($1, $2, $3, $4)",
                        {agency, int64_t{month}, std::string(metric), v});
            };
            agg(kScjg, 202603, "acts.penalty", 7);
            agg(kScjg, 202603, "amount.penalty", 7'500'000);
            agg(kScjg, 202603, "acts.license", 4);
            agg(kScjg, 202603, "acts.inspection", 25);
            agg(kScjg, 202603, "acts.coercion", 5);
            agg(kScjg, 202611, "acts.penalty", 5);
            agg(kScjg, 202611, "amount.penalty", 5'000'000);
            agg(kScjg, 202611, "acts.license", 5);
            agg(kScjg, 202611, "acts.inspection", 15);
            agg(kScjg, 202611, "acts.levy", 2);
            agg(kScjg, 202611, "amount.levy", 300'000);
            agg(kScjg, 202611, "recon.concluded", 4);
            agg(kScjg, 202611, "recon.corrected", 1);
            agg(kScjg, 202611, "lit.concluded", 1);
            agg(kScjg, 202512, "acts.penalty", 100);
            agg(kScjg, 202701, "acts.penalty", 50);
        });
    }

    Result<SubmissionView> open(const auth::Caller& who, int64_t agency, const std::string& period = "2026",
                                const std::string& tmpl = "annual", int64_t now = kNov27) {
        return change([&](db::Tx& t) { return svc_->open_draft(t, who, agency, tmpl, period, now); });
    }
    Result<SubmissionView> get(const auth::Caller& who, int64_t id, int64_t now = kNov27) {
        return database().read([&](db::Tx& t) { return svc_->get(t, who, id, now); });
    }
    Result<SubmissionView> save(const auth::Caller& who, int64_t id, int64_t version, const Cells& cells,
                                AmountUnit unit = AmountUnit::kWanYuan) {
        return change([&](db::Tx& t) { return svc_->save(t, who, id, version, cells, unit, kNov27 + kDay); });
    }
    Result<SubmissionView> submit(const auth::Caller& who, int64_t id, int64_t version, int64_t now = kNov27 + kDay) {
        return change([&](db::Tx& t) { return svc_->submit(t, who, id, version, now); });
    }
    Result<SubmissionView> resubmit(const auth::Caller& who, int64_t id, int64_t version,
                                    int64_t now = kNov27 + 3 * kDay) {
        return change([&](db::Tx& t) { return svc_->resubmit(t, who, id, version, now); });
    }
    Result<SubmissionView> give_back(const auth::Caller& who, int64_t id, int64_t version,
                                     const std::vector<ReturnReason>& reasons) {
        return change([&](db::Tx& t) { return svc_->return_report(t, who, id, version, reasons, kNov27 + 2 * kDay); });
    }
    Result<SubmissionView> accept(const auth::Caller& who, int64_t id, int64_t version) {
        return change([&](db::Tx& t) { return svc_->accept(t, who, id, version, kNov27 + 4 * kDay); });
    }
    // A submitted report of 邢台市市场监督管理局 (version 3).
    SubmissionView submitted_scjg() {
        auto d = open(scjg_liaison(), kScjg);
        EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
        auto s = save(scjg_liaison(), d->submission.id, 1, filled());
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
        auto f = submit(scjg_liaison(), d->submission.id, 2);
        EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
        return *f;
    }
    std::vector<std::string> audit_actions() {
        return database().read([](db::Tx& t) {
            std::vector<std::string> out;
            for (const auto& r : t.query("SELECT action FROM audit_log WHERE object_kind = 'report_submission' "
                                         "ORDER BY id"))
                out.push_back(r.str(0));
            return out;
        });
    }
    // Everything a refused call must leave as it was.
    std::string state() {
        return database().read([](db::Tx& t) {
            std::string out;
            for (const auto& r :
                 t.query("SELECT id, state, version, values_json FROM report_submissions ORDER BY agency_id"))
                out += r.str(1) + "/v" + std::to_string(r.i64(2)) + "/" + r.str(3) + " ";
            for (const char* table : {"audit_log", "report_returns", "report_templates"})
                out += std::string(table) + "=" +
                       std::to_string(t.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0)) + " ";
            return out;
        });
    }
    static void expect_refused(const Result<SubmissionView>& r, const char* code, int status) {
        ASSERT_FALSE(r.ok()) << code;
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().http_status, status);
    }
};

TEST_P(ReportServiceTest, OpensADraftPrefilledFromMonitoringForThePeriodsMonths) {
    auto r = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& s = r->submission;
    EXPECT_EQ(s.state, "draft");
    EXPECT_EQ(s.template_code, "annual");
    EXPECT_EQ(s.template_version, 1);
    EXPECT_EQ(s.period_key, "2026");
    EXPECT_EQ(s.region_code, "130500");
    EXPECT_EQ(s.due_on.iso(), "2027-01-31");
    EXPECT_EQ(s.version, 1);
    EXPECT_TRUE(r->prefilled);
    const Values expected = {{"C_TOTAL", 5},
                             {"G_COUNTED", 1},
                             {"G_LOST", 0},
                             {"I_TOTAL", 40},
                             {"L_DECIDED", 9},
                             {"P_AMOUNT", 12'500'000},
                             {"P_TOTAL", 12},
                             {"R_CORRECTED", 1},
                             {"R_COUNTED", 4},
                             {"S_COERCION", 5},
                             {"S_INSPECTION", 40},
                             {"S_LEVY", 2},
                             {"S_LICENSE", 9},
                             {"S_PENALTY", 12},
                             {"S_TOTAL", 68},
                             {"V_AMOUNT", 300'000},
                             {"V_COUNT", 2},
                             // The penalty types come from the acts table, which this test leaves
                             // empty: every type counts 0 (the API tests count real acts).
                             {"P_WARNING", 0},
                             {"P_FINE", 0},
                             {"P_CONFISCATION", 0},
                             {"P_PERMIT", 0},
                             {"P_BUSINESS", 0},
                             {"P_DETENTION", 0},
                             {"P_OTHER", 0}};
    EXPECT_EQ(s.values, expected);
    EXPECT_EQ(s.prefill, expected);
    // The figures the data cannot give are still to be typed: the first is 通报批评.
    ASSERT_FALSE(r->failures.empty());
    EXPECT_EQ(r->failures.front().rule, "cell.missing");
    EXPECT_EQ(r->failures.front().field_code, "P_CRITICISM");
    EXPECT_EQ(r->lateness.state, Timeliness::kNotYetDue);

    // Stored as returned, with the template it is bound to and its audit record.
    auto again = get(city_sup(), s.id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->submission.values, expected);
    EXPECT_EQ(count("SELECT COUNT(*) FROM report_templates WHERE code = 'annual' AND version = 1"), 1);
    EXPECT_EQ(audit_actions(), std::vector<std::string>{"report.create"});

    // Opening it again (by anyone who sees it) returns the same draft and writes nothing.
    const std::string before = state();
    auto same = open(city_sup(), kScjg);
    ASSERT_TRUE(same.ok()) << same.error().message;
    EXPECT_EQ(same->submission.id, s.id);
    EXPECT_EQ(state(), before);
}

TEST_P(ReportServiceTest, WithoutMonitoringDataTheDraftStartsBlank) {
    auto r = open(xindu_agri_liaison(), kXinduAgri);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->prefilled);
    EXPECT_TRUE(r->submission.values.empty());
    EXPECT_TRUE(r->submission.prefill.empty());
    EXPECT_EQ(r->submission.region_code, "130503");
}

TEST_P(ReportServiceTest, OnlyTheAgencysOwnLiaisonOpensANewDraft) {
    const std::string before = state();
    // A department sees the agency but does not fill its report (Art 15).
    auto dept = open(city_sup(), kScjg);
    expect_refused(dept, "workflow.role_not_allowed", 403);
    EXPECT_EQ(dept.error().basis, kArt15);
    // The agency's head holds no liaison role.
    expect_refused(open(scjg_head(), kScjg), "workflow.role_not_allowed", 403);
    // Another agency does not even see it.
    expect_refused(open(ningjin_scjg_liaison(), kScjg), "not_found", 404);
    expect_refused(open(scjg_liaison(), 424242), "not_found", 404);
    auto bad_period = open(scjg_liaison(), kScjg, "2026-13");
    expect_refused(bad_period, "report.period", 400);
    EXPECT_EQ(bad_period.error().field, "period");
    EXPECT_EQ(bad_period.error().message, "报送期间“2026-13”格式不正确，应为2026、2026-H1、2026-Q1或2026-03");
    expect_refused(open(scjg_liaison(), kScjg, "2026-Q1"), "reports.period_mismatch", 400);
    auto unknown = open(scjg_liaison(), kScjg, "2026", "monthly");
    expect_refused(unknown, "report.template_unknown", 400);
    EXPECT_EQ(unknown.error().basis, kArt15);
    EXPECT_EQ(state(), before);
}

TEST_P(ReportServiceTest, OnlyAnEnforcementAgencyFilesEnforcementStatistics) {
    // A liaison of the coordination department itself: it reports no enforcement acts of its own.
    auto dept_liaison =
        caller(25, "justice.liaison", kCityJustice, "supervision_dept", "city", "130500", "agency_liaison");
    auto r = open(dept_liaison, kCityJustice);
    expect_refused(r, "report.not_an_agency", 400);
    EXPECT_EQ(r.error().message, "只有行政执法机关报送行政执法统计报表");
    EXPECT_EQ(r.error().basis, kArt15);
    EXPECT_EQ(count("SELECT COUNT(*) FROM report_submissions"), 0);
}

TEST_P(ReportServiceTest, TheStoryFromDraftToAccepted) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    const int64_t id = d->submission.id;

    // The liaison types the figures, changing one: 罚没金额 12.6万元.
    auto saved = save(scjg_liaison(), id, 1, filled());
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(saved->submission.state, "draft");
    EXPECT_EQ(saved->submission.version, 2);
    EXPECT_TRUE(saved->failures.empty());
    EXPECT_EQ(saved->submission.values.size(), 66u);
    EXPECT_EQ(saved->submission.values.at("P_AMOUNT"), 12'600'000);
    EXPECT_EQ(saved->submission.values.at("V_AMOUNT"), 300'000);
    EXPECT_EQ(saved->submission.prefill.at("P_AMOUNT"), 12'500'000);  // what the data said stays

    auto sub = submit(scjg_liaison(), id, 2);
    ASSERT_TRUE(sub.ok()) << sub.error().message;
    EXPECT_EQ(sub->submission.state, "submitted");
    EXPECT_EQ(sub->submission.version, 3);
    EXPECT_EQ(sub->submission.submitted_at, kNov27 + kDay);
    EXPECT_EQ(sub->lateness.state, Timeliness::kOnTime);

    // city.sup1 returns it with a reason on 罚没金额.
    auto ret = give_back(city_sup(), id, 3, {{"P_AMOUNT", "与执法数据不符（数据为12.50万元），请核实"}});
    ASSERT_TRUE(ret.ok()) << ret.error().message;
    EXPECT_EQ(ret->submission.state, "returned");
    EXPECT_EQ(ret->submission.version, 4);
    ASSERT_EQ(ret->returns.size(), 1u);
    EXPECT_EQ(ret->returns[0].round, 1);
    EXPECT_EQ(ret->returns[0].field_code, "P_AMOUNT");
    EXPECT_EQ(ret->returns[0].reason, "与执法数据不符（数据为12.50万元），请核实");
    EXPECT_EQ(ret->returns[0].created_by, 12);

    // The agency corrects the figure and resubmits; the first submission's time stays.
    auto fixed = filled();
    fixed["P_AMOUNT"] = "12.5";
    auto corrected = save(scjg_liaison(), id, 4, fixed);
    ASSERT_TRUE(corrected.ok()) << corrected.error().message;
    EXPECT_EQ(corrected->submission.state, "returned");
    auto again = resubmit(scjg_liaison(), id, 5);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->submission.state, "resubmitted");
    EXPECT_EQ(again->submission.submitted_at, kNov27 + kDay);
    EXPECT_EQ(again->submission.last_submitted_at, kNov27 + 3 * kDay);
    EXPECT_EQ(again->submission.values.at("P_AMOUNT"), 12'500'000);

    auto done = accept(city_leader(), id, 6);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->submission.state, "accepted");
    EXPECT_EQ(done->submission.version, 7);
    EXPECT_EQ(done->submission.accepted_at, kNov27 + 4 * kDay);
    EXPECT_EQ(done->submission.accepted_by, 11);

    // Accepted is final.
    expect_refused(give_back(city_sup(), id, 7, {{"P_AMOUNT", "再核"}}), "workflow.wrong_state", 409);
    expect_refused(save(scjg_liaison(), id, 7, filled()), "workflow.wrong_state", 409);

    EXPECT_EQ(audit_actions(),
              (std::vector<std::string>{"report.create", "report.save", "report.submit", "report.return", "report.save",
                                        "report.resubmit", "report.accept"}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.return' AND detail = "
                    "'round=1 fields=P_AMOUNT'"),
              1);
}

TEST_P(ReportServiceTest, ASecondReturnIsASecondRoundWithItsOwnReasons) {
    const int64_t id = submitted_scjg().submission.id;
    ASSERT_TRUE(give_back(city_sup(), id, 3, {{"P_AMOUNT", "请核实"}}).ok());
    ASSERT_TRUE(resubmit(scjg_liaison(), id, 4).ok());
    auto second = give_back(city_leader(), id, 5, {{"Z_STAFF", "执法人员数与人员库不符"}, {"Z_HOLDERS", "同上"}});
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_EQ(second->returns.size(), 3u);
    EXPECT_EQ(second->returns[0].round, 1);
    EXPECT_EQ(second->returns[1].round, 2);
    EXPECT_EQ(second->returns[1].field_code, "Z_STAFF");
    EXPECT_EQ(second->returns[2].round, 2);
    EXPECT_EQ(second->returns[2].field_code, "Z_HOLDERS");
}

TEST_P(ReportServiceTest, ADraftRefusesWhatIsNoNumberButKeepsWhatBreaksARule) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    const int64_t id = d->submission.id;
    const std::string before = state();

    auto text = filled();
    text["P_FINE"] = "六";
    auto r = save(scjg_liaison(), id, 1, text);
    expect_refused(r, "cell.not_number", 400);
    EXPECT_EQ(r.error().field, "P_FINE");
    EXPECT_EQ(r.error().basis, kArt15);
    auto unknown = filled();
    unknown["P_BRIBES"] = "1";
    expect_refused(save(scjg_liaison(), id, 1, unknown), "cell.unknown_field", 400);
    auto huge = filled();
    huge["S_TOTAL"] = "1000000001";
    expect_refused(save(scjg_liaison(), id, 1, huge), "cell.overflow", 400);
    EXPECT_EQ(state(), before);

    // A negative figure is kept with the draft, and shown; submitting it is refused naming the cell.
    auto negative = filled();
    negative["P_FINE"] = "-6";
    auto kept = save(scjg_liaison(), id, 1, negative);
    ASSERT_TRUE(kept.ok()) << kept.error().message;
    EXPECT_EQ(kept->submission.values.at("P_FINE"), -6);
    ASSERT_FALSE(kept->failures.empty());
    EXPECT_EQ(kept->failures.front().rule, "rule.non_negative");
    EXPECT_EQ(kept->failures.front().field_code, "P_FINE");
    const std::string saved = state();
    auto refused = submit(scjg_liaison(), id, 2);
    expect_refused(refused, "report.invalid", 400);
    EXPECT_EQ(refused.error().field, "P_FINE");
    EXPECT_EQ(refused.error().basis, kArt15);
    EXPECT_TRUE(refused.error().message.starts_with("统计报表未通过校验，不能报送：表“行政处罚”栏目“罚款”（P_FINE）"))
        << refused.error().message;
    EXPECT_EQ(state(), saved);

    // Amounts from the API's JSON are in 分.
    auto fen = filled();
    fen["P_AMOUNT"] = "12600000";
    fen["V_AMOUNT"] = "300000";
    auto in_fen = save(scjg_liaison(), id, 2, fen, AmountUnit::kFen);
    ASSERT_TRUE(in_fen.ok()) << in_fen.error().message;
    EXPECT_EQ(in_fen->submission.values.at("P_AMOUNT"), 12'600'000);
    EXPECT_TRUE(in_fen->failures.empty());
}

TEST_P(ReportServiceTest, AStaleVersionIsRefused) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    const int64_t id = d->submission.id;
    ASSERT_TRUE(save(scjg_liaison(), id, 1, filled()).ok());
    const std::string before = state();
    expect_refused(save(scjg_liaison(), id, 1, filled()), "version_conflict", 409);
    expect_refused(submit(scjg_liaison(), id, 1), "version_conflict", 409);
    EXPECT_EQ(state(), before);
    ASSERT_TRUE(submit(scjg_liaison(), id, 2).ok());
    expect_refused(accept(city_sup(), id, 2), "version_conflict", 409);
    expect_refused(give_back(city_sup(), id, 2, {{"P_AMOUNT", "请核实"}}), "version_conflict", 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM report_returns"), 0);
}

TEST_P(ReportServiceTest, AReturnNamesAFieldAndAReasonForEachCorrection) {
    const int64_t id = submitted_scjg().submission.id;
    const std::string before = state();
    auto none = give_back(city_sup(), id, 3, {});
    expect_refused(none, "report.return_reason_missing", 400);
    EXPECT_EQ(none.error().basis, kArt15);
    auto field = give_back(city_sup(), id, 3, {{"P_AMOUNT", "请核实"}, {"P_BRIBES", "?"}});
    expect_refused(field, "report.return_field", 400);
    EXPECT_EQ(field.error().field, "reasons[1].field_code");
    EXPECT_EQ(field.error().message, "退回理由所指的栏目“P_BRIBES”不在本报表模板中");
    expect_refused(give_back(city_sup(), id, 3, {{"P_AMOUNT", "请核实"}, {"P_AMOUNT", "再核"}}),
                   "report.return_field_repeated", 400);
    auto blank = give_back(city_sup(), id, 3, {{"P_AMOUNT", "  "}});
    expect_refused(blank, "report.return_reason", 400);
    EXPECT_EQ(blank.error().field, "reasons[0].reason");
    std::string long_reason;
    for (int i = 0; i < 501; ++i) long_reason += "核";
    expect_refused(give_back(city_sup(), id, 3, {{"P_AMOUNT", long_reason}}), "report.return_reason", 400);
    EXPECT_EQ(state(), before);
    // 500 characters is the limit, inclusive.
    long_reason.resize(long_reason.size() - std::string("核").size());
    EXPECT_TRUE(give_back(city_sup(), id, 3, {{"P_AMOUNT", long_reason}}).ok());
}

TEST_P(ReportServiceTest, WhoMayDoWhatToASubmittedReport) {
    const int64_t id = submitted_scjg().submission.id;
    const std::string before = state();
    // The agency cannot accept or return its own report, nor submit it twice.
    expect_refused(accept(scjg_liaison(), id, 3), "workflow.role_not_allowed", 403);
    expect_refused(give_back(scjg_liaison(), id, 3, {{"P_AMOUNT", "x"}}), "workflow.role_not_allowed", 403);
    expect_refused(submit(scjg_liaison(), id, 3), "workflow.wrong_state", 409);
    expect_refused(save(scjg_liaison(), id, 3, filled()), "workflow.wrong_state", 409);
    // A county department neither sees nor receives a city agency's report.
    expect_refused(accept(xindu_sup(), id, 3), "not_found", 404);
    expect_refused(get(ningjin_sup(), id), "not_found", 404);
    EXPECT_EQ(state(), before);
}

TEST_P(ReportServiceTest, TheSameLevelAndTheUpperLevelDepartmentBothReceive) {
    // 信都区农业农村局 reports to 信都区司法局 (same level) and 邢台市司法局 (upper level), Art 15.
    auto d = open(xindu_agri_liaison(), kXinduAgri);
    ASSERT_TRUE(d.ok());
    const int64_t id = d->submission.id;
    ASSERT_TRUE(save(xindu_agri_liaison(), id, 1, filled()).ok());
    ASSERT_TRUE(submit(xindu_agri_liaison(), id, 2).ok());
    expect_refused(accept(ningjin_sup(), id, 3), "not_found", 404);
    auto county = give_back(xindu_sup(), id, 3, {{"Z_STAFF", "请按年末在编人数填报"}});
    ASSERT_TRUE(county.ok()) << county.error().message;
    ASSERT_TRUE(resubmit(xindu_agri_liaison(), id, 4).ok());
    auto city = accept(city_sup(), id, 5);
    ASSERT_TRUE(city.ok()) << city.error().message;
    EXPECT_EQ(city->submission.state, "accepted");
}

TEST_P(ReportServiceTest, AnAgencySeesItsOwnACountyItsAgenciesTheCityAll) {
    int64_t scjg = 0, xindu = 0, ningjin = 0;
    for (auto [who, agency, out] :
         {std::tuple{scjg_liaison(), kScjg, &scjg}, std::tuple{xindu_agri_liaison(), kXinduAgri, &xindu},
          std::tuple{ningjin_scjg_liaison(), kNingjinScjg, &ningjin}}) {
        auto r = open(who, agency);
        ASSERT_TRUE(r.ok()) << r.error().message;
        *out = r->submission.id;
    }
    auto ids = [&](const auth::Caller& who, store::SubmissionFilter f = {}) {
        auto page = database().read([&](db::Tx& t) { return svc_->list(t, who, f); });
        std::vector<int64_t> out;
        for (const auto& s : page.items) out.push_back(s.agency_id);
        EXPECT_EQ(page.total, static_cast<int64_t>(out.size()));
        return out;
    };
    EXPECT_EQ(ids(city_sup()), (std::vector<int64_t>{kScjg, kXinduAgri, kNingjinScjg}));  // by region
    EXPECT_EQ(ids(xindu_sup()), std::vector<int64_t>{kXinduAgri});
    EXPECT_EQ(ids(ningjin_sup()), std::vector<int64_t>{kNingjinScjg});
    EXPECT_EQ(ids(scjg_liaison()), std::vector<int64_t>{kScjg});
    EXPECT_EQ(ids(xindu_agri_liaison()), std::vector<int64_t>{kXinduAgri});
    EXPECT_EQ(ids(auth::Caller{}), std::vector<int64_t>{});

    EXPECT_TRUE(get(scjg_liaison(), scjg).ok());
    expect_refused(get(scjg_liaison(), xindu), "not_found", 404);
    expect_refused(get(xindu_agri_liaison(), ningjin), "not_found", 404);
    expect_refused(get(xindu_sup(), scjg), "not_found", 404);
    EXPECT_TRUE(get(xindu_sup(), xindu).ok());
    EXPECT_TRUE(get(city_sup(), ningjin).ok());

    // Filters: state and period.
    ASSERT_TRUE(save(xindu_agri_liaison(), xindu, 1, filled()).ok());
    ASSERT_TRUE(submit(xindu_agri_liaison(), xindu, 2).ok());
    store::SubmissionFilter submitted;
    submitted.state = "submitted";
    EXPECT_EQ(ids(city_sup(), submitted), std::vector<int64_t>{kXinduAgri});
    store::SubmissionFilter other_year;
    other_year.period_key = "2025";
    EXPECT_EQ(ids(city_sup(), other_year), std::vector<int64_t>{});
}

TEST_P(ReportServiceTest, LatenessIsJudgedOnBeijingDates) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    const int64_t id = d->submission.id;
    ASSERT_TRUE(save(scjg_liaison(), id, 1, filled()).ok());
    // Not submitted by 31 January: missing from 1 February.
    auto missing = get(city_sup(), id, kFeb1 + 2 * kDay);
    ASSERT_TRUE(missing.ok());
    EXPECT_EQ(missing->lateness.state, Timeliness::kMissing);
    EXPECT_EQ(missing->lateness.days_late, 3);
    // Submitted at 00:00 on 1 February Beijing time: one day late.
    auto late = submit(scjg_liaison(), id, 2, kFeb1);
    ASSERT_TRUE(late.ok()) << late.error().message;
    EXPECT_EQ(late->lateness.state, Timeliness::kLate);
    EXPECT_EQ(late->lateness.days_late, 1);
}

TEST_P(ReportServiceTest, SubmittedAtTheLastMinuteOfTheDueDateIsOnTime) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(save(scjg_liaison(), d->submission.id, 1, filled()).ok());
    auto r = submit(scjg_liaison(), d->submission.id, 2, kJan31Late);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->lateness.state, Timeliness::kOnTime);
    EXPECT_EQ(r->lateness.days_late, 0);
}

TEST_P(ReportServiceTest, ASubmissionStaysBoundToTheTemplateVersionItWasOpenedOn) {
    auto v1 = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(v1.ok());
    // Version 2 of the annual template: the same layout under a new name.
    auto src = default_annual_source();
    auto pos = src.json.find("\"version\": 1");
    ASSERT_NE(pos, std::string::npos);
    src.json.replace(pos, std::string("\"version\": 1").size(), "\"version\": 2");
    pos = src.json.find("\"name\": \"行政执法统计年报\"");
    ASSERT_NE(pos, std::string::npos);
    src.json.replace(pos, std::string("\"name\": \"行政执法统计年报\"").size(),
                     "\"name\": \"行政执法统计年报（2027版）\"");
    auto parsed = parse_template(src.json);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    src.tmpl = *parsed;
    // A service that only offers version 2: the 2026 report stays on version 1, read back from the
    // database; a new period's report opens on version 2.
    svc_ = std::make_unique<ReportService>(*audit_, *workflow_, std::vector<TemplateSource>{src});
    auto saved = save(scjg_liaison(), v1->submission.id, 1, filled());
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(saved->submission.template_version, 1);
    EXPECT_TRUE(saved->failures.empty());
    auto next = open(scjg_liaison(), kScjg, "2027");
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(next->submission.template_version, 2);
    EXPECT_EQ(next->submission.due_on.iso(), "2028-01-31");
    EXPECT_EQ(count("SELECT COUNT(*) FROM report_templates WHERE code = 'annual'"), 2);
}

TEST_P(ReportServiceTest, APublishedTemplateThatChangedIsRefused) {
    ASSERT_TRUE(open(scjg_liaison(), kScjg).ok());
    auto src = default_annual_source();
    src.json += "\n";  // the same (code, version), different text
    svc_ = std::make_unique<ReportService>(*audit_, *workflow_, std::vector<TemplateSource>{src});
    const std::string before = state();
    auto r = open(xindu_agri_liaison(), kXinduAgri);
    expect_refused(r, "report.template_changed", 409);
    EXPECT_EQ(r.error().basis, kArt15);
    EXPECT_EQ(state(), before);
}

// The penalty types come from the acts themselves: each decision once, under its heaviest type;
// a decision without a type is counted in the total only (the sum rule then shows the gap).
TEST_P(ReportServiceTest, ThePenaltyTypesOfTheActsArePrefilledUnderTheHeaviestType) {
    change([](db::Tx& tx) {
        auto act = [&](int64_t key, const char* date, int month, int64_t types) {
            tx.exec(
                "INSERT INTO monitoring_acts (agency_id, ext_key, external_id, kind, act_date, month, region_code, "
                "case_no, item_code, officers, party_type, party_key, penalty_types, amount_fen, procedure, "
                "legal_review, major, publish_required, extension_days, excluded_days, warn_mask, batch_id, "
                "updated_at) VALUES ($1, $2, $3, 'penalty', $4, $5, '130500', 'C', 'I', '[]', 'org', 'k', $6, 0, "
                "'general', 1, 0, 0, 0, 0, 0, 1, 1)",
                {kScjg, key, "X-" + std::to_string(key), std::string(date), int64_t{month}, types});
        };
        act(1, "2026-03-02", 202603, 2 | 1);   // 罚款 + 警告 → 罚款
        act(2, "2026-03-09", 202603, 32 | 2);  // 行政拘留 + 罚款 → 行政拘留
        act(3, "2026-11-02", 202611, 2);       // 罚款
        act(4, "2026-11-03", 202611, 0);       // no type: the total only
        act(5, "2025-12-30", 202512, 16);      // 2025: not in the 2026 report
        return 0;
    });
    auto r = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& v = r->submission.values;
    EXPECT_EQ(v.at("P_FINE"), 2);
    EXPECT_EQ(v.at("P_DETENTION"), 1);
    EXPECT_EQ(v.at("P_WARNING"), 0);
    EXPECT_EQ(v.at("P_PERMIT"), 0);
    EXPECT_EQ(v.count("P_CRITICISM"), 0u);  // 通报批评: no monitoring type, typed by hand
    EXPECT_EQ(v.at("P_TOTAL"), 12);         // from the aggregates
}

TEST_P(ReportServiceTest, AFiledReportListsWhereItDiffersFromTheDataAndADraftDoesNot) {
    auto d = open(scjg_liaison(), kScjg);
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(d->differences.empty());
    const SubmissionView s = submitted_scjg();
    std::map<std::string, std::pair<int64_t, int64_t>> got;
    for (const auto& x : s.differences) {
        got[x.field_code] = {x.filed, x.computed};
        EXPECT_EQ(x.difference, x.filed - x.computed);
    }
    // 12.6万元 filed where the data give 12.5万元; the penalty types typed where the (empty) acts
    // table gives none; everything else agrees.
    EXPECT_EQ(got.at("P_AMOUNT"), (std::pair<int64_t, int64_t>{12'600'000, 12'500'000}));
    EXPECT_EQ(got.at("P_WARNING"), (std::pair<int64_t, int64_t>{3, 0}));
    EXPECT_EQ(got.count("S_TOTAL"), 0u);
    EXPECT_EQ(got.count("Z_STAFF"), 0u);  // not derivable from the data: not compared
}

TEST_P(ReportServiceTest, ComplianceCountsEveryAgencyInScopeAndRemindersAreNotRepeated) {
    submitted_scjg();  // filed on 28 November 2026: on time
    auto comp = [&](const auth::Caller& who, int64_t now) {
        return database().read(
            [&](db::Tx& t) { return svc_->compliance(t, who, "annual", "2026", std::nullopt, now); });
    };
    auto city = comp(city_sup(), kFeb1);
    ASSERT_TRUE(city.ok()) << city.error().message;
    EXPECT_EQ(city->due.iso(), "2027-01-31");
    EXPECT_EQ(city->expected, 3);
    EXPECT_EQ(city->on_time, 1);
    EXPECT_EQ(city->missing, 2);
    EXPECT_EQ(city->late, 0);
    auto xindu = comp(xindu_sup(), kFeb1);
    ASSERT_TRUE(xindu.ok());
    ASSERT_EQ(xindu->items.size(), 1u);
    EXPECT_EQ(xindu->items[0].agency_id, kXinduAgri);
    EXPECT_EQ(xindu->items[0].lateness.state, Timeliness::kMissing);
    EXPECT_EQ(xindu->items[0].lateness.days_late, 1);
    auto before = comp(city_sup(), kNov27);
    EXPECT_EQ(before->not_yet_due, 2);

    auto remind = [&](const auth::Caller& who, int64_t now) {
        return change([&](db::Tx& t) { return svc_->remind(t, who, "annual", "2026", now); });
    };
    auto early = remind(city_sup(), kNov27);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "report.remind_too_early");
    EXPECT_EQ(early.error().basis, kArt15);
    auto first = remind(city_sup(), kFeb1);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(*first, 2);
    auto again = remind(city_sup(), kFeb1 + kDay);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM todos WHERE object_kind = 'report_due' AND done_at IS NULL"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM todos WHERE object_kind = 'report_due' AND object_id = $1", {kXinduAgri}), 1);
}

// The scheduler's job: nothing before the window, then one to-do per agency still owing (scjg filed),
// the same to-do as 催报's (a later 催报 adds none), not repeated, and audited once as the system.
TEST_P(ReportServiceTest, TheSchedulerRemindsTheAgenciesStillOwingFromFifteenDaysBeforeTheDueDate) {
    submitted_scjg();
    // 信都区农业农村局's liaison, and a disabled one who gets nothing.
    database().write([](db::Tx& tx) {
        for (auto [id, name, status] : {std::tuple{int64_t{7701}, "xindu.agri", "active"},
                                        std::tuple{int64_t{7702}, "xindu.agri.old", "disabled"}}) {
            tx.exec(
                "INSERT INTO users (id, username, display_name, org_id, password_hash, password_changed_at, status, "
                "created_at, updated_at) VALUES ($1, $2, $2, $3, 'x', 0, $4, 0, 0)",
                {id, std::string(name), kXinduAgri, std::string(status)});
            tx.exec("INSERT INTO user_roles (user_id, role) VALUES ($1, 'agency_liaison')", {id});
        }
    });
    auto run = [&](int64_t now) { return database().write([&](db::Tx& t) { return svc_->remind_due(t, now); }); };
    EXPECT_EQ(run(kNov27), 0);
    const int64_t jan16 = kFeb1 - 16 * kDay;  // 2027-01-16, Beijing: 15 days before 31 January
    EXPECT_EQ(run(jan16 - kDay), 0);
    EXPECT_EQ(run(jan16), 2);
    EXPECT_EQ(run(jan16 + kDay), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM todos WHERE object_kind = 'report_due' AND done_at IS NULL"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM todos WHERE object_kind = 'report_due' AND object_id = $1", {kScjg}), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'report.remind' AND user_id = 7701 AND "
                    "object_id = $1",
                    {kXinduAgri}),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = 7702"), 0);
    auto by_hand = change([&](db::Tx& t) { return svc_->remind(t, city_sup(), "annual", "2026", kFeb1); });
    ASSERT_TRUE(by_hand.ok());
    EXPECT_EQ(*by_hand, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.remind' AND username = 'system'"), 1);
    // Past the window (30 days after the due date) the job leaves it to 报送情况 and 催报.
    EXPECT_EQ(run(kFeb1 + 31 * kDay), 0);
}

TEST_P(ReportServiceTest, TheAggregateRollsUpByCountyWithTheYearBefore) {
    submitted_scjg();
    auto d = open(xindu_agri_liaison(), kXinduAgri);
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(save(xindu_agri_liaison(), d->submission.id, 1, filled()).ok());
    ASSERT_TRUE(submit(xindu_agri_liaison(), d->submission.id, 2).ok());
    auto agg = [&](const auth::Caller& who, RegionLevel level, AggregateInclude inc,
                   std::optional<std::string> region = std::nullopt, std::optional<std::string> domain = std::nullopt) {
        const AggregateQuery q{"annual", "2026", level, region, domain, inc};
        return database().read([&](db::Tx& t) { return svc_->aggregate(t, who, q); });
    };
    auto county = agg(city_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted);
    ASSERT_TRUE(county.ok()) << county.error().message;
    ASSERT_EQ(county->rows.size(), 1u);  // the city agency counts in the total only
    EXPECT_EQ(county->rows[0].region_code, "130503");
    EXPECT_EQ(county->rows[0].region_name, "130503");  // no regions table rows here: the code stands in
    EXPECT_EQ(county->rows[0].reports, 1);
    EXPECT_EQ(county->rows[0].values.at("P_AMOUNT"), 12'600'000);
    EXPECT_EQ(county->total.reports, 2);
    EXPECT_EQ(county->total.values.at("P_AMOUNT"), 25'200'000);
    EXPECT_EQ(county->total.values.at("S_TOTAL"), 136);
    EXPECT_EQ(county->previous.key(), "2025");
    EXPECT_EQ(county->previous_total.reports, 0);
    const auto yoy = std::find_if(county->year_on_year.begin(), county->year_on_year.end(),
                                  [](const YearOnYear& y) { return y.field_code == "S_TOTAL"; });
    ASSERT_NE(yoy, county->year_on_year.end());
    EXPECT_EQ(yoy->current, 136);
    EXPECT_FALSE(yoy->change_pct.has_value());
    // By enforcement domain: the directory's order (市场监管 before 农业农村), adding up to the total.
    ASSERT_EQ(county->domains.size(), 2u);
    EXPECT_EQ(county->domains[0].domain, "market");
    EXPECT_EQ(county->domains[0].reports, 1);
    EXPECT_EQ(county->domains[1].domain, "agriculture");
    EXPECT_EQ(county->domains[0].values.at("P_AMOUNT") + county->domains[1].values.at("P_AMOUNT"),
              county->total.values.at("P_AMOUNT"));
    auto agri = agg(city_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted, std::nullopt, "agriculture");
    ASSERT_TRUE(agri.ok());
    EXPECT_EQ(agri->total.reports, 1);
    EXPECT_EQ(agri->total.values.at("P_AMOUNT"), 12'600'000);
    ASSERT_EQ(agri->domains.size(), 1u);
    EXPECT_EQ(agri->previous_total.reports, 0);
    auto unclassified = agg(city_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted, std::nullopt, "");
    ASSERT_TRUE(unclassified.ok());
    EXPECT_EQ(unclassified->total.reports, 0);
    EXPECT_TRUE(unclassified->rows.empty());
    auto unknown = agg(city_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted, std::nullopt, "astrology");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().field, "domain");
    auto accepted = agg(city_sup(), RegionLevel::kCounty, AggregateInclude::kAccepted);
    EXPECT_EQ(accepted->total.reports, 0);
    // A county department sees its county; another county is not found.
    auto mine = agg(xindu_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted);
    EXPECT_EQ(mine->total.reports, 1);
    auto other = agg(xindu_sup(), RegionLevel::kCounty, AggregateInclude::kSubmitted, "130528");
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 404);
}

INSTANTIATE_TEST_SUITE_P(Db, ReportServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::reports
