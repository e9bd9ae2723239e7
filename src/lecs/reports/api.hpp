// Routes of statistical reports (Art 15; REQUIREMENTS §9; issue 7 §1–4). Ids are JSON strings,
// dates YYYY-MM-DD, instants ISO 8601, amounts integer 分 (the web shows 万元). Permissions:
// report.read (who sees reports in their scope), report.fill (the agency's liaison),
// report.review (the coordination departments' supervisors and leaders: return, accept, roll-up).
//
// GET  /api/v1/reports/templates — report.read, public data — {items:[template]}: the templates
//      offered, newest version of each. template = {code, version, name, period, period_label,
//      due_rule, due_basis, publishable, tables:[{code, name, fields:[{code, name, kind
//      ("count"|"amount"), required, prefill_from:[metrics]}]}], rules:[{kind, label, text}],
//      ratios:[{code, name, numerator, denominator}], penalty_order:[{type, label, field_code}]}.
// GET  /api/v1/reports?template=&period=&state=&page=&size= — report.read, filtered — {items:[item],
//      total}. item = {id, template, template_version, template_name, agency_id, agency_name,
//      region_code, period, period_label, state, state_label, due_on, submitted_at,
//      last_submitted_at, accepted_at, timeliness, timeliness_label, days_late, version}.
// POST /api/v1/reports {agency_id, template, period} — report.fill, filtered — the submission of
//      (agency, template, period) as a view with `created`: created now (pre-filled from monitoring)
//      by the agency's own liaison, or the existing one.
// GET  /api/v1/reports/{id} — report.read, object:report — view = item + {template_def (a template as above, the
//      bound version), values:{code: int}, prefill:{code: int}, prefilled, failures:[{rule,
//      table_code, field_code, message}], returns:[{round, field_code, field_name, reason,
//      created_at}], differences:[{table_code, table_name, field_code, field_name, filed, computed,
//      difference, acts:{agency, kinds:[kind], from, to}}] (filed figures that differ from the data,
//      once submitted), ratios:[{code, name, value, text}], actions:[save|submit|resubmit|return|
//      accept]}.
// PUT  /api/v1/reports/{id} {version, cells:{code: number|string|null}, unit?: "fen"|"wan_yuan",
//      template?, template_version? (what an uploaded file says; another one is 400
//      report.template_mismatch)}
//      — report.fill — the figures replaced (draft or returned). A string cell is the text typed or
//      read from an uploaded .xlsx/CSV; null or "" leaves it blank. → view.
// POST /api/v1/reports/{id}/submit {version} — report.fill — → submitted.
// POST /api/v1/reports/{id}/resubmit {version} — report.fill — → resubmitted.
// POST /api/v1/reports/{id}/return {version, reasons:[{field_code, reason ≤500}] (1–100)} —
//      report.review — → returned.
// POST /api/v1/reports/{id}/accept {version} — report.review — → accepted.
// GET  /api/v1/public/reports?template=&period= — public — {template, period, period_label, basis,
//      items:[{agency_name, region_code, accepted_at, values}]}: the accepted reports of a
//      publishable template (the annual data, published for the public portal); 404 otherwise.
// GET  /api/v1/reports/compliance?template=&period=&region=&timeliness=not_yet_due|missing|on_time|late
//      — report.read, filtered — {template,
//      period, due_on, counts:{expected, not_yet_due, on_time, late, missing}, items:[{agency_id,
//      agency_name, region_code, report_id|null, state|null, state_label, timeliness,
//      timeliness_label, days_late}]}: every active agency in scope, with or without a submission;
//      timeliness= keeps the items of that timeliness (the counts stay the whole period's).
// POST /api/v1/reports/compliance/remind {template, period} — report.review, filtered — {reminded}:
//      each agency in scope still owing the report gets a to-do for its liaisons (from 15 days
//      before the due date; 409 report.remind_too_early before that).
// GET  /api/v1/reports/aggregate?template=&period=&level=city|county|township&region=&include=
//      accepted|submitted&domain=<执法领域 code>|none — report.review, filtered — {template (the
//      template object), period, previous_period, level, include, region, domain, domain_name,
//      rows:[{region_code, region_name, reports, values}], domains:[{domain (code, none = 未分类),
//      domain_name, reports, values}] (the same total by the agencies' 执法领域), total:{reports, values},
//      previous_total:{reports, values}, year_on_year:[{field_code, field_name, kind, current,
//      previous, change, change_pct}]}. include=submitted (default) counts submitted, resubmitted
//      and accepted reports; accepted counts only accepted ones.
// GET  /api/v1/reports/aggregate.xlsx?(as above) — report.review, filtered — the same roll-up as an
//      .xlsx in the template's layout: one sheet per table, a row per region, the total, the year
//      before, and a row per 执法领域.
//
// Refusals: 400 with the field (missing, too long, wrong type, an unknown template, period or
// cell), 403 (permission; the table's role and guards), 404 (out of scope), 409 version_conflict /
// workflow.wrong_state; a refused call writes nothing.
#pragma once

#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/reports/service.hpp"

namespace lecs::reports {

inline constexpr size_t kMaxReturnReasons = 100;

void register_api(http::Router& r, ReportService& svc, db::Database& db, std::function<int64_t()> clock = {});

// The owner of a "report" (ScopeRule::object): the submission's agency and its region.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::reports
