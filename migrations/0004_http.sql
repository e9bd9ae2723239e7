-- Idempotency keys for creating POSTs (ARCHITECTURE §Scale-out: they live in
-- the database so that every node sees them). One row per (user, key):
-- state 'pending' while the first request runs, 'done' with the stored 2xx
-- response afterwards. A failed first request deletes its row so the client may retry.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    idem_key TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    route TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    response_body TEXT,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);
