-- One-stop dispute mediation (矛盾纠纷一站式、多元化解). Cases with their parties, sessions,
-- agreements and an append-only timeline; the mediator roster; leaders' petition receptions
-- (信访接访/约访/下访). Every case row carries the ltree path of its place (grid, village,
-- township or county) that row-level security keys on, like work orders. Department officers
-- and residents see no case.

-- Who works on disputes: the county, township and village centres (综治中心) and grid workers.
CREATE FUNCTION app_mediates() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre','grid_worker') $$;

-- Daily sequence behind case numbers <county>-TJ-<yyyymmdd>-<4-digit seq>.
CREATE TABLE dispute_counters (
  county_code varchar(6) NOT NULL,
  day         date NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (county_code, day)
);

-- The roster of mediators (人民调解员), full- or part-time, of a committee at a village,
-- township or the county.
CREATE TABLE mediators (
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  kind         text NOT NULL CHECK (kind IN ('full_time','part_time')),
  specialties  text[] NOT NULL DEFAULT '{}',        -- dispute type codes (12xx)
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  organization text NOT NULL CHECK (length(organization) BETWEEN 1 AND 100),
  active       boolean NOT NULL DEFAULT true,
  path         ltree NOT NULL,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX mediators_path ON mediators USING gist (path);

-- Leaders' reception schedule: 接访 (receive at the centre), 约访 (by appointment), 带案下访 (visit).
CREATE TABLE petition_receptions (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('receive','appoint','visit')),
  leader_name  text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title text NOT NULL CHECK (length(leader_title) BETWEEN 1 AND 100),
  scheduled_at timestamptz NOT NULL,
  place        text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  notes        text,
  path         ltree NOT NULL,
  created_by   uuid,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);
CREATE INDEX petition_receptions_path ON petition_receptions USING gist (path);
CREATE INDEX petition_receptions_time ON petition_receptions (scheduled_at);

CREATE TABLE dispute_cases (
  id                 uuid PRIMARY KEY,
  number             text NOT NULL UNIQUE,
  submit_key         text UNIQUE,                      -- who submitted + Idempotency-Key
  source             text NOT NULL CHECK (source IN ('work_order','window','grid')),
  work_order_id      uuid UNIQUE REFERENCES work_orders(id),
  dispute_type       varchar(4) NOT NULL,              -- a 12xx subcategory of the request taxonomy
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  narrative          text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 4000),
  amount             numeric(14,2) CHECK (amount >= 0),
  attachments        text[] NOT NULL DEFAULT '{}',     -- file names only; the files are kept on paper / elsewhere
  methods            text[] NOT NULL DEFAULT '{}',
  risk_level         text NOT NULL CHECK (risk_level IN ('low','medium','high')),
  auto_risk_level    text NOT NULL CHECK (auto_risk_level IN ('low','medium','high')),
  risk_reasons       text[] NOT NULL DEFAULT '{}',
  level              text NOT NULL CHECK (level IN ('grid','village','township','county')),
  unit_region_code   varchar(15) NOT NULL,             -- the office handling it: a grid, village, township or the county
  level_started_at   timestamptz NOT NULL,
  level_due          timestamptz NOT NULL,             -- the level's mediation time limit
  overdue_notified   boolean NOT NULL DEFAULT false,   -- at county level, where there is no level above
  grid_code          varchar(15),
  village_code       varchar(15),
  township_code      varchar(15),
  county_code        varchar(6) NOT NULL,
  path               ltree NOT NULL,
  status             text NOT NULL CHECK (status IN ('open','failed','agreed','closed')),
  outcome            text CHECK (outcome IN ('written','oral','referred')),
  referral           text CHECK (referral IN ('litigation','arbitration','petition')),
  outcome_note       text,
  mediator_id        uuid REFERENCES mediators(id),
  reception_id       uuid REFERENCES petition_receptions(id),
  escalations        integer NOT NULL DEFAULT 0,
  closed_level       text CHECK (closed_level IN ('grid','village','township','county')),
  closed_at          timestamptz,
  created_by         uuid,
  synthetic          boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX dispute_cases_path ON dispute_cases USING gist (path);
CREATE INDEX dispute_cases_created ON dispute_cases (created_at);
CREATE INDEX dispute_cases_open_due ON dispute_cases (level_due) WHERE status IN ('open','failed');
CREATE INDEX dispute_cases_mediator ON dispute_cases (mediator_id) WHERE mediator_id IS NOT NULL;

CREATE TABLE dispute_parties (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES dispute_cases(id),
  seq              integer NOT NULL,
  role             text NOT NULL CHECK (role IN ('applicant','respondent','third_party')),
  resident_id      uuid REFERENCES residents(id),      -- from the registry, or null for an outsider
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_norm        text NOT NULL,                      -- for finding repeat disputes between the same people
  id_number_masked text,
  phone_enc        text,                               -- SM4-GCM
  phone_hash       text,                               -- SM3-HMAC lookup digest
  phone_masked     text,
  address          text,
  path             ltree NOT NULL,
  created_at       timestamptz NOT NULL,
  UNIQUE (case_id, seq)
);
CREATE INDEX dispute_parties_case ON dispute_parties (case_id);
CREATE INDEX dispute_parties_resident ON dispute_parties (resident_id) WHERE resident_id IS NOT NULL;
CREATE INDEX dispute_parties_name ON dispute_parties (name_norm);

CREATE TABLE dispute_sessions (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES dispute_cases(id),
  held_at    timestamptz NOT NULL,
  place      text NOT NULL,
  attendees  text[] NOT NULL DEFAULT '{}',
  record     text NOT NULL,                            -- the minutes
  methods    text[] NOT NULL DEFAULT '{}',
  mediator_id uuid REFERENCES mediators(id),
  path       ltree NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX dispute_sessions_case ON dispute_sessions (case_id, held_at);

-- The agreement: written (调解协议书, 人民调解法 art. 29) or oral (art. 28).
CREATE TABLE dispute_agreements (
  id                    uuid PRIMARY KEY,
  case_id               uuid NOT NULL UNIQUE REFERENCES dispute_cases(id),
  kind                  text NOT NULL CHECK (kind IN ('written','oral')),
  facts                 text,
  matters               text,
  responsibilities      text,
  terms                 text NOT NULL,
  performance_method    text,
  performance_deadline  date,
  committee_name        text,
  parties_signed        boolean NOT NULL DEFAULT false,
  signed_at             timestamptz,
  stamped               boolean NOT NULL DEFAULT false,
  stamped_at            timestamptz,
  effective_at          timestamptz,                   -- signed and stamped (written), or agreed (oral)
  judicial_due          date,                          -- the last day to apply for 司法确认 (30 days)
  judicial_reminded     boolean NOT NULL DEFAULT false,
  follow_up_reminded    boolean NOT NULL DEFAULT false,
  followed_up_at        timestamptz,
  performed             boolean,
  follow_up_note        text,
  path                  ltree NOT NULL,
  created_by            uuid,
  created_at            timestamptz NOT NULL,
  CHECK (kind = 'oral' OR (facts IS NOT NULL AND matters IS NOT NULL AND responsibilities IS NOT NULL
                           AND performance_method IS NOT NULL AND performance_deadline IS NOT NULL AND committee_name IS NOT NULL))
);

-- The timeline: every action with who and when. Append-only.
CREATE TABLE dispute_events (
  id          uuid PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES dispute_cases(id),
  occurred_at timestamptz NOT NULL,
  action      text NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  note        text,
  details     jsonb,
  path        ltree NOT NULL
);
CREATE INDEX dispute_events_case ON dispute_events (case_id, occurred_at);
CREATE FUNCTION dispute_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispute_events is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER dispute_events_no_change BEFORE UPDATE OR DELETE ON dispute_events
  FOR EACH ROW EXECUTE FUNCTION dispute_events_immutable();

-- Row-level security: cases in the actor's region subtree, for those who mediate; the rows
-- hanging off a case follow it.
ALTER TABLE dispute_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_cases_access ON dispute_cases FOR ALL
  USING (app_mediates() AND app_in_scope(path)) WITH CHECK (app_mediates() AND app_in_scope(path));

ALTER TABLE dispute_parties ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_parties FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_parties_access ON dispute_parties FOR ALL
  USING (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id));

ALTER TABLE dispute_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_sessions_access ON dispute_sessions FOR ALL
  USING (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id));

ALTER TABLE dispute_agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_agreements FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_agreements_access ON dispute_agreements FOR ALL
  USING (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id));

ALTER TABLE dispute_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_events FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_events_read ON dispute_events FOR SELECT USING (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id));
CREATE POLICY dispute_events_append ON dispute_events FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM dispute_cases c WHERE c.id = case_id));

-- The roster and the reception schedule: readable in the subtree and from below (a village sees
-- the township's and the county's mediators and leaders' receptions); the roster is kept by the
-- county, receptions are scheduled by county and township staff within their scope.
ALTER TABLE mediators ENABLE ROW LEVEL SECURITY;
ALTER TABLE mediators FORCE ROW LEVEL SECURITY;
CREATE POLICY mediators_read ON mediators FOR SELECT
  USING (app_mediates() AND (app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path)));
CREATE POLICY mediators_write ON mediators FOR ALL
  USING (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));

ALTER TABLE petition_receptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE petition_receptions FORCE ROW LEVEL SECURITY;
CREATE POLICY petition_receptions_read ON petition_receptions FOR SELECT
  USING (app_mediates() AND (app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path)));
CREATE POLICY petition_receptions_write ON petition_receptions FOR ALL
  USING (app_is_system() OR (app_role() IN ('county_staff','township_staff') AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff','township_staff') AND app_in_scope(path)));

ALTER TABLE dispute_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_counters_access ON dispute_counters FOR ALL USING (app_mediates()) WITH CHECK (app_mediates());

GRANT SELECT, INSERT, UPDATE ON dispute_cases, dispute_parties, dispute_sessions, dispute_agreements,
  mediators, petition_receptions, dispute_counters TO gongzhi_app;
GRANT SELECT, INSERT ON dispute_events TO gongzhi_app;
