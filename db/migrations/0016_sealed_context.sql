-- The row-level-security context can no longer be forged by whoever runs SQL as gongzhi_app.
--
-- Until now the context was four custom settings (gongzhi.role, .scope, .user_id,
-- .department_id) that any session may set: `SELECT set_config('gongzhi.role', 'system', true)`
-- run as the application role read every row. Now:
--   * the server signs the context with a key only the owner role can read (app_context_key;
--     the server reads it through its owner connection at start) and hands it to
--     app_set_context(), which checks the signature and then sets the four settings plus a seal
--     bound to this backend and this transaction;
--   * every table under row-level security gets a RESTRICTIVE policy that lets rows through
--     only while the seal matches the settings. Written as a scalar sub-select, it runs once per
--     statement (an InitPlan), not once per row.
-- A setting changed by hand after app_set_context(), or set without it, breaks the seal and the
-- session sees and writes nothing.

CREATE TABLE app_context_key (
  id  integer PRIMARY KEY CHECK (id = 1),
  key bytea NOT NULL
);
INSERT INTO app_context_key VALUES (1, gen_random_bytes(32));
REVOKE ALL ON app_context_key FROM PUBLIC;

-- The seal covers the settings, the backend and the transaction's start, so it cannot be carried
-- to another session or a later transaction.
CREATE FUNCTION app_context_seal(k bytea) RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT encode(public.hmac(convert_to(
    coalesce(current_setting('gongzhi.role', true), '') || '|' ||
    coalesce(current_setting('gongzhi.scope', true), '') || '|' ||
    coalesce(current_setting('gongzhi.user_id', true), '') || '|' ||
    coalesce(current_setting('gongzhi.department_id', true), '') || '|' ||
    pg_backend_pid() || '|' || extract(epoch FROM transaction_timestamp()), 'UTF8'), k, 'sha256'), 'hex')
$$;
REVOKE ALL ON FUNCTION app_context_seal(bytea) FROM PUBLIC;

CREATE FUNCTION app_set_context(p_role text, p_scope text, p_user text, p_department text, p_signature text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  k bytea := (SELECT key FROM public.app_context_key WHERE id = 1);
BEGIN
  IF p_signature IS NULL OR p_signature <> encode(public.hmac(convert_to(
       p_role || '|' || p_scope || '|' || p_user || '|' || p_department, 'UTF8'), k, 'sha256'), 'hex') THEN
    RAISE EXCEPTION 'app_set_context: bad signature' USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('gongzhi.role', p_role, true),
          set_config('gongzhi.scope', p_scope, true),
          set_config('gongzhi.user_id', p_user, true),
          set_config('gongzhi.department_id', p_department, true);
  PERFORM set_config('gongzhi.seal', public.app_context_seal(k), true);
END $$;
REVOKE ALL ON FUNCTION app_set_context(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_set_context(text, text, text, text, text) TO gongzhi_app;

CREATE FUNCTION app_context_sealed() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(current_setting('gongzhi.seal', true), '') = public.app_context_seal((SELECT key FROM public.app_context_key WHERE id = 1))
$$;
REVOKE ALL ON FUNCTION app_context_sealed() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_context_sealed() TO gongzhi_app;

-- Every table under row-level security, now and (by a test that checks it) in later migrations.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
  LOOP
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL
                    USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t.relname);
  END LOOP;
END $$;
