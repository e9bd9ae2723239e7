// The outbox of outbound channels (REQUIREMENTS §18): in-app delivery always
// works; a webhook is delivered at least once, from this table.
//
// Contract:
// - enqueue(tx, …) writes the message inside the business Tx (so it exists
//   iff the business write commits). The idempotency key is UNIQUE: enqueuing
//   the same key twice keeps the first message and returns its id.
// - deliver_due(db, now) POSTs every undelivered message whose next_attempt_at
//   has come, over plain http:// (5 s timeout), with headers
//     X-LECS-Idempotency-Key: the message's key (the same on every attempt)
//     X-LECS-Timestamp: now in ms
//     X-LECS-Signature: hex(HMAC-SM3(secret, timestamp + "." + body))
//   where secret is the active webhook_endpoints row for the URL (sealed with
//   the PII keys, aad "webhook.secret"). 2xx → delivered_at; anything else
//   (including no endpoint, or no connection) → attempts+1, last_error, and
//   next_attempt_at = now + backoff_ms(attempts) (1 s, 2 s, 4 s … ≤ 10 min).
// - Run it on the scheduler's lease holder only (Scheduler does, when given one).
#pragma once

#include <cstdint>
#include <string>

#include "lecs/base/keys.hpp"
#include "lecs/db/db.hpp"

namespace lecs::workflow {

struct DeliveryReport {
    int attempted = 0;
    int delivered = 0;
    int failed = 0;
};

class Outbox {
  public:
    explicit Outbox(KeyProvider& keys) : keys_(keys) {}

    static int64_t enqueue(db::Tx& tx, const std::string& channel, const std::string& url,
                           const std::string& payload_json, const std::string& idempotency_key, int64_t now_ms);
    int64_t add_endpoint(db::Tx& tx, const std::string& url, const std::string& secret, int64_t now_ms);

    DeliveryReport deliver_due(db::Database& db, int64_t now_ms);

  private:
    KeyProvider& keys_;
};

}  // namespace lecs::workflow
