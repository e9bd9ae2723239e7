// Statistical report templates (REQUIREMENTS §9; Art 15: agencies report enforcement statistics
// regularly to the same-level and the upper-level department). Pure: no I/O.
//
// Contract:
// - A ReportTemplate is identified by (code, version) and never changes once published: a
//   submission is bound to the version it was filed on, and a new layout is a new version.
// - It holds tables of fields. A field is a count (an integer) or an amount, stored in 分 and
//   shown in 万元 with 2 decimals only on display (format_wan_yuan). Field codes are unique across
//   the whole template, so a rule or a submission names a field by its code alone.
// - Validation rules: sum (a field equals the sum of others), non_negative (listed fields, one
//   table's fields, or every field) and compare (a field equals / is ≤ / is ≥ another, in the same
//   or another table: the cross-table consistency). The rules are checked when parsed: every code
//   exists, both sides of a rule are of one kind (no count compared with an amount), and the sums
//   have no cycle.
// - A field may name monitoring aggregate metrics ("from": aggregate.hpp names, e.g.
//   "acts.penalty"); pre-fill sets it to their sum (rules.hpp prefill_from_metrics).
// - penalty_counting (optional): the severity order of the monitoring penalty types, heaviest
//   first, and the field each type is counted under (a combined penalty counts once, under its
//   heaviest type; rules.hpp heaviest_penalty).
// - ratios (e.g. 持证率 = holders ÷ enforcement staff) are computed on display, never entered.
// - parse_template() reads the JSON format of data/report-templates/*.json; a bad template is
//   refused with a Chinese message and the JSON path of the offending key in Error::field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/reports/period.hpp"

namespace lecs::reports {

// The penalty types of an enforcement act, bit for bit as monitoring::PenaltyType
// (src/lecs/monitoring/model.hpp; ActRow::penalty_types). reports does not link monitoring (a heavy
// module), so the values are repeated here; rules_test.cpp pins them against monitoring's header.
enum class PenaltyType : uint8_t {
    kWarning = 1,
    kFine = 2,
    kConfiscation = 4,
    kSuspension = 8,
    kRevocation = 16,
    kDetention = 32,
    kOther = 64
};
inline constexpr int kPenaltyTypeCount = 7;
inline constexpr uint8_t kAllPenaltyBits = 127;

std::string_view to_string(PenaltyType t);  // monitoring's words: "warning", "fine", …
std::optional<PenaltyType> penalty_type_from_string(std::string_view s);
std::string_view penalty_type_label(PenaltyType t);  // 警告, 罚款, …

// Heaviest first; always a permutation of the seven types (parse_severity_order checks it).
using SeverityOrder = std::vector<PenaltyType>;
// The default order, a parameter: legal-facts.md gives no legal order of severity, so this follows
// the kinds of 《行政处罚法》第九条 as practice ranks them: 行政拘留 > 吊销 > 暂扣/责令停产停业 > 没收 >
// 罚款 > 警告, with 其他 last so that a named type wins.
SeverityOrder default_severity_order();
Result<SeverityOrder> parse_severity_order(const std::vector<std::string>& words);

enum class FieldKind { kCount, kAmount };
std::string_view to_string(FieldKind k);  // "count" | "amount"

// Bounds of one cell. Sums of up to kMaxFields cells stay far inside int64.
inline constexpr int64_t kMaxCount = 1'000'000'000;              // 10亿件
inline constexpr int64_t kMaxAmountFen = 1'000'000'000'000'000;  // 10万亿元
inline constexpr int64_t kFenPerWanYuan = 1'000'000;             // 1万元 = 10000元 = 1000000分
inline constexpr size_t kMaxTables = 50;
inline constexpr size_t kMaxFields = 500;

// The names of the monitoring aggregate metrics (src/lecs/monitoring/aggregate.hpp metric_name: acts.<kind>,
// amount.<kind>, warn.R1…R8, pub.due, pub.on_time, cert.slots, cert.valid, recon.concluded,
// recon.corrected, lit.concluded, lit.lost), repeated here because reports does not
// link monitoring.
bool is_monitoring_metric(std::string_view name);
inline bool is_amount_metric(std::string_view name) { return name.starts_with("amount."); }

struct Field {
    std::string code;  // "P_FINE"
    std::string name;  // 罚款
    FieldKind kind = FieldKind::kCount;
    bool required = true;
    std::vector<std::string> from;  // monitoring metrics whose sum pre-fills it; empty = not pre-filled
    int64_t max() const { return kind == FieldKind::kAmount ? kMaxAmountFen : kMaxCount; }
};

struct Table {
    std::string code;  // "penalty"
    std::string name;  // 行政处罚
    std::vector<Field> fields;
};

enum class RuleKind { kSum, kNonNegative, kCompare };
enum class CompareOp { kEq, kLe, kGe };
std::string_view rule_kind_label(RuleKind k);  // 合计, 非负, 一致性

struct ValidationRule {
    RuleKind kind = RuleKind::kSum;
    // kSum: target = Σ addends. kCompare: left op right. kNonNegative: fields (all fields of the
    // template when the JSON names neither fields nor a table).
    std::string target;
    std::vector<std::string> addends;
    std::string left, right;
    CompareOp op = CompareOp::kEq;
    std::vector<std::string> fields;
};

struct Ratio {
    std::string code;  // "Z_RATE"
    std::string name;  // 持证率
    std::string numerator, denominator;
};

struct PenaltyCounting {
    SeverityOrder order;
    std::map<PenaltyType, std::string> fields;  // every type → a count field
};

struct FieldRef {
    const Table* table = nullptr;
    const Field* field = nullptr;
};

struct ReportTemplate {
    std::string code;  // "annual"
    int version = 1;
    std::string name;  // 行政执法统计年报
    PeriodKind period = PeriodKind::kYear;
    DueRule due;
    std::string due_basis;  // the source of the due date, shown with it
    // The data go to the public portal: the annual data by 31 January (REQUIREMENTS §9, citing
    // 国办发〔2018〕118号; not in legal-facts.md, hence a template parameter, not a constant).
    bool publishable = false;
    std::vector<Table> tables;
    std::vector<ValidationRule> rules;
    std::vector<Ratio> ratios;
    std::optional<PenaltyCounting> penalty_counting;

    // The field and its table, or nulls for an unknown code.
    FieldRef find(std::string_view field_code) const;
    const Table* find_table(std::string_view table_code) const;
    size_t field_count() const;
};

Result<ReportTemplate> parse_template(std::string_view json);

// The embedded default annual template (data/report-templates/annual-v1.json). Throws
// std::logic_error if the embedded file is missing or bad: that is a build defect.
const ReportTemplate& default_annual_template();

// ---- cells and amounts ---------------------------------------------------------------------

// "12.35" (万元, 2 decimals, rounded half away from zero): 123456789分 → "123.46".
std::string format_wan_yuan(int64_t fen);

// A number typed into a cell. Spaces around it are ignored; a leading '-' is read (the non_negative
// rule judges it); anything else (full-width digits, thousands separators, "1e3") is not a number,
// because a cell that silently became a different number is worse than one refused.
struct CellNumber {
    enum class Status { kOk, kNotNumber, kOverflow };
    Status status = Status::kNotNumber;
    int64_t value = 0;
};
// An integer: a count, or an amount in 分. |value| > max is kOverflow.
CellNumber parse_integer_cell(std::string_view text, int64_t max);
// An amount typed in 万元 ("12.5"; up to 6 decimals, so exact to the 分) → 分. |分| > max_fen is
// kOverflow.
CellNumber parse_wan_yuan(std::string_view text, int64_t max_fen);

}  // namespace lecs::reports
