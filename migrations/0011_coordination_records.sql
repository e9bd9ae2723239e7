-- The coordination of a 行政执法职责争议 and its outcome (Art 6, REQUIREMENTS §4 steps 3–4;
-- src/lecs/coordination). Portable DDL: no dialect variant is needed.
--
-- What the competent department records while coordinating: meetings (协调会议), written
-- consultations (书面征求意见), expert opinions (专家意见; the expert pool comes later, so the
-- expert is a name) and the parties' statements (当事方陈述). One row per record, never changed;
-- the columns a kind does not use stay empty:
--   meeting:        occurred_at (the meeting's time), place, participants (attendees), content (minutes)
--   consultation:   participants (the body consulted), question, content (its answer)
--   expert_opinion: participants (the expert's name), content (the opinion)
--   statement:      party_org_id, content (the statement)
CREATE TABLE dispute_records (
    id BIGINT PRIMARY KEY,
    dispute_id BIGINT NOT NULL REFERENCES disputes (id),
    kind TEXT NOT NULL,                   -- 'meeting' | 'consultation' | 'expert_opinion' | 'statement'
    occurred_at BIGINT,                   -- epoch ms
    place TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    party_org_id BIGINT REFERENCES organizations (id),
    question TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    attachment_id BIGINT,                 -- attachments.id (no FK, as disputes.letter_attachment_id)
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    created_by_org BIGINT
);
CREATE INDEX dispute_records_dispute ON dispute_records (dispute_id, created_at);

-- The official documents of a dispute (REQUIREMENTS §17), with what each is for:
-- 'acceptance_notice' | 'rejection_notice' | 'supplement_notice' | 'opinion' | 'opinion_returned'
-- | 'report' | 'decision' | 'decision_superseded'. The document itself (draft or issued) lives in documents.
CREATE TABLE dispute_documents (
    dispute_id BIGINT NOT NULL REFERENCES disputes (id),
    document_id BIGINT NOT NULL REFERENCES documents (id),
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (dispute_id, document_id)
);
CREATE INDEX dispute_documents_document ON dispute_documents (document_id);

-- The same-level government's decision when coordination failed (Art 6: 协调不成的，报本级人民政府决定),
-- designating the agency responsible for the disputed duty. One per dispute.
CREATE TABLE dispute_decisions (
    dispute_id BIGINT PRIMARY KEY REFERENCES disputes (id),
    government_org_id BIGINT NOT NULL REFERENCES organizations (id),
    responsible_org_id BIGINT NOT NULL REFERENCES organizations (id),
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,             -- Asia/Shanghai date
    decided_by BIGINT NOT NULL,
    document_id BIGINT REFERENCES documents (id),
    created_at BIGINT NOT NULL
);
