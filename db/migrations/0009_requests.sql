-- One intake (民情通 / 12345): work orders from every channel, their stages (each assignment to a
-- unit, with its own time limits), an append-only timeline, photos, whistles (吹哨) and
-- report-ins (报到), extensions, follow-ups (回访), the routing table, notifications, the
-- classifier's models and Open311 keys. Every order row carries the ltree path of where the
-- matter is (grid, village, township or county) that row-level security keys on.

-- The department a department officer works for, set per transaction like the role and scope.
CREATE FUNCTION app_department_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('gongzhi.department_id', true), '')::uuid $$;

-- Which kind of unit a department is (see unitKinds in shared/data/request-categories.json).
ALTER TABLE departments ADD COLUMN unit_kind text;
CREATE INDEX departments_unit_kind ON departments (unit_kind);

-- Daily sequence behind order numbers <county>-<yyyymmdd>-<5-digit seq>.
CREATE TABLE work_order_counters (
  county_code varchar(6) NOT NULL,
  day         date NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (county_code, day)
);

CREATE TABLE work_orders (
  id                      uuid PRIMARY KEY,
  number                  text NOT NULL UNIQUE,
  query_code_hash         text NOT NULL,                 -- SM3 of the tracking code; the code is shown once
  submit_key              text UNIQUE,                   -- who submitted + Idempotency-Key: a retry finds its order
  channel                 text NOT NULL CHECK (channel IN ('hotline','web','app','wechat','patrol','open311','import','supervision')),
  external_source         text,
  external_id             text,
  request_type            text NOT NULL CHECK (request_type IN ('consult','help','complaint','report','suggestion','praise')),
  category_code           varchar(4),                    -- null while waiting in triage
  category_confirmed      boolean NOT NULL DEFAULT false, -- a person chose or confirmed it (kept for retraining)
  predicted_category_code varchar(4),
  predicted_request_type  text,
  confidence              real,
  tier                    text CHECK (tier IN ('urgent','fast','normal','complex')),
  title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  description             text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  address                 text,
  lat                     double precision,
  lng                     double precision,
  grid_code               varchar(15),
  village_code            varchar(15),
  township_code           varchar(15),
  county_code             varchar(6) NOT NULL,
  path                    ltree NOT NULL,
  requester_name          text,
  requester_phone_enc     text,                          -- SM4-GCM
  requester_phone_hash    text,                          -- SM3-HMAC lookup digest
  anonymous               boolean NOT NULL DEFAULT false,
  status                  text NOT NULL CHECK (status IN ('triage','accepted','dispatched','signed','in_progress','resolved','followed_up','closed','merged')),
  level                   text CHECK (level IN ('grid','village','township','county')),
  unit_region_code        varchar(15),                   -- a grid, village, township or county office
  unit_department_id      uuid REFERENCES departments(id),
  current_stage_id        uuid,
  sign_for_due            timestamptz,
  resolve_due             timestamptz,
  follow_up_due           timestamptz,
  resolved_at             timestamptz,
  closed_at               timestamptz,
  closed_level            text CHECK (closed_level IN ('intake','grid','village','township','county')),
  resolution              text,
  supervised              boolean NOT NULL DEFAULT false,
  return_pending          boolean NOT NULL DEFAULT false,
  reopen_count            integer NOT NULL DEFAULT 0,
  parent_id               uuid REFERENCES work_orders(id),
  created_by              uuid,
  synthetic               boolean NOT NULL DEFAULT false,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  UNIQUE (external_source, external_id),
  CHECK ((unit_region_code IS NULL) OR (unit_department_id IS NULL))
);
CREATE INDEX work_orders_path ON work_orders USING gist (path);
CREATE INDEX work_orders_created ON work_orders (created_at);
CREATE INDEX work_orders_status ON work_orders (status) WHERE status NOT IN ('closed','merged');
CREATE INDEX work_orders_unit_region ON work_orders (unit_region_code) WHERE unit_region_code IS NOT NULL;
CREATE INDEX work_orders_unit_department ON work_orders (unit_department_id) WHERE unit_department_id IS NOT NULL;
CREATE INDEX work_orders_phone ON work_orders (requester_phone_hash) WHERE requester_phone_hash IS NOT NULL;
CREATE INDEX work_orders_category_time ON work_orders (category_code, created_at);
CREATE INDEX work_orders_parent ON work_orders (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX work_orders_description_trgm ON work_orders USING gin (description gin_trgm_ops);

-- Each assignment of an order to a unit. Rates per unit are counted from stages; a return the
-- dispatcher upheld is excused and counts against nobody.
CREATE TABLE work_order_stages (
  id                 uuid PRIMARY KEY,
  order_id           uuid NOT NULL REFERENCES work_orders(id),
  seq                integer NOT NULL,
  level              text NOT NULL CHECK (level IN ('grid','village','township','county')),
  unit_region_code   varchar(15),
  unit_department_id uuid REFERENCES departments(id),
  path               ltree NOT NULL,
  started_at         timestamptz NOT NULL,
  sign_for_due       timestamptz NOT NULL,
  resolve_due        timestamptz NOT NULL,
  signed_at          timestamptz,
  ended_at           timestamptz,
  end_reason         text CHECK (end_reason IN ('resolved','escalated','returned','reassigned','merged')),
  excused            boolean NOT NULL DEFAULT false,
  sign_for_notified  boolean NOT NULL DEFAULT false,
  overdue_handled    boolean NOT NULL DEFAULT false,
  UNIQUE (order_id, seq),
  CHECK ((unit_region_code IS NULL) <> (unit_department_id IS NULL))
);
CREATE INDEX work_order_stages_open ON work_order_stages (resolve_due) WHERE ended_at IS NULL;
CREATE INDEX work_order_stages_unit_region ON work_order_stages (unit_region_code);
CREATE INDEX work_order_stages_unit_department ON work_order_stages (unit_department_id);

-- The timeline: every action with who and when. Append-only.
CREATE TABLE work_order_events (
  id          uuid PRIMARY KEY,
  order_id    uuid NOT NULL REFERENCES work_orders(id),
  occurred_at timestamptz NOT NULL,
  action      text NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  unit_name   text,
  note        text,
  details     jsonb,
  path        ltree NOT NULL
);
CREATE INDEX work_order_events_order ON work_order_events (order_id, occurred_at);
CREATE FUNCTION work_order_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work_order_events is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER work_order_events_no_change BEFORE UPDATE OR DELETE ON work_order_events
  FOR EACH ROW EXECUTE FUNCTION work_order_events_immutable();

CREATE TABLE work_order_photos (
  id           uuid PRIMARY KEY,
  order_id     uuid NOT NULL REFERENCES work_orders(id),
  seq          integer NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg','image/png','image/webp')),
  bytes        integer NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,                 -- stored with EXIF removed
  exif_lat     double precision,
  exif_lng     double precision,
  path         ltree NOT NULL,
  created_at   timestamptz NOT NULL,
  UNIQUE (order_id, seq)
);

CREATE TABLE whistles (
  id           uuid PRIMARY KEY,
  order_id     uuid NOT NULL REFERENCES work_orders(id),
  caller_code  varchar(15) NOT NULL,           -- the township (or county) that whistled
  reason       text NOT NULL,
  path         ltree NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL
);
CREATE INDEX whistles_order ON whistles (order_id);

-- One summoned unit per call: a department, or the county centre (镇呼县应).
CREATE TABLE whistle_calls (
  id            uuid PRIMARY KEY,
  whistle_id    uuid NOT NULL REFERENCES whistles(id),
  order_id      uuid NOT NULL REFERENCES work_orders(id),
  department_id uuid REFERENCES departments(id),
  region_code   varchar(15),
  path          ltree NOT NULL,
  report_due    timestamptz NOT NULL,
  reported_at   timestamptz,
  reported_by   uuid,
  report_note   text,
  part_done_at  timestamptz,
  part_note     text,
  notified_late boolean NOT NULL DEFAULT false,
  CHECK ((department_id IS NULL) <> (region_code IS NULL))
);
CREATE INDEX whistle_calls_department ON whistle_calls (department_id) WHERE department_id IS NOT NULL;
CREATE INDEX whistle_calls_order ON whistle_calls (order_id);

CREATE TABLE extension_requests (
  id            uuid PRIMARY KEY,
  order_id      uuid NOT NULL REFERENCES work_orders(id),
  stage_id      uuid NOT NULL REFERENCES work_order_stages(id),
  days          integer NOT NULL CHECK (days BETWEEN 1 AND 30),
  reason        text NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending','approved','refused')),
  path          ltree NOT NULL,
  requested_by  uuid,
  requested_at  timestamptz NOT NULL,
  decided_by    uuid,
  decided_at    timestamptz,
  decision_note text
);
CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests (stage_id) WHERE status = 'pending';

CREATE TABLE follow_ups (
  id           uuid PRIMARY KEY,
  order_id     uuid NOT NULL REFERENCES work_orders(id),
  stage_id     uuid REFERENCES work_order_stages(id),
  contacted    boolean NOT NULL,               -- the unit contacted the requester (响应)
  resolved     boolean NOT NULL,               -- the requester says it is solved (解决)
  satisfaction text NOT NULL CHECK (satisfaction IN ('satisfied','basically','unsatisfied')),
  comment      text,
  path         ltree NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL
);
CREATE INDEX follow_ups_order ON follow_ups (order_id);

-- The county's routing table: for a region (and everything below it) and a unit kind, the
-- department that takes the orders. The most specific region wins.
CREATE TABLE routing_rules (
  id            uuid PRIMARY KEY,
  region_code   varchar(15) NOT NULL REFERENCES regions(code),
  unit_kind     text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  path          ltree NOT NULL,
  updated_by    uuid,
  updated_at    timestamptz NOT NULL,
  UNIQUE (region_code, unit_kind)
);

-- In-app notifications to a unit; the webhook adapter records its delivery here too.
CREATE TABLE notifications (
  id                 uuid PRIMARY KEY,
  unit_region_code   varchar(15),
  unit_department_id uuid REFERENCES departments(id),
  order_id           uuid REFERENCES work_orders(id),
  kind               text NOT NULL,
  message            text NOT NULL,
  path               ltree NOT NULL,
  created_at         timestamptz NOT NULL,
  read_at            timestamptz,
  webhook_status     text CHECK (webhook_status IN ('pending','sending','delivered','failed')),
  webhook_attempts   integer NOT NULL DEFAULT 0,
  webhook_claimed_at timestamptz
);
CREATE INDEX notifications_region ON notifications (unit_region_code, created_at) WHERE unit_region_code IS NOT NULL;
CREATE INDEX notifications_department ON notifications (unit_department_id, created_at) WHERE unit_department_id IS NOT NULL;
CREATE INDEX notifications_webhook ON notifications (created_at) WHERE webhook_status IN ('pending','sending');

CREATE TABLE classifier_models (
  id         uuid PRIMARY KEY,
  source     text NOT NULL,                    -- 'corpus' or 'orders'
  examples   integer NOT NULL,
  accuracy   real,
  model      jsonb NOT NULL,
  active     boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX classifier_models_one_active ON classifier_models (active) WHERE active;

CREATE TABLE open311_keys (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- Row-level security. Department officers see what was sent to their department; everyone else
-- sees orders located in their region subtree.
CREATE FUNCTION app_sees_order(order_path ltree, unit_department uuid, order_id uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_role() = 'department_staff'
    THEN unit_department = app_department_id()
      OR EXISTS (SELECT 1 FROM whistle_calls c WHERE c.order_id = $3 AND c.department_id = app_department_id())
    ELSE app_in_scope(order_path) END
$$;

ALTER TABLE work_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY work_orders_access ON work_orders FOR ALL
  USING (app_sees_order(path, unit_department_id, id)) WITH CHECK (app_sees_order(path, unit_department_id, id));

ALTER TABLE work_order_stages ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_stages FORCE ROW LEVEL SECURITY;
CREATE POLICY work_order_stages_access ON work_order_stages FOR ALL
  USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id)) WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE work_order_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_events FORCE ROW LEVEL SECURITY;
CREATE POLICY work_order_events_read ON work_order_events FOR SELECT USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));
CREATE POLICY work_order_events_append ON work_order_events FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE work_order_photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_photos FORCE ROW LEVEL SECURITY;
CREATE POLICY work_order_photos_access ON work_order_photos FOR ALL
  USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id)) WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE whistles ENABLE ROW LEVEL SECURITY;
ALTER TABLE whistles FORCE ROW LEVEL SECURITY;
CREATE POLICY whistles_access ON whistles FOR ALL
  USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id)) WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE whistle_calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE whistle_calls FORCE ROW LEVEL SECURITY;
CREATE POLICY whistle_calls_access ON whistle_calls FOR ALL
  USING (app_in_scope(path) AND app_role() <> 'department_staff' OR department_id = app_department_id())
  WITH CHECK (app_in_scope(path) AND app_role() <> 'department_staff' OR department_id = app_department_id());

ALTER TABLE extension_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE extension_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY extension_requests_access ON extension_requests FOR ALL
  USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id)) WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE follow_ups ENABLE ROW LEVEL SECURITY;
ALTER TABLE follow_ups FORCE ROW LEVEL SECURITY;
CREATE POLICY follow_ups_access ON follow_ups FOR ALL
  USING (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id)) WITH CHECK (EXISTS (SELECT 1 FROM work_orders o WHERE o.id = order_id));

ALTER TABLE routing_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE routing_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY routing_rules_read ON routing_rules FOR SELECT USING (app_is_system() OR app_scope() IS NOT NULL);
CREATE POLICY routing_rules_write ON routing_rules FOR ALL
  USING (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_access ON notifications FOR ALL
  USING (app_is_system() OR (app_role() = 'department_staff' AND unit_department_id = app_department_id())
         OR (app_role() <> 'department_staff' AND unit_region_code IS NOT NULL AND app_in_scope(path)))
  WITH CHECK (true);

ALTER TABLE classifier_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE classifier_models FORCE ROW LEVEL SECURITY;
CREATE POLICY classifier_models_read ON classifier_models FOR SELECT USING (true);
CREATE POLICY classifier_models_write ON classifier_models FOR ALL
  USING (app_is_system() OR app_role() = 'county_staff') WITH CHECK (app_is_system() OR app_role() = 'county_staff');

ALTER TABLE open311_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE open311_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY open311_keys_access ON open311_keys FOR ALL USING (app_is_system()) WITH CHECK (app_is_system());

ALTER TABLE work_order_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY work_order_counters_access ON work_order_counters FOR ALL USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE ON work_orders, work_order_stages, work_order_photos, whistles, whistle_calls,
  extension_requests, follow_ups, notifications, work_order_counters TO gongzhi_app;
GRANT SELECT, INSERT ON work_order_events TO gongzhi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON routing_rules, classifier_models, open311_keys TO gongzhi_app;
