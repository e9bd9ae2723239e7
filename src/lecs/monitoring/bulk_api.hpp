// POST /api/v1/monitoring/acts:bulk and …/cases:bulk (issue 6 step 2): the HTTP face of ingest().
//
// Contract:
// - Permission monitoring.import, scope filtered: ingest() rejects, row by row, a row whose agency
//   the caller's data scope does not cover (an agency liaison sends only its own agency's rows).
// - The body is spooled to disk by the server (RouteSpec::spool_body, cap kMaxBulkBytes) and read
//   row by row: memory does not grow with the body.
// - Content-Type application/x-ndjson (one JSON object a line) or text/csv (a header row, then one
//   row a line); anything else, a body that contradicts it, or an empty body is 400 before any
//   row is read.
// - Every batch is committed before the answer (ingest() commits as it goes): 200 with
//   {"accepted","updated","rejected","warnings":{R1…R8}} (counts_json) plus "rejected_rows" (the
//   first kMaxRejectedRows {line, field, reason}) and "rejected_rows_truncated". On a database
//   failure mid-way the answer is 500 and the batches before it stay committed; sending the same
//   body again is safe (rows are idempotent by agency and external_id).
#pragma once

#include <cstddef>

#include "lecs/audit/audit.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"

namespace lecs::monitoring {

inline constexpr size_t kMaxBulkBytes = size_t{2} << 30;  // 2 GiB: about 4 million acts as NDJSON
inline constexpr size_t kMaxRejectedRows = 1000;

// Each committed batch leaves one record in audit (ingest()).
void register_bulk_api(http::Router& r, db::Database& db, audit::AuditLog& audit);

}  // namespace lecs::monitoring
