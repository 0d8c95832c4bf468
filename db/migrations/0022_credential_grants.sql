-- 三权分立 that holds (security review, issue #10): no single admin can obtain a working business
-- account. Until now the system admin created an account with a password it chose, and the
-- security admin reset any password to one it chose; either could then sign in as that user.
--
-- Now no admin ever sets a business user's password. An account is created, or a password reset,
-- as a credential grant in two halves:
--   * one admin (system admin for a new account, either for a reset) requests it and is shown
--     code half A once;
--   * an admin of the OTHER role approves it and is shown code half B once;
--   * the user redeems A + B at /activate, choosing their own password.
-- Neither admin alone holds both halves; the database refuses an approval by the same role or the
-- same person (CHECK constraints below), whatever the service does. Halves are stored as argon2id
-- hashes; a grant expires and closes after too many wrong attempts.
-- The server's own CLI (`gongzhi user add`, `gongzhi user reset-password`) stays direct: whoever
-- runs it already holds the server and its keys.

ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled', 'pending'));

CREATE TABLE credential_grants (
  id              uuid PRIMARY KEY,
  user_id         uuid NOT NULL REFERENCES users(id),
  kind            text NOT NULL CHECK (kind IN ('activate', 'reset')),
  scope_path      ltree NOT NULL,        -- the user's scope, for row-level security
  requested_by    uuid NOT NULL REFERENCES users(id),
  requested_role  text NOT NULL CHECK (requested_role IN ('system_admin', 'security_admin')),
  requested_at    timestamptz NOT NULL,
  code_a_hash     text NOT NULL,
  approved_by     uuid REFERENCES users(id),
  approved_role   text CHECK (approved_role IN ('system_admin', 'security_admin')),
  approved_at     timestamptz,
  code_b_hash     text,
  expires_at      timestamptz NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  closed_at       timestamptz,
  closed_reason   text CHECK (closed_reason IN ('redeemed', 'cancelled', 'replaced', 'expired', 'too_many_attempts')),
  CHECK (approved_role IS NULL OR approved_role <> requested_role),
  CHECK (approved_by IS NULL OR approved_by <> requested_by),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_at IS NULL) = (code_b_hash IS NULL)),
  CHECK ((closed_at IS NULL) = (closed_reason IS NULL)),
  CHECK (closed_reason <> 'redeemed' OR approved_at IS NOT NULL)
);
-- At most one open grant per user: a new request replaces the old one.
CREATE UNIQUE INDEX credential_grants_open ON credential_grants (user_id) WHERE closed_at IS NULL;
CREATE INDEX credential_grants_user ON credential_grants (user_id, requested_at);

ALTER TABLE credential_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE credential_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY credential_grants_admins ON credential_grants FOR ALL
  USING (app_is_system() OR (app_role() IN ('system_admin', 'security_admin') AND app_in_scope(scope_path)))
  WITH CHECK (app_is_system() OR (app_role() IN ('system_admin', 'security_admin') AND app_in_scope(scope_path)));
CREATE POLICY app_context_sealed ON credential_grants AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT, UPDATE ON credential_grants TO gongzhi_app;
