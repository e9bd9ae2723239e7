-- Statistical reports (Art 15; REQUIREMENTS §9; issue 7): the versioned templates, the agencies'
-- submissions and the reasons they were returned with. src/lecs/reports/. The .sqlite.sql twin
-- differs only in how the JSON columns are checked (a jsonb cast here, json_valid there).
--
-- A template (code, version) never changes once stored: a submission is bound to the version it
-- was filed on, and a new layout is a new version. So it has no lock version and no updated_at.
-- template_json is the template as parsed by reports/template.hpp parse_template.
CREATE TABLE report_templates (
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    period_kind TEXT NOT NULL,            -- reports::PeriodKind: month | quarter | half_year | year
    template_json TEXT NOT NULL CHECK (template_json::jsonb IS NOT NULL),
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (code, version)
);

-- One submission per (agency, template, period): state follows reports/state_rules.hpp
-- (draft | submitted | returned | resubmitted | accepted). values_json maps field codes to integers:
-- counts, and amounts in 分 (shown in 万元 only on display). prefill_json holds the figures the
-- monitoring aggregates gave when the draft was created (the pre-fill; reconciliation compares with
-- the data as it stands). due_on is the legal due date (YYYY-MM-DD, template's DueRule);
-- submitted_at is the first submission (lateness), last_submitted_at the latest. region_code is
-- the agency's (data scope).
CREATE TABLE report_submissions (
    id BIGINT PRIMARY KEY,
    template_code TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    period_key TEXT NOT NULL,             -- "2026", "2026-Q1", "2026-H2", "2026-03"
    state TEXT NOT NULL,
    values_json TEXT NOT NULL DEFAULT '{}' CHECK (values_json::jsonb IS NOT NULL),
    prefill_json TEXT NOT NULL DEFAULT '{}' CHECK (prefill_json::jsonb IS NOT NULL),
    due_on TEXT NOT NULL,
    submitted_at BIGINT,
    last_submitted_at BIGINT,
    accepted_at BIGINT,
    accepted_by BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    FOREIGN KEY (template_code, template_version) REFERENCES report_templates (code, version)
);
CREATE UNIQUE INDEX report_submissions_key ON report_submissions (agency_id, template_code, period_key);
CREATE INDEX report_submissions_scope ON report_submissions (region_code, period_key, state);

-- The reasons of each return, one per field (issue 7 §2: returned with reasons per field). round
-- numbers the returns of one submission (1, 2, …). History: never updated, never deleted.
CREATE TABLE report_returns (
    id BIGINT PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES report_submissions (id),
    round INTEGER NOT NULL,
    field_code TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX report_returns_submission ON report_returns (submission_id, round);
