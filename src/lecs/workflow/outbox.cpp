#include "lecs/workflow/outbox.hpp"

#include "lecs/base/id.hpp"
#include "lecs/workflow/detail/http_client.hpp"
#include "lecs/workflow/rules.hpp"

namespace lecs::workflow {
namespace {
constexpr std::string_view kSecretAad = "webhook.secret";
}

int64_t Outbox::enqueue(db::Tx& tx, const std::string& channel, const std::string& url, const std::string& payload_json,
                        const std::string& idempotency_key, int64_t now_ms) {
    tx.exec(
        "INSERT INTO outbox (id, channel, target_url, payload, idempotency_key, attempts, next_attempt_at, "
        "delivered_at, last_error, created_at) VALUES ($1,$2,$3,$4,$5,0,$6,NULL,NULL,$6) "
        "ON CONFLICT (idempotency_key) DO NOTHING",
        {new_id(), channel, url, payload_json, idempotency_key, now_ms});
    return tx.query_one("SELECT id FROM outbox WHERE idempotency_key = $1", {idempotency_key})->i64(0);
}

int64_t Outbox::add_endpoint(db::Tx& tx, const std::string& url, const std::string& secret, int64_t now_ms) {
    const int64_t id = new_id();
    tx.exec("INSERT INTO webhook_endpoints (id, url, secret_enc, active, created_at) VALUES ($1,$2,$3,1,$4)",
            {id, url, Pii(keys_).seal(secret, kSecretAad), now_ms});
    return id;
}

DeliveryReport Outbox::deliver_due(db::Database& db, int64_t now_ms) {
    struct Msg {
        int64_t id;
        std::string url, payload, key, secret_enc;
        int attempts;
    };
    auto due = db.read([&](db::Tx& tx) {
        std::vector<Msg> out;
        for (const auto& r : tx.query(
                 "SELECT o.id, o.target_url, o.payload, o.idempotency_key, o.attempts, e.secret_enc FROM outbox o "
                 "LEFT JOIN webhook_endpoints e ON e.url = o.target_url AND e.active = 1 "
                 "WHERE o.delivered_at IS NULL AND o.next_attempt_at <= $1 ORDER BY o.next_attempt_at, o.id LIMIT 100",
                 {now_ms}))
            out.push_back(
                Msg{r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_str(5).value_or(""), static_cast<int>(r.i64(4))});
        return out;
    });
    DeliveryReport rep;
    Pii pii(keys_);
    for (const auto& m : due) {
        ++rep.attempted;
        detail::PostResult res;
        std::optional<std::string> secret;
        if (!m.secret_enc.empty()) secret = pii.open(m.secret_enc, kSecretAad);
        if (!secret) {
            res.error =
                m.secret_enc.empty() ? "no active webhook endpoint for the url" : "endpoint secret does not open";
        } else {
            const std::string ts = std::to_string(now_ms);
            res = detail::http_post(m.url,
                                    {{"X-LECS-Idempotency-Key", m.key},
                                     {"X-LECS-Timestamp", ts},
                                     {"X-LECS-Signature", webhook_signature(*secret, ts, m.payload)}},
                                    m.payload);
        }
        const bool ok = res.status >= 200 && res.status <= 299;
        db.write([&](db::Tx& tx) {
            if (ok)
                tx.exec("UPDATE outbox SET attempts = attempts + 1, delivered_at = $1, last_error = NULL WHERE id = $2",
                        {now_ms, m.id});
            else
                tx.exec(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3",
                    {now_ms + backoff_ms(m.attempts + 1), res.error, m.id});
        });
        ok ? ++rep.delivered : ++rep.failed;
    }
    return rep;
}

}  // namespace lecs::workflow
