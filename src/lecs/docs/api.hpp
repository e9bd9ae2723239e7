// Routes of the docs module (REQUIREMENTS §17). Ids are JSON strings.
// Each line: method path — permission, scope — body/response.
//
// GET  /api/v1/document-types — doc.read, public — every §17 type: {code, name, issuer:
//      department|government, internal, abbreviation, basis, disclosure, fields:[{key, label, required}]}
// POST /api/v1/documents — doc.draft, filtered — {doc_type, issuer_org_id?, title,
//      recipients:[{name, org_id?}], body:[paragraphs], fields:{key: text}, cc?, disclosure?} → 201 draft
// GET  /api/v1/documents?doc_type=&status=&issuer_org_id=&page=&size= — doc.read, filtered — {items, total}
// GET  /api/v1/documents/{id} — doc.read, object:document
// PUT  /api/v1/documents/{id} — doc.draft, object:document — as POST + version; issued → 409 workflow.wrong_state
// GET  /api/v1/documents/{id}/preview — doc.read, object:document — text/html
// POST /api/v1/documents/{id}/issue — doc.issue, object:document — the issued document
// GET  /api/v1/documents/{id}/pdf — doc.read, object:document — the stored, signed PDF
// GET  /api/v1/documents/{id}/signature — doc.read, object:document — the DER SM2 signature
// GET  /api/v1/documents/{id}/print — doc.read, object:document — unsealed PDF for wet stamping
// GET  /api/v1/documents/{id}/deliveries — doc.read, object:document
// POST /api/v1/documents/{id}/deliveries — doc.draft, object:document — {recipient_org_id?,
//      recipient_name?, address?, channel: direct|post|electronic|public_notice, delivered_on}
// POST /api/v1/deliveries/{id}/receipt — doc.receipt, object:delivery — {received_on,
//      deadline?: {name, days, unit: calendar_days|working_days}}
// GET  /api/v1/deliveries/{id}/form — doc.read, object:delivery — 送达回证 PDF
// PUT  /api/v1/orgs/{id}/doc-prefixes/{doc_type} — doc.issue, object:org — {prefix} → 204
// GET  /api/v1/public/documents/{token}/verify — public — {found, authentic, internal, and unless
//      internal: issuer, number_text, type_name, title, issue_date, issue_date_text, sm3_hex}
// POST /api/v1/public/documents/{token}/verify — public — {"pdf_base64": "…"} (application/json, as
//      the pipeline requires on public POSTs) or the raw PDF as application/pdf; PDF ≤ 20 MiB →
//      as GET, authentic = the upload's SM3 equals the stored hash AND the signature verifies
// GET  /api/v1/public/orgs/{id}/sign-key — public — the organisation's SM2 public key (PEM)
// GET  /api/v1/public/documents/{token}/page — public — the verification page as HTML. The QR
//      code holds <public_base_url>/verify/{token}, a path of the web app (non-/api paths are static).
#pragma once

#include <cstdint>
#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/http/http.hpp"

namespace lecs::docs {

inline constexpr size_t kMaxUploadBytes = 20u << 20;
// Base64 of 20 MiB is 4/3 of it, plus the JSON around it.
inline constexpr size_t kMaxUploadJsonBytes = kMaxUploadBytes / 3 * 4 + 4096;

// clock: the request time (UTC ms); empty → lecs::now_ms.
void register_api(http::Router& r, DocService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::docs
