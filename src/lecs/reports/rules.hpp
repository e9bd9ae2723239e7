// The pure rules of statistical reports (REQUIREMENTS §9; Art 15): validation of a submission
// against its template version, the heaviest-penalty count, roll-up by region and year-on-year,
// reconciliation of filed figures with the data, pre-fill from the monitoring aggregates, and the
// lateness of a submission. No I/O: the service hands in what the stores hold.
//
// Contract:
// - Values map a field code to its value: an integer for a count, 分 for an amount.
// - validate_submission() reports every failure, not just the first: each names the table, the
//   field (the cell: name and code) and the rule, in Chinese. Cell checks come first (template
//   order), then unknown fields (in code order), then the template's rules (in their order). A rule
//   is not judged when one of its cells already failed (the failure is reported once, at the cell);
//   an optional field left blank counts as 0.
// - Region codes (legal-facts §4): 6 digits for a county-level unit, 6 digits ending in "00" for a
//   city (邢台市 = 130500), 9 digits for a township-level unit (the 12-digit form ending in "000" is
//   the same township). A unit is inside another when its code starts with the other's prefix:
//   "1305" for the city, the 6 digits for a county. 130571 (开发区, a statistics-only code) rolls up
//   as its own county-level row; that its bodies are city-level (org/rules.hpp) is the service's
//   concern.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/reports/period.hpp"
#include "lecs/reports/template.hpp"

namespace lecs::reports {

using Values = std::map<std::string, int64_t, std::less<>>;

// ---- (a) validation of a submission -------------------------------------------------------

// The unit of the amount cells: 分 from the API's JSON, 万元 as typed into the form or an .xlsx.
enum class AmountUnit { kFen, kWanYuan };

struct Submission {
    std::string template_code;
    int template_version = 0;
    std::map<std::string, std::string, std::less<>> cells;  // field code → the cell's text
};

struct CellFailure {
    std::string rule;        // cell.missing | cell.not_number | cell.overflow | cell.unknown_field |
                             // rule.non_negative | rule.sum | rule.compare | report.template_mismatch
    std::string table_code;  // empty for an unknown field and a template mismatch
    std::string field_code;  // empty for a template mismatch
    std::string message;  // 表“行政处罚”栏目“罚款”（P_FINE）：非负：不能为负数，填写的是-3
    // As a domain error: code = rule, field = field_code, basis = Art 15.
    Error to_error() const;
};

struct Validation {
    Values values;  // every cell that parsed, in 分 for amounts; blank optional cells are absent
    std::vector<CellFailure> failures;
    bool ok() const { return failures.empty(); }
};

Validation validate_submission(const ReportTemplate& t, const Submission& s, AmountUnit unit);

// A ratio of the template (持证率 …) in percent, or nullopt when the denominator is 0 or a field is
// absent; format_percent gives "85.71%" or "—".
std::optional<double> ratio_percent(const Ratio& r, const Values& v);
std::string format_percent(std::optional<double> pct);

// ---- (b) the heaviest penalty ---------------------------------------------------------------

// The single type an act with these penalty types (monitoring's ActRow::penalty_types bits) is
// counted under: the first of `order` that it has. A combined penalty counts once.
// Errors: no type at all (reports.no_penalty_type), a bit outside the seven
// (reports.unknown_penalty_type), a type missing from the order (reports.severity_order).
Result<PenaltyType> heaviest_penalty(uint8_t type_bits, const SeverityOrder& order);

// The penalty fields of a template's penalty_counting, counted from the acts' type bits: each act
// adds 1 to the field of its heaviest type. Every field of the counting appears, 0 when no act.
// An act without a valid type is an error naming its position (第3个处罚决定 …).
Result<Values> count_penalties(std::span<const uint8_t> acts_type_bits, const PenaltyCounting& counting);

// The same from groups of acts (type bits, how many acts), as the store counts them: each group adds
// its count under its heaviest type. Acts with no type at all are not counted anywhere; `untyped`
// says how many, so that the caller can say why the types do not add up to the total.
struct PenaltyTally {
    Values values;
    int64_t untyped = 0;
};
Result<PenaltyTally> tally_penalties(std::span<const std::pair<uint8_t, int64_t>> groups,
                                     const PenaltyCounting& counting);

// ---- (c) roll-up and year-on-year ------------------------------------------------------------

enum class RegionLevel { kCity, kCounty, kTownship };
std::optional<RegionLevel> region_level(std::string_view code);
// The code of the region of `level` that contains `code` ("130503101" at kCounty → "130503", at
// kCity → "130500"); nullopt when code is not a region code or lies above `level` (a city is in
// no county).
std::optional<std::string> region_at(std::string_view code, RegionLevel level);

struct RegionFigures {
    std::string region;  // the reporting unit's region code
    Values values;
};

// The totals per region of `level`: every entry at or below the level is added to the region that
// contains it; entries above the level are in no such region and are left out (a city
// department's figures count in the city's total only). A field absent from an entry adds 0.
// Errors: a bad region code (reports.region, naming it), an int64 overflow (reports.overflow).
Result<std::map<std::string, Values>> roll_up(std::span<const RegionFigures> entries, RegionLevel level);

// The totals per enforcement domain (执法领域, org/domains.hpp; issue 7 §4 "by region, level,
// domain"): one row per domain that has an entry, in the directory's display order, then codes the
// directory no longer holds (by code), then 未分类 ("") last. reports counts the entries.
// Errors: an int64 overflow (reports.overflow).
struct DomainFigures {
    std::string domain;  // the reporting agency's; "" = 未分类
    Values values;
};
struct DomainTotal {
    std::string domain;
    int64_t reports = 0;
    Values values;
};
Result<std::vector<DomainTotal>> roll_up_by_domain(std::span<const DomainFigures> entries);

struct YearOnYear {
    std::string field_code;
    int64_t current = 0, previous = 0, change = 0;
    std::optional<double> change_pct;  // nullopt when previous == 0
};
// One row per field of the template, in its order; an absent value is 0.
std::vector<YearOnYear> year_on_year(const ReportTemplate& t, const Values& current, const Values& previous);

// ---- (d) reconciliation ----------------------------------------------------------------------

struct Difference {
    std::string table_code, table_name;
    std::string field_code, field_name;
    int64_t filed = 0, computed = 0;
    int64_t difference = 0;  // filed − computed
};
// Each field with a computed figure whose filed figure differs, in template order. Fields without a
// computed figure (not derivable from the data) are not compared; a computed field the submission
// left blank counts as filed 0. Codes not in the template are ignored.
std::vector<Difference> reconcile(const ReportTemplate& t, const Values& filed, const Values& computed);

// ---- (e) pre-fill from the monitoring aggregates ---------------------------------------------

struct Prefill {
    Values values;                           // fields with "from": the sum of their metrics
    std::vector<std::string> not_prefilled;  // field codes the data cannot give, in template order
};
// metrics: the monitoring aggregate (agency × the period's months, summed) by metric name. A metric
// the aggregate does not hold is 0: monitoring stores only what happened. Whether the agency has
// data for the period at all is the caller's question. Error: reports.overflow.
Result<Prefill> prefill_from_metrics(const ReportTemplate& t,
                                     const std::map<std::string, int64_t, std::less<>>& metrics);

// ---- (f) due date and lateness ---------------------------------------------------------------

// The due date of a template's report for a period; reports.period_mismatch when the period is not
// of the template's kind (a quarter for an annual template).
Result<Date> report_due_date(const ReportTemplate& t, const PeriodRef& period);

enum class Timeliness { kNotYetDue, kMissing, kOnTime, kLate };
std::string_view timeliness_label(Timeliness t);  // 未到期 | 逾期未报 | 按时报送 | 逾期报送
std::string_view timeliness_word(Timeliness t);   // not_yet_due | missing | on_time | late

struct Lateness {
    Timeliness state = Timeliness::kNotYetDue;
    int64_t days_late = 0;  // days after the due date: of the submission, or of today while missing
};
// Judged on Beijing dates (base/time.hpp): a report submitted at 23:59 Beijing time on the due date
// is on time, at 00:00 the next day it is late. A report not submitted is missing from the day
// after the due date.
Lateness lateness(Date due, std::optional<int64_t> submitted_at_ms, Date today);

// The template's periods whose automatic reminder window holds today: from `before` days before the
// due date to `after` days after it (both inclusive), oldest first. The scheduler reminds the
// agencies still owing these (issue 7 §2: late and missing reports are reminded).
std::vector<PeriodRef> periods_to_remind(const ReportTemplate& t, Date today, int before, int after);

}  // namespace lecs::reports
