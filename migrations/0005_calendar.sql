-- The working-day calendar (REQUIREMENTS §18): the State Council's yearly
-- holiday notices (legal-facts §3), editable by sys_admin, every change
-- versioned. Portable DDL (SQLite and PostgreSQL).

-- One row per day that differs from the weekday rule: 'off' (statutory holiday
-- or rest day), 'workday' (调休上班 on a Saturday or Sunday), or 'normal' (an
-- edited day back to the weekday rule; the row stays so its version survives).
CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,          -- YYYY-MM-DD
    type TEXT NOT NULL,             -- 'off' | 'workday' | 'normal'
    holiday TEXT,                   -- 春节, 国庆节 …
    source TEXT,                    -- the notice, or 'edit'
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,     -- ms UTC
    updated_by TEXT NOT NULL
);

-- A year is published once its notice is loaded; a year without a row (or
-- with published = 0) is computed Monday–Friday and marked provisional.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    published INTEGER NOT NULL,     -- 0/1
    source TEXT,
    note TEXT
);

-- Every change, for the history shown to admins and for recomputing deadlines.
CREATE TABLE calendar_revisions (
    id BIGINT PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    by_user TEXT NOT NULL,
    change_json TEXT NOT NULL
);
CREATE INDEX calendar_revisions_at_ms ON calendar_revisions (at_ms);
