// Routes of monitoring's warnings and indicators (REQUIREMENTS §15; issue 6 steps 5–7). Ids are JSON
// strings, act dates YYYY-MM-DD, months YYYY-MM, amounts integer 分. The :bulk ingest routes are
// bulk_api.cpp's.
//
// GET  /api/v1/monitoring/rules — monitoring.read, public data — {items:[{code, name, basis,
//      severity_levels, params}], indicators:{reconsideration, litigation}}: the rules and the
//      parameters in force.
// GET  /api/v1/monitoring/warnings?rule=&severity=&agency=&region=&from=&to=&state=&page=&size= —
//      monitoring.read, filtered — {items:[{id, rule, rule_name, severity, state, state_label, agency_id,
//      agency_name, region_code, act_date, summary, external_id, case_no, version}], total}, newest act
//      first; from/to bound the act date.
// GET  /api/v1/monitoring/warnings/summary?region=&from=&to= — monitoring.read, filtered —
//      {by_rule_region:[{region_code, region_name, rule, count}], by_month:[{month, counts:{R1…R8}}]}
//      from the aggregates.
// GET  /api/v1/monitoring/warnings/{id} — authenticated (monitoring.read, or monitoring.respond for the
//      agency's own once sent), object:warning — the item with evidence (object), basis, the act's
//      fields, history and the actions the caller may take.
// POST …/warnings/{id}/dismiss {version, reason≤500} — monitoring.handle — → dismissed.
// POST …/warnings/{id}/send {version, note?≤500} — monitoring.handle — → sent, the agency's liaisons
//      get a to-do.
// POST …/warnings/{id}/respond {version, response≤4000} — monitoring.respond (the agency's own) —
//      → responded.
// POST …/warnings/{id}/matter {version, categories?[], subject?≤200, upper_reason?≤4000} —
//      monitoring.handle (and supervision.handle) — → matter: {warning, matter_id}.
// GET  /api/v1/monitoring/indicators?region=&agency=&from=&to= — monitoring.read, filtered — the
//      indicators of the period from the aggregate tables only.
// GET  /api/v1/monitoring/acts?agency=&month=&rule=&kind=&page=&size= — monitoring.read, filtered —
//      {items:[act with warnings], total}: the drill-down from a figure.
//
// Refusals: 400 with the field, 403 without the permission, 404 outside the scope, 409
// version_conflict / workflow.wrong_state; a refused call writes nothing.
#pragma once

#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/monitoring/service.hpp"

namespace lecs::monitoring {

void register_api(http::Router& r, MonitoringService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::monitoring
