-- Intelligent monitoring (Art 4 智能高效; REQUIREMENTS §15): enforcement acts ingested from the
-- agencies' case systems, reconsideration/litigation cases, warnings of rules R1–R8, and the
-- indicators kept at ingest. src/lecs/monitoring/. The acts table is the big one: one clustered
-- integer primary key that is also the idempotency key (ARCHITECTURE "Big-table design"), and one
-- secondary index for the drill-down from an indicator to its acts.
--
-- ext_key = a 64-bit hash of external_id (monitoring/model.hpp ext_key_of); the row keeps
-- external_id, and a different external_id under the same key is rejected as a collision.
-- Dates are YYYY-MM-DD TEXT; act_date is the date rules and indicators use (model.hpp act_date);
-- month = yyyymm of act_date. officers is a JSON array of certificate numbers. penalty_types is a
-- bit set (model.hpp PenaltyType). warn_mask: bit n-1 set while rule Rn fires on the act.
CREATE TABLE monitoring_acts (
    agency_id BIGINT NOT NULL,
    ext_key BIGINT NOT NULL,
    external_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    act_date TEXT NOT NULL,
    month INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    case_no TEXT NOT NULL,
    item_code TEXT NOT NULL,
    officers TEXT NOT NULL,
    party_type TEXT NOT NULL,
    party_key TEXT NOT NULL,
    filed_on TEXT,
    decided_on TEXT,
    served_on TEXT,
    closed_on TEXT,
    published_on TEXT,
    penalty_types INTEGER NOT NULL,
    amount_fen BIGINT NOT NULL,
    procedure TEXT NOT NULL,
    legal_review INTEGER NOT NULL,
    major INTEGER NOT NULL,
    publish_required INTEGER NOT NULL,
    extension_days INTEGER NOT NULL,
    excluded_days INTEGER NOT NULL,
    entrusted_id BIGINT,
    warn_mask INTEGER NOT NULL,
    -- The act's share of cert.slots / cert.valid / pub.* as computed at its last evaluation: they
    -- depend on the certificates and on today, so an update subtracts exactly what was added.
    cert_slots INTEGER NOT NULL DEFAULT 0,
    cert_valid INTEGER NOT NULL DEFAULT 0,
    pub_state INTEGER NOT NULL DEFAULT 0,  -- 0 not due yet / not required, 1 due and late, 2 on time
    batch_id BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, ext_key)
);
CREATE INDEX monitoring_acts_month ON monitoring_acts (agency_id, month);

-- 行政复议 / 行政诉讼 cases (second import format), idempotent by (agency, external id).
CREATE TABLE monitoring_cases (
    agency_id BIGINT NOT NULL,
    ext_key BIGINT NOT NULL,
    external_id TEXT NOT NULL,
    kind TEXT NOT NULL,                   -- 'reconsideration' | 'litigation'
    received_on TEXT NOT NULL,
    concluded_on TEXT,
    outcome TEXT,                         -- model.hpp CaseOutcome vocabulary
    month INTEGER NOT NULL,               -- yyyymm of concluded_on, else received_on
    batch_id BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, ext_key)
);

-- Rule R8 (重复检查) looks up a party's inspections by date: inspections only, keyed for that.
CREATE TABLE monitoring_inspections (
    party_hash BIGINT NOT NULL,
    act_date TEXT NOT NULL,
    agency_id BIGINT NOT NULL,
    ext_key BIGINT NOT NULL,
    PRIMARY KEY (party_hash, act_date, agency_id, ext_key)
);

-- One row per acknowledged batch (CLI or HTTP): what was committed, for the crash test and audit.
CREATE TABLE monitoring_batches (
    id BIGINT PRIMARY KEY,
    source TEXT NOT NULL,                 -- 'cli' | 'http'
    what TEXT NOT NULL,                   -- 'acts' | 'cases'
    first_line BIGINT NOT NULL,
    last_line BIGINT NOT NULL,
    accepted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    at_ms BIGINT NOT NULL,
    by_user BIGINT NOT NULL DEFAULT 0
);

-- Warnings: one per (act, rule). state: open → sent → responded, or dismissed (stays dismissed
-- through re-evaluation), or matter (turned into a SupervisionMatter), or resolved (the
-- condition went away on re-evaluation; reopened as open if it comes back).
CREATE TABLE monitoring_warnings (
    id BIGINT PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES organizations (id),
    ext_key BIGINT NOT NULL,
    rule TEXT NOT NULL,                   -- 'R1' … 'R8'
    severity TEXT NOT NULL,               -- 'yellow' | 'red'
    state TEXT NOT NULL,                  -- 'open' | 'sent' | 'responded' | 'dismissed' | 'matter' | 'resolved'
    region_code TEXT NOT NULL,            -- the agency's region (scope)
    act_date TEXT NOT NULL,
    month INTEGER NOT NULL,               -- yyyymm of act_date
    summary TEXT NOT NULL,                -- one Chinese sentence with the figures
    evidence TEXT NOT NULL,               -- JSON: the figures and dates that fired it
    dismiss_reason TEXT,
    response TEXT,
    responded_at BIGINT,
    responded_by BIGINT,
    sent_at BIGINT,
    matter_id BIGINT,
    resolved_at BIGINT,
    evaluated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX monitoring_warnings_act ON monitoring_warnings (agency_id, ext_key, rule);
CREATE INDEX monitoring_warnings_list ON monitoring_warnings (region_code, state, month);

-- Indicators kept at ingest, in the same transaction (REQUIREMENTS §15): per agency × month and
-- rolled up per region × level × month, so GET /monitoring/indicators never scans the acts.
-- metric names are listed in src/lecs/monitoring/aggregate.hpp (acts.<kind>, amount.<kind>,
-- warn.<rule>, pub.due, pub.on_time, cert.slots, cert.valid, recon.concluded, recon.corrected,
-- lit.concluded, lit.lost, …).
CREATE TABLE monitoring_agg (
    agency_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
    metric TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (agency_id, month, metric)
);
CREATE TABLE monitoring_agg_region (
    region_code TEXT NOT NULL,
    level TEXT NOT NULL,                  -- the agencies' level: city | county | township
    month INTEGER NOT NULL,
    metric TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (region_code, level, month, metric)
);
