-- Burden reduction (为基层减负): duty lists, work-item access, the certificate list, report
-- templates filled from the system. See docs/DUTIES.md.

-- 权责清单: one row per item of a list. The county's items are the template every township and
-- village inherits (path = the county's); a township or village adds its own (path = its own),
-- proposed by it and approved by the county. An item is never deleted: it is retired with a date.
CREATE TABLE duty_items (
  id              uuid PRIMARY KEY,
  list            text NOT NULL CHECK (list IN (
                    'township_basic', 'township_assist', 'township_returned',   -- 履职事项清单
                    'township_power', 'township_service', 'township_territorial', -- 权力 / 政务服务 / 属地管理事项
                    'village_main', 'village_assist', 'village_forbidden',        -- 村级三个清单
                    'small_power')),                                              -- 小微权力清单
  region_code     varchar(15) NOT NULL REFERENCES regions(code),
  path            ltree NOT NULL,
  code            text NOT NULL,                     -- e.g. 村主-07, shown and exported
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  basis           text,                              -- 政策依据
  department_id   uuid REFERENCES departments(id),   -- the lead (配合履职) or requesting (协助) department
  procedure       text[] NOT NULL DEFAULT '{}',      -- 小微权力: the steps a cadre follows
  status          text NOT NULL CHECK (status IN ('proposed', 'active', 'rejected', 'retired')),
  effective_from  date NOT NULL,
  effective_to    date,
  proposed_by     uuid,
  approved_by     uuid,
  decision_note   text,
  synthetic       boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (region_code, list, code),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX duty_items_path ON duty_items USING gist (path);

-- 事项准入: every task, form, inspection, meeting or data request an upper-level unit sends to a
-- village, with the check's decision. There is no other way into a village's inbox.
CREATE TABLE work_items (
  id                   uuid PRIMARY KEY,
  batch_id             uuid NOT NULL,                   -- one sending, to one or more villages
  kind                 text NOT NULL CHECK (kind IN ('task', 'form', 'inspection', 'meeting', 'data_request')),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  content              text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
  due_on               date,
  duty_item_id         uuid REFERENCES duty_items(id),  -- the list item the sender names
  exception_reason     text,                            -- why it should go down although on no list
  sender_user_id       uuid,
  sender_name          text NOT NULL,                   -- the unit, as the village sees it
  sender_department_id uuid REFERENCES departments(id),
  sender_region_code   varchar(15),                     -- a township or the county, when not a department
  target_region_code   varchar(15) NOT NULL REFERENCES regions(code),
  target_path          ltree NOT NULL,
  status               text NOT NULL CHECK (status IN ('delivered', 'refused', 'held', 'rejected')),
  reason               text NOT NULL,                   -- why it was delivered, refused or held
  approved_by          uuid,
  approval_note        text,
  exception_expires_on date,
  decided_at           timestamptz NOT NULL,
  report_id            uuid,                            -- a report's data request
  fields               jsonb,                           -- a data request's fields: [{key, label, unit}]
  period_from          date,                            -- and the period they are asked for
  period_to            date,
  answered_at          timestamptz,
  answered_by          uuid,
  synthetic            boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL,
  CHECK ((sender_department_id IS NULL) <> (sender_region_code IS NULL)),
  CHECK (status <> 'held' OR exception_reason IS NOT NULL)
);
CREATE INDEX work_items_target ON work_items USING gist (target_path);
CREATE INDEX work_items_department ON work_items (sender_department_id, created_at DESC) WHERE sender_department_id IS NOT NULL;
CREATE INDEX work_items_held ON work_items (created_at) WHERE status = 'held';
CREATE INDEX work_items_sender_region ON work_items (sender_region_code, created_at DESC) WHERE sender_region_code IS NOT NULL;
CREATE INDEX work_items_inbox ON work_items (target_region_code, created_at DESC, id DESC);

-- 减证明: certificates a village may still issue, and those it may no longer be asked for, with
-- what replaces them (告知承诺, or the department that verifies instead).
CREATE TABLE certificate_rules (
  id             uuid PRIMARY KEY,
  name           text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  keywords       text[] NOT NULL DEFAULT '{}',
  allowed        boolean NOT NULL,
  alternative    text,                 -- for one no longer issued: what to do instead
  basis          text,
  synthetic      boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  CHECK (allowed OR alternative IS NOT NULL)
);

-- Each time a village window or the intake answers a request for a certificate no longer issued.
CREATE TABLE certificate_answers (
  id           uuid PRIMARY KEY,
  rule_id      uuid NOT NULL REFERENCES certificate_rules(id),
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('window', 'intake')),
  answered_by  uuid,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);
CREATE INDEX certificate_answers_path ON certificate_answers USING gist (path);

-- 在系统取数据: an upper-level report is a list of fields, each mapped to a measure or marked
-- "not in the system" (asked of villages once per period).
CREATE TABLE report_templates (
  id            uuid PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  requester     text NOT NULL,                   -- who asks for it (上级部门)
  fields        jsonb NOT NULL,                  -- [{key, label, unit, measureId|null}]
  duty_item_id  uuid REFERENCES duty_items(id),  -- the list item its data requests go down under
  created_by    uuid,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL
);

CREATE TABLE reports (
  id           uuid PRIMARY KEY,
  template_id  uuid NOT NULL REFERENCES report_templates(id),
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  figures      jsonb NOT NULL,                   -- system fields: {key: {value, numerator, denominator}}
  created_by   uuid,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);

-- What a village entered for a datum and a period: kept, so it is never asked for twice.
CREATE TABLE village_data (
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  datum_key    text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  value        numeric NOT NULL,
  work_item_id uuid REFERENCES work_items(id),
  entered_by   uuid,
  entered_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, datum_key, period_from, period_to)
);

-- Row-level security. Lists and certificates are read by everyone in the county; reports and
-- work items by the area they concern, and a department also by what it sent.
ALTER TABLE duty_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE duty_items FORCE ROW LEVEL SECURITY;
CREATE POLICY duty_items_read ON duty_items FOR SELECT USING (app_is_system() OR app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path));
CREATE POLICY duty_items_write ON duty_items FOR INSERT WITH CHECK (
  app_is_system() OR (app_role() IN ('county_staff', 'township_staff', 'village_cadre') AND app_in_scope(path)
                      AND (status = 'proposed' OR app_role() = 'county_staff')));
CREATE POLICY duty_items_decide ON duty_items FOR UPDATE USING (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));

ALTER TABLE work_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_items FORCE ROW LEVEL SECURITY;
CREATE POLICY work_items_read ON work_items FOR SELECT USING (
  app_is_system() OR (app_role() <> 'department_staff' AND app_in_scope(target_path))
  OR (app_role() = 'department_staff' AND sender_department_id = app_department_id()));
-- The access check, held by the database too: a row may arrive as delivered only under an active
-- main or assisting item covering the village (or, for the county itself, as an approved
-- exception); anything else is refused or held. A sender cannot write its way past the check.
CREATE POLICY work_items_send ON work_items FOR INSERT WITH CHECK (
  app_is_system() OR (
    app_role() IN ('county_staff', 'township_staff', 'department_staff')
    AND sender_user_id = app_user_id()
    AND (app_role() <> 'department_staff' OR sender_department_id = app_department_id())
    AND (status IN ('refused', 'held') OR (status = 'delivered' AND EXISTS (
      SELECT 1 FROM duty_items d WHERE d.id = duty_item_id AND d.list IN ('village_main', 'village_assist')
        AND d.status = 'active' AND target_path <@ d.path)))));
-- Deciding a held item is the county's; answering a data request is the village's.
CREATE POLICY work_items_decide ON work_items FOR UPDATE USING (
  app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(target_path))
  OR (app_role() IN ('village_cadre', 'grid_worker') AND app_in_scope(target_path) AND status = 'delivered'))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(target_path))
  OR (app_role() IN ('village_cadre', 'grid_worker') AND app_in_scope(target_path) AND status = 'delivered'));

ALTER TABLE certificate_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificate_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY certificate_rules_read ON certificate_rules FOR SELECT USING (true);
CREATE POLICY certificate_rules_write ON certificate_rules FOR INSERT WITH CHECK (app_is_system() OR app_role() = 'county_staff');

ALTER TABLE certificate_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificate_answers FORCE ROW LEVEL SECURITY;
CREATE POLICY certificate_answers_read ON certificate_answers FOR SELECT USING (app_is_system() OR app_in_scope(path));
CREATE POLICY certificate_answers_write ON certificate_answers FOR INSERT WITH CHECK (app_is_system() OR (app_in_scope(path) AND answered_by = app_user_id()));

ALTER TABLE report_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY report_templates_read ON report_templates FOR SELECT USING (app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre'));
CREATE POLICY report_templates_write ON report_templates FOR INSERT WITH CHECK (app_is_system() OR app_role() = 'county_staff');

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY reports_read ON reports FOR SELECT USING (app_is_system() OR app_in_scope(path));
CREATE POLICY reports_write ON reports FOR INSERT WITH CHECK (app_is_system() OR (app_role() IN ('county_staff', 'township_staff') AND app_in_scope(path)));

ALTER TABLE village_data ENABLE ROW LEVEL SECURITY;
ALTER TABLE village_data FORCE ROW LEVEL SECURITY;
CREATE POLICY village_data_read ON village_data FOR SELECT USING (app_is_system() OR app_in_scope(path));
CREATE POLICY village_data_write ON village_data FOR INSERT WITH CHECK (app_is_system() OR (app_role() IN ('village_cadre', 'grid_worker') AND app_in_scope(path)));

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['duty_items', 'work_items', 'certificate_rules', 'certificate_answers', 'report_templates', 'reports', 'village_data'] LOOP
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON duty_items, work_items, certificate_rules, certificate_answers, report_templates, reports, village_data TO gongzhi_app;
GRANT UPDATE (status, effective_to, approved_by, decision_note, updated_at) ON duty_items TO gongzhi_app;
GRANT UPDATE (status, reason, approved_by, approval_note, exception_expires_on, decided_at, answered_at, answered_by) ON work_items TO gongzhi_app;
