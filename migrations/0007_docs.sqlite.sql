-- Official documents (REQUIREMENTS §17): 文号 sequences, numbers, documents,
-- per-organisation signing keys, deliveries. The .pg.sql twin differs only in
-- the PDF column type (BLOB here, BYTEA there).

-- A 文号 prefix configured per organisation and type (default: the registry's).
CREATE TABLE doc_number_prefixes (
    org_id BIGINT NOT NULL,
    doc_type TEXT NOT NULL,
    prefix TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, doc_type)
);

-- The next number per issuing organisation, type and year (gapless).
CREATE TABLE doc_sequences (
    org_id BIGINT NOT NULL,
    doc_type TEXT NOT NULL,
    year BIGINT NOT NULL,
    next_no BIGINT NOT NULL,
    PRIMARY KEY (org_id, doc_type, year)
);

-- Every number ever allocated: reserved while the document renders, then issued or voided (never reused).
CREATE TABLE doc_numbers (
    org_id BIGINT NOT NULL,
    doc_type TEXT NOT NULL,
    year BIGINT NOT NULL,
    no BIGINT NOT NULL,
    number_text TEXT NOT NULL,
    status TEXT NOT NULL,           -- 'reserved' | 'issued' | 'voided'
    document_id BIGINT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    at_ms BIGINT NOT NULL,
    PRIMARY KEY (org_id, doc_type, year, no)
);

CREATE TABLE documents (
    id BIGINT PRIMARY KEY,
    doc_type TEXT NOT NULL,
    issuer_org_id BIGINT NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,           -- 'draft' | 'issued'
    title TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    body_json TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '',
    disclosure TEXT NOT NULL DEFAULT '',
    number_text TEXT,
    year BIGINT,
    no BIGINT,
    issue_date TEXT,
    pdf BLOB,
    sm3_hex TEXT,
    signature_b64 TEXT,
    key_id TEXT,
    verify_token TEXT UNIQUE,
    issued_at BIGINT,
    issued_by BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX documents_issuer ON documents (issuer_org_id, status);
CREATE INDEX documents_region ON documents (region_code);

-- SM2 key pairs per organisation: the private key sealed (SM4 + HMAC-SM3) under the
-- org_sm2_wrap key named by wrap_key_id; the public key is published.
CREATE TABLE org_sign_keys (
    key_id TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    public_pem TEXT NOT NULL,
    private_sealed TEXT NOT NULL,
    wrap_key_id TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_sign_keys_active ON org_sign_keys (org_id) WHERE active = 1;

-- 送达: one row per recipient; received_on is the receipt date entered by the recipient or staff.
CREATE TABLE deliveries (
    id BIGINT PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    recipient_org_id BIGINT REFERENCES organizations (id),
    recipient_name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,          -- 'direct' | 'post' | 'electronic' | 'public_notice'
    delivered_on TEXT NOT NULL,
    received_on TEXT,
    receipt_by BIGINT,
    receipt_at BIGINT,
    deadline_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX deliveries_document ON deliveries (document_id);
CREATE INDEX deliveries_recipient ON deliveries (recipient_org_id);
