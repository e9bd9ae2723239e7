// The tamper-evident audit log (REQUIREMENTS §3; 等保2.0 L3).
//
// Contract:
// - append() writes one row into audit_log inside the caller's transaction, so
//   the audit record and the business write commit or fail together.
// - On SQLite the row is chained inline: seq is gapless (max+1 under the single
//   writer) and h_i = HMAC-SM3(K_audit, canonical(rec_i) || h_{i-1}).
// - On PostgreSQL the row is inserted unsealed (seq NULL); seal_pending() —
//   run by the scheduler's lease holder — chains rows in commit order.
// - Checkpoints (chain head + SM2 signature) are written to audit_checkpoint
//   and to a file outside the database, so truncation is detectable.
// - verify() walks the chain and reports the first bad seq.
// - Never pass passwords, tokens or full ID numbers in before/after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs {
class KeyProvider;
}

namespace lecs::audit {

struct Entry {
    std::string action;       // "org.update", "auth.login", "auth.login_failed", …
    std::string object_kind;  // "org", "user", …
    std::string object_id;
    std::string result = "ok";  // "ok" | "denied" | "failed"
    std::string before_json;    // "" when none
    std::string after_json;
    std::string detail;         // free text (English), e.g. a refusal reason code
};

struct VerifyReport {
    bool ok = true;
    int64_t records = 0;
    std::optional<int64_t> first_bad_seq;
    std::string reason;  // English, for operators
};

class AuditLog {
public:
    AuditLog(KeyProvider& keys, std::string checkpoint_dir);
    // now_ms is the request time (UTC ms). Returns the row id.
    int64_t append(db::Tx& tx, const auth::Caller& who, const Entry& e, int64_t now_ms);
    // PostgreSQL: chains unsealed rows in commit order. Returns rows sealed.
    int64_t seal_pending(db::Database& db, int64_t now_ms);
    // Writes a signed checkpoint of the current head (DB row + file).
    void checkpoint(db::Database& db, int64_t now_ms);
    VerifyReport verify(db::Database& db, int64_t now_ms);

private:
    KeyProvider& keys_;
    std::string checkpoint_dir_;
};

}  // namespace lecs::audit
