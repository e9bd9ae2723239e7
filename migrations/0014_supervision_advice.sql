-- 《行政执法监督建议书》 (Art 15) and guidance requests (Art 18); src/lecs/supervision/advice.hpp.
--
-- A suggestion is drafted by a department for an agency, from a matter or from its analysis of
-- enforcement (Art 15: 对违法或者不适当行政行为进行分析、研究), issued by the dept_leader as a
-- document, delivered, and the agency's response recorded. region_code is the department's.
CREATE TABLE supervision_suggestions (
    id BIGINT PRIMARY KEY,
    status TEXT NOT NULL,                 -- 'drafted' | 'issued' | 'responded'
    matter_id BIGINT REFERENCES supervision_matters (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    target_org_id BIGINT NOT NULL REFERENCES organizations (id),
    subject TEXT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    response TEXT NOT NULL DEFAULT '',
    responded_at BIGINT,
    responded_by BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_suggestions_region ON supervision_suggestions (region_code, status);
CREATE INDEX supervision_suggestions_target ON supervision_suggestions (target_org_id);

-- A lower department asks the upper one for guidance on a major, difficult or complex matter
-- (Art 18); the answer is tracked. region_code is the asking department's.
CREATE TABLE supervision_guidance (
    id BIGINT PRIMARY KEY,
    status TEXT NOT NULL,                 -- 'open' | 'answered'
    from_org_id BIGINT NOT NULL REFERENCES organizations (id),
    to_org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    matter_id BIGINT REFERENCES supervision_matters (id),
    question TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_at BIGINT,
    answered_by BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX supervision_guidance_orgs ON supervision_guidance (from_org_id, to_org_id, status);
