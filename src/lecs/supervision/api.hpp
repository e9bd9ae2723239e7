// Routes of supervision casework (Art 11–14, 18, Art 3 ¶3; REQUIREMENTS §8). Ids are JSON
// strings, legal dates YYYY-MM-DD, instants ISO 8601 UTC. Each line: method path — permission,
// scope — body → answer. Every change of a matter answers the matter as GET does.
//
// GET  /api/v1/supervision/vocabularies — supervision.read, public — {categories, sources, modes,
//      finding_categories, decision_item_kinds, legality_failures, checklist:[{code,label,deduction}]}.
// POST /api/v1/supervision/plans — supervision.handle, filtered, idempotent — {kind, title, theme?,
//      scope_text?, period_start, period_end, categories[], target_org_ids[], upper_reason?} → 201
//      {plan, matter_ids}.
// GET  /api/v1/supervision/plans/{id} — supervision.read, object:plan — the plan.
// GET  /api/v1/supervision/matters?status=&plan=&source=&page=&size= — supervision.read, filtered —
//      {items, total}, newest first.
// POST /api/v1/supervision/matters — supervision.handle, filtered, idempotent — {source, mode,
//      categories[], subject, target_org_id, member_person_ids?[], upper_reason?, tracked?,
//      tracked_label?, tracked_due?} → 201 the matter.
// GET  /api/v1/supervision/matters/{id} — supervision.read, object:matter — the matter with its team,
//      "actions" (the table's events the caller may fire now) and its documents.
// GET  /api/v1/supervision/matters/{id}/records — supervision.read, object:matter — {inspections,
//      file_reviews, findings, reports, decision_items}.
// GET  /api/v1/supervision/matters/{id}/timeline — supervision.read, object:matter — {items}.
// POST …/matters/{id}/members {version, person_id} — supervision.handle — 回避 checked.
// POST …/matters/{id}/take-over {version, reason} — supervision.handle — 提级监督.
// POST …/matters/{id}/inspections {version, supervisors:[person ids], inspected_on, place,
//      people_met?, record, attachment_id?, offline?} — supervision.handle — Art 13.
// POST …/matters/{id}/file-reviews {version, case_no, legality_failures?:[codes],
//      found?:[{code, times}]} — supervision.handle.
// POST …/matters/{id}/findings {version, category, facts, evidence?, legal_basis, disposition:
//      on_spot|notice, on_spot_record?} — supervision.handle.
// POST …/matters/{id}/notice {version, correction_due, requirements?:[paragraphs]} —
//      supervision.handle — drafts the 监督通知书.
// POST …/matters/{id}/notice/issue {version} — supervision.handle (dept_leader by the table).
// POST …/matters/{id}/notice/return {version, reason} — supervision.handle.
// POST …/matters/{id}/rectification {version, content, attachment_id?} — supervision.respond.
// POST …/matters/{id}/verification {version, passed, reason?} — supervision.handle.
// POST …/matters/{id}/escalation {version, body:[paragraphs]} — supervision.handle — 呈报件.
// POST …/matters/{id}/decision {version, reasons?:[paragraphs], items:[{kind, content, due_on?}]} —
//      supervision.decide.
// POST …/matters/{id}/fulfilment {version, ordinal, fulfilled_on, note} — supervision.handle — the
//      follow-up of one decision item (from 0).
// POST …/matters/{id}/close {version} — supervision.handle.
// POST /api/v1/supervision/clues — supervision.clue, filtered, idempotent — {target_org_id, content,
//      attachment_id?} → 201 the clue.
// GET  /api/v1/supervision/clues?status= — supervision.read, filtered — {items}.
// GET  /api/v1/supervision/clues/{id} — supervision.read, object:clue.
// POST /api/v1/supervision/clues/{id}/accept {version, categories[], mode?, subject?,
//      member_person_ids?[]} — supervision.handle — → {clue, matter}.
// POST /api/v1/supervision/clues/{id}/return {version, reason} — supervision.handle.
//
// Refusals: 400 with the field (missing, too long, wrong type, an unknown code or organisation),
// 403 (permission; the table's role and guards), 404 (out of scope), 409 version_conflict /
// workflow.wrong_state; a refused call writes nothing.
#pragma once

#include <cstdint>
#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/supervision/service.hpp"

namespace lecs::supervision {

inline constexpr size_t kMaxTitleChars = 200;
inline constexpr size_t kMaxTextChars = 4000;
inline constexpr size_t kMaxLongTextChars = 8000;
inline constexpr size_t kMaxListItems = 100;

void register_api(http::Router& r, MatterService& svc, db::Database& db, std::function<int64_t()> clock = {});

class AdviceService;
// GET  /api/v1/supervision/suggestions — supervision.read, filtered — {items}.
// POST /api/v1/supervision/suggestions — supervision.handle, filtered, idempotent — {target_org_id,
//      matter_id?, subject, body:[paragraphs]} → 201 the suggestion (drafted; its document drafted).
// GET  /api/v1/supervision/suggestions/{id} — supervision.read, object:suggestion.
// POST …/suggestions/{id}/issue {version} — supervision.handle (the department's dept_leader) —
//      issued and delivered to the agency.
// POST …/suggestions/{id}/response {version, response} — supervision.respond (the agency's liaison).
// GET  /api/v1/supervision/guidance — supervision.read, filtered — {items}.
// POST /api/v1/supervision/guidance — supervision.handle, filtered, idempotent — {question,
//      matter_id?}: a county department asks the city's (Art 18) → 201.
// GET  /api/v1/supervision/guidance/{id} — supervision.read, object:guidance.
// POST …/guidance/{id}/answer {version, answer} — supervision.handle (the city department).
void register_advice_api(http::Router& r, AdviceService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::supervision
