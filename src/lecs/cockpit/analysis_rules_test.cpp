// The analysis of Art 15 (REQUIREMENTS §9), as the rules read: the robust band and its edges, the
// groups each metric compares, the minimum group, 零执法 against the catalog, the 复议纠错率 line, the
// parameters' ranges, and the texts and drafts each item carries.
#include "lecs/cockpit/analysis_rules.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace lecs::cockpit::analysis {
namespace {

AgencyFacts agency(int64_t id, int64_t penalties, const char* region = "130503") {
    AgencyFacts a;
    a.agency_id = id;
    a.agency_name = "执法机关" + std::to_string(id);
    a.region_code = region;
    a.acts_total = penalties;
    a.penalties = penalties;
    a.penalty_amount_fen = penalties * 100000;  // 1000元 each
    return a;
}

std::vector<AgencyFacts> penalties(std::initializer_list<int64_t> counts) {
    std::vector<AgencyFacts> out;
    int64_t id = 1;
    for (int64_t c : counts) out.push_back(agency(id++, c));
    return out;
}

// Copies: the analysis is often a temporary.
std::vector<Finding> of_metric(const Analysis& a, const std::string& metric) {
    std::vector<Finding> out;
    for (const auto& f : a.outliers)
        if (f.metric == metric) out.push_back(f);
    return out;
}

const MetricSummary& summary(const Analysis& a, const std::string& key) {
    for (const auto& m : a.metrics)
        if (m.info->key == key) return m;
    throw std::logic_error("no metric " + key);
}

// ---- the band ---------------------------------------------------------------------------------

TEST(RobustBand, IsTheMedianPlusMinusKMads) {
    auto b = robust_band({10, 10, 12, 14, 18}, 3);  // deviations 2 2 0 2 6: MAD 2
    ASSERT_TRUE(b);
    EXPECT_EQ(b->median, 12);
    EXPECT_EQ(b->spread, 2);
    EXPECT_FALSE(b->mean_deviation);
    EXPECT_EQ(b->lower, 6);
    EXPECT_EQ(b->upper, 18);
}

TEST(RobustBand, AnEvenGroupTakesTheMeanOfTheMiddleTwo) {
    auto b = robust_band({1, 3, 5, 11}, 1);  // median 4; deviations 3 1 1 7: MAD 2
    ASSERT_TRUE(b);
    EXPECT_EQ(b->median, 4);
    EXPECT_EQ(b->spread, 2);
    EXPECT_EQ(b->lower, 2);
    EXPECT_EQ(b->upper, 6);
}

TEST(RobustBand, AZeroMadFallsBackToTheMeanAbsoluteDeviation) {
    auto b = robust_band({0, 0, 0, 0, 5}, 3);  // MAD 0; mean deviation 1
    ASSERT_TRUE(b);
    EXPECT_TRUE(b->mean_deviation);
    EXPECT_EQ(b->median, 0);
    EXPECT_EQ(b->spread, 1);
    EXPECT_EQ(b->lower, 0);
    EXPECT_EQ(b->upper, 3);
}

TEST(RobustBand, EqualValuesOrNoneGiveNoBand) {
    EXPECT_FALSE(robust_band({7, 7, 7, 7, 7}, 3));
    EXPECT_FALSE(robust_band({}, 3));
}

TEST(RobustBand, TheLowerBoundIsNeverNegative) {
    auto b = robust_band({1, 2, 3, 10, 11}, 3);  // median 3; deviations 2 1 0 7 8: MAD 2; 3 − 6 < 0
    ASSERT_TRUE(b);
    EXPECT_EQ(b->lower, 0);
    EXPECT_EQ(b->upper, 9);
}

// ---- outliers -----------------------------------------------------------------------------------

TEST(Outliers, AValueOnTheUpperBoundIsInside) {
    auto a = analyse(2026, penalties({10, 10, 12, 14, 18}), Params{});
    EXPECT_TRUE(of_metric(a, "acts.penalty").empty());
    ASSERT_TRUE(summary(a, "acts.penalty").band);
    EXPECT_EQ(summary(a, "acts.penalty").band->upper, 18);
}

TEST(Outliers, OneAboveTheUpperBoundIsHigh) {
    auto a = analyse(2026, penalties({10, 10, 12, 14, 19}), Params{});  // MAD still 2: band 6–18
    auto found = of_metric(a, "acts.penalty");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].agency.agency_id, 5);
    EXPECT_EQ(found[0].direction, "high");
    EXPECT_EQ(found[0].value, 19);
    EXPECT_EQ(found[0].group_size, 5);
    EXPECT_EQ(found[0].explanation,
              "2026年度，执法机关5的行政处罚数为19件。在本区域有行政处罚的执法机关（共5个）中，该指标的中位数为12件，"
              "绝对中位差（MAD）为2件，按“中位数 ± 3 × MAD”得出的正常区间为6件至18件；该值高于区间上限，属异常偏高。");
}

TEST(Outliers, AValueOnTheLowerBoundIsInsideAndOneBelowIsLow) {
    auto on = analyse(2026, penalties({6, 10, 12, 14, 14}), Params{});  // MAD 2: band 6–18
    EXPECT_TRUE(of_metric(on, "acts.penalty").empty());
    auto below = analyse(2026, penalties({5, 10, 12, 14, 14}), Params{});  // deviations 7 2 0 2 2: MAD 2
    auto found = of_metric(below, "acts.penalty");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].agency.agency_id, 1);
    EXPECT_EQ(found[0].direction, "low");
    EXPECT_NE(found[0].explanation.find("低于区间下限，属异常偏低"), std::string::npos);
}

TEST(Outliers, KWidensTheBand) {
    Params p;
    p.band_k = 3.5;  // 12 ± 7: 19 is on the bound
    EXPECT_TRUE(of_metric(analyse(2026, penalties({10, 10, 12, 14, 19}), p), "acts.penalty").empty());
    p.band_k = 0.5;  // 12 ± 1: 10, 10, 14 and 19 are outside
    EXPECT_EQ(of_metric(analyse(2026, penalties({10, 10, 12, 14, 19}), p), "acts.penalty").size(), 4u);
}

TEST(Outliers, TooSmallAGroupIsNotJudged) {
    auto four = analyse(2026, penalties({10, 12, 14, 90}), Params{});
    EXPECT_TRUE(of_metric(four, "acts.penalty").empty());
    EXPECT_FALSE(summary(four, "acts.penalty").band);
    EXPECT_EQ(summary(four, "acts.penalty").group_size, 4);
    EXPECT_EQ(summary(four, "acts.penalty").note, "参与比较的执法机关4个，少于5个，不作判断");
    Params p;
    p.min_group = 4;
    EXPECT_EQ(of_metric(analyse(2026, penalties({10, 12, 14, 90}), p), "acts.penalty").size(), 1u);
}

TEST(Outliers, EqualValuesHaveNoOutlierAndSaySo) {
    auto a = analyse(2026, penalties({9, 9, 9, 9, 9}), Params{});
    EXPECT_TRUE(a.outliers.empty());
    EXPECT_EQ(summary(a, "acts.penalty").note, "各执法机关的数值相同，无异常");
}

TEST(Outliers, AnAgencyWithoutPenaltiesIsNotInThePenaltyGroups) {
    auto list = penalties({10, 10, 12, 14, 18});
    AgencyFacts licensing = agency(6, 0);
    licensing.acts_total = 40;  // licences only
    list.push_back(licensing);
    auto a = analyse(2026, list, Params{});
    EXPECT_EQ(summary(a, "acts.penalty").group_size, 5);
    EXPECT_EQ(summary(a, "amount.avg_penalty").group_size, 5);
    EXPECT_EQ(summary(a, "acts.total").group_size, 6);
    EXPECT_EQ(summary(a, "acts.inspection").group_size, 0);
    EXPECT_TRUE(of_metric(a, "acts.penalty").empty());
}

TEST(Outliers, TheAveragePenaltyIsInYuan) {
    auto list = penalties({10, 10, 10, 10, 10});  // 1000元 each
    list[4].penalty_amount_fen = 10 * 900000;     // 9000元 each
    auto found = of_metric(analyse(2026, list, Params{}), "amount.avg_penalty");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].value, 9000);
    EXPECT_EQ(found[0].unit, "元");
    // MAD 0: the mean deviation (8000 / 5 = 1600) is the spread, and the text says so.
    EXPECT_NE(
        found[0].explanation.find("故改用平均绝对偏差1600元，按“中位数 ± 3 × 平均绝对偏差”得出的正常区间为0元至5800元"),
        std::string::npos)
        << found[0].explanation;
}

TEST(Outliers, TheWarningRateComparesOnlyAgenciesWithEnoughActs) {
    std::vector<AgencyFacts> list;
    for (int64_t id = 1; id <= 5; ++id) {
        AgencyFacts a = agency(id, 100);
        a.warnings = id == 5 ? 5 : 0;  // 5%
        list.push_back(a);
    }
    AgencyFacts few = agency(6, 9);  // below min_acts_for_rate (10)
    few.warnings = 9;
    list.push_back(few);
    auto a = analyse(2026, list, Params{});
    EXPECT_EQ(summary(a, "warn.rate").group_size, 5);
    auto found = of_metric(a, "warn.rate");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].agency.agency_id, 5);
    EXPECT_EQ(found[0].value, 5);
    EXPECT_NE(found[0].explanation.find("执法行为数不少于10件的执法机关（共5个）"), std::string::npos);
    Params p;
    p.min_acts_for_rate = 9;  // now 执法机关6 (100%) joins the group
    EXPECT_EQ(summary(analyse(2026, list, p), "warn.rate").group_size, 6);
}

TEST(Outliers, AreListedByMetricThenByDistanceFromTheMedian) {
    Params p;
    p.band_k = 0.5;
    auto found = of_metric(analyse(2026, penalties({10, 10, 12, 14, 19}), p), "acts.penalty");
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0].agency.agency_id, 5);  // 7 from the median
    EXPECT_EQ(found[1].agency.agency_id, 1);  // 2, the lower id first
    EXPECT_EQ(found[2].agency.agency_id, 2);
    EXPECT_EQ(found[3].agency.agency_id, 4);
}

TEST(Outliers, CarryTheDraftsOfASuggestionAndAMatter) {
    auto found = of_metric(analyse(2026, penalties({10, 10, 12, 14, 19}), Params{}), "acts.penalty");
    ASSERT_EQ(found.size(), 1u);
    const Finding& f = found[0];
    EXPECT_EQ(f.suggestion.target_org_id, 5);
    EXPECT_EQ(f.suggestion.subject, "2026年度行政处罚数异常偏高问题");
    ASSERT_EQ(f.suggestion.body.size(), 2u);
    EXPECT_EQ(f.suggestion.body[0].rfind("一、经对行政执法统计数据进行分析，2026年度，你单位的行政处罚数为19件", 0), 0u)
        << f.suggestion.body[0];
    EXPECT_EQ(f.suggestion.body[1].rfind("二、建议你单位", 0), 0u);
    EXPECT_EQ(f.matter.source, "data_warning");
    EXPECT_EQ(f.matter.mode, "routine");
    EXPECT_EQ(f.matter.categories, std::vector<std::string>{"art11_4"});
    EXPECT_EQ(f.matter.subject, "执法机关52026年度行政处罚数异常偏高");
    EXPECT_EQ(f.matter.target_org_id, 5);
}

// ---- 零执法 (possible 不作为) -----------------------------------------------------------------------

TEST(Inaction, AnAgencyWithItemsInForceAndNoActIsListed) {
    AgencyFacts idle = agency(7, 0, "130528");
    idle.catalog_items = 1;
    AgencyFacts busy = agency(8, 1);
    busy.catalog_items = 30;
    AgencyFacts none = agency(9, 0);  // no item in force: nothing to enforce
    auto a = analyse(2026, std::vector<AgencyFacts>{idle, busy, none}, Params{});
    ASSERT_EQ(a.inaction.size(), 1u);
    EXPECT_EQ(a.inaction[0].agency.agency_id, 7);
    EXPECT_EQ(a.inaction[0].kind, "inaction");
    EXPECT_EQ(
        a.inaction[0].explanation,
        "2026年度，执法机关7在行政执法事项清单中有1项执法事项处于有效期内，但本年度监测数据中执法机关7的执法行为为0件，"
        "可能存在应当执法而未执法（不作为）的情形，也可能是执法数据未按要求报送，需核实。");
    EXPECT_EQ(a.inaction[0].suggestion.subject, "2026年度执法事项零执法问题");
    EXPECT_EQ(a.inaction[0].matter.categories, (std::vector<std::string>{"art11_3", "art11_4"}));
}

TEST(Inaction, TheItemsThresholdIsAParameter) {
    AgencyFacts idle = agency(7, 0);
    idle.catalog_items = 2;
    Params p;
    p.inaction_min_items = 2;
    EXPECT_EQ(analyse(2026, std::vector<AgencyFacts>{idle}, p).inaction.size(), 1u);
    p.inaction_min_items = 3;
    EXPECT_TRUE(analyse(2026, std::vector<AgencyFacts>{idle}, p).inaction.empty());
}

TEST(Inaction, IsListedByRegionThenAgency) {
    std::vector<AgencyFacts> list;
    for (auto [id, region] : {std::pair<int64_t, const char*>{3, "130528"}, {2, "130503"}, {1, "130528"}}) {
        AgencyFacts a = agency(id, 0, region);
        a.catalog_items = 1;
        list.push_back(a);
    }
    auto a = analyse(2026, list, Params{});
    ASSERT_EQ(a.inaction.size(), 3u);
    EXPECT_EQ(a.inaction[0].agency.agency_id, 2);
    EXPECT_EQ(a.inaction[1].agency.agency_id, 1);
    EXPECT_EQ(a.inaction[2].agency.agency_id, 3);
}

// ---- 复议纠错率 --------------------------------------------------------------------------------------

AgencyFacts recon(int64_t id, int64_t concluded, int64_t corrected) {
    AgencyFacts a = agency(id, 10);
    a.recon_concluded = concluded;
    a.recon_corrected = corrected;
    return a;
}

TEST(Reconsideration, ARateOnTheLineIsNotListedAndOneAboveIs) {
    auto a = analyse(2026, std::vector<AgencyFacts>{recon(1, 5, 1), recon(2, 9, 2)}, Params{});  // 20%, 22.2%
    ASSERT_EQ(a.reconsideration.size(), 1u);
    EXPECT_EQ(a.reconsideration[0].agency.agency_id, 2);
    EXPECT_EQ(a.reconsideration[0].explanation,
              "2026年度，执法机关2的行政复议案件审结9件，被纠错（撤销、变更、确认违法或无效、责令履行）2件，"
              "行政复议纠错率为22.22%，高于20%的关注线（审结不少于5件时判断）。");
    EXPECT_EQ(a.reconsideration[0].suggestion.subject, "2026年度行政复议纠错率偏高问题");
    EXPECT_EQ(a.reconsideration[0].matter.categories, std::vector<std::string>{"art11_3"});
}

TEST(Reconsideration, TooFewConcludedCasesAreNotJudged) {
    auto a = analyse(2026, std::vector<AgencyFacts>{recon(1, 4, 4), recon(2, 5, 2)}, Params{});
    ASSERT_EQ(a.reconsideration.size(), 1u);
    EXPECT_EQ(a.reconsideration[0].agency.agency_id, 2);
    Params p;
    p.recon_min_concluded = 4;
    p.recon_threshold_percent = 40;  // 2 of 5 is on the line now
    auto b = analyse(2026, std::vector<AgencyFacts>{recon(1, 4, 4), recon(2, 5, 2)}, p);
    ASSERT_EQ(b.reconsideration.size(), 1u);
    EXPECT_EQ(b.reconsideration[0].agency.agency_id, 1);
}

TEST(Reconsideration, IsListedHighestRateFirst) {
    auto a = analyse(2026, std::vector<AgencyFacts>{recon(1, 10, 3), recon(2, 10, 9), recon(3, 10, 5)}, Params{});
    ASSERT_EQ(a.reconsideration.size(), 3u);
    EXPECT_EQ(a.reconsideration[0].agency.agency_id, 2);
    EXPECT_EQ(a.reconsideration[1].agency.agency_id, 3);
    EXPECT_EQ(a.reconsideration[2].agency.agency_id, 1);
}

// ---- parameters -------------------------------------------------------------------------------------

TEST(Params, TheDefaultsPass) { EXPECT_TRUE(check_params(Params{}).ok()); }

TEST(Params, EachIsRefusedJustOutsideItsRangeWithItsField) {
    auto field_of = [](Params p) { return check_params(p).ok() ? std::string() : check_params(p).error().field; };
    Params p;
    p.band_k = 0;
    EXPECT_EQ(field_of(p), "band_k");
    p.band_k = 10;
    EXPECT_EQ(field_of(p), "");
    p.band_k = 10.01;
    EXPECT_EQ(field_of(p), "band_k");
    p.band_k = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(field_of(p), "band_k");
    p = Params{};
    p.min_group = 2;
    EXPECT_EQ(field_of(p), "min_group");
    p.min_group = 3;
    EXPECT_EQ(field_of(p), "");
    p.min_group = 1001;
    EXPECT_EQ(field_of(p), "min_group");
    p = Params{};
    p.recon_threshold_percent = 0;
    EXPECT_EQ(field_of(p), "recon_threshold_percent");
    p.recon_threshold_percent = 100;
    EXPECT_EQ(field_of(p), "");
    p.recon_threshold_percent = 101;
    EXPECT_EQ(field_of(p), "recon_threshold_percent");
    p = Params{};
    p.recon_min_concluded = 0;
    EXPECT_EQ(field_of(p), "recon_min_concluded");
    p = Params{};
    p.min_acts_for_rate = 100001;
    EXPECT_EQ(field_of(p), "min_acts_for_rate");
    p = Params{};
    p.inaction_min_items = 0;
    EXPECT_EQ(field_of(p), "inaction_min_items");
    auto e = check_params(p).error();
    EXPECT_EQ(e.http_status, 400);
    EXPECT_EQ(e.code, "analysis.param_out_of_range");
    EXPECT_NE(e.basis.find("第十五条"), std::string::npos);
}

TEST(FormatNumber, DropsTrailingZeros) {
    EXPECT_EQ(format_number(12, 2), "12");
    EXPECT_EQ(format_number(12.5, 2), "12.5");
    EXPECT_EQ(format_number(22.2222, 2), "22.22");
    EXPECT_EQ(format_number(-0.001, 2), "0");
    EXPECT_EQ(format_number(std::nan(""), 2), "-");
}

}  // namespace
}  // namespace lecs::cockpit::analysis
