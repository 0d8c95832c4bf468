-- Personal data beyond the fields (security review, issue #10).
--
-- 1. An uploaded registry file holds full ID and phone numbers. It is now kept SM4-encrypted, and
--    only while its import runs (a restart resumes the job from it); when the job ends it is
--    removed. Files of jobs already ended are removed now.
ALTER TABLE import_jobs ALTER COLUMN file DROP NOT NULL;
UPDATE import_jobs SET file = NULL WHERE status IN ('done', 'failed');

-- 2. Reveals of full numbers, per user, for the throttle (GONGZHI_REVEAL_PER_10_MIN / _PER_DAY).
--    One row per reveal granted, or refused by the throttle (refused = true; the first refusal in a
--    window raises the security alert). The audit log keeps the full story; this table only counts,
--    and rows older than a day are removed as new ones arrive.
CREATE TABLE reveal_log (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  refused     boolean NOT NULL DEFAULT false
);
CREATE INDEX reveal_log_user_time ON reveal_log (user_id, occurred_at);

-- A user counts and writes only their own rows (the reveal runs in their context).
ALTER TABLE reveal_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE reveal_log FORCE ROW LEVEL SECURITY;
CREATE POLICY reveal_log_own ON reveal_log FOR ALL
  USING (app_is_system() OR user_id = app_user_id()) WITH CHECK (app_is_system() OR user_id = app_user_id());
CREATE POLICY app_context_sealed ON reveal_log AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT, DELETE ON reveal_log TO gongzhi_app;

-- 3. The security admin reads the security alerts in the audit log, and nothing else of it
--    (三权分立: the log as a whole stays the audit admin's).
CREATE POLICY audit_read_security_alerts ON audit_log FOR SELECT
  USING (app_role() = 'security_admin' AND action = 'security.alert');
