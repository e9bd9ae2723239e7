// Routes of the audit module (docs/api-contract.md §audit):
//   GET /api/v1/audit         audit.read, system → {"items":[…],"total":N}
//   GET /api/v1/audit/verify  audit.read, system → {"ok","records","first_bad_seq","reason"}
#pragma once

#include "lecs/audit/audit.hpp"
#include "lecs/http/http.hpp"

namespace lecs::audit {

void register_api(http::Router& r, AuditLog& log, db::Database& db);

}  // namespace lecs::audit
