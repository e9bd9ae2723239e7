// The use cases of statistical report submissions (Art 15; REQUIREMENTS §9; issue 7 §2–3).
//
// Contract (every use case runs in the caller's Tx; every change checks, in this order, the data
// scope (404 for a submission the caller cannot see), the state table (state_rules.hpp: 409 wrong
// state, 403 wrong role or organisation, with Art 15), the version (409 version_conflict), the input
// (400 naming the field), then writes and appends its audit record in the same Tx, so a refusal
// writes nothing):
// - open_draft(): the submission of (agency, template, period). An existing one is returned to
//   whoever's scope covers the agency, in whatever state. A new one is created only by the agency's
//   own agency_liaison (Art 15: the agency reports its own figures), bound to the template version
//   the service holds, with its due date, and pre-filled from monitoring's aggregates for the
//   period's months (rules.hpp prefill_from_metrics) where the agency has any; the template row is
//   stored on first use.
// - get() / list(): what the caller's scope covers (an agency its own, a county department its
//   county's agencies, the city all); list() filters by template, period and state.
// - save(): the agency's liaison, in draft or returned, replaces the figures. Cells that are not
//   numbers, overflow, or name no field of the template are refused (400, the cell named); rule
//   failures (sums, non-negative, missing cells) are kept with the draft and shown in the view.
// - submit() / resubmit(): the figures as stored must pass the template's validation. The first
//   submission's time is kept for lateness; each submission sets last_submitted_at.
// - return_report(): with one reason per field (a field of the template, a reason of 1–500
//   characters, each field once); the reasons are kept per round.
// - accept(): the same-level or the upper-level department; accepted is final.
// - A submission stays bound to its template version: it is read back from report_templates if the
//   service no longer holds that version.
// - The view of a submitted report lists its differences from the data (rules.hpp reconcile): the
//   figures monitoring gives now for the period (its aggregates, and the penalty types of its acts
//   counted under the heaviest type), against the filed ones.
// - compliance(): every active agency the caller's scope covers, with its submission (if any) of
//   (template, period) and whether it is on time, late or missing; remind() gives each agency still
//   owing the report (none, or only a draft, once the due date is within kRemindDays or past) a
//   to-do for its liaisons ("report_due", the agency, "submit:<template>:<period>"), once: an open
//   one is not repeated. Submitting completes it.
// - aggregate(): the reports of (template, period) in the caller's scope — submitted, resubmitted
//   and accepted, or only accepted — rolled up by region at a level, with the same period a year
//   before and the year-on-year change per field (rules.hpp roll_up, year_on_year). A region
//   filter outside the scope is 404.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/reports/model.hpp"
#include "lecs/reports/rules.hpp"
#include "lecs/reports/store.hpp"
#include "lecs/reports/template.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::reports {

inline constexpr size_t kMaxReturnReasonChars = 500;

struct TemplateRef {
    std::string code;
    int version = 0;
};

// A template the service offers, with the JSON it was parsed from (stored in report_templates).
struct TemplateSource {
    ReportTemplate tmpl;
    std::string json;
};
// The embedded default annual template (data/report-templates/annual-v1.json).
TemplateSource default_annual_source();

struct SubmissionView {
    ReportSubmission submission;
    std::vector<CellFailure> failures;  // the template's validation of the figures as they stand
    std::vector<ReturnRecord> returns;  // every return, by round
    Lateness lateness;
    bool prefilled = false;  // monitoring held data for the period when the draft was opened
    bool created = false;    // open_draft() created it now
    // Once filed: each filed figure that differs from what the data give now (rules.hpp reconcile).
    std::vector<Difference> differences;
};

// What monitoring gives for a report now, and where the acts behind a figure are.
struct DataFigures {
    Values computed;  // fields with a "from" and the penalty-type fields; empty without data
    bool has_data = false;
};

struct ComplianceItem {
    int64_t agency_id = 0;
    std::string agency_name, region_code;
    std::optional<ReportSubmission> submission;
    Lateness lateness;
};
struct Compliance {
    const ReportTemplate* tmpl = nullptr;
    PeriodRef period;
    Date due;
    std::vector<ComplianceItem> items;  // by region, then name
    int expected = 0, not_yet_due = 0, on_time = 0, late = 0, missing = 0;
};

// A reminder goes out from this many calendar days before the due date.
inline constexpr int kRemindDays = 15;
// The scheduler reminds automatically from kRemindDays before the due date until this many days
// after it; later, 报送情况 flags the report and a department reminds by hand (催报).
inline constexpr int kAutoRemindDaysAfter = 30;

enum class AggregateInclude { kSubmitted, kAccepted };
struct AggregateQuery {
    std::string template_code, period_key;
    RegionLevel level = RegionLevel::kCounty;
    std::optional<std::string> region;  // a region code the caller's scope reaches
    std::optional<std::string> domain;  // an org/domains.hpp code, or "" for 未分类
    AggregateInclude include = AggregateInclude::kSubmitted;
};
struct AggregateRow {
    std::string region_code, region_name;
    int64_t reports = 0;
    Values values;
};
struct Aggregate {
    const ReportTemplate* tmpl = nullptr;
    PeriodRef period, previous;
    RegionLevel level = RegionLevel::kCounty;
    AggregateInclude include = AggregateInclude::kSubmitted;
    std::optional<std::string> region;  // the filter, when given
    std::optional<std::string> domain;  // the filter, when given ("" = 未分类)
    std::vector<AggregateRow> rows;     // by region code
    std::vector<DomainTotal> domains;   // the current period by enforcement domain (rules.hpp order)
    AggregateRow total, previous_total;
    std::vector<YearOnYear> year_on_year;
};

struct SubmissionPage {
    std::vector<ReportSubmission> items;
    int64_t total = 0;
};

class ReportService {
  public:
    // Throws std::logic_error when two sources share a (code, version): a build defect.
    ReportService(audit::AuditLog& audit, workflow::WorkflowService& workflow, std::vector<TemplateSource> templates);

    Result<SubmissionView> open_draft(db::Tx& tx, const auth::Caller& who, int64_t agency_id,
                                      const std::string& template_code, const std::string& period_key, int64_t now_ms);
    Result<SubmissionView> get(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms);
    SubmissionPage list(db::Tx& tx, const auth::Caller& who, const store::SubmissionFilter& f);

    // cells: field code → the cell's text, amounts in `unit` (分 from the API, 万元 as typed).
    // declared: the template an uploaded file says it was filled on; another template or version is
    // refused (400 report.template_mismatch) rather than read cell by cell into the wrong layout.
    Result<SubmissionView> save(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                const std::map<std::string, std::string, std::less<>>& cells, AmountUnit unit,
                                int64_t now_ms, const std::optional<TemplateRef>& declared = std::nullopt);
    Result<SubmissionView> submit(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms);
    Result<SubmissionView> resubmit(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms);
    Result<SubmissionView> return_report(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                         const std::vector<ReturnReason>& reasons, int64_t now_ms);
    Result<SubmissionView> accept(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms);

    // The figures monitoring gives for the submission's agency and period now.
    Result<DataFigures> data_figures(db::Tx& tx, const ReportSubmission& s) const;
    // The template a submission is bound to (readable by whoever may get() it).
    Result<ReportTemplate> template_of(db::Tx& tx, const ReportSubmission& s) const { return bound_template(tx, s); }
    // The templates offered, the newest version of each code.
    std::vector<const TemplateSource*> offered() const;

    Result<Compliance> compliance(db::Tx& tx, const auth::Caller& who, const std::string& template_code,
                                  const std::string& period_key, const std::optional<std::string>& region,
                                  int64_t now_ms);
    // Returns how many agencies got a new to-do.
    Result<int> remind(db::Tx& tx, const auth::Caller& who, const std::string& template_code,
                       const std::string& period_key, int64_t now_ms);
    // The scheduler's job (workflow::SchedulerOptions::jobs), as the system: for every template
    // offered and every period in its window today (rules.hpp periods_to_remind, kRemindDays before
    // to kAutoRemindDaysAfter after the due date), each agency of the city still owing the report
    // gets the same to-do as from remind(), once; audited when any was given. Returns how many.
    int remind_due(db::Tx& tx, int64_t now_ms);
    // The accepted reports of a publishable template's period, for the public portal (REQUIREMENTS
    // §9: the annual data are published by 31 January); every agency's, no caller. A template that
    // is not publishable is 404.
    Result<std::vector<ReportSubmission>> published(db::Tx& tx, const std::string& template_code,
                                                    const std::string& period_key) const;
    Result<Aggregate> aggregate(db::Tx& tx, const auth::Caller& who, const AggregateQuery& q);

  private:
    const TemplateSource* current(const std::string& code) const;  // the highest version held
    Result<ReportTemplate> bound_template(db::Tx& tx, const ReportSubmission& s) const;
    Result<ReportSubmission> load(db::Tx& tx, const auth::Caller& who, int64_t id) const;
    Result<SubmissionView> view(db::Tx& tx, ReportSubmission s, int64_t now_ms) const;
    // compliance() within a scope and an optional region prefix the caller's scope reaches.
    Result<Compliance> compliance_in(db::Tx& tx, const auth::DataScope& scope, const std::string& template_code,
                                     const std::string& period_key, const std::optional<std::string>& prefix,
                                     int64_t now_ms);
    // One to-do for each agency of c still owing its report and without an open one, and a message
    // to each of its active liaisons; how many agencies.
    int remind_owing(db::Tx& tx, const Compliance& c, int64_t now_ms);
    Result<SubmissionView> file(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                std::string_view event, int64_t now_ms);
    // What monitoring gives now for (agency, period): the "from" fields and the penalty types.
    Result<Values> computed_figures(db::Tx& tx, const ReportTemplate& t, int64_t agency_id, const PeriodRef& period,
                                    bool* has_data) const;
    Result<SubmissionView> commit(db::Tx& tx, const auth::Caller& who, const ReportSubmission& before,
                                  ReportSubmission after, const std::string& action, const std::string& detail,
                                  int64_t now_ms);

    Result<std::pair<const TemplateSource*, PeriodRef>> template_and_period(const std::string& template_code,
                                                                            const std::string& period_key) const;

    audit::AuditLog& audit_;
    workflow::WorkflowService& workflow_;
    std::vector<TemplateSource> templates_;
};

}  // namespace lecs::reports
