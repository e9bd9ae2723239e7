-- Workflow core (REQUIREMENTS §18): deadlines as data, reminders fired exactly
-- once, to-dos, the in-app inbox, and the outbox of outbound channels.
-- Portable DDL (SQLite and PostgreSQL).

-- A deadline: owner object, start event, allowance. due_date is derived from
-- the calendar (recomputed when it changes); original_due_date is the first
-- due date ever computed and is never overwritten. overdue / due_soon are
-- computed when read, never stored.
CREATE TABLE deadlines (
    id BIGINT PRIMARY KEY,
    owner_kind TEXT NOT NULL,           -- 'dispute', 'matter', …
    owner_id BIGINT NOT NULL,
    name TEXT NOT NULL,                 -- 'completeness_review', …
    region_code TEXT NOT NULL,
    org_id BIGINT NOT NULL,
    responsible_user_id BIGINT,
    leader_user_id BIGINT,
    start_event TEXT NOT NULL,          -- 'received', 'accepted', …
    start_date TEXT NOT NULL,           -- YYYY-MM-DD, Asia/Shanghai
    unit TEXT NOT NULL,                 -- 'working' | 'calendar'
    days INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    original_due_date TEXT NOT NULL,
    provisional INTEGER NOT NULL,       -- 0/1: the span reaches a year with no published calendar
    status TEXT NOT NULL,               -- 'open' | 'met' | 'cancelled'
    met_on TEXT,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX deadlines_owner ON deadlines (owner_kind, owner_id);
CREATE INDEX deadlines_status ON deadlines (status);

CREATE TABLE deadline_pauses (
    id BIGINT PRIMARY KEY,
    deadline_id BIGINT NOT NULL REFERENCES deadlines (id),
    reason TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT                       -- NULL while the pause runs
);
CREATE INDEX deadline_pauses_deadline ON deadline_pauses (deadline_id);

CREATE TABLE deadline_extensions (
    id BIGINT PRIMARY KEY,
    deadline_id BIGINT NOT NULL REFERENCES deadlines (id),
    days INTEGER NOT NULL,
    unit TEXT NOT NULL,                 -- 'working' | 'calendar'
    approver_user_id BIGINT NOT NULL,
    basis TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX deadline_extensions_deadline ON deadline_extensions (deadline_id);

-- Every move of a due date, shown on the affected case.
CREATE TABLE deadline_changes (
    id BIGINT PRIMARY KEY,
    deadline_id BIGINT NOT NULL REFERENCES deadlines (id),
    at_ms BIGINT NOT NULL,
    old_due TEXT NOT NULL,
    new_due TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX deadline_changes_deadline ON deadline_changes (deadline_id);

-- One row per (deadline, reminder step): the primary key makes each reminder
-- fire exactly once, whichever node or restart gets there first.
CREATE TABLE reminder_claims (
    deadline_id BIGINT NOT NULL REFERENCES deadlines (id),
    step TEXT NOT NULL,                 -- 't-3' | 't-1' | 'due' | 'overdue'
    claimed_at BIGINT NOT NULL,
    node TEXT NOT NULL,
    fencing_token BIGINT NOT NULL,
    PRIMARY KEY (deadline_id, step)
);

CREATE TABLE notifications (
    id BIGINT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,                 -- 'reminder.t-3', 'deadline.moved', …
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    object_kind TEXT,
    object_id BIGINT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- What waits on whom: a user, or a role within an organisation.
CREATE TABLE todos (
    id BIGINT PRIMARY KEY,
    user_id BIGINT,
    role TEXT,
    org_id BIGINT,
    region_code TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    title TEXT NOT NULL,
    deadline_id BIGINT REFERENCES deadlines (id),
    created_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX todos_user ON todos (user_id, done_at);
CREATE INDEX todos_role ON todos (role, org_id, done_at);

-- The scheduler lease: the holder runs the jobs; every claim carries its
-- fencing token and is refused when the token is no longer current.
CREATE TABLE scheduler_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    fencing_token BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Outbound messages (webhook …): delivered at least once, each with an
-- idempotency key the receiver can use, retried with back-off.
CREATE TABLE outbox (
    id BIGINT PRIMARY KEY,
    channel TEXT NOT NULL,              -- 'webhook'
    target_url TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);

CREATE TABLE webhook_endpoints (
    id BIGINT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    secret_enc TEXT NOT NULL,           -- sealed with the PII keys (aad "webhook.secret")
    active INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
