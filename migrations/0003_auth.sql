-- Users, roles, sessions, password history and login failures (REQUIREMENTS §3).
-- Portable DDL (SQLite and PostgreSQL). Ids are BIGINT from the application,
-- instants BIGINT ms UTC, booleans 0/1.

-- Usernames are stored lower-case, so UNIQUE is case-insensitive in effect.
-- password_hash: "pbkdf2-sm3$iter$salt_b64$hash_b64". totp_secret_enc is sealed
-- with lecs::Pii (aad "user.totp"); totp_last_step refuses a replayed code.
CREATE TABLE users (
    id BIGINT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    person_id BIGINT,
    password_hash TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    totp_secret_enc TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step BIGINT,
    status TEXT NOT NULL DEFAULT 'active',  -- 'active' | 'disabled'
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0     -- 0: the system (CLI)
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- The last hashes of each user, for "not one of the last 5".
CREATE TABLE password_history (
    id BIGINT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    hash TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, changed_at);

-- Keyed by the name TYPED at login (lower-cased), so an unknown name locks
-- exactly like a real one and the answer reveals nothing. In the database
-- because the lockout must hold across nodes.
CREATE TABLE login_failures (
    username_lower TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until BIGINT
);

-- Server-side sessions: any node can serve them. token_hash is the SM3 hex of
-- the cookie token; the token itself is never stored.
CREATE TABLE sessions (
    id BIGINT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);
