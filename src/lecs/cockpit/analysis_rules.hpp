// Analysis → action (Art 15 "对行政执法统计数据进行分析研判"; REQUIREMENTS §9 "Analysis: outliers,
// zero-enforcement agencies (possible 不作为), high correction rates. Each leads, with one action, to a
// suggestion (§8) or a matter"). Pure: no I/O. The service hands in one year's figures per agency
// (monitoring's aggregates and the catalog's items in force) and gets back three lists, each item
// explained in Chinese and carrying the drafts of the two actions the web offers.
//
// Contract:
// - Params are the analysis' parameters, not law: legal-facts.md gives no threshold for any of them, so
//   each is a default chosen from practice, returned with every answer and overridable per request.
//   check_params() refuses a value out of its range (400 with the field).
// - robust_band(): median ± k·MAD of the values (MAD = the median of |x − median|, unscaled). When more
//   than half the values are equal the MAD is 0; the spread is then the mean absolute deviation from
//   the median (said in the explanation). A spread of 0 (all values equal) gives no band: nothing is an
//   outlier. The lower bound is never below 0 (every metric is non-negative). A value is an outlier
//   only strictly outside [lower, upper]: a value on a bound is inside.
// - Outliers: per metric (kMetrics), the group is the agencies for which the metric is defined (e.g.
//   件均罚没金额 only for agencies with penalties); with fewer than min_group agencies the metric is
//   not judged (metrics[] says so). Outliers are listed by metric, then by distance from the median.
// - Inaction (possible 不作为): an agency with at least inaction_min_items catalog items in force on
//   some day of the year and no act in the year. Listed by region, then agency id.
// - Reconsideration: an agency with at least recon_min_concluded concluded 行政复议 cases whose
//   复议纠错率 (corrected / concluded, monitoring's definition) is strictly above
//   recon_threshold_percent. Listed by rate, highest first, then agency id.
// - Every item has a suggestion draft {subject, body} that the existing POST
//   /api/v1/supervision/suggestions accepts (the subject a noun phrase: the document reads
//   "关于<subject>的行政执法监督建议书" and "对你单位<subject>进行了分析研究"), and a matter draft for
//   POST /api/v1/supervision/matters (source data_warning, routine, the Art 11 categories).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lecs/base/result.hpp"

namespace lecs::cockpit::analysis {

struct Params {
    double band_k = 3.0;                   // the band's half-width in MADs; (0, 10]
    int64_t min_group = 5;                 // agencies needed to judge a metric; 3–1000
    int64_t min_acts_for_rate = 10;        // 预警率 only for agencies with this many acts; 1–100000
    int64_t recon_threshold_percent = 20;  // 复议纠错率 above this is listed; 1–100
    int64_t recon_min_concluded = 5;       // concluded 复议 cases needed; 1–100000
    int64_t inaction_min_items = 1;        // catalog items in force needed for 零执法; 1–100000
};
Result<void> check_params(const Params& p);

// One agency's figures for the year.
struct AgencyFacts {
    int64_t agency_id = 0;
    std::string agency_name, region_code;
    int64_t acts_total = 0;          // every kind
    int64_t penalties = 0;           // acts.penalty
    int64_t inspections = 0;         // acts.inspection
    int64_t penalty_amount_fen = 0;  // amount.penalty
    int64_t warnings = 0;            // warn.* (not dismissed)
    int64_t recon_concluded = 0, recon_corrected = 0;
    int64_t catalog_items = 0;  // items in force on some day of the year
};

struct Band {
    double median = 0, spread = 0, lower = 0, upper = 0;
    bool mean_deviation = false;  // the MAD was 0: spread is the mean absolute deviation
};
std::optional<Band> robust_band(std::vector<double> values, double k);

struct MetricInfo {
    const char* key;    // "acts.total", …
    const char* label;  // 执法行为数, …
    const char* unit;   // 件, 元, %
    const char* group;  // which agencies the metric compares, in Chinese
};
std::span<const MetricInfo> metrics();
// The metric's value for an agency; nullopt when the agency is not in the metric's group.
std::optional<double> metric_value(const MetricInfo& m, const AgencyFacts& a, const Params& p);

struct SuggestionDraft {
    int64_t target_org_id = 0;
    std::string subject;
    std::vector<std::string> body;
};
struct MatterDraft {
    std::string source = "data_warning", mode = "routine";
    std::vector<std::string> categories;
    std::string subject;
    int64_t target_org_id = 0;
};

struct Finding {
    std::string kind;  // outlier | inaction | reconsideration
    AgencyFacts agency;
    // outlier: the metric, its value, the band and the group; reconsideration: the rate (percent).
    std::string metric, metric_label, unit, direction;  // direction: high | low
    double value = 0;
    std::optional<Band> band;
    int64_t group_size = 0;
    std::string explanation;
    SuggestionDraft suggestion;
    MatterDraft matter;
};

struct MetricSummary {
    const MetricInfo* info = nullptr;
    int64_t group_size = 0;
    std::optional<Band> band;  // none: too few agencies, or every value equal
    std::string note;          // why it was not judged, in Chinese; empty when judged
};

struct Analysis {
    int year = 0;
    Params params;
    std::vector<MetricSummary> metrics;
    std::vector<Finding> outliers, inaction, reconsideration;
};

// year is the period analysed (for the texts); agencies the agencies in the region and scope.
Analysis analyse(int year, std::span<const AgencyFacts> agencies, const Params& p);

// Numbers as the texts show them: at most `decimals` decimals, trailing zeros dropped.
std::string format_number(double v, int decimals);

}  // namespace lecs::cockpit::analysis
