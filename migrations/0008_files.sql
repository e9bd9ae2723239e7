-- Attachments (src/lecs/files): the metadata of uploaded files. The bytes live outside the
-- database, in a content-addressed directory that can sit on shared storage (ARCHITECTURE
-- §Scale-out): <attachments_dir>/<sm3[0:2]>/<sm3[2:4]>/<sm3>. One blob may back several rows
-- (the same bytes uploaded twice). Portable DDL: no dialect variant is needed.
--
-- An attachment is uploaded first, owned by the uploader's organisation (region_code, org_id:
-- the data scope), with owner_kind/owner_id NULL; the module that uses it then binds it to its
-- object ("dispute", …) once, in its own transaction. Rows are never deleted: a document or
-- an audit record may refer to them.
CREATE TABLE attachments (
    id BIGINT PRIMARY KEY,
    sm3_hex TEXT NOT NULL,          -- 64 lower-case hex digits: the blob's name and checksum
    size_bytes BIGINT NOT NULL,
    media_type TEXT NOT NULL,       -- sniffed from the bytes: application/pdf | image/png | image/jpeg
    original_name TEXT NOT NULL,    -- sanitised, for display and Content-Disposition only
    owner_kind TEXT,                -- NULL until bound
    owner_id BIGINT,
    region_code TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL DEFAULT 0,
    CHECK ((owner_kind IS NULL) = (owner_id IS NULL))
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);
CREATE INDEX attachments_sm3 ON attachments (sm3_hex);
