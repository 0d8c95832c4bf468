-- Login throttling without letting anyone lock an account at will (security review, issue #10).
-- Until now five wrong passwords from anywhere locked the account for everyone. Now failures
-- count per (username as typed, client address): that address waits (LOCKOUT_MINUTES, doubling
-- on each further lock) while the owner signs in from elsewhere. Only failures from many
-- addresses at once (LOCKOUT_ADDRESSES) lock the account itself (users.locked_until), and then
-- only for addresses it has never signed in from. Unknown usernames are counted the same way,
-- so the answers never tell whether an account exists.
CREATE TABLE login_throttle (
  username       text NOT NULL,
  client_ip      text NOT NULL,
  failures       integer NOT NULL DEFAULT 0,   -- since the last lock or success, within the window
  locks          integer NOT NULL DEFAULT 0,   -- locks in a row (the wait doubles each time)
  last_failed_at timestamptz NOT NULL,
  locked_until   timestamptz,
  PRIMARY KEY (username, client_ip)
);
CREATE INDEX login_throttle_last_failed ON login_throttle (last_failed_at);

-- Only the server's own (system) context reads or writes it; the seal of 0016 as on every RLS table.
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
CREATE POLICY login_throttle_system ON login_throttle FOR ALL USING (app_is_system()) WITH CHECK (app_is_system());
CREATE POLICY app_context_sealed ON login_throttle AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO gongzhi_app;

-- A known address: the account has signed in from it before (the account-wide lock spares it).
CREATE INDEX sessions_user_ip ON sessions (user_id, client_ip);
