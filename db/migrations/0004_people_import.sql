-- Registry import: the household number a county's own ledger uses (for re-import without
-- duplicates), import jobs that survive a restart, and an existence check for ID digests that
-- reveals only whether a number is registered somewhere in the county, never where.

ALTER TABLE households ADD COLUMN source_key text;
CREATE UNIQUE INDEX households_source_key ON households (village_code, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE import_jobs (
  id             uuid PRIMARY KEY,
  village_code   varchar(15) NOT NULL REFERENCES regions(code),
  path           ltree NOT NULL,
  filename       text NOT NULL,
  content_type   text NOT NULL,
  file           bytea NOT NULL,          -- kept until done, so a restart resumes the job
  status         text NOT NULL CHECK (status IN ('queued','running','done','failed')),
  total_rows     integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  imported_rows  integer NOT NULL DEFAULT 0,
  skipped_rows   integer NOT NULL DEFAULT 0,
  error_rows     integer NOT NULL DEFAULT 0,
  message        text,
  error_report   bytea,
  created_by     uuid,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX import_jobs_status ON import_jobs (status) WHERE status IN ('queued','running');

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY import_jobs_all ON import_jobs FOR ALL
  USING (app_may_edit_people() AND app_in_scope(path)) WITH CHECK (app_may_edit_people() AND app_in_scope(path));
GRANT SELECT, INSERT, UPDATE ON import_jobs TO gongzhi_app;

CREATE FUNCTION registered_id_digests(digests text[]) RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT id_number_hmac FROM residents WHERE id_number_hmac = ANY(digests) $$;
REVOKE ALL ON FUNCTION registered_id_digests(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registered_id_digests(text[]) TO gongzhi_app;
