// Routes of the files module (attachments: a dispute's 公函, later inspection photos and scans,
// complaint evidence, report uploads). Ids are JSON strings.
// Each line: method path — permission, scope — body → answer.
//
// POST /api/v1/attachments — file.upload, filtered, idempotent — the raw bytes of the file as the
//      body (any Content-Type: it is ignored, the kind is sniffed from the bytes), the file name
//      in the header X-File-Name, percent-encoded UTF-8 ("%E5%85%AC%E5%87%BD.pdf"). Body limit:
//      [storage] max_attachment_bytes (default 20 MiB; above → 413 before the body is read).
//      → 201 {id, sm3_hex, size_bytes, media_type, original_name, org_id, owner_kind: null,
//      owner_id: null, version, created_at}.
//      400 file.empty | file.type_not_allowed (not PDF/PNG/JPEG) | file.name_required (no or empty
//      X-File-Name) | validation.wrong_type (bad percent-encoding); 413 file.too_large / http.body_too_large.
//      Idempotency-Key: the pipeline's request hash covers the bytes, not X-File-Name, so the same key
//      with the same bytes under another name replays the first answer.
// GET  /api/v1/attachments/{id} — file.read, object:attachment — the metadata, as above
//      (owner_kind/owner_id set once a module has bound it).
// GET  /api/v1/attachments/{id}/content — file.read, object:attachment — the bytes, verified
//      against their SM3, with Content-Type the sniffed media type, Content-Disposition inline with
//      filename and RFC 5987 filename*, X-Content-Type-Options: nosniff (set by the server on every
//      answer) and Cache-Control: no-store.
#pragma once

#include <cstdint>
#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/files/service.hpp"
#include "lecs/http/http.hpp"

namespace lecs::files {

// clock: the request time (UTC ms); empty → lecs::now_ms.
void register_api(http::Router& r, FileService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::files
