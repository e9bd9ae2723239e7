-- The tamper-evident audit log (REQUIREMENTS §3; ARCHITECTURE §Transactions).
-- audit_log is append-only. seq is NULL while a PostgreSQL row waits for the
-- sealer; on SQLite every row is sealed inline. Several NULLs are allowed by
-- UNIQUE in both dialects.
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    seq BIGINT UNIQUE,
    at_ms BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT,
    role TEXT,
    ip TEXT,
    session_id BIGINT,
    request_id TEXT,
    action TEXT NOT NULL,
    object_kind TEXT,
    object_id TEXT,
    result TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    detail TEXT,
    key_id TEXT,
    prev_hash TEXT,
    hash TEXT
);
CREATE INDEX audit_log_at_ms ON audit_log (at_ms);
CREATE INDEX audit_log_action ON audit_log (action, at_ms);
CREATE INDEX audit_log_user_id ON audit_log (user_id, at_ms);

-- Signed chain heads; the same lines are appended to a file outside the database.
CREATE TABLE audit_checkpoint (
    seq BIGINT PRIMARY KEY,
    head_hash TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    signature TEXT NOT NULL,
    public_key_pem TEXT NOT NULL
);

-- Refused requests, counted in memory and flushed once a minute (minute = the
-- minute's first instant, ms UTC; user_id 0 = anonymous).
CREATE TABLE audit_refusal_agg (
    minute BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    route TEXT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT,
    count BIGINT NOT NULL,
    PRIMARY KEY (minute, user_id, route, status)
);
