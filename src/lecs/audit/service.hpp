// Use cases of the audit module: reading the log (audit_admin only,
// REQUIREMENTS §3) and verifying it. Reading is itself audited, in the same
// write transaction as the read.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/audit/rules.hpp"
#include "lecs/base/result.hpp"

namespace lecs::audit {

inline constexpr std::string_view kReadPermission = "audit.read";

struct Page {
    std::vector<rules::Record> items;
    int64_t total = 0;
};

// Needs a write Tx (the read is appended as action "audit.read").
Result<Page> list_log(db::Tx& tx, AuditLog& log, const auth::Caller& who, const rules::Query& q, int64_t now_ms);
// Runs verify() and appends "audit.verify" with the outcome in its own write Tx.
Result<VerifyReport> verify_log(db::Database& db, AuditLog& log, const auth::Caller& who, int64_t now_ms);

// JSON of one item: {id (string), seq, at, username, role, ip, request_id,
// action, object_kind, object_id, result, before, after, detail}; before/after
// are the stored JSON parsed (null when none, the raw text if not JSON).
boost::json::object item_json(const rules::Record& r);
boost::json::object page_json(const Page& p);
boost::json::object verify_json(const VerifyReport& r);

}  // namespace lecs::audit
