// CockpitService on both databases (Db/*): the analysis of Art 15 over monitoring's aggregates and the
// catalog, within the caller's scope and region, and the cockpit's sections read through the other
// modules' services. Aggregates, catalog items and report submissions are seeded as their modules write
// them (SQL as the ingest writes monitoring_agg; reports' and catalog's own store functions), so these
// tests stand apart from the ingest's and the reports' own.
#include "lecs/cockpit/service.hpp"

#include <gtest/gtest.h>

#include <map>

#include "lecs/org/service.hpp"
#include "lecs/reports/store.hpp"
#include "lecs/supervision/supervision_test_fixture.hpp"

namespace lecs::cockpit {
namespace {

using namespace lecs::supervision::testing;

constexpr int64_t kJan20 = kNov27 - 311 * kDay;  // 2026-01-20 10:00 Beijing: before the annual report's due date
constexpr int64_t kFeb2 = kNov27 - 298 * kDay;   // 2026-02-02: after it

class CockpitServiceTest : public SupervisionFixture {
  protected:
    void SetUp() override {
        SupervisionFixture::SetUp();
        mon_ = std::make_unique<monitoring::MonitoringService>(*audit_, *workflow_, *svc_,
                                                               monitoring::rules::default_rule_set());
        catalog_ = std::make_unique<catalog::CatalogService>(*audit_);
        disputes_ = std::make_unique<coordination::DisputeService>(*audit_, *deadlines_, *docs_, *workflow_);
        reports_ = std::make_unique<reports::ReportService>(
            *audit_, *workflow_, std::vector<reports::TemplateSource>{reports::default_annual_source()});
        cockpit_ = std::make_unique<CockpitService>(*mon_, *catalog_, *svc_, *disputes_, *reports_);
        database().write([](db::Tx& tx) {
            org::ensure_regions(tx);
            auto agg = [&](int64_t agency, const char* region, const char* level, int month, const char* metric,
                           int64_t v) {
                tx.exec("INSERT INTO monitoring_agg (agency_id, month, metric, value) VALUES ($1, $2, $3, $4)",
                        {agency, int64_t{month}, std::string(metric), v});
                tx.exec(
                    "INSERT INTO monitoring_agg_region (region_code, level, month, metric, value) VALUES ($1, $2, $3, "
                    "$4, $5) ON CONFLICT (region_code, level, month, metric) DO UPDATE SET value = "
                    "monitoring_agg_region.value + excluded.value",
                    {std::string(region), std::string(level), int64_t{month}, std::string(metric), v});
            };
            // Penalties in 2026: 10, 10, 12 and 40 (宁晋县市场监督管理局): median 11, MAD 1.
            agg(kScjg, "130500", "city", 202603, "acts.penalty", 10);
            agg(kCityEdu, "130500", "city", 202604, "acts.penalty", 10);
            agg(kXinduAgri, "130503", "county", 202610, "acts.penalty", 12);
            agg(kXinduAgri, "130503", "county", 202610, "warn.R2", 3);
            agg(kXinduAgri, "130503", "county", 202610, "recon.concluded", 5);
            agg(kXinduAgri, "130503", "county", 202610, "recon.corrected", 2);  // 40%
            agg(kNingjinScjg, "130528", "county", 202609, "acts.penalty", 25);
            agg(kNingjinScjg, "130528", "county", 202610, "acts.penalty", 15);
            agg(kNingjinScjg, "130528", "county", 202510, "acts.penalty", 99);  // 2025: not in 2026's figures
            // 李村镇 has an item in force in 2026 and no act: possible 不作为. 南石门镇 has none in force.
            auto item = [&](int64_t id, int64_t agency, const char* from, const char* to) {
                tx.exec(
                    "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, effective_to, "
                    "created_at, updated_at) VALUES ($1, $2, $3, '对违法占道经营的处罚', 'penalty', $4, $5, $6, $6)",
                    {id, agency, "LC-" + std::to_string(id), std::string(from),
                     to ? db::Value(std::string(to)) : db::Value(nullptr), kNov27});
            };
            item(81, kLicunGov, "2026-03-01", nullptr);
            item(82, kNanshimenGov, "2024-01-01", "2025-12-31");
            tx.exec(
                "INSERT INTO monitoring_batches (id, source, what, first_line, last_line, accepted, updated, "
                "rejected, at_ms) VALUES (1, 'cli', 'acts', 1, 9, 9, 0, 0, $1)",
                {kNov27 - kDay});
        });
    }
    void TearDown() override {
        cockpit_.reset();
        reports_.reset();
        disputes_.reset();
        catalog_.reset();
        mon_.reset();
        SupervisionFixture::TearDown();
    }

    Result<AnalysisView> analyse(const auth::Caller& who, std::optional<std::string> region, analysis::Params p = {}) {
        return database().read([&](db::Tx& t) { return cockpit_->analysis(t, who, 2026, region, p); });
    }
    Result<Cockpit> view(const auth::Caller& who, std::optional<std::string> region) {
        return database().read([&](db::Tx& t) { return cockpit_->cockpit(t, who, region, kNov27); });
    }
    static const Section& section(const Cockpit& c, const std::string& key) {
        for (const auto& s : c.sections)
            if (s.key == key) return s;
        throw std::logic_error("no section " + key);
    }
    static std::map<std::string, int64_t> values(const Section& s) {
        std::map<std::string, int64_t> out;
        for (const auto& i : s.items)
            if (i.value) out[i.key] = i.value;
        return out;
    }
    void submission(int64_t id, int64_t agency, const char* region, const char* state,
                    std::optional<int64_t> submitted_at) {
        database().write([&](db::Tx& tx) {
            const auto src = reports::default_annual_source();
            reports::store::insert_template(tx, src.tmpl.code, src.tmpl.version, src.tmpl.name, "year", src.json,
                                            kJan20, 0);
            reports::ReportSubmission s;
            s.id = id;
            s.template_code = src.tmpl.code;
            s.template_version = src.tmpl.version;
            s.agency_id = agency;
            s.region_code = region;
            s.period_key = "2025";
            s.state = state;
            s.due_on = Date{2026, 1, 31};
            s.submitted_at = submitted_at;
            s.last_submitted_at = submitted_at;
            s.created_at = s.updated_at = kJan20 - kDay;
            reports::store::insert_submission(tx, s);
        });
    }

    std::unique_ptr<monitoring::MonitoringService> mon_;
    std::unique_ptr<catalog::CatalogService> catalog_;
    std::unique_ptr<coordination::DisputeService> disputes_;
    std::unique_ptr<reports::ReportService> reports_;
    std::unique_ptr<CockpitService> cockpit_;
};

TEST_P(CockpitServiceTest, TheCitysAnalysisFindsTheOutlierTheIdleAgencyAndTheHighCorrectionRate) {
    analysis::Params p;
    p.min_group = 4;
    auto a = analyse(city_leader(), std::nullopt, p);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->region.code, "130500");
    EXPECT_EQ(a->agencies, 7);  // 2 city organs, 3 township governments, 2 county organs
    EXPECT_EQ(a->data_date, std::optional<std::string>("2026-11-26"));
    std::vector<std::pair<std::string, int64_t>> outliers;
    for (const auto& f : a->result.outliers) outliers.emplace_back(f.metric, f.agency.agency_id);
    // acts.total and acts.penalty are the same figures here: 40 against a band of 8–14 in both. The
    // warning rates are 0, 0, 0 and 25% (信都区农业农村局, 3 of 12): MAD 0, mean deviation 6.25, band 0–18.75.
    EXPECT_EQ(outliers, (std::vector<std::pair<std::string, int64_t>>{
                            {"acts.total", kNingjinScjg}, {"acts.penalty", kNingjinScjg}, {"warn.rate", kXinduAgri}}));
    EXPECT_EQ(a->result.outliers[2].value, 25);
    EXPECT_TRUE(a->result.outliers[2].band->mean_deviation);
    EXPECT_EQ(a->result.outliers[1].value, 40);
    EXPECT_EQ(a->result.outliers[1].band->median, 11);
    EXPECT_EQ(a->result.outliers[1].band->upper, 14);
    EXPECT_EQ(a->result.outliers[1].agency.agency_name, "宁晋县市场监督管理局");
    ASSERT_EQ(a->result.inaction.size(), 1u);
    EXPECT_EQ(a->result.inaction[0].agency.agency_id, kLicunGov);
    EXPECT_EQ(a->result.inaction[0].agency.catalog_items, 1);
    ASSERT_EQ(a->result.reconsideration.size(), 1u);
    EXPECT_EQ(a->result.reconsideration[0].agency.agency_id, kXinduAgri);
    EXPECT_EQ(a->result.reconsideration[0].value, 40);
    EXPECT_EQ(a->result.reconsideration[0].suggestion.target_org_id, kXinduAgri);
    // With the default minimum group (5), four agencies with penalties are too few to judge.
    auto strict = analyse(city_leader(), std::nullopt);
    ASSERT_TRUE(strict.ok());
    EXPECT_TRUE(strict->result.outliers.empty());
}

TEST_P(CockpitServiceTest, ACountySeesItsOwnAgenciesAndNeverAnotherCountyOrTheCity) {
    auto a = analyse(xindu_sup(), std::nullopt);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->region.code, "130503");
    EXPECT_EQ(a->agencies, 3);  // 农业农村局, 李村镇, 南石门镇
    ASSERT_EQ(a->result.inaction.size(), 1u);
    EXPECT_EQ(a->result.reconsideration.size(), 1u);
    EXPECT_EQ(analyse(xindu_sup(), std::string("130528")).error().http_status, 404);
    EXPECT_EQ(analyse(xindu_sup(), std::string("130500")).error().http_status, 404);
    EXPECT_EQ(analyse(xindu_sup(), std::string("130599")).error().http_status, 404);  // no such region
    // The city narrows to a county.
    auto ningjin = analyse(city_sup(), std::string("130528"));
    ASSERT_TRUE(ningjin.ok());
    EXPECT_EQ(ningjin->agencies, 1);
    EXPECT_TRUE(ningjin->result.inaction.empty());
    EXPECT_TRUE(ningjin->result.reconsideration.empty());
}

TEST_P(CockpitServiceTest, TheAnalysisNeedsReportReviewAndSoundParameters) {
    auto room = analyse(room_sup(), std::nullopt);
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().http_status, 403);
    EXPECT_EQ(analyse(city_gov_leader(), std::nullopt).error().http_status, 403);
    analysis::Params p;
    p.band_k = 0;
    auto bad = analyse(city_sup(), std::nullopt, p);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().http_status, 400);
    EXPECT_EQ(bad.error().field, "band_k");
}

TEST_P(CockpitServiceTest, TheCitysCockpitReadsEverySectionWithinItsScope) {
    opened(xindu_sup(), matter_input(kXinduAgri));
    with_notice(ningjin_sup(), matter_input(kNingjinScjg));
    submission(7001, kScjg, "130500", "submitted", kJan20);
    submission(7002, kXinduAgri, "130503", "accepted", kFeb2);
    submission(7003, kNingjinScjg, "130528", "draft", std::nullopt);

    auto c = view(city_leader(), std::nullopt);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->region.code, "130500");
    EXPECT_EQ(c->data_date, "2026-11-27");
    std::vector<std::string> keys;
    for (const auto& s : c->sections) {
        keys.push_back(s.key);
        EXPECT_FALSE(s.definition.empty()) << s.key;
        EXPECT_FALSE(s.drill.route.empty()) << s.key;
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"matters", "disputes", "warnings", "reports", "rates", "acts"}));

    const Section& matters = section(*c, "matters");
    EXPECT_EQ(values(matters), (std::map<std::string, int64_t>{{"open", 1}, {"notice_pending", 1}}));
    EXPECT_EQ(matters.items[0].drill.route, "/supervision/matters");
    EXPECT_EQ(matters.items[0].drill.query, (Query{{"status", matters.items[0].key}}));
    EXPECT_EQ(matters.data_date, std::optional<std::string>("2026-11-27"));

    EXPECT_TRUE(values(section(*c, "disputes")).empty());
    EXPECT_FALSE(section(*c, "disputes").items.empty());  // every state but the draft, zeros included

    const Section& warnings = section(*c, "warnings");
    EXPECT_EQ(values(warnings), (std::map<std::string, int64_t>{{"R2", 3}}));
    EXPECT_EQ(warnings.items.size(), 8u);
    EXPECT_EQ(warnings.data_date, std::optional<std::string>("2026-11-26"));  // the last ingest
    EXPECT_EQ(warnings.drill.query, (Query{{"from", "2025-12"}, {"to", "2026-11"}}));

    const Section& reports = section(*c, "reports");
    EXPECT_EQ(values(reports), (std::map<std::string, int64_t>{{"on_time", 1}, {"late", 1}, {"missing", 5}}));
    EXPECT_EQ(reports.title, "2025年度行政执法统计年报报送情况");
    EXPECT_EQ(reports.facts, (Query{{"template", "annual"},
                                    {"period", "2025"},
                                    {"period_label", "2025年度"},
                                    {"due_on", "2026-01-31"},
                                    {"expected", "7"}}));

    const Section& rates = section(*c, "rates");
    ASSERT_EQ(rates.months.size(), 12u);
    EXPECT_EQ(rates.months.front(), "2025-12");
    EXPECT_EQ(rates.months.back(), "2026-11");
    ASSERT_EQ(rates.series.size(), 4u);
    EXPECT_EQ(rates.series[0].name, "复议纠错率");
    EXPECT_EQ(rates.series[0].data[10], std::optional<double>(40.0));  // 2026-10: 2 of 5
    EXPECT_EQ(rates.series[0].denominators[10], 5);
    EXPECT_FALSE(rates.series[0].data[9].has_value());  // 2026-09: nothing concluded
    const Section& acts = section(*c, "acts");
    EXPECT_EQ(acts.series[0].data[10], std::optional<double>(27.0));  // 2026-10: 12 + 15
    EXPECT_EQ(acts.series[0].data[9], std::optional<double>(25.0));
    EXPECT_EQ(acts.series[0].data[3], std::optional<double>(10.0));  // 2026-03
}

TEST_P(CockpitServiceTest, ACountysCockpitIsItsCountyOnly) {
    opened(xindu_sup(), matter_input(kXinduAgri));
    with_notice(ningjin_sup(), matter_input(kNingjinScjg));
    submission(7002, kXinduAgri, "130503", "accepted", kFeb2);
    auto c = view(xindu_leader(), std::nullopt);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->region.code, "130503");
    EXPECT_EQ(values(section(*c, "matters")), (std::map<std::string, int64_t>{{"open", 1}}));
    EXPECT_EQ(values(section(*c, "reports")), (std::map<std::string, int64_t>{{"late", 1}, {"missing", 2}}));
    EXPECT_EQ(section(*c, "warnings").drill.query,
              (Query{{"region", "130503"}, {"from", "2025-12"}, {"to", "2026-11"}}));
    EXPECT_EQ(view(xindu_leader(), std::string("130528")).error().http_status, 404);
    EXPECT_EQ(view(xindu_leader(), std::string("130500")).error().http_status, 404);
    // The city's leader looks at 宁晋县.
    auto ningjin = view(city_leader(), std::string("130528"));
    ASSERT_TRUE(ningjin.ok());
    EXPECT_EQ(ningjin->region.name, "宁晋县");
    EXPECT_EQ(values(section(*ningjin, "matters")), (std::map<std::string, int64_t>{{"notice_pending", 1}}));
    EXPECT_TRUE(values(section(*ningjin, "warnings")).empty());
    // The government's leader reads it too; a supervisor (no cockpit.read) does not.
    EXPECT_TRUE(view(city_gov_leader(), std::nullopt).ok());
    EXPECT_EQ(view(city_sup(), std::nullopt).error().http_status, 403);
}

INSTANTIATE_TEST_SUITE_P(Db, CockpitServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::cockpit
