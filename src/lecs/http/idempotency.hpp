// Retention of Idempotency-Key records (docs/api-contract.md).
//
// Contract: a key is honoured for kIdempotencyRetentionMs after its first use; after that
// purge_idempotency_keys() deletes it (done or abandoned alike) and the same key starts a new
// request. `lecs serve` purges once a minute (app Upkeep); the table never grows without bound.
#pragma once

#include <cstdint>

namespace lecs::db {
class Database;
}

namespace lecs::http {

// A client retrying a POST does so within seconds or minutes; a day covers a retry after an
// overnight outage, as common payment APIs do.
inline constexpr int64_t kIdempotencyRetentionMs = 24LL * 60 * 60 * 1000;

// Deletes the keys first used before now_ms - kIdempotencyRetentionMs; returns how many.
int64_t purge_idempotency_keys(db::Database& db, int64_t now_ms);

}  // namespace lecs::http
