// Routes of the analysis → action of Art 15 and of the leaders' cockpit (REQUIREMENTS §9; issue 7).
// Ids are JSON strings, dates YYYY-MM-DD, months YYYY-MM, amounts integer 分.
//
// GET /api/v1/analysis?period=YYYY&region=&band_k=&min_group=&min_acts_for_rate=
//     &recon_threshold_percent=&recon_min_concluded=&inaction_min_items= — report.review, filtered —
//     {period, region_code, region_name, data_date|null, agencies, basis, params:{band_k, min_group,
//     min_acts_for_rate, recon_threshold_percent, recon_min_concluded, inaction_min_items},
//     metrics:[{key, label, unit, group, group_size, band|null, note}], outliers:[item],
//     inaction:[item], reconsideration:[item]}. item = {kind, agency_id, agency_name, region_code,
//     metric, metric_label, unit, direction (high|low), value, band:{median, spread, spread_kind
//     (mad|mean_deviation), lower, upper}|null, group_size, figures:{acts_total, penalties,
//     inspections, penalty_amount_fen, warnings, recon_concluded, recon_corrected, catalog_items},
//     explanation, basis, suggestion_draft:{target_org_id, subject, body:[paragraphs]} (sent as is to
//     POST /api/v1/supervision/suggestions), matter_draft:{source, mode, categories, subject,
//     target_org_id} (sent as is to POST /api/v1/supervision/matters)}. period defaults to the
//     current year (Beijing), region to the caller's own county or city; the parameters default to
//     analysis_rules.hpp Params.
// GET /api/v1/cockpit?region= — cockpit.read, filtered — {region_code, region_name, region_level,
//     data_date, sections:[{key, title, chart (bar|line), definition, data_date|null,
//     items:[{key, label, value, drill:{route, query}}], months:[YYYY-MM], series:[{key, name, unit,
//     data:[number|null], numerators?, denominators?}], facts:{…}, drill:{route, query}}]}. Sections:
//     matters, disputes, warnings, reports, rates, acts (service.hpp).
//
// Refusals: 400 with the field (period not a year 2000–2100, region not a 6- or 9-digit code, a
// parameter not a number or out of its range), 403 (permission), 404 (a region that does not exist
// or lies outside the caller's scope: a county's people asking for another county or the city).
#pragma once

#include <functional>

#include "lecs/cockpit/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"

namespace lecs::cockpit {

void register_api(http::Router& r, CockpitService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::cockpit
