#include "lecs/audit/api.hpp"

#include <boost/json.hpp>

#include "lecs/audit/rules.hpp"
#include "lecs/audit/service.hpp"
#include "lecs/base/time.hpp"

namespace lecs::audit {

void register_api(http::Router& r, AuditLog& log, db::Database& db) {
    r.get("/api/v1/audit",
          {.permission = std::string(kReadPermission),
           .scope = http::ScopeRule::system(),
           .summary = "Audit log, filtered (audit_admin)"},
          [&log, &db](const http::Request& req, const auth::Caller& who) {
              auto q = rules::parse_query(req.query);
              if (!q) return http::error_response(q.error());
              auto page = db.write([&](db::Tx& tx) { return list_log(tx, log, who, *q, now_ms()); });
              if (!page) return http::error_response(page.error());
              return http::Response::json(200, boost::json::serialize(page_json(*page)));
          });
    r.get("/api/v1/audit/verify",
          {.permission = std::string(kReadPermission),
           .scope = http::ScopeRule::system(),
           .summary = "Verify the audit chain (audit_admin)"},
          [&log, &db](const http::Request& req, const auth::Caller& who) {
              auto rep = verify_log(db, log, who, now_ms());
              if (!rep) return http::error_response(rep.error());
              return http::Response::json(200, boost::json::serialize(verify_json(*rep)));
          });
}

}  // namespace lecs::audit
