// The 导出Excel route of every list (issue 7): GET <list>/export.xlsx beside each JSON list.
//
// Contract:
// - register_exports() adds, for each Layout, GET `layout.list + "/export.xlsx"` with the SAME
//   permission and scope rule as the list route (which must already be registered: a missing
//   list is a std::logic_error at start-up), so the middleware refuses exactly as it refuses
//   the list (401, 403).
// - The export reads the rows through the list route's own handler, with the caller and the
//   query of the request (its `page`/`size` replaced), page after page of layout.page_size: the
//   filters, their validation (a region outside the caller's scope is refused as the list
//   refuses it: the list's own error response is the answer), the data scope and the masking
//   are the list's by construction. It stops at the list's total, at an empty page, or at
//   kMaxRows (the sheet then says it was cut). A list answering without "total" is read once.
//   Pages are separate reads: a row written meanwhile may shift across a page boundary; rows
//   seen twice (same "id") are written once.
// - Every export is an audited act: one audit record (action "list.export", object kind
//   "list", object id the list route, after = {"rows", "total", "filter"}) is written before
//   the file is answered; the file is not answered if that write fails.
// - The answer: 200, the xlsx content type, Content-Disposition attachment with the Chinese
//   file name (files::rules::content_disposition), Cache-Control no-store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/listexport/rules.hpp"

namespace lecs::listexport {

void register_exports(http::Router& r, const std::vector<Layout>& layouts, db::Database& db, audit::AuditLog& log,
                      std::function<int64_t()> clock = {});

// The audit record of an export (also written by exports that are not a Layout, e.g. the
// dispute register): in its own write transaction.
void audit_export(db::Database& db, audit::AuditLog& log, const auth::Caller& who, const std::string& list,
                  int64_t rows, int64_t total, const std::string& filter, int64_t now_ms);

}  // namespace lecs::listexport
