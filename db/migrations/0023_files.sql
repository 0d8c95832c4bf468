-- One file store for the platform (issue #16): photos, evidence and attachments of every module.
--
-- file_blobs: one row per distinct content, keyed by its SHA-256. The bytes are in `data`, or,
--   when `data` IS NULL, in the files folder (<GONGZHI_FILES_DIR or data folder/files>/ab/cd/<sha256>).
--   The embedded database (PGlite) writes new content to the folder; PostgreSQL writes it into
--   `data` unless GONGZHI_FILES_DIR is set. Reads take whichever holds the bytes. Only the server
--   itself (role 'system') writes or removes blobs: the content is written first, then the file
--   row that names it, and an unreferenced blob is removed by the sweep after a day's grace.
-- files: one row per file attached to an owner object (a work order, a mediation case …). A file
--   is readable by whoever can read its owner: one permissive policy per owner kind, whose
--   sub-select on the owner's table is itself filtered by that table's row-level security.
--   A module that adds an owner kind adds its policy (`files_<kind>`) in its own migration.

CREATE TABLE file_blobs (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes      bigint NOT NULL CHECK (bytes >= 0),
  data       bytea CHECK (data IS NULL OR octet_length(data) = bytes),
  created_at timestamptz NOT NULL,
  -- The last time an upload wrote or named this content: the sweep leaves younger blobs alone.
  touched_at timestamptz NOT NULL
);
CREATE INDEX file_blobs_touched ON file_blobs (touched_at);

CREATE TABLE files (
  id              uuid PRIMARY KEY,
  owner_kind      text NOT NULL CHECK (owner_kind ~ '^[a-z][a-z_]*$'),
  owner_id        uuid NOT NULL,
  usage           text NOT NULL CHECK (usage ~ '^[a-z][a-z_]*$'),
  seq             integer NOT NULL,
  sha256          text NOT NULL REFERENCES file_blobs(sha256),
  content_type    text NOT NULL,
  bytes           bigint NOT NULL CHECK (bytes >= 0),
  filename        text NOT NULL,
  meta            jsonb NOT NULL DEFAULT '{}',
  -- Kept at least until then (an archive rule), or indefinitely while on legal hold.
  retention_until timestamptz,
  legal_hold      boolean NOT NULL DEFAULT false,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  UNIQUE (owner_kind, owner_id, usage, seq)
);
CREATE INDEX files_sha256 ON files (sha256);

-- A retained file cannot be deleted, whoever asks (the service refuses first, with a message).
CREATE FUNCTION files_refuse_retained_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.legal_hold OR (OLD.retention_until IS NOT NULL AND OLD.retention_until > now()) THEN
    RAISE EXCEPTION 'file % is retained (legal hold or retention until %)', OLD.id, OLD.retention_until USING ERRCODE = '23514';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER files_retained BEFORE DELETE ON files FOR EACH ROW EXECUTE FUNCTION files_refuse_retained_delete();

-- Work-order photos move in: their content into file_blobs (in `data`, on both databases), their
-- rows into files with the same ids, so /api/v1/work-orders/:id/photos/:photoId keeps working.
-- row_security off: the migration must see every row, or fail rather than move only some.
SET LOCAL row_security = off;
INSERT INTO file_blobs (sha256, bytes, data, created_at, touched_at)
SELECT DISTINCT ON (h) h, octet_length(data), data, created_at, created_at
FROM (SELECT encode(sha256(data), 'hex') AS h, data, created_at FROM work_order_photos) p
ORDER BY h, created_at;
INSERT INTO files (id, owner_kind, owner_id, usage, seq, sha256, content_type, bytes, filename, meta, created_at)
SELECT id, 'work_order', order_id, 'photo', seq, encode(sha256(data), 'hex'), content_type, octet_length(data),
       id::text || CASE content_type WHEN 'image/jpeg' THEN '.jpg' WHEN 'image/png' THEN '.png' ELSE '.webp' END,
       jsonb_strip_nulls(jsonb_build_object('exifLat', exif_lat, 'exifLng', exif_lng)), created_at
FROM work_order_photos;
DO $$
BEGIN
  IF (SELECT count(*) FROM files WHERE owner_kind = 'work_order') <> (SELECT count(*) FROM work_order_photos) THEN
    RAISE EXCEPTION 'work_order_photos: not every photo was moved into files';
  END IF;
END $$;
DROP TABLE work_order_photos;

-- Row-level security.
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
-- The server (sweeps, backups through the app role) sees every file row, so no referenced blob looks orphaned.
CREATE POLICY files_system ON files FOR SELECT USING (app_is_system());
-- A work order's files: whoever sees the order (app_sees_order, 0009) through the sub-select.
CREATE POLICY files_work_order ON files FOR ALL
  USING (owner_kind = 'work_order' AND EXISTS (SELECT 1 FROM work_orders o WHERE o.id = owner_id))
  WITH CHECK (owner_kind = 'work_order' AND EXISTS (SELECT 1 FROM work_orders o WHERE o.id = owner_id));
CREATE POLICY app_context_sealed ON files AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));

ALTER TABLE file_blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE file_blobs FORCE ROW LEVEL SECURITY;
-- Content is readable by whoever can read a file that names it (the sub-select is filtered by files' policies).
CREATE POLICY file_blobs_read ON file_blobs FOR SELECT
  USING (app_is_system() OR EXISTS (SELECT 1 FROM files f WHERE f.sha256 = file_blobs.sha256));
CREATE POLICY file_blobs_write ON file_blobs FOR INSERT WITH CHECK (app_is_system());
CREATE POLICY file_blobs_touch ON file_blobs FOR UPDATE USING (app_is_system()) WITH CHECK (app_is_system());
CREATE POLICY file_blobs_sweep ON file_blobs FOR DELETE USING (app_is_system());
CREATE POLICY app_context_sealed ON file_blobs AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));

GRANT SELECT, INSERT, UPDATE, DELETE ON files, file_blobs TO gongzhi_app;
