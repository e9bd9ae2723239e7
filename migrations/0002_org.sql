-- Regions, organisations, people, certificates, staffing, training (REQUIREMENTS §2).
-- Portable DDL (SQLite and PostgreSQL). Ids are BIGINT from the application,
-- instants BIGINT ms UTC, legal dates TEXT YYYY-MM-DD, booleans 0/1.

-- Regions are keyed by code, never by name (two townships are named 东汪镇),
-- and effective-dated because townships merge: a code may be re-used with a
-- new effective_from, and a retired row gets effective_to.
CREATE TABLE regions (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL,            -- 'city' | 'county' | 'township'
    parent_code TEXT,
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, effective_from)
);
CREATE INDEX regions_parent ON regions (parent_code);

CREATE TABLE organizations (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,             -- REQUIREMENTS §1 kinds, plus 'enforcement_team' (Art 27)
    external_kind TEXT,             -- for kind 'external_body': legislature, court, …
    level TEXT NOT NULL,            -- 'city' | 'county' | 'township'
    region_code TEXT NOT NULL,
    uscc TEXT UNIQUE,               -- 统一社会信用代码 (GB 32100), check digit validated
    superior_id BIGINT REFERENCES organizations (id),    -- 上级机关 (Art 19)
    parent_id BIGINT REFERENCES organizations (id),      -- the body it belongs to (dispatched, Art 27 team)
    entrusting_id BIGINT REFERENCES organizations (id),  -- 行政处罚法第二十条: acts in this agency's name
    government_id BIGINT REFERENCES organizations (id),  -- the people's government of the same level
    head_person_id BIGINT,          -- people.id (no FK: people reference organizations)
    status TEXT NOT NULL DEFAULT 'active',  -- 'active' | 'abolished'
    abolished_on TEXT,
    successor_id BIGINT REFERENCES organizations (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX organizations_region ON organizations (region_code);
CREATE INDEX organizations_superior ON organizations (superior_id);
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_entrusting ON organizations (entrusting_id);

-- Renames, mergers, abolitions: old matters keep their old names.
CREATE TABLE org_history (
    id BIGINT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    at_ms BIGINT NOT NULL,
    change_json TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    by_user BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX org_history_org ON org_history (org_id, at_ms);

-- ID and phone numbers are personal information: SM4 sealed (*_enc) with an
-- HMAC-SM3 blind index (*_idx) for exact lookup.
CREATE TABLE people (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    position TEXT NOT NULL DEFAULT '',
    is_head INTEGER NOT NULL DEFAULT 0,
    is_public_servant INTEGER NOT NULL DEFAULT 1,
    id_no_enc TEXT,
    id_no_idx TEXT,
    phone_enc TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX people_org ON people (org_id);
CREATE INDEX people_id_no_idx ON people (id_no_idx);

-- `expired` is derived from expires_on at a date, never stored.
CREATE TABLE certificates (
    id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,             -- 'enforcement' | 'supervision'
    number TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    issuer TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '[]',  -- JSON array of enforcement fields
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX certificates_person ON certificates (person_id);
CREATE INDEX certificates_org ON certificates (org_id);

CREATE TABLE certificate_events (
    id BIGINT PRIMARY KEY,
    certificate_id BIGINT NOT NULL REFERENCES certificates (id),
    event TEXT NOT NULL,            -- 'issued' | 'suspended' | 'reinstated' | 'revoked'
    effective_on TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    at_ms BIGINT NOT NULL,
    by_user BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX certificate_events_cert ON certificate_events (certificate_id, effective_on);

-- Art 23: approved posts vs actual staff, per agency supervised.
CREATE TABLE staffing (
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    year INTEGER NOT NULL,
    approved_posts INTEGER NOT NULL,
    actual_staff INTEGER NOT NULL,
    supervised_agencies INTEGER NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, year)
);

-- Art 23: training records (course, duration, attendees).
CREATE TABLE trainings (
    id BIGINT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    course TEXT NOT NULL,
    held_on TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    attendees TEXT NOT NULL DEFAULT '[]',  -- JSON array of people ids (strings)
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX trainings_org ON trainings (org_id, held_on);
