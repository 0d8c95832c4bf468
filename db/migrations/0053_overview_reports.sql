-- Monthly social-governance reports (月度社会治理报告, issue #14 item 7). See docs/OVERVIEW.md.
--
-- On the first working day of each month the server generates last month's report for the county
-- and each township and keeps it: one row here per region and month (the unique key makes a
-- second sweep, a restart or two servers sweeping at once a no-op), with its PDF and .xlsx in the
-- platform file store (owner kind 'overview_report', usages 'pdf' and 'xlsx'). The figures in
-- the files come from the measures; `figures` keeps the headline figures the list shows.
-- Written only by the server (the scheduled run); read by staff and cadres whose scope holds the
-- report's region. Never updated or deleted: a report is a record of what the system said then.

CREATE TABLE overview_reports (
  id            uuid PRIMARY KEY,
  region_code   varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,
  region_name   text NOT NULL,
  region_level  text NOT NULL CHECK (region_level IN ('county', 'township', 'village')),
  month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  figures       jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (region_code, month)
);
CREATE INDEX overview_reports_path ON overview_reports USING gist (path);
-- The list: newest month first, keyset on (month, region_code).
CREATE INDEX overview_reports_month ON overview_reports (month DESC, region_code);

CREATE FUNCTION overview_reports_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a stored monthly report is never changed' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER overview_reports_append_only BEFORE UPDATE OR DELETE ON overview_reports
  FOR EACH ROW EXECUTE FUNCTION overview_reports_append_only();

ALTER TABLE overview_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE overview_reports FORCE ROW LEVEL SECURITY;
-- The roles that hold overview.read (src/platform/accounts/policy.ts), within their scope.
CREATE POLICY overview_reports_read ON overview_reports FOR SELECT
  USING (app_is_system() OR (app_role() IN ('county_staff', 'township_staff', 'village_cadre') AND app_in_scope(path)));
CREATE POLICY overview_reports_insert ON overview_reports FOR INSERT WITH CHECK (app_is_system());
CREATE POLICY app_context_sealed ON overview_reports AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON overview_reports TO gongzhi_app;

-- The report's files: read with the report (the sub-select is filtered by overview_reports_read);
-- attached only by the server, in the transaction that stores the report.
CREATE POLICY files_overview_report ON files FOR SELECT
  USING (owner_kind = 'overview_report' AND EXISTS (SELECT 1 FROM overview_reports r WHERE r.id = owner_id));
CREATE POLICY files_overview_report_attach ON files FOR INSERT
  WITH CHECK (owner_kind = 'overview_report' AND app_is_system() AND EXISTS (SELECT 1 FROM overview_reports r WHERE r.id = owner_id));
