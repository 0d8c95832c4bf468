-- Co-creation with residents (共同缔造): opinions and proposals (议题), deliberation meetings with
-- attendance and resolutions, votes (豆选 / 表决) over an electorate snapshot from the registry,
-- projects with budgets and residents' contributions (money, labour, land), care teams,
-- evaluation by households. Every table carries the path of the village (or the grid/compound
-- below it) it belongs to; scope is that path. See docs/COCREATION.md.

CREATE FUNCTION app_may_edit_cocreation() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre') $$;
CREATE FUNCTION app_may_read_cocreation() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre', 'grid_worker') $$;

-- 议题: a matter put to the village for deliberation; opinions are grouped under it.
CREATE TABLE cocreation_proposals (
  id           uuid PRIMARY KEY,
  region_code  varchar(15) NOT NULL REFERENCES regions(code),   -- the village (or a group below it)
  path         ltree NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description  text,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'deliberating', 'decided', 'closed')),
  synthetic    boolean NOT NULL DEFAULT false,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX cocreation_proposals_path ON cocreation_proposals USING gist (path);

-- 意见建议: from a resident (checked against the registry), a visit, a meeting, a suggestion order
-- or a cadre; answered within a time limit on the working-day calendar.
CREATE TABLE cocreation_opinions (
  id             uuid PRIMARY KEY,
  region_code    varchar(15) NOT NULL REFERENCES regions(code),
  path           ltree NOT NULL,
  source         text NOT NULL CHECK (source IN ('resident', 'visit', 'meeting', 'order', 'cadre')),
  resident_id    uuid REFERENCES residents(id),
  household_id   uuid REFERENCES households(id),
  visit_id       uuid REFERENCES visits(id),
  order_id       uuid REFERENCES work_orders(id),
  meeting_id     uuid,                                    -- FK added below (meetings are defined later)
  author_name    text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 50),
  content        text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'adopted', 'merged', 'answered', 'declined')),
  answer         text,
  proposal_id    uuid REFERENCES cocreation_proposals(id),
  project_id     uuid,                                    -- FK added below
  merged_into    uuid REFERENCES cocreation_opinions(id),
  due_on         date NOT NULL,
  answered_at    timestamptz,
  answered_by    uuid,
  synthetic      boolean NOT NULL DEFAULT false,
  created_by     uuid,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CHECK ((status = 'open') = (answered_at IS NULL)),
  CHECK (status <> 'merged' OR merged_into IS NOT NULL),
  CHECK (status NOT IN ('declined', 'answered') OR answer IS NOT NULL)
);
CREATE INDEX cocreation_opinions_path ON cocreation_opinions USING gist (path);
CREATE INDEX cocreation_opinions_proposal ON cocreation_opinions (proposal_id) WHERE proposal_id IS NOT NULL;
CREATE UNIQUE INDEX cocreation_opinions_order ON cocreation_opinions (order_id) WHERE order_id IS NOT NULL;

-- 议事: 院坝会, 火塘会, 楼宇会, 阳光议事厅, 村民议事会, 四方联动, 村民代表会议, 党员大会.
CREATE TABLE cocreation_meetings (
  id              uuid PRIMARY KEY,
  region_code     varchar(15) NOT NULL REFERENCES regions(code),
  path            ltree NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('courtyard', 'fireside', 'building', 'sunshine_hall', 'villager_council',
                                                  'four_party', 'representatives', 'party_members')),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  place           text,
  starts_at       timestamptz NOT NULL,
  invited_parties text[] NOT NULL DEFAULT '{}',            -- 业委会、物业… for 四方联动
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  minutes         text,
  quorum_met      boolean,
  held_at         timestamptz,
  synthetic       boolean NOT NULL DEFAULT false,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX cocreation_meetings_path ON cocreation_meetings USING gist (path);
ALTER TABLE cocreation_opinions ADD FOREIGN KEY (meeting_id) REFERENCES cocreation_meetings(id);

CREATE TABLE cocreation_meeting_proposals (
  meeting_id   uuid NOT NULL REFERENCES cocreation_meetings(id),
  proposal_id  uuid NOT NULL REFERENCES cocreation_proposals(id),
  seq          int NOT NULL,
  path         ltree NOT NULL,
  PRIMARY KEY (meeting_id, proposal_id)
);

-- Invitations by household (or a named person: a representative, a party member), attendance
-- taken from that roster.
CREATE TABLE cocreation_attendees (
  id            uuid PRIMARY KEY,
  meeting_id    uuid NOT NULL REFERENCES cocreation_meetings(id),
  household_id  uuid REFERENCES households(id),
  resident_id   uuid REFERENCES residents(id),
  name          text NOT NULL,
  path          ltree NOT NULL,
  attendance    text CHECK (attendance IN ('present', 'proxy', 'absent')),
  proxy_name    text,
  CHECK (household_id IS NOT NULL OR resident_id IS NOT NULL),
  CHECK (attendance <> 'proxy' OR proxy_name IS NOT NULL)
);
CREATE UNIQUE INDEX cocreation_attendees_person ON cocreation_attendees (meeting_id, coalesce(resident_id, household_id));

CREATE TABLE cocreation_resolutions (
  id           uuid PRIMARY KEY,
  meeting_id   uuid NOT NULL REFERENCES cocreation_meetings(id),
  path         ltree NOT NULL,
  seq          int NOT NULL,
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  proposal_id  uuid REFERENCES cocreation_proposals(id),
  vote_id      uuid,                                       -- FK added below
  project_id   uuid,                                       -- FK added below
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  UNIQUE (meeting_id, seq)
);

-- 表决 / 豆选. The electorate is copied from the registry when the vote opens.
CREATE TABLE cocreation_votes (
  id              uuid PRIMARY KEY,
  region_code     varchar(15) NOT NULL REFERENCES regions(code),   -- the area whose people vote
  path            ltree NOT NULL,
  proposal_id     uuid REFERENCES cocreation_proposals(id),
  meeting_id      uuid REFERENCES cocreation_meetings(id),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  method          text NOT NULL CHECK (method IN ('single', 'approval', 'yes_no')),
  electorate      text NOT NULL CHECK (electorate IN ('household', 'adult')),
  secret          boolean NOT NULL DEFAULT true,
  quorum_pct      int NOT NULL CHECK (quorum_pct BETWEEN 0 AND 100),
  pass_pct        int NOT NULL CHECK (pass_pct BETWEEN 1 AND 100),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  opens_at        timestamptz,
  closes_at       timestamptz,
  closed_at       timestamptz,
  electorate_size int,
  result          jsonb,                                   -- the tally, fixed when closed
  synthetic       boolean NOT NULL DEFAULT false,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX cocreation_votes_path ON cocreation_votes USING gist (path);
ALTER TABLE cocreation_resolutions ADD FOREIGN KEY (vote_id) REFERENCES cocreation_votes(id);

CREATE TABLE cocreation_vote_options (
  id          uuid PRIMARY KEY,
  vote_id     uuid NOT NULL REFERENCES cocreation_votes(id),
  path        ltree NOT NULL,
  seq         int NOT NULL,
  label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  description text,
  UNIQUE (vote_id, seq)
);

-- Who may vote: one row per household (its head votes) or per adult resident, from the snapshot.
CREATE TABLE cocreation_electors (
  id            uuid PRIMARY KEY,
  vote_id       uuid NOT NULL REFERENCES cocreation_votes(id),
  path          ltree NOT NULL,
  household_id  uuid NOT NULL REFERENCES households(id),
  resident_id   uuid REFERENCES residents(id),             -- the person (household: its head at the snapshot)
  name          text NOT NULL,
  voted_at      timestamptz,
  channel       text CHECK (channel IN ('online', 'paper')),
  entered_by    uuid,                                      -- paper: the clerk
  witness_name  text,                                      -- paper: the second person
  UNIQUE (vote_id, household_id, resident_id),
  CHECK ((voted_at IS NULL) = (channel IS NULL)),
  CHECK (channel <> 'paper' OR (entered_by IS NOT NULL AND witness_name IS NOT NULL))
);
CREATE INDEX cocreation_electors_vote ON cocreation_electors (vote_id);

-- The choices. A secret vote's ballot carries no elector and a random id (not a time-ordered
-- one), so a ballot cannot be tied to who cast it.
CREATE TABLE cocreation_ballots (
  id          uuid PRIMARY KEY,
  vote_id     uuid NOT NULL REFERENCES cocreation_votes(id),
  path        ltree NOT NULL,
  elector_id  uuid REFERENCES cocreation_electors(id),     -- only for open (non-secret) votes
  channel     text NOT NULL CHECK (channel IN ('online', 'paper')),
  choices     text[] NOT NULL                               -- option ids, or yes / no / abstain
);
CREATE INDEX cocreation_ballots_vote ON cocreation_ballots (vote_id);

-- 发展共建 / 建设共管.
CREATE TABLE cocreation_projects (
  id              uuid PRIMARY KEY,
  region_code     varchar(15) NOT NULL REFERENCES regions(code),
  path            ltree NOT NULL,
  resolution_id   uuid REFERENCES cocreation_resolutions(id),
  vote_option_id  uuid REFERENCES cocreation_vote_options(id),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  plan            text,
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'building', 'completed', 'cancelled')),
  progress        int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  started_on      date,
  completed_on    date,
  rating_opens_on date,
  rating_closes_on date,
  synthetic       boolean NOT NULL DEFAULT false,
  created_by      uuid,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX cocreation_projects_path ON cocreation_projects USING gist (path);
ALTER TABLE cocreation_resolutions ADD FOREIGN KEY (project_id) REFERENCES cocreation_projects(id);
ALTER TABLE cocreation_opinions ADD FOREIGN KEY (project_id) REFERENCES cocreation_projects(id);

-- Budget by source: 上级补助、村集体、群众筹资、单位支持、其他 (yuan).
CREATE TABLE cocreation_budget_lines (
  project_id  uuid NOT NULL REFERENCES cocreation_projects(id),
  path        ltree NOT NULL,
  source      text NOT NULL CHECK (source IN ('higher_grant', 'village_collective', 'residents', 'unit_support', 'other')),
  amount      numeric(14, 2) NOT NULL CHECK (amount >= 0),
  note        text,
  PRIMARY KEY (project_id, source)
);

-- 投工投劳 / 筹资 / 让地让利: each entry from a registry household of the project's village.
CREATE TABLE cocreation_contributions (
  id            uuid PRIMARY KEY,
  project_id    uuid NOT NULL REFERENCES cocreation_projects(id),
  path          ltree NOT NULL,
  household_id  uuid NOT NULL REFERENCES households(id),
  kind          text NOT NULL CHECK (kind IN ('money', 'labour', 'land', 'materials')),
  amount        numeric(14, 2) CHECK (amount >= 0),         -- money: yuan
  labour_days   numeric(8, 1) CHECK (labour_days >= 0),
  area_m2       numeric(12, 2) CHECK (area_m2 >= 0),         -- land given
  description   text,
  value_yuan    numeric(14, 2) NOT NULL DEFAULT 0 CHECK (value_yuan >= 0),   -- what it saved, valued
  receipt_no    text,
  contributed_on date NOT NULL,
  synthetic     boolean NOT NULL DEFAULT false,
  recorded_by   uuid,
  recorded_at   timestamptz NOT NULL,
  CHECK (kind <> 'money' OR amount IS NOT NULL),
  CHECK (kind <> 'labour' OR labour_days IS NOT NULL),
  CHECK (kind <> 'land' OR area_m2 IS NOT NULL)
);
CREATE INDEX cocreation_contributions_project ON cocreation_contributions (project_id);
CREATE INDEX cocreation_contributions_household ON cocreation_contributions (household_id);

CREATE TABLE cocreation_milestones (
  id          uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES cocreation_projects(id),
  path        ltree NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  progress    int NOT NULL CHECK (progress BETWEEN 0 AND 100),
  note        text,
  reached_on  date NOT NULL,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX cocreation_milestones_project ON cocreation_milestones (project_id);

-- 管护小组: members from the registry, each with a duty and a turn on the roster.
CREATE TABLE cocreation_care_members (
  id           uuid PRIMARY KEY,
  project_id   uuid NOT NULL REFERENCES cocreation_projects(id),
  path         ltree NOT NULL,
  resident_id  uuid NOT NULL REFERENCES residents(id),
  name         text NOT NULL,
  duty         text NOT NULL CHECK (length(duty) BETWEEN 1 AND 200),
  roster       text,                                        -- e.g. 每月第一周
  is_leader    boolean NOT NULL DEFAULT false,
  UNIQUE (project_id, resident_id)
);

-- 效果共评: one rating per household, 1–5, within the project's window.
CREATE TABLE cocreation_ratings (
  id            uuid PRIMARY KEY,
  project_id    uuid NOT NULL REFERENCES cocreation_projects(id),
  path          ltree NOT NULL,
  household_id  uuid NOT NULL REFERENCES households(id),
  resident_id   uuid REFERENCES residents(id),
  score         int NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment       text CHECK (length(comment) <= 500),
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  UNIQUE (project_id, household_id)
);

-- Row-level security: read within scope for cadres and grid workers; write within scope for the
-- cadres (grid workers write opinions only). Residents act through the server (their pass is
-- checked in the service), as intake's public page does.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['cocreation_proposals', 'cocreation_opinions', 'cocreation_meetings', 'cocreation_meeting_proposals',
    'cocreation_attendees', 'cocreation_resolutions', 'cocreation_votes', 'cocreation_vote_options', 'cocreation_electors',
    'cocreation_ballots', 'cocreation_projects', 'cocreation_budget_lines', 'cocreation_contributions', 'cocreation_milestones',
    'cocreation_care_members', 'cocreation_ratings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_is_system() OR (app_may_read_cocreation() AND app_in_scope(path)))', t || '_read', t);
    IF t = 'cocreation_opinions' THEN
      EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_is_system() OR (app_may_read_cocreation() AND app_in_scope(path)))', t || '_insert', t);
    ELSE
      EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_may_edit_cocreation() AND app_in_scope(path))', t || '_insert', t);
    END IF;
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (app_may_edit_cocreation() AND app_in_scope(path)) WITH CHECK (app_may_edit_cocreation() AND app_in_scope(path))', t || '_update', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE USING (app_may_edit_cocreation() AND app_in_scope(path))', t || '_delete', t);
    EXECUTE format('CREATE POLICY app_context_sealed ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO gongzhi_app', t);
  END LOOP;
END $$;
-- Only rows that are plans may be removed: an agenda item, an invitation, a care-team member.
GRANT DELETE ON cocreation_meeting_proposals, cocreation_attendees, cocreation_care_members TO gongzhi_app;

-- A cast ballot and a closed vote never change (the service refuses; this makes it hold for
-- anything that reaches the table).
CREATE FUNCTION cocreation_ballots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'ballots are immutable' USING ERRCODE = 'P0001'; END $$;
CREATE TRIGGER cocreation_ballots_immutable BEFORE UPDATE OR DELETE ON cocreation_ballots
  FOR EACH ROW EXECUTE FUNCTION cocreation_ballots_immutable();
CREATE FUNCTION cocreation_votes_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'closed' THEN RAISE EXCEPTION 'a closed vote cannot change' USING ERRCODE = 'P0001'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cocreation_votes_closed BEFORE UPDATE ON cocreation_votes
  FOR EACH ROW EXECUTE FUNCTION cocreation_votes_closed();
