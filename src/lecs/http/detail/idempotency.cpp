#include "lecs/http/detail/idempotency.hpp"

#include "lecs/db/db.hpp"
#include "lecs/http/idempotency.hpp"

namespace lecs::http::detail {
namespace {

using State = IdempotencyClaim::State;

bool try_insert(db::Database& db, int64_t user_id, std::string_view key, std::string_view route,
                std::string_view request_hash, int64_t now_ms) {
    try {
        db.write([&](db::Tx& tx) {
            tx.exec(
                "INSERT INTO idempotency_keys (idem_key, user_id, route, request_hash, status, response_body, state, "
                "created_at) VALUES ($1, $2, $3, $4, 0, NULL, 'pending', $5)",
                {std::string(key), user_id, std::string(route), std::string(request_hash), now_ms});
        });
        return true;
    } catch (const db::UniqueViolation&) {
        return false;  // the key exists: look at it below
    }
}

}  // namespace

IdempotencyClaim claim_idempotency_key(db::Database& db, int64_t user_id, std::string_view key, std::string_view route,
                                       std::string_view request_hash, int64_t now_ms) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (try_insert(db, user_id, key, route, request_hash, now_ms)) return {State::kClaimed, 0, {}};
        auto row = db.read([&](db::Tx& tx) {
            return tx.query_one(
                "SELECT request_hash, state, status, response_body, created_at FROM idempotency_keys "
                "WHERE user_id = $1 AND idem_key = $2",
                {user_id, std::string(key)});
        });
        if (!row) continue;  // released between our INSERT and SELECT: try once more
        if (row->str(0) != request_hash) return {State::kReused, 0, {}};
        if (row->str(1) == "done") return {State::kReplay, static_cast<int>(row->i64(2)), row->opt_str(3).value_or("")};
        if (now_ms - row->i64(4) < kAbandonedClaimMs) return {State::kInProgress, 0, {}};
        // Abandoned pending claim: take it over only if it is still the same stale row.
        int64_t taken = db.write([&](db::Tx& tx) {
            return tx.exec(
                "UPDATE idempotency_keys SET created_at = $3 WHERE user_id = $1 AND idem_key = $2 "
                "AND state = 'pending' AND created_at = $4",
                {user_id, std::string(key), now_ms, row->i64(4)});
        });
        if (taken == 1) return {State::kClaimed, 0, {}};
        return {State::kInProgress, 0, {}};
    }
    return {State::kInProgress, 0, {}};
}

void complete_idempotency_key(db::Database& db, int64_t user_id, std::string_view key, int status,
                              std::string_view body) {
    db.write([&](db::Tx& tx) {
        tx.exec(
            "UPDATE idempotency_keys SET state = 'done', status = $3, response_body = $4 "
            "WHERE user_id = $1 AND idem_key = $2",
            {user_id, std::string(key), static_cast<int64_t>(status), std::string(body)});
    });
}

void release_idempotency_key(db::Database& db, int64_t user_id, std::string_view key) {
    db.write([&](db::Tx& tx) {
        tx.exec("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2", {user_id, std::string(key)});
    });
}

}  // namespace lecs::http::detail

namespace lecs::http {

int64_t purge_idempotency_keys(db::Database& db, int64_t now_ms) {
    return db.write([&](db::Tx& tx) {
        return tx.exec("DELETE FROM idempotency_keys WHERE created_at < $1", {now_ms - kIdempotencyRetentionMs});
    });
}

}  // namespace lecs::http
