// The use cases of monitoring's warnings and indicators (REQUIREMENTS §15; issue 6 steps 5–7).
//
// Contract (every change: the caller's permission and scope first (403 / 404), then the state
// (409 workflow.wrong_state with a Chinese message), the version (409 version_conflict), the input
// (400 with the field), then the write, its to-dos and its audit record in the caller's Tx, so a
// refusal writes nothing):
// - list(): the warnings whose agency the caller's data scope covers (region prefix or organisation,
//   filtered in SQL), filtered by rule, severity, agency, region (prefix), act date from/to and state,
//   newest act first, with the total.
// - get(): one warning with its act's fields and its history. A caller with monitoring.read sees
//   what its scope covers; the agency's own people (monitoring.respond) see a warning once it was sent
//   to the agency, never before (404).
// - dismiss(): open, sent or responded → dismissed, with a reason (required, <= 500 characters); the
//   agency's open to-do is closed and the warning leaves the warn.<rule> indicator (it counts the
//   warnings that are not dismissed). Re-evaluation keeps it dismissed (ingest.hpp).
// - send(): open → sent: the agency's liaisons get a to-do "respond" (workflow add_todo, role
//   agency_liaison in the agency), with the supervisor's note.
// - respond(): sent → responded, by the agency's own people (monitoring.respond, the agency in their
//   organisations; else 403), the response required (<= 4000); the to-do is done.
// - to_matter(): open, sent or responded → matter: a SupervisionMatter on the agency with source
//   data_warning (supervision MatterService::create_matter, in the same Tx; its own checks apply:
//   the caller's department must be competent for the agency, an upper one says why), source_ref the
//   warning; the to-do is closed.
// - resolved warnings (re-evaluation found the condition gone) take no action (409).
// - summary() / indicators() read monitoring_agg_region (or monitoring_agg for one agency) only,
//   never monitoring_acts; acts() is the drill-down from a figure (agency × month, index
//   monitoring_acts_month) with each act's warnings.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/db/db.hpp"
#include "lecs/monitoring/model.hpp"
#include "lecs/monitoring/rules.hpp"
#include "lecs/supervision/service.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::monitoring {

inline constexpr size_t kMaxReasonChars = 500;
inline constexpr size_t kMaxResponseChars = 4000;
inline constexpr size_t kMaxNoteChars = 500;

namespace warning_state {
inline constexpr const char* kOpen = "open";
inline constexpr const char* kSent = "sent";
inline constexpr const char* kResponded = "responded";
inline constexpr const char* kDismissed = "dismissed";
inline constexpr const char* kMatter = "matter";
inline constexpr const char* kResolved = "resolved";
}  // namespace warning_state
std::string_view state_label(std::string_view state);  // 待处理, 已发送, …
bool is_state(std::string_view state);

struct Warning {
    int64_t id = 0;
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    std::string rule, severity, state, region_code;
    std::string act_date;  // YYYY-MM-DD
    int month = 0;
    std::string summary, evidence;
    std::optional<std::string> dismiss_reason, response;
    std::optional<int64_t> responded_at, responded_by, sent_at, matter_id, resolved_at;
    int64_t evaluated_at = 0, version = 1, created_at = 0, updated_at = 0;
    // Joined for display.
    std::string agency_name, external_id, case_no;
};

struct WarningFilter {
    std::optional<std::string> rule, severity, state, region;
    std::optional<int64_t> agency_id;
    std::optional<Date> from, to;  // act date, inclusive
    int limit = 20, offset = 0;
};
struct WarningPage {
    std::vector<Warning> items;
    int64_t total = 0;
};

// The act a warning is about, as stored (monitoring_acts).
struct ActView {
    int64_t agency_id = 0, ext_key = 0;
    std::string external_id, kind, act_date, region_code, case_no, item_code, officers_json, party_type;
    std::optional<std::string> filed_on, decided_on, served_on, closed_on, published_on;
    int64_t penalty_types = 0, amount_fen = 0;
    std::string procedure;
    bool legal_review = false, major = false, publish_required = false;
    int64_t extension_days = 0, excluded_days = 0, warn_mask = 0;
    std::optional<int64_t> entrusted_id;
};

struct HistoryEntry {
    std::string action;  // opened | sent | responded | dismissed | matter | …
    int64_t at = 0;
    std::string by;      // username; empty for the system
    std::string detail;  // the reason, note or response
};

struct WarningDetail {
    Warning warning;
    std::optional<ActView> act;
    std::vector<HistoryEntry> history;
};

struct MatterRequest {
    std::vector<std::string> categories;  // empty: art11_3 (执法行为合法性和适当性)
    std::string subject;                  // empty: the rule's name and the warning's summary
    std::string upper_reason;
};

// Indicators (from/to are yyyymm).
struct IndicatorQuery {
    std::optional<std::string> region;
    std::optional<int64_t> agency_id;
    int from = 0, to = 0;
};
struct Ratio {
    int64_t numerator = 0, denominator = 0;
};
struct MonthFigures {
    int month = 0;
    std::array<int64_t, kActKindCount> acts{};
    std::array<int64_t, kActKindCount> amount{};
    std::array<int64_t, kRuleCount> warnings{};
    Ratio recon, lit, publication, certification;
};
struct Indicators {
    IndicatorQuery query;
    MonthFigures total;                // month = 0
    std::vector<MonthFigures> series;  // every month of the period, in order
};

// One agency's figures summed over a period (agency_figures()).
struct AgencyFigures {
    int64_t agency_id = 0;
    MonthFigures total;  // month = 0
};

struct Summary {
    struct Cell {
        std::string region_code;  // the county (6 digits) or the city's own
        std::string rule;
        int64_t count = 0;
    };
    std::vector<Cell> by_rule_region;
    std::vector<std::pair<int, std::array<int64_t, kRuleCount>>> by_month;  // yyyymm → per rule
};

struct ActFilter {
    int64_t agency_id = 0;
    int month = 0;  // yyyymm
    std::optional<std::string> rule, kind;
    int limit = 20, offset = 0;
};
struct ActPage {
    std::vector<ActView> items;
    std::vector<std::vector<Warning>> warnings;  // per item
    int64_t total = 0;
};

class MonitoringService {
  public:
    MonitoringService(audit::AuditLog& audit, workflow::WorkflowService& workflow, supervision::MatterService& matters,
                      rules::RuleSet rules)
        : audit_(audit), workflow_(workflow), matters_(matters), rules_(std::move(rules)) {}

    const rules::RuleSet& rule_set() const { return rules_; }

    Result<WarningPage> list(db::Tx& tx, const auth::Caller& who, const WarningFilter& f);
    Result<WarningDetail> get(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<Warning> dismiss(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason, int64_t version,
                            int64_t now_ms);
    Result<Warning> send(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& note, int64_t version,
                         int64_t now_ms);
    Result<Warning> respond(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& response,
                            int64_t version, int64_t now_ms);
    Result<std::pair<Warning, supervision::Matter>> to_matter(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                              const MatterRequest& in, int64_t version, int64_t now_ms);

    Result<Summary> summary(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region, int from,
                            int to);
    Result<Indicators> indicators(db::Tx& tx, const auth::Caller& who, const IndicatorQuery& q);
    Result<ActPage> acts(db::Tx& tx, const auth::Caller& who, const ActFilter& f);
    // Every agency with aggregates in the months from..to (yyyymm) whose organisation the caller's scope
    // covers and, when `region` is given, lies in it (a region outside the scope is 404): its figures
    // summed over the months, by agency id. Reads monitoring_agg (its primary key serves the range),
    // never the acts. For the analysis of Art 15 (cockpit/analysis_rules.hpp).
    Result<std::vector<AgencyFigures>> agency_figures(db::Tx& tx, const auth::Caller& who,
                                                      const std::optional<std::string>& region, int from, int to);
    // When the data was last loaded: the time of the newest ingest batch (CLI or HTTP), if any. The
    // cockpit's 数据日期 of the figures read from the aggregates.
    std::optional<int64_t> last_ingest_at(db::Tx& tx, const auth::Caller& who);

  private:
    Result<Warning> load(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<Warning> commit(db::Tx& tx, const auth::Caller& who, const Warning& before, Warning after,
                           const std::string& action, const std::string& detail, int64_t now_ms);
    // 404 when the region is outside the caller's scope; the SQL predicate on `column` otherwise.
    Result<std::string> region_clause(const auth::Caller& who, const std::optional<std::string>& region,
                                      const std::string& column, db::Params& p);

    audit::AuditLog& audit_;
    workflow::WorkflowService& workflow_;
    supervision::MatterService& matters_;
    rules::RuleSet rules_;
};

// The warning's audited state.
std::string warning_json(const Warning& w);
// The history's action names (audit actions monitoring.warning_<action>).
std::vector<HistoryEntry> warning_history(db::Tx& tx, const Warning& w);

}  // namespace lecs::monitoring
