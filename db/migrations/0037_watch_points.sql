-- Observation points (观测点) and monitoring points (监测点) of burden reduction: townships and
-- villages the county tags to watch how the measures land. A formalism report names a monitoring
-- point as where it happened. Points are never deleted: removing one records the day.
-- Task reminders: one in-app reminder to a task's lead unit before its deadline, once per task
-- and deadline (the row is the proof it was sent; the notice itself is in `notifications`).
-- See docs/DUTIES.md.
CREATE TABLE watch_points (
  id             uuid PRIMARY KEY,
  region_code    varchar(15) NOT NULL REFERENCES regions(code),
  path           ltree NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('observation', 'monitoring')),
  designated_on  date NOT NULL,
  note           text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
  designated_by  uuid,
  removed_on     date,
  removed_by     uuid,
  synthetic      boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  CHECK (removed_on IS NULL OR removed_on >= designated_on)
);
-- One point in force per region and kind (a region may be both).
CREATE UNIQUE INDEX watch_points_active ON watch_points (region_code, kind) WHERE removed_on IS NULL;
CREATE INDEX watch_points_path ON watch_points USING gist (path);
CREATE INDEX formalism_reports_path ON formalism_reports USING gist (path);

CREATE TABLE task_reminders (
  task_id  uuid NOT NULL REFERENCES tasks(id),
  due_on   date NOT NULL,
  sent_at  timestamptz NOT NULL,
  PRIMARY KEY (task_id, due_on)
);

ALTER TABLE watch_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE watch_points FORCE ROW LEVEL SECURITY;
CREATE POLICY watch_points_read ON watch_points FOR SELECT USING (app_is_system() OR app_in_scope(path));
CREATE POLICY watch_points_write ON watch_points FOR INSERT WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
CREATE POLICY watch_points_remove ON watch_points FOR UPDATE
  USING (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
ALTER TABLE task_reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY task_reminders_read ON task_reminders FOR SELECT USING (app_is_system() OR app_role() <> 'resident');
-- Only the server's periodic job sends reminders.
CREATE POLICY task_reminders_write ON task_reminders FOR INSERT WITH CHECK (app_is_system());

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['watch_points', 'task_reminders'] LOOP
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON watch_points, task_reminders TO gongzhi_app;
GRANT UPDATE (removed_on, removed_by) ON watch_points TO gongzhi_app;
