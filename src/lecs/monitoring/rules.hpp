// The eight monitoring rules (REQUIREMENTS §15; issue 6 step 4), pure: no I/O. Each rule has a
// code, a Chinese name, its legal basis and parameters from configuration
// (data/monitoring-rules.json, overridable); each finding carries its evidence.
//
// Contract:
// - RuleSet holds the parameters of every rule, loaded by parse_rule_params() from the JSON
//   configuration (unknown keys refused, every value range-checked).
// - evaluate_act(act, facts, ctx) returns the findings of R1–R7 for one act. The facts are what
//   the store knows beside the row (the agency's id, the certificates, the catalog), handed in as
//   plain lookups so that the rules stay pure and testable by hand.
// - R8 is across acts: evaluate_repeat_inspection(visits, ctx) looks at one party's inspections
//   and returns, for each inspection act that completes a window of `window_days` days ending on
//   its date with >= `min_agencies` distinct agencies, a finding attached to that act.
// - ctx.today decides "open and approaching" (R4 yellow); re-evaluation with a later today may
//   turn yellow into red or resolve a finding.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/rules.hpp"
#include "lecs/monitoring/model.hpp"

namespace lecs::monitoring::rules {

struct RuleInfo {
    RuleCode code;
    std::string_view name;   // 无证执法, 单人执法, …
    std::string_view basis;  // 《中华人民共和国行政处罚法》第四十二条, …
};
const RuleInfo& info(RuleCode r);
const std::vector<RuleInfo>& all_rules();

// 复议纠错率 / 诉讼败诉率 definitions (legal-facts §5.1, §5.2: no formal formula found, so both
// sets are configuration).
struct RateDefinition {
    std::set<std::string> numerator;    // outcomes counted as 纠错 / 败诉
    std::set<std::string> excluded;     // concluded outcomes left out of the denominator (调解, 和解 …)
};

struct RuleSet {
    // R1
    bool r1_enabled = true;
    // R2: the kinds that need >= min_officers; sector exceptions: item codes (prefix match)
    // that may be done by one officer (e.g. 简易程序 on the spot is still two under 第四十二条).
    bool r2_enabled = true;
    int r2_min_officers = 2;
    std::set<ActKind> r2_kinds = {ActKind::kPenalty, ActKind::kCoercion, ActKind::kInspection};
    std::vector<std::string> r2_exempt_item_prefixes;
    bool r2_exempt_simple_procedure = false;
    // R3
    bool r3_enabled = true;
    std::set<ActKind> r3_kinds = {ActKind::kPenalty, ActKind::kCoercion, ActKind::kInspection, ActKind::kLicense,
                                  ActKind::kLevy, ActKind::kExpropriation, ActKind::kPayment, ActKind::kConfirmation};
    // R4: 《行政处罚法》第六十条
    bool r4_enabled = true;
    int r4_limit_days = 90;
    int r4_yellow_days_left = 10;
    // R5: 国办发〔2018〕118号
    bool r5_enabled = true;
    int r5_fast_working_days = 7;   // 许可, 处罚
    int r5_other_working_days = 20;
    int r5_yellow_working_days_left = 2;  // yellow while unpublished with <= this many left
    // R6: 第五十八条
    bool r6_enabled = true;
    // R7
    bool r7_enabled = true;
    // R8: Art 5(3) 综合查一次
    bool r8_enabled = true;
    int r8_window_days = 30;
    int r8_min_agencies = 3;
    // Indicators
    RateDefinition reconsideration;
    RateDefinition litigation;
};

// The embedded default (data/monitoring-rules.json), or a file's text: unknown keys and values
// out of range are refused with the key named.
Result<RuleSet> parse_rule_params(std::string_view json);
RuleSet default_rule_set();

// What the store knows beside the row.
struct CertificateFacts {
    bool known = false;         // a certificate with this number exists
    std::string holder;         // the person's name, for the evidence (never the id number)
    bool enforcement = false;   // kind 'enforcement' (a supervision certificate does not count)
    std::optional<Date> issued_on, expires_on;
    std::optional<Date> suspended_from;  // from the status history: not valid from this day …
    std::optional<Date> reinstated_on;   // … until this day (exclusive), if reinstated
    std::optional<Date> revoked_on;
};
struct CatalogFacts {
    std::string name;
    Date effective_from;
    std::optional<Date> effective_to;
    std::optional<int64_t> min_amount_fen, max_amount_fen;
};
struct ActFacts {
    int64_t agency_id = 0;
    std::function<CertificateFacts(std::string_view number)> certificate;
    // The agency's items with this code (every effective period), for R3 and R7.
    std::function<std::vector<CatalogFacts>(std::string_view item_code)> catalog;
};

struct Context {
    const RuleSet& rules;
    const calendar::Calendar& calendar;
    Date today;
};

// Whether a certificate was valid on d, and if not, why (for R1's evidence and summary).
bool certificate_valid_on(const CertificateFacts& c, Date d, std::string* why);

std::vector<Finding> evaluate_act(const ActRow& act, const ActFacts& facts, const Context& ctx);

// One inspection of a party, for R8.
struct Visit {
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    Date date;
    std::string agency_name;  // for the evidence
};
struct AttachedFinding {
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    Finding finding;
};
std::vector<AttachedFinding> evaluate_repeat_inspection(std::vector<Visit> visits, const Context& ctx);

}  // namespace lecs::monitoring::rules
