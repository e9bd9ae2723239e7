-- 行政执法监督 casework (Art 11–14, 18, Art 3 ¶3; REQUIREMENTS §8; src/lecs/supervision).
-- Portable DDL (SQLite and PostgreSQL).
--
-- A plan (日常/专项/巡查, Art 12) belongs to a 行政执法协调监督部门 and generates matters, one per
-- target agency. A matter is handled by one department (handling_org_id; region_code is that
-- department's region, the data scope of its staff), by default the department of the target's own
-- level and region; an upper department may handle it itself (提级监督, upper_reason recorded).
CREATE TABLE supervision_plans (
    id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,                   -- 'routine' | 'special' | 'patrol'
    title TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    scope_text TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL,           -- YYYY-MM-DD
    period_end TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    categories_json TEXT NOT NULL DEFAULT '[]',
    target_org_ids_json TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX supervision_plans_region ON supervision_plans (region_code);

CREATE TABLE supervision_matters (
    id BIGINT PRIMARY KEY,
    status TEXT NOT NULL,                 -- supervision/matter_table.hpp states
    plan_id BIGINT REFERENCES supervision_plans (id),
    source TEXT NOT NULL,                 -- rules::matter_sources()
    source_ref BIGINT,                    -- e.g. the township room's clue
    mode TEXT NOT NULL,                   -- rules::supervision_modes() (Art 12)
    categories_json TEXT NOT NULL,        -- Art 11 codes
    subject TEXT NOT NULL,
    target_org_id BIGINT NOT NULL REFERENCES organizations (id),
    handling_org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    upper_reason TEXT,                    -- 提级监督: why the upper department handles it
    tracked INTEGER NOT NULL DEFAULT 0,   -- 挂牌督办
    tracked_label TEXT NOT NULL DEFAULT '',
    tracked_due TEXT,
    correction_due TEXT,                  -- the notice's deadline
    notice_document_id BIGINT,
    report_document_id BIGINT,            -- the 呈报件
    decision_document_id BIGINT,
    concluded_on TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    updated_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX supervision_matters_region ON supervision_matters (region_code, status);
CREATE INDEX supervision_matters_target ON supervision_matters (target_org_id);

-- The team (Art 13, 18): people of the handling department, and in cross supervision or when a
-- lower department's staff join an upper matter, of other departments; 回避 is checked on entry.
CREATE TABLE supervision_team (
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,                   -- 'lead' | 'member'
    added_at BIGINT NOT NULL,
    PRIMARY KEY (matter_id, person_id)
);

-- 现场监督 (Art 13): who inspected, with the certificate each showed, valid on the date.
CREATE TABLE supervision_inspections (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    inspected_on TEXT NOT NULL,
    place TEXT NOT NULL,
    people_met TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    attachment_id BIGINT,
    offline INTEGER NOT NULL DEFAULT 0,   -- Art 22: recorded on paper first, entered later
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_inspections_matter ON supervision_inspections (matter_id);
CREATE TABLE supervision_inspection_supervisors (
    inspection_id BIGINT NOT NULL REFERENCES supervision_inspections (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    certificate_id BIGINT NOT NULL REFERENCES certificates (id),
    certificate_number TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, person_id)
);

-- 案卷评查: the checklist items found and the legality failures, with the score they give.
CREATE TABLE supervision_file_reviews (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    case_no TEXT NOT NULL,
    legality_json TEXT NOT NULL,
    found_json TEXT NOT NULL,
    score INTEGER NOT NULL,
    grade TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_file_reviews_matter ON supervision_file_reviews (matter_id);

-- Findings (Art 14 ¶1) and their disposition: corrected on the spot, or in the notice.
CREATE TABLE supervision_findings (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    category TEXT NOT NULL,
    facts TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    legal_basis TEXT NOT NULL,
    disposition TEXT NOT NULL,            -- 'on_spot' | 'notice'
    on_spot_record TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_findings_matter ON supervision_findings (matter_id);

-- The agency's written rectification report and the department's 复查.
CREATE TABLE supervision_reports (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    content TEXT NOT NULL,
    attachment_id BIGINT,
    submitted_at BIGINT NOT NULL,
    submitted_by BIGINT NOT NULL,
    verdict TEXT,                         -- 'passed' | 'failed'; NULL until verified
    verdict_reason TEXT NOT NULL DEFAULT '',
    verified_at BIGINT,
    verified_by BIGINT
);
CREATE INDEX supervision_reports_matter ON supervision_reports (matter_id);

-- The government's decision (Art 14 ¶2): its items, each with its own deadline.
CREATE TABLE supervision_decision_items (
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,                   -- rules::decision_item_kinds()
    content TEXT NOT NULL,
    due_on TEXT,
    deadline_id BIGINT,
    PRIMARY KEY (matter_id, ordinal)
);

-- Township rooms' clues (Art 3 ¶3): to the county department, which accepts (a matter) or returns.
CREATE TABLE supervision_clues (
    id BIGINT PRIMARY KEY,
    status TEXT NOT NULL,                 -- 'submitted' | 'accepted' | 'returned'
    room_org_id BIGINT NOT NULL REFERENCES organizations (id),
    county_org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,            -- the county's: the county department's scope
    target_org_id BIGINT NOT NULL REFERENCES organizations (id),
    content TEXT NOT NULL,
    attachment_id BIGINT,
    return_reason TEXT NOT NULL DEFAULT '',
    matter_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_clues_region ON supervision_clues (region_code, status);

CREATE TABLE supervision_events (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES supervision_matters (id),
    kind TEXT NOT NULL,
    at BIGINT NOT NULL,
    by_user BIGINT NOT NULL,
    payload_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX supervision_events_matter ON supervision_events (matter_id, at);
