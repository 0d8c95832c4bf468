-- Platform: roles, regions, departments, users, sessions, audit log, idempotency.
-- Runs as the owner (migration) role. The application connects as gongzhi_app, which owns
-- nothing, so row-level security applies to it.

CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Acting user's context, set per transaction by withActor() with set_config(..., true).
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('gongzhi.role', true), '') $$;
CREATE FUNCTION app_scope() RETURNS ltree LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('gongzhi.scope', true), '')::ltree $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('gongzhi.user_id', true), '')::uuid $$;
-- 'system' is the server's own context (login, sweeps, CLI); no account holds it.
CREATE FUNCTION app_is_system() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_role() = 'system' $$;
-- True when a row at `path` lies inside the actor's region subtree.
CREATE FUNCTION app_in_scope(path ltree) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR (app_scope() IS NOT NULL AND path <@ app_scope()) $$;

CREATE TABLE regions (
  code        varchar(15) PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province','city','county','township','village','group')),
  kind        text,
  parent_code varchar(15) REFERENCES regions(code),
  path        ltree NOT NULL,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_path_gist ON regions USING gist (path);
CREATE INDEX regions_parent ON regions (parent_code);
CREATE INDEX regions_name_trgm ON regions USING gin (name gin_trgm_ops);

CREATE TABLE departments (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  region_code varchar(15) NOT NULL REFERENCES regions(code),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id                uuid PRIMARY KEY,
  username          text NOT NULL UNIQUE,
  display_name      text NOT NULL,
  role              text NOT NULL CHECK (role IN ('system_admin','security_admin','audit_admin',
                      'county_staff','township_staff','village_cadre','grid_worker','department_staff','resident')),
  region_code       varchar(15) NOT NULL REFERENCES regions(code),
  scope_path        ltree NOT NULL,
  department_id     uuid REFERENCES departments(id),
  password_hash     text NOT NULL,
  password_changed_at timestamptz NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret       text,                 -- SM4-GCM encrypted
  totp_last_counter bigint,               -- last accepted step: a code works once
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  failed_logins     integer NOT NULL DEFAULT 0,
  locked_until      timestamptz,
  synthetic         boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK (role <> 'department_staff' OR department_id IS NOT NULL)
);
CREATE INDEX users_scope_gist ON users USING gist (scope_path);

CREATE TABLE sessions (
  id           text PRIMARY KEY,            -- SM3 of the cookie token; the token itself is never stored
  user_id      uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,        -- absolute expiry
  revoked_at   timestamptz,
  client_ip    text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE audit_log (
  seq          bigint PRIMARY KEY,
  id           uuid NOT NULL UNIQUE,
  occurred_at  timestamptz NOT NULL,
  actor_id     uuid,
  actor_name   text,
  actor_role   text,
  actor_scope  text,
  action       text NOT NULL,
  target_type  text,
  target_id    text,
  outcome      text NOT NULL CHECK (outcome IN ('ok','denied','failed')),
  before       jsonb,
  after        jsonb,
  details      jsonb,
  client_ip    text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (occurred_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_action ON audit_log (action);

-- The chain head is locked FOR UPDATE by each append, which serializes appends on every driver.
CREATE TABLE audit_chain_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

-- Append-only, even for a role that somehow got UPDATE/DELETE (PGlite has one real user).
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

CREATE TABLE idempotency_keys (
  actor_key      text NOT NULL,              -- user id, or 'anon:' + client address
  key            text NOT NULL,
  method         text NOT NULL,
  path           text NOT NULL,
  request_hash   text NOT NULL,
  status_code    integer,                    -- null while the first request is in flight
  response_body  text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (actor_key, key)
);

-- Row-level security: written once, enforced on PostgreSQL and PGlite alike.
ALTER TABLE regions ENABLE ROW LEVEL SECURITY;
ALTER TABLE regions FORCE ROW LEVEL SECURITY;
-- A user sees their subtree and its ancestors (for breadcrumbs), never a sibling's subtree.
CREATE POLICY regions_read ON regions FOR SELECT
  USING (app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path));
CREATE POLICY regions_write ON regions FOR ALL
  USING (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(path) AND path <> app_scope()))
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(path) AND path <> app_scope()));

ALTER TABLE departments ENABLE ROW LEVEL SECURITY;
ALTER TABLE departments FORCE ROW LEVEL SECURITY;
CREATE POLICY departments_read ON departments FOR SELECT USING (app_is_system() OR app_scope() IS NOT NULL);
CREATE POLICY departments_write ON departments FOR ALL
  USING (app_is_system() OR app_role() = 'system_admin') WITH CHECK (app_is_system() OR app_role() = 'system_admin');

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT
  USING (app_in_scope(scope_path) OR id = app_user_id());
CREATE POLICY users_write ON users FOR ALL
  USING (app_is_system() OR (app_role() IN ('system_admin','security_admin') AND app_in_scope(scope_path)))
  WITH CHECK (app_is_system() OR (app_role() IN ('system_admin','security_admin') AND app_in_scope(scope_path)));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
-- 三权分立: only the audit admin (and the verifier) reads the log; every context may append.
CREATE POLICY audit_read ON audit_log FOR SELECT USING (app_is_system() OR app_role() = 'audit_admin');
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (true);

-- The application role: no superuser, no ownership, no BYPASSRLS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    CREATE ROLE gongzhi_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO gongzhi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON regions, departments, users, sessions, idempotency_keys TO gongzhi_app;
GRANT SELECT, UPDATE ON audit_chain_head TO gongzhi_app;
GRANT SELECT, INSERT ON audit_log TO gongzhi_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM gongzhi_app;
