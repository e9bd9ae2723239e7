-- 行政执法职责争议 (Art 6–8, REQUIREMENTS §4; src/lecs/coordination). Portable DDL:
-- no dialect variant is needed (no binary column, no dialect-only type).
--
-- A dispute is drafted by a party's agency liaison (the applicant) and routed when
-- submitted (Art 7, coordination/rules): region_code is then the competent region
-- (130500 or a county's code, the data scope of the competent department's staff)
-- and competent_org_id the competent 行政执法协调监督部门; while a draft it holds the
-- applicant's region and no competent department. The routing's rule, reason and
-- basis are stored as computed, and shown; a vertical-management party (Art 27) is
-- flagged and the user who confirmed it recorded.
CREATE TABLE disputes (
    id BIGINT PRIMARY KEY,
    status TEXT NOT NULL,                 -- coordination/dispute_table.hpp states
    region_code TEXT NOT NULL,
    competent_level TEXT,                 -- 'city' | 'county'; NULL while a draft
    competent_org_id BIGINT REFERENCES organizations (id),
    rule_code TEXT,                       -- 'art7.city_party' | 'art7.cross_county' | 'art7.same_county'
    routing_reason TEXT,
    routing_basis TEXT,
    vertical_flag INTEGER NOT NULL DEFAULT 0,
    vertical_note TEXT NOT NULL DEFAULT '',
    vertical_confirmed_by BIGINT,
    vertical_confirmed_at BIGINT,
    applicant_org_id BIGINT NOT NULL REFERENCES organizations (id),
    focus TEXT NOT NULL DEFAULT '',                    -- Art 8 (二)
    negotiation_date TEXT,                             -- Art 6: the failed negotiation
    negotiation_participants TEXT NOT NULL DEFAULT '',
    negotiation_outcome TEXT NOT NULL DEFAULT '',
    other_info TEXT NOT NULL DEFAULT '',               -- Art 8 (四)
    letter_attachment_id BIGINT,                       -- Art 8 (一) the 公函: attachments.id (no FK yet)
    filed_on TEXT,                                     -- the submission date (Asia/Shanghai)
    accepted_on TEXT,
    refusal_code TEXT,
    refusal_reason TEXT,
    review_deadline_id BIGINT,                         -- workflow deadlines.id
    supplement_deadline_id BIGINT,
    coordination_deadline_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    updated_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX disputes_region ON disputes (region_code, status);
CREATE INDEX disputes_applicant ON disputes (applicant_org_id);
CREATE INDEX disputes_competent ON disputes (competent_org_id, status);

-- The parties, the applicant first (ordinal 0). position and legal_basis_json (an
-- array of {"law","article"}) are the Art 8 (三) statement; a respondent's written
-- position is invited by position_due_on (a workflow deadline).
CREATE TABLE dispute_parties (
    dispute_id BIGINT NOT NULL REFERENCES disputes (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    ordinal INTEGER NOT NULL,
    role TEXT NOT NULL,                   -- 'applicant' | 'respondent'
    position TEXT NOT NULL DEFAULT '',
    legal_basis_json TEXT NOT NULL DEFAULT '[]',
    position_due_on TEXT,
    position_deadline_id BIGINT,
    PRIMARY KEY (dispute_id, org_id)
);
CREATE INDEX dispute_parties_org ON dispute_parties (org_id);

-- The timeline: every step, by whom, with its data. Never updated or deleted.
CREATE TABLE dispute_events (
    id BIGINT PRIMARY KEY,
    dispute_id BIGINT NOT NULL REFERENCES disputes (id),
    kind TEXT NOT NULL,                   -- 'drafted', 'filed', 'supplement_requested', …
    at BIGINT NOT NULL,
    by_user BIGINT NOT NULL DEFAULT 0,
    by_org BIGINT,
    payload_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at);
