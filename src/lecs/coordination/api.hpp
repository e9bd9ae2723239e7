// Routes of the coordination module: 行政执法职责争议 (Art 6–8, REQUIREMENTS §4).
// Ids are JSON strings, legal dates YYYY-MM-DD, instants ISO 8601 UTC.
// Each line: method path — permission, scope — body → answer.
//
// POST /api/v1/disputes — dispute.file, filtered, idempotent — the application:
//      {letter_attachment_id?, focus?, parties:[{org_id, position?, legal_basis?:[{law?, article?}]}],
//      negotiation?:{date?, participants?, outcome?}, other_info?, domain?} → 201 the dispute (a draft; it
//      may be incomplete, check says what is missing). The caller's organisation must be one of the
//      parties; domain is an org/domains.hpp code (400 dispute.unknown_domain).
// GET  /api/v1/disputes?status=&level=city|county&region=&domain=<code>|none&overdue=true&page=&size= —
//      dispute.read, filtered — {items: disputes without parties, actions or deadlines, each with
//      "overdue" (today), total}, newest first.
// GET  /api/v1/disputes/statistics?<the same filters> — dispute.read, filtered — register_stats.hpp
//      over every dispute the filter selects: {as_of, total, drafts, open, concluded, overdue,
//      by_status, by_level, by_domain: [{status|level|domain, label, count}], handling:
//      {closed_counted, avg_calendar_days, avg_working_days, max_working_days, definition}}.
// GET  /api/v1/disputes/export?<the same filters> — dispute.read, filtered — the .xlsx of
//      register_export.hpp; more than kMaxExportRows → 400 dispute.export_too_large.
// GET  /api/v1/disputes/{id}/letter — dispute.read, object:dispute — the bound 公函's bytes (its
//      media type, Content-Disposition with the file name); 404 dispute.no_letter.
// GET  /api/v1/disputes/{id}/decision — dispute.read, object:dispute — the government's decision:
//      {dispute_id, government_org_id/_name, responsible_org_id/_name, decision, decided_on,
//      decided_by, document_id, created_at}; 404 dispute.no_decision before it.
// GET  /api/v1/disputes/{id} — dispute.read, object:dispute — the dispute: every stored field, its
//      parties (org_id, org_name, role, position, legal_basis, position_due_on), routing (null until
//      submitted), "actions": the events of the dispute table the caller may fire now (role and the
//      party/competence guards; the content checks, Art 8 completeness and receipts, answer when
//      fired), and "deadlines": its open deadlines with due date and due state computed now.
// PUT  /api/v1/disputes/{id} — dispute.file, object:dispute — as POST + version → the draft.
// GET  /api/v1/disputes/{id}/check — dispute.read, object:dispute — {problems:[{code, field, message,
//      basis}]}: the Art 8 / Art 6 problems of the stored application; empty when complete.
// GET  /api/v1/disputes/{id}/routing — dispute.read, object:dispute — the Art 7 routing the submission
//      would store: {outcome: competent|out_of_scope, rule_code, reason, basis, competent_level,
//      competent_region_code, vertical_flag, vertical_parties, vertical_note}; a party that cannot be
//      routed → 400 with the field.
// POST /api/v1/disputes/{id}/submit — dispute.file, object:dispute — {version, confirm_vertical?} →
//      the dispute, under_review. 400 dispute.incomplete | dispute.out_of_scope (with the reason) |
//      dispute.vertical_unconfirmed | dispute.letter_not_found; 409 dispute.no_competent_department.
// POST /api/v1/disputes/{id}/supplement-request — dispute.handle, object:dispute — {version, reason}
//      → awaiting_supplement; the review deadline pauses.
// POST /api/v1/disputes/{id}/supplement — dispute.file, object:dispute — the application as in POST
//      (same parties) + {version, note?} → under_review; the review deadline resumes.
// POST /api/v1/disputes/{id}/accept — dispute.handle, object:dispute — {version} → coordinating.
// POST /api/v1/disputes/{id}/refuse — dispute.handle, object:dispute — {version, code:
//      not_jurisdiction_dispute|not_negotiated|not_competent|other, reason} → refused.
// GET  /api/v1/disputes/{id}/timeline — dispute.read, object:dispute — {items:[{id, kind, at,
//      by_user, by_org, payload}]} in time order.
// POST /api/v1/disputes/{id}/withdraw — dispute.file, object:dispute — {version, reason} → withdrawn.
// POST /api/v1/disputes/{id}/supplement-lapsed — dispute.handle, object:dispute — {version} → withdrawn
//      (逾期未补正); 409 dispute.supplement_not_overdue.
// POST /api/v1/disputes/{id}/position — dispute.file, object:dispute — {version, position,
//      legal_basis:[{law, article}]}: the caller's organisation's written position.
// POST /api/v1/disputes/{id}/meetings — dispute.handle, object:dispute — {version, held_at (ISO 8601
//      instant with zone), place, attendees, minutes, attachment_id?}.
// POST /api/v1/disputes/{id}/consultations — dispute.handle, object:dispute — {version, consulted,
//      question, answer, attachment_id?}.
// POST /api/v1/disputes/{id}/expert-opinions — dispute.handle, object:dispute — {version, expert,
//      opinion, attachment_id?}.
// POST /api/v1/disputes/{id}/statements — dispute.handle, object:dispute — {version, party_org_id,
//      statement, attachment_id?}; 400 dispute.not_a_party.
// GET  /api/v1/disputes/{id}/records — dispute.read, object:dispute — {items:[{id, kind: meeting|
//      consultation|expert_opinion|statement, at, by_user, by_org, attachment_id, and by kind: held_at,
//      place, attendees, minutes | consulted, question, answer | expert, opinion | party_org_id,
//      statement}]} in the order made.
// GET  /api/v1/disputes/{id}/documents — dispute.read, object:dispute — {items:[{document_id,
//      purpose, doc_type, type_name, title, status, number_text, created_at}]}.
// POST /api/v1/disputes/{id}/opinion — dispute.handle, object:dispute — {version, body:[paragraphs]}
//      → opinion_pending (the 意见书 drafted).
// POST /api/v1/disputes/{id}/opinion/approve — dispute.handle, object:dispute — {version} →
//      opinion_issued (issued with its 文号 and delivered to every party).
// POST /api/v1/disputes/{id}/opinion/return — dispute.handle, object:dispute — {version, reason} →
//      coordinating.
// POST /api/v1/disputes/{id}/close — dispute.handle, object:dispute — {version} → closed; 409
//      dispute.receipts_pending until every party signed for the opinion.
// POST /api/v1/disputes/{id}/report — dispute.handle, object:dispute — {version, body:[paragraphs]}
//      → awaiting_government_decision (the 呈报件 issued to the same-level government).
// POST /api/v1/disputes/{id}/decision — dispute.decide, object:dispute — {version,
//      decision:[paragraphs], responsible_org_id} → closed; 400 dispute.responsible_invalid.
// GET  /api/v1/dispute-procedure — dispute.read, public — the citywide time limits in working days
//      {review_days, supplement_days, position_days, coordination_days, basis_note, version, updated_at,
//      defaults (true while the city has set none)}.
// PUT  /api/v1/dispute-procedure — dispute.handle, public (the service admits only the city
//      department's dept_leader, Art 6 ¶2; a county's 403) — {version, review_days, supplement_days,
//      position_days, coordination_days, basis_note?}, each 1–90 → the procedure.
// approve, report and decision issue a document in their own transactions (DisputeService); a
// refusal before the issue writes nothing.
//
// Every change answers the dispute as GET does. Refusals: 400 with the field (missing, too long,
// wrong type, an unknown organisation), 403 (permission; the table's role_not_allowed), 404 (another
// region's dispute, or a draft not the caller's), 409 version_conflict / workflow.wrong_state; a
// refused call writes nothing.
#pragma once

#include <cstdint>
#include <functional>

#include "lecs/audit/audit.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::coordination {

// Text caps of the application (code points).
inline constexpr size_t kMaxFocusChars = 4000;
inline constexpr size_t kMaxPositionChars = 4000;
inline constexpr size_t kMaxLawChars = 200;
inline constexpr size_t kMaxArticleChars = 50;
inline constexpr size_t kMaxParticipantsChars = 1000;
inline constexpr size_t kMaxOutcomeChars = 4000;
inline constexpr size_t kMaxOtherInfoChars = 4000;
inline constexpr size_t kMaxReasonChars = 2000;
inline constexpr size_t kMaxParties = 20;
inline constexpr size_t kMaxPlaceChars = 200;
inline constexpr size_t kMaxAttendeesChars = 1000;
inline constexpr size_t kMaxMinutesChars = 8000;
inline constexpr size_t kMaxConsultedChars = 200;
inline constexpr size_t kMaxQuestionChars = 4000;
inline constexpr size_t kMaxAnswerChars = 4000;
inline constexpr size_t kMaxExpertChars = 100;
inline constexpr size_t kMaxOpinionChars = 4000;
inline constexpr size_t kMaxStatementChars = 4000;
inline constexpr size_t kMaxParagraphs = 200;       // of a document body
inline constexpr size_t kMaxParagraphChars = 4000;  // each
inline constexpr size_t kMaxLegalBases = 20;
inline constexpr size_t kMaxDomainChars = 32;

// clock: the request time (UTC ms); empty → lecs::now_ms. audit_log: where the register's export
// writes its audit record (an export is an audited act, listexport::audit_export).
void register_api(http::Router& r, DisputeService& svc, workflow::DeadlineService& deadlines, db::Database& db,
                  audit::AuditLog& audit_log, std::function<int64_t()> clock = {});

}  // namespace lecs::coordination
