// Routes of the minimal enforcement-item catalog (Art 5(2); issue 6 step 3). Ids are JSON strings,
// dates YYYY-MM-DD, amounts integer 分.
//
// GET  /api/v1/catalog/items?agency=&item_code=&on=&page=&size= — catalog.read, filtered — {items, total}:
//      the items of the agencies in the caller's scope; on=YYYY-MM-DD keeps those in force that day.
// POST /api/v1/catalog/items — catalog.write, filtered, idempotent — {agency_id, item_code≤64, name≤200,
//      kind, effective_from, effective_to?, min_amount_fen?, max_amount_fen?, basis?≤500} → 201 the item.
// POST /api/v1/catalog/items:load — catalog.write, filtered — the CSV file as the body (text/csv) →
//      {created, updated}; all or nothing: 400 catalog.invalid_rows with error.rows [{line, field, reason}].
//
// Refusals: 400 with the field, 403 without the permission, 409 catalog.duplicate; a refused call writes
// nothing.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "lecs/catalog/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"

namespace lecs::catalog {

inline constexpr size_t kMaxCsvBytes = 8u << 20;

void register_api(http::Router& r, CatalogService& svc, db::Database& db, std::function<int64_t()> clock = {});

// `lecs catalog load FILE` (FILE or - for stdin): prints {"created":N,"updated":N} on success, the rows'
// errors (line, field, reason) on err and exit code 1 otherwise.
int run_load_cli(db::Database& db, CatalogService& svc, const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace lecs::catalog
