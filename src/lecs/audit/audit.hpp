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
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs {
class KeyProvider;
}

namespace lecs::audit {

struct Entry {
    // Default member initialisers, so Entry{.action = …} leaves the rest empty
    // without -Wmissing-field-initializers noise.
    std::string action{};       // "org.update", "auth.login", "auth.login_failed", …
    std::string object_kind{};  // "org", "user", …
    std::string object_id{};
    std::string result = "ok";  // "ok" | "denied" | "failed"
    std::string before_json{};  // "" when none
    std::string after_json{};
    std::string detail{};  // free text (English), e.g. a refusal reason code
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

    // The file the checkpoints are appended to: <checkpoint_dir>/audit-checkpoints.log.
    std::string checkpoint_file() const;

  private:
    KeyProvider& keys_;
    std::string checkpoint_dir_;
};

// Refused requests (ARCHITECTURE §Transactions): counted in memory per node and
// written once a minute as one aggregate per (minute, user, route, status):
// an upsert into audit_refusal_agg and one chained audit_log entry with action
// "http.refused", result "denied", object route, detail "count=N status=S code=C
// minute=…". Refusals on login and on personal data are audited one by one by
// their modules, not here. Thread-safe.
class RefusalCounter {
  public:
    explicit RefusalCounter(AuditLog& log) : log_(log) {}
    // Counts into the current minute (wall clock).
    void count(const auth::Caller& who, std::string_view route, int status, std::string_view code);
    void count_at(const auth::Caller& who, std::string_view route, int status, std::string_view code, int64_t at_ms);
    // Writes every minute that has ended by now_ms (with include_current_minute,
    // at shutdown, the unfinished one too), in one write Tx, with the audit rows
    // stamped now_ms. Returns the aggregates written.
    int64_t flush(db::Database& db, int64_t now_ms, bool include_current_minute = false);
    size_t pending() const;

  private:
    struct Bucket {
        int64_t count = 0;
        std::string code;  // the last refusal code seen
        std::string username, role, ip, request_id;
        int64_t session_id = 0;
    };
    using Key = std::tuple<int64_t, int64_t, std::string, int>;  // minute start ms, user id, route, status
    AuditLog& log_;
    mutable std::mutex mu_;
    std::map<Key, Bucket> buckets_;
};

// `lecs audit verify`: prints one English line ("audit log OK: N records" or
// "audit log BROKEN at seq 17: hash mismatch") and returns 0 when intact, 1 when not.
int run_verify_cli(db::Database& db, KeyProvider& keys, const std::string& checkpoint_dir);

}  // namespace lecs::audit
