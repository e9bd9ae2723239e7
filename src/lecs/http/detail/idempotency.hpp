// Idempotency-Key for creating POSTs (docs/api-contract.md), in the database
// table idempotency_keys (migrations/0004_http.sql).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lecs::db {
class Database;
}

namespace lecs::http::detail {

struct IdempotencyClaim {
    enum class State {
        kClaimed,     // new key: run the handler, then complete() or release()
        kReplay,      // same key, same request, finished: replay status + body
        kReused,      // same key, another request: 422
        kInProgress,  // same key, same request, still running: 409
    };
    State state = State::kClaimed;
    int status = 0;
    std::string body;
};

// A pending claim older than this is taken to be abandoned (the node died
// mid-request) and may be claimed again.
inline constexpr int64_t kAbandonedClaimMs = 5 * 60 * 1000;

IdempotencyClaim claim_idempotency_key(db::Database& db, int64_t user_id, std::string_view key, std::string_view route,
                                       std::string_view request_hash, int64_t now_ms);
void complete_idempotency_key(db::Database& db, int64_t user_id, std::string_view key, int status,
                              std::string_view body);
void release_idempotency_key(db::Database& db, int64_t user_id, std::string_view key);

}  // namespace lecs::http::detail
