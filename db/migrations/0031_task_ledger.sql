-- Task lists and ledgers (任务清单 / 工作台账): a set of measures ("20 条措施") breaks into tasks,
-- each with a lead unit, co-units and a deadline; units report progress in the system and the
-- ledger is generated from those reports, never typed. Formalism reports (形式主义问题反映) go to
-- the county and are tracked to an answer. See docs/DUTIES.md.
CREATE TABLE task_lists (
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  issuer       text NOT NULL,                 -- who issued the measures (e.g. 县委办)
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  created_by   uuid,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);

CREATE TABLE tasks (
  id                  uuid PRIMARY KEY,
  list_id             uuid NOT NULL REFERENCES task_lists(id),
  seq                 integer NOT NULL,
  measure_no          text NOT NULL,          -- which of the measures it belongs to (第 3 条)
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  lead_department_id  uuid REFERENCES departments(id),
  lead_region_code    varchar(15) REFERENCES regions(code),
  co_units            text[] NOT NULL DEFAULT '{}',
  due_on              date NOT NULL,
  measure_id          text,                   -- a platform measure the task's progress is read from
  target              numeric,
  path                ltree NOT NULL,
  synthetic           boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  UNIQUE (list_id, seq),
  CHECK ((lead_department_id IS NULL) <> (lead_region_code IS NULL))
);

CREATE TABLE task_reports (
  id           uuid PRIMARY KEY,
  task_id      uuid NOT NULL REFERENCES tasks(id),
  status       text NOT NULL CHECK (status IN ('on_track', 'delayed', 'done')),
  progress     text NOT NULL CHECK (length(progress) BETWEEN 1 AND 2000),
  figure       numeric,                       -- the task's measure when reported, read from the system
  file_ids     uuid[] NOT NULL DEFAULT '{}',
  reported_by  uuid,
  reporter_name text NOT NULL,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);
CREATE INDEX task_reports_task ON task_reports (task_id, created_at DESC);

CREATE TABLE formalism_reports (
  id            uuid PRIMARY KEY,
  region_code   varchar(15) NOT NULL REFERENCES regions(code),   -- where it happened (a monitoring point, often)
  path          ltree NOT NULL,
  content       text NOT NULL CHECK (length(content) BETWEEN 5 AND 2000),
  anonymous     boolean NOT NULL,
  reporter_id   uuid,                                           -- null when anonymous
  status        text NOT NULL CHECK (status IN ('open', 'answered')),
  answer        text,
  answered_by   uuid,
  answered_at   timestamptz,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  CHECK (anonymous = (reporter_id IS NULL)),
  CHECK ((status = 'answered') = (answer IS NOT NULL))
);

ALTER TABLE task_lists ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_lists FORCE ROW LEVEL SECURITY;
CREATE POLICY task_lists_read ON task_lists FOR SELECT USING (app_is_system() OR app_role() <> 'resident');
CREATE POLICY task_lists_write ON task_lists FOR INSERT WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_read ON tasks FOR SELECT USING (app_is_system() OR app_role() <> 'resident');
CREATE POLICY tasks_write ON tasks FOR INSERT WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
ALTER TABLE task_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY task_reports_read ON task_reports FOR SELECT USING (app_is_system() OR app_role() <> 'resident');
-- Only the lead unit reports: its department's staff, or staff of its region.
CREATE POLICY task_reports_write ON task_reports FOR INSERT WITH CHECK (
  app_is_system() OR (reported_by IS NOT DISTINCT FROM app_user_id() AND EXISTS (
    SELECT 1 FROM tasks t WHERE t.id = task_id
      AND ((t.lead_department_id IS NOT NULL AND t.lead_department_id = app_department_id())
        OR (t.lead_region_code IS NOT NULL AND app_role() IN ('county_staff', 'township_staff', 'village_cadre')
            AND EXISTS (SELECT 1 FROM regions r WHERE r.code = t.lead_region_code AND app_in_scope(r.path)))))));
ALTER TABLE formalism_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE formalism_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY formalism_reports_read ON formalism_reports FOR SELECT
  USING (app_is_system() OR app_role() = 'county_staff' OR (reporter_id IS NOT NULL AND reporter_id = app_user_id()));
CREATE POLICY formalism_reports_write ON formalism_reports FOR INSERT WITH CHECK (app_is_system() OR app_role() <> 'anonymous');
CREATE POLICY formalism_reports_answer ON formalism_reports FOR UPDATE USING (app_is_system() OR app_role() = 'county_staff')
  WITH CHECK (app_is_system() OR app_role() = 'county_staff');

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['task_lists', 'tasks', 'task_reports', 'formalism_reports'] LOOP
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON task_lists, tasks, task_reports, formalism_reports TO gongzhi_app;
GRANT UPDATE (status, answer, answered_by, answered_at) ON formalism_reports TO gongzhi_app;
