// The SQL of statistical reports (migrations/0019_reports.*.sql) and nothing else.
//
// Contract:
// - Values travel as a JSON object of integers ({"P_FINE": 3, "P_AMOUNT": 1250000}).
// - update_submission() writes only when the row still has expected_version and bumps it; it
//   returns the rows changed (0 = stale).
// - insert_template() keeps the first row of a (code, version): a published template never
//   changes, so the caller compares template_json() with what it meant to store.
// - sum_metrics() reads monitoring's aggregate table monitoring_agg (agency × yyyymm × metric; see
//   monitoring/aggregate.hpp) for the pre-fill, summed over the months; an empty map when the agency
//   has no row in those months. penalty_type_counts() reads monitoring_acts' penalty types of the
//   agency's penalties in those months. Both only read: monitoring writes the tables at ingest. They
//   are the two reads of another module's tables (ARCHITECTURE: "never another module's store"):
//   linking monitoring's service would pull supervision, docs and files into reports, and the
//   cockpit, which does link it, sits above reports. Recorded in docs/architecture.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"
#include "lecs/reports/model.hpp"

namespace lecs::reports::store {

std::string values_to_json(const Values& v);
Values values_from_json(const std::string& json);  // throws db::DbError on a malformed column

void insert_template(db::Tx& tx, const std::string& code, int version, const std::string& name,
                     const std::string& period_kind, const std::string& json, int64_t now_ms, int64_t by);
std::optional<std::string> template_json(db::Tx& tx, const std::string& code, int version);

void insert_submission(db::Tx& tx, const ReportSubmission& s);
std::optional<ReportSubmission> find_submission(db::Tx& tx, int64_t id);
std::optional<ReportSubmission> find_submission(db::Tx& tx, int64_t agency_id, const std::string& template_code,
                                                const std::string& period_key);
int64_t update_submission(db::Tx& tx, const ReportSubmission& s, int64_t expected_version);

struct SubmissionFilter {
    std::optional<std::string> template_code, period_key, state;
    int limit = 50, offset = 0;
};
// The submissions whose agency the scope covers (its region prefix, or the organisation itself),
// by region, agency and period; with the total.
std::pair<std::vector<ReportSubmission>, int64_t> list_submissions(db::Tx& tx, const auth::DataScope& scope,
                                                                   const SubmissionFilter& f);

void insert_returns(db::Tx& tx, int64_t submission_id, int round, const std::vector<ReturnReason>& reasons,
                    int64_t now_ms, int64_t by);
int last_return_round(db::Tx& tx, int64_t submission_id);
std::vector<ReturnRecord> returns_of(db::Tx& tx, int64_t submission_id);

// Every submission of (template, period) the scope covers in one of `states`, optionally within a
// region prefix, by region and agency.
std::vector<ReportSubmission> submissions_of(db::Tx& tx, const auth::DataScope& scope, const std::string& template_code,
                                             const std::string& period_key, const std::vector<std::string>& states,
                                             const std::optional<std::string>& region_prefix);

// The penalty acts of the agency in the months, counted by their penalty-type bit set
// (monitoring_acts.penalty_types): the heaviest-penalty count reads them. Like sum_metrics, a read of
// monitoring's table (its index (agency_id, month) serves it).
std::vector<std::pair<uint8_t, int64_t>> penalty_type_counts(db::Tx& tx, int64_t agency_id, int first_month,
                                                             int last_month);

std::map<std::string, int64_t, std::less<>> sum_metrics(db::Tx& tx, int64_t agency_id, int first_month, int last_month);

}  // namespace lecs::reports::store
