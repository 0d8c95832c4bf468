-- The sealed RLS context (0016) computed its HMAC-SHA256 with pgcrypto's hmac(). In the embedded
-- database pgcrypto runs on a WebAssembly build of OpenSSL that now and then fails to start a
-- digest ("Cannot use "sha256": Cipher cannot be initialized"), which failed a whole request or
-- CLI command. The same HMAC is now built from core sha256(), which PostgreSQL implements itself:
--   HMAC(k, m) = sha256((k' xor opad) || sha256((k' xor ipad) || m)), k' = k padded to 64 bytes.
-- The two padded keys are computed once here and kept beside the key, readable by the owner only.
-- The result is byte for byte what the server's createHmac('sha256', key) gives.

ALTER TABLE app_context_key ADD COLUMN inner_pad bytea, ADD COLUMN outer_pad bytea;

DO $$
DECLARE
  k bytea := (SELECT key FROM app_context_key WHERE id = 1);
  i bytea := '\x'::bytea;
  o bytea := '\x'::bytea;
  b integer;
BEGIN
  IF length(k) > 64 THEN
    RAISE EXCEPTION 'app_context_key: key longer than one SHA-256 block';
  END IF;
  FOR n IN 0..63 LOOP
    b := CASE WHEN n < length(k) THEN get_byte(k, n) ELSE 0 END;
    i := i || set_byte('\x00'::bytea, 0, b # 54);  -- 0x36
    o := o || set_byte('\x00'::bytea, 0, b # 92);  -- 0x5c
  END LOOP;
  UPDATE app_context_key SET inner_pad = i, outer_pad = o WHERE id = 1;
END $$;

ALTER TABLE app_context_key ALTER COLUMN inner_pad SET NOT NULL, ALTER COLUMN outer_pad SET NOT NULL;

CREATE FUNCTION app_context_hmac(msg text) RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT encode(sha256(outer_pad || sha256(inner_pad || convert_to(msg, 'UTF8'))), 'hex')
  FROM public.app_context_key WHERE id = 1
$$;
REVOKE ALL ON FUNCTION app_context_hmac(text) FROM PUBLIC;

DROP FUNCTION app_context_seal(bytea);
CREATE FUNCTION app_context_seal() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT public.app_context_hmac(
    coalesce(current_setting('gongzhi.role', true), '') || '|' ||
    coalesce(current_setting('gongzhi.scope', true), '') || '|' ||
    coalesce(current_setting('gongzhi.user_id', true), '') || '|' ||
    coalesce(current_setting('gongzhi.department_id', true), '') || '|' ||
    pg_backend_pid() || '|' || extract(epoch FROM transaction_timestamp()))
$$;
REVOKE ALL ON FUNCTION app_context_seal() FROM PUBLIC;

CREATE OR REPLACE FUNCTION app_set_context(p_role text, p_scope text, p_user text, p_department text, p_signature text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_signature IS NULL OR p_signature <> public.app_context_hmac(
       p_role || '|' || p_scope || '|' || p_user || '|' || p_department) THEN
    RAISE EXCEPTION 'app_set_context: bad signature' USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('gongzhi.role', p_role, true),
          set_config('gongzhi.scope', p_scope, true),
          set_config('gongzhi.user_id', p_user, true),
          set_config('gongzhi.department_id', p_department, true);
  PERFORM set_config('gongzhi.seal', public.app_context_seal(), true);
END $$;

CREATE OR REPLACE FUNCTION app_context_sealed() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(current_setting('gongzhi.seal', true), '') = public.app_context_seal()
$$;
