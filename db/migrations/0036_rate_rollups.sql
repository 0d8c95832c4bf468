-- Statistics from rollups (#14 item 2). The rates were computed from every order, stage and
-- follow-up of the period at each request: 145 s for a county year at a million orders. Now:
--
--  * a write to an order, its stages or its follow-ups queues the order's id (rollup_queue, an
--    insert-only table: no row is shared between writers, so intake does not serialize on it);
--  * a short job (requests/rollup-service.ts) takes queued ids in batches, recomputes each
--    order's contribution from its rows, and moves the rollups by the difference from what it
--    contributed before (rollup_order_state / rollup_stage_state), all in one transaction, so a
--    crash leaves the queue to be taken again;
--  * the rates read the rollups at village grain per day (place_rollups when grouped by place or
--    month, order_rollups by category or unit), plus the stages still open, whose "past due"
--    changes with the clock and is read live (there are few of them).
--
-- `gongzhi stats rebuild` empties all of this and queues every order again.

CREATE TABLE rollup_queue (
  seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id uuid NOT NULL
);

-- An order's place for statistics: its path cut at village level (county.township.village).
CREATE FUNCTION rollup_path(p ltree) RETURNS ltree LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT subpath(p, 0, least(nlevel(p), 3)) $$;

-- What one order adds to the order counts, as last applied. Keys use '' for "none".
CREATE TABLE rollup_order_state (
  order_id      uuid PRIMARY KEY,
  day           date NOT NULL,
  path          ltree NOT NULL,
  township_code text NOT NULL,
  village_code  text NOT NULL,
  category_code text NOT NULL,
  unit_key      text NOT NULL,
  followed_up   int NOT NULL,
  contacted     int NOT NULL,
  resolved      int NOT NULL,
  satisfied     int NOT NULL,
  basically     int NOT NULL,
  closed        int NOT NULL,
  closed_level  text
);

CREATE TABLE order_rollups (
  day           date NOT NULL,
  path          ltree NOT NULL,
  township_code text NOT NULL,
  village_code  text NOT NULL,
  category_code text NOT NULL,
  unit_key      text NOT NULL,   -- the order's unit: department id, or office region code; '' before dispatch
  orders        int NOT NULL,
  followed_up   int NOT NULL,
  contacted     int NOT NULL,
  resolved      int NOT NULL,
  satisfied     int NOT NULL,
  basically     int NOT NULL,
  closed        int NOT NULL,
  at_intake     int NOT NULL,
  at_grid       int NOT NULL,
  at_village    int NOT NULL,
  at_township   int NOT NULL,
  at_county     int NOT NULL,
  PRIMARY KEY (day, path, township_code, village_code, category_code, unit_key)
);
CREATE INDEX order_rollups_path ON order_rollups USING gist (path);

-- What one ended stage adds to the on-time counts (stages still open are read live).
CREATE TABLE rollup_stage_state (
  stage_id         uuid PRIMARY KEY,
  order_id         uuid NOT NULL,
  day              date NOT NULL,
  path             ltree NOT NULL,
  township_code    text NOT NULL,
  village_code     text NOT NULL,
  category_code    text NOT NULL,
  unit_key         text NOT NULL,
  stage_unit_key   text NOT NULL,
  stages_due       int NOT NULL,
  signed_on_time   int NOT NULL,
  resolve_due      int NOT NULL,
  resolved_on_time int NOT NULL
);
CREATE INDEX rollup_stage_state_order ON rollup_stage_state (order_id);

CREATE TABLE stage_rollups (
  day              date NOT NULL,
  path             ltree NOT NULL,
  township_code    text NOT NULL,
  village_code     text NOT NULL,
  category_code    text NOT NULL,
  unit_key         text NOT NULL,
  stage_unit_key   text NOT NULL,
  stages_due       int NOT NULL,
  signed_on_time   int NOT NULL,
  resolve_due      int NOT NULL,
  resolved_on_time int NOT NULL,
  PRIMARY KEY (day, path, township_code, village_code, category_code, unit_key, stage_unit_key)
);
CREATE INDEX stage_rollups_path ON stage_rollups USING gist (path);

-- The same counts by place and day only: what a leader's figures by township, village or month
-- read (rows grow with days x villages, not with orders).
CREATE TABLE place_rollups (
  day           date NOT NULL,
  path          ltree NOT NULL,
  township_code text NOT NULL,
  village_code  text NOT NULL,
  orders        int NOT NULL,
  followed_up   int NOT NULL,
  contacted     int NOT NULL,
  resolved      int NOT NULL,
  satisfied     int NOT NULL,
  basically     int NOT NULL,
  closed        int NOT NULL,
  at_intake     int NOT NULL,
  at_grid       int NOT NULL,
  at_village    int NOT NULL,
  at_township   int NOT NULL,
  at_county     int NOT NULL,
  PRIMARY KEY (day, path, township_code, village_code)
);
CREATE TABLE place_stage_rollups (
  day              date NOT NULL,
  path             ltree NOT NULL,
  township_code    text NOT NULL,
  village_code     text NOT NULL,
  stages_due       int NOT NULL,
  signed_on_time   int NOT NULL,
  resolve_due      int NOT NULL,
  resolved_on_time int NOT NULL,
  PRIMARY KEY (day, path, township_code, village_code)
);

-- Open stages, read live by the rates.
CREATE INDEX work_order_stages_open_order ON work_order_stages (order_id) WHERE ended_at IS NULL;

-- Queueing: definer functions, so the application role writes the queue only through them.
CREATE FUNCTION rollup_queue_order() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO rollup_queue (order_id) SELECT DISTINCT id FROM changed_rows;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_queue_order_ref() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO rollup_queue (order_id) SELECT DISTINCT order_id FROM changed_rows;
  RETURN NULL;
END $$;

CREATE TRIGGER work_orders_rollup_ins AFTER INSERT ON work_orders
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order();
CREATE TRIGGER work_orders_rollup_upd AFTER UPDATE ON work_orders
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order();
CREATE TRIGGER work_orders_rollup_del AFTER DELETE ON work_orders
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order();
CREATE TRIGGER work_order_stages_rollup_ins AFTER INSERT ON work_order_stages
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();
CREATE TRIGGER work_order_stages_rollup_upd AFTER UPDATE ON work_order_stages
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();
CREATE TRIGGER work_order_stages_rollup_del AFTER DELETE ON work_order_stages
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();
CREATE TRIGGER follow_ups_rollup_ins AFTER INSERT ON follow_ups
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();
CREATE TRIGGER follow_ups_rollup_upd AFTER UPDATE ON follow_ups
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();
CREATE TRIGGER follow_ups_rollup_del AFTER DELETE ON follow_ups
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_queue_order_ref();

-- Adds (sign 1) or takes back (sign -1) what the given orders' state rows contribute, in each
-- rollup table. Rows at zero stay (a later order of that day and place reuses them).
CREATE FUNCTION rollup_move(ids uuid[], sign int) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO order_rollups AS r
    SELECT day, path, township_code, village_code, category_code, unit_key, sign * count(*)::int,
      sign * sum(followed_up)::int, sign * sum(contacted)::int, sign * sum(resolved)::int, sign * sum(satisfied)::int,
      sign * sum(basically)::int, sign * sum(closed)::int,
      sign * count(*) FILTER (WHERE closed_level = 'intake')::int, sign * count(*) FILTER (WHERE closed_level = 'grid')::int,
      sign * count(*) FILTER (WHERE closed_level = 'village')::int, sign * count(*) FILTER (WHERE closed_level = 'township')::int,
      sign * count(*) FILTER (WHERE closed_level = 'county')::int
    FROM rollup_order_state WHERE order_id = ANY (ids)
    GROUP BY day, path, township_code, village_code, category_code, unit_key
  ON CONFLICT (day, path, township_code, village_code, category_code, unit_key) DO UPDATE SET
    orders = r.orders + excluded.orders, followed_up = r.followed_up + excluded.followed_up, contacted = r.contacted + excluded.contacted,
    resolved = r.resolved + excluded.resolved, satisfied = r.satisfied + excluded.satisfied, basically = r.basically + excluded.basically,
    closed = r.closed + excluded.closed, at_intake = r.at_intake + excluded.at_intake, at_grid = r.at_grid + excluded.at_grid,
    at_village = r.at_village + excluded.at_village, at_township = r.at_township + excluded.at_township, at_county = r.at_county + excluded.at_county;
  INSERT INTO place_rollups AS r
    SELECT day, path, township_code, village_code, sign * count(*)::int,
      sign * sum(followed_up)::int, sign * sum(contacted)::int, sign * sum(resolved)::int, sign * sum(satisfied)::int,
      sign * sum(basically)::int, sign * sum(closed)::int,
      sign * count(*) FILTER (WHERE closed_level = 'intake')::int, sign * count(*) FILTER (WHERE closed_level = 'grid')::int,
      sign * count(*) FILTER (WHERE closed_level = 'village')::int, sign * count(*) FILTER (WHERE closed_level = 'township')::int,
      sign * count(*) FILTER (WHERE closed_level = 'county')::int
    FROM rollup_order_state WHERE order_id = ANY (ids)
    GROUP BY day, path, township_code, village_code
  ON CONFLICT (day, path, township_code, village_code) DO UPDATE SET
    orders = r.orders + excluded.orders, followed_up = r.followed_up + excluded.followed_up, contacted = r.contacted + excluded.contacted,
    resolved = r.resolved + excluded.resolved, satisfied = r.satisfied + excluded.satisfied, basically = r.basically + excluded.basically,
    closed = r.closed + excluded.closed, at_intake = r.at_intake + excluded.at_intake, at_grid = r.at_grid + excluded.at_grid,
    at_village = r.at_village + excluded.at_village, at_township = r.at_township + excluded.at_township, at_county = r.at_county + excluded.at_county;
  INSERT INTO stage_rollups AS r
    SELECT day, path, township_code, village_code, category_code, unit_key, stage_unit_key,
      sign * sum(stages_due)::int, sign * sum(signed_on_time)::int, sign * sum(resolve_due)::int, sign * sum(resolved_on_time)::int
    FROM rollup_stage_state WHERE order_id = ANY (ids)
    GROUP BY day, path, township_code, village_code, category_code, unit_key, stage_unit_key
  ON CONFLICT (day, path, township_code, village_code, category_code, unit_key, stage_unit_key) DO UPDATE SET
    stages_due = r.stages_due + excluded.stages_due, signed_on_time = r.signed_on_time + excluded.signed_on_time,
    resolve_due = r.resolve_due + excluded.resolve_due, resolved_on_time = r.resolved_on_time + excluded.resolved_on_time;
  INSERT INTO place_stage_rollups AS r
    SELECT day, path, township_code, village_code,
      sign * sum(stages_due)::int, sign * sum(signed_on_time)::int, sign * sum(resolve_due)::int, sign * sum(resolved_on_time)::int
    FROM rollup_stage_state WHERE order_id = ANY (ids)
    GROUP BY day, path, township_code, village_code
  ON CONFLICT (day, path, township_code, village_code) DO UPDATE SET
    stages_due = r.stages_due + excluded.stages_due, signed_on_time = r.signed_on_time + excluded.signed_on_time,
    resolve_due = r.resolve_due + excluded.resolve_due, resolved_on_time = r.resolved_on_time + excluded.resolved_on_time;
END $$;
REVOKE ALL ON FUNCTION rollup_move(uuid[], int) FROM PUBLIC;

-- Applying the queue: the job calls this as the system context. One batch, one transaction.
-- Returns how many orders it recomputed (0: caught up).
CREATE FUNCTION rollup_apply(batch int) RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids uuid[];
BEGIN
  IF NOT app_is_system() THEN RAISE EXCEPTION 'rollup_apply runs in the system context only'; END IF;
  WITH taken AS (
    DELETE FROM rollup_queue WHERE seq IN (SELECT seq FROM rollup_queue ORDER BY seq LIMIT batch FOR UPDATE SKIP LOCKED)
    RETURNING order_id
  ) SELECT coalesce(array_agg(DISTINCT order_id), '{}') INTO ids FROM taken;
  IF cardinality(ids) = 0 THEN RETURN 0; END IF;

  -- Take back what these orders contributed, then read what they contribute now.
  PERFORM rollup_move(ids, -1);
  DELETE FROM rollup_order_state WHERE order_id = ANY (ids);
  DELETE FROM rollup_stage_state WHERE order_id = ANY (ids);
  -- Merged orders count under the order they joined.
  INSERT INTO rollup_order_state
    SELECT o.id, (o.created_at AT TIME ZONE 'Asia/Shanghai')::date, rollup_path(o.path),
      coalesce(o.township_code, ''), coalesce(o.village_code, ''), coalesce(o.category_code, ''),
      coalesce(o.unit_department_id::text, o.unit_region_code, ''),
      (l.order_id IS NOT NULL)::int, coalesce(l.contacted, false)::int, coalesce(l.resolved, false)::int,
      (l.satisfaction IS NOT DISTINCT FROM 'satisfied')::int, (l.satisfaction IS NOT DISTINCT FROM 'basically')::int,
      (o.status = 'closed')::int, CASE WHEN o.status = 'closed' THEN o.closed_level END
    FROM work_orders o
    LEFT JOIN LATERAL (
      SELECT f.order_id, f.contacted, f.resolved, f.satisfaction FROM follow_ups f
      WHERE f.order_id = o.id ORDER BY f.created_at DESC, f.id DESC LIMIT 1
    ) l ON true
    WHERE o.id = ANY (ids) AND o.status <> 'merged';
  -- An ended stage is settled: it was due for signing if signed or if its time ran out while it
  -- was open, due for resolving if resolved or if it ran out while open (escalated when late).
  INSERT INTO rollup_stage_state
    SELECT s.id, s.order_id, st.day, st.path, st.township_code, st.village_code, st.category_code, st.unit_key,
      coalesce(s.unit_department_id::text, s.unit_region_code, ''),
      (s.signed_at IS NOT NULL OR s.sign_for_due < s.ended_at)::int,
      (s.signed_at IS NOT NULL AND s.signed_at <= s.sign_for_due)::int,
      (s.end_reason = 'resolved' OR (s.resolve_due < s.ended_at AND s.end_reason = 'escalated'))::int,
      (s.end_reason = 'resolved' AND s.ended_at <= s.resolve_due)::int
    FROM work_order_stages s JOIN rollup_order_state st ON st.order_id = s.order_id
    WHERE s.order_id = ANY (ids) AND s.ended_at IS NOT NULL AND NOT s.excused;
  PERFORM rollup_move(ids, 1);
  RETURN cardinality(ids);
END $$;
REVOKE ALL ON FUNCTION rollup_apply(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_apply(int) TO gongzhi_app;

-- Rebuilding: everything emptied and every order queued again.
CREATE FUNCTION rollup_reset() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n bigint;
BEGIN
  IF NOT app_is_system() THEN RAISE EXCEPTION 'rollup_reset runs in the system context only'; END IF;
  TRUNCATE rollup_queue, rollup_order_state, rollup_stage_state, order_rollups, stage_rollups, place_rollups, place_stage_rollups;
  INSERT INTO rollup_queue (order_id) SELECT id FROM work_orders ORDER BY created_at;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION rollup_reset() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_reset() TO gongzhi_app;

-- Readers: the rollups carry the order's place, and row-level security keeps each reader to
-- their region, a department officer to the orders sent to their department.
ALTER TABLE order_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE order_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY order_rollups_read ON order_rollups FOR SELECT USING (
  CASE WHEN app_role() = 'department_staff' THEN unit_key = app_department_id()::text ELSE app_in_scope(path) END);
ALTER TABLE stage_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE stage_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY stage_rollups_read ON stage_rollups FOR SELECT USING (
  CASE WHEN app_role() = 'department_staff' THEN unit_key = app_department_id()::text ELSE app_in_scope(path) END);
-- By place only: no unit column, so department officers (whose figures are their unit's) read the
-- unit rollups above, never these.
ALTER TABLE place_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE place_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY place_rollups_read ON place_rollups FOR SELECT USING (app_role() <> 'department_staff' AND app_in_scope(path));
ALTER TABLE place_stage_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE place_stage_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY place_stage_rollups_read ON place_stage_rollups FOR SELECT USING (app_role() <> 'department_staff' AND app_in_scope(path));
GRANT SELECT ON order_rollups, stage_rollups, place_rollups, place_stage_rollups TO gongzhi_app;
-- The backlog's size is for the system's own job and the operator.
ALTER TABLE rollup_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_queue FORCE ROW LEVEL SECURITY;
CREATE POLICY rollup_queue_system ON rollup_queue FOR SELECT USING (app_is_system());
GRANT SELECT ON rollup_queue TO gongzhi_app;
-- And, like every table under row-level security, only a context the server sealed gets through.
CREATE POLICY app_context_sealed ON order_rollups AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
CREATE POLICY app_context_sealed ON stage_rollups AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
CREATE POLICY app_context_sealed ON place_rollups AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
CREATE POLICY app_context_sealed ON place_stage_rollups AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
CREATE POLICY app_context_sealed ON rollup_queue AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));

-- The rollups start from the orders already here (the server's job takes them at start).
INSERT INTO rollup_queue (order_id) SELECT id FROM work_orders ORDER BY created_at;
