-- The minimal enforcement-item catalog (Art 5(2); REQUIREMENTS §5), so that monitoring rule R3
-- (清单外执法) and R7 (裁量基准偏离) can run. src/lecs/catalog/. The full catalog lifecycle
-- (versions, approval, publication) extends THIS table in a later issue.
--
-- One row per (agency, item, effective_from): an item is in force on d when
-- effective_from <= d and (effective_to IS NULL or d <= effective_to), both inclusive.
-- For penalties, min/max_amount_fen is the discretion baseline (裁量基准); NULL = none set.
CREATE TABLE catalog_items (
    id BIGINT PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES organizations (id),
    item_code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                   -- monitoring::ActKind vocabulary: penalty | coercion | …
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    min_amount_fen BIGINT,
    max_amount_fen BIGINT,
    basis TEXT NOT NULL DEFAULT '',       -- the provision the item rests on (设定依据)
    status TEXT NOT NULL DEFAULT 'active',  -- 'active' | 'voided' (never deleted: warnings cite it)
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX catalog_items_key ON catalog_items (agency_id, item_code, effective_from);
