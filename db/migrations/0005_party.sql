-- Party building (党建) and stewardship (包保): party organizations as their own tree linked to
-- regions, members linked to residents, household liaison (党员联户 / 十联户), embedded members
-- (下沉党员, 双报到) with their service hours, stewardship assignments down the chain, and the
-- five-stewardship visits (五包五访). Every row carries the ltree path row-level security keys on.

CREATE TABLE party_orgs (
  id          uuid PRIMARY KEY,
  code        varchar(40) NOT NULL UNIQUE,
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  kind        text NOT NULL CHECK (kind IN ('county_committee','township_committee','community_committee','village_branch',
                'general_branch','compound_branch','group_party_group','building_group')),
  parent_id   uuid REFERENCES party_orgs(id),
  region_code varchar(15) NOT NULL REFERENCES regions(code),
  path        ltree NOT NULL,                 -- the linked region's path
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  -- Only a county committee stands at the top; everything else has a parent.
  CHECK ((kind = 'county_committee') = (parent_id IS NULL))
);
-- A note on indexes: under row-level security an ltree test written in a query (path <@ x) is
-- not leakproof, so PostgreSQL will not use it as an index condition; lists therefore reach rows
-- through btree columns (region and village codes, household ids) and test the path after.
-- GiST indexes on path are kept only on the small tables, for the owner's maintenance queries.
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);
CREATE INDEX party_orgs_region ON party_orgs (region_code);
CREATE INDEX party_orgs_path ON party_orgs USING gist (path);

CREATE TABLE party_members (
  id                uuid PRIMARY KEY,
  org_id            uuid NOT NULL REFERENCES party_orgs(id),
  resident_id       uuid NOT NULL UNIQUE REFERENCES residents(id),   -- one membership per person
  path              ltree NOT NULL,             -- the resident's path when enrolled
  status            text NOT NULL CHECK (status IN ('formal','probationary')),   -- 正式党员 / 预备党员
  joined_on         date NOT NULL,
  central_household boolean NOT NULL DEFAULT false,                    -- 党员中心户
  synthetic         boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX party_members_org ON party_members (org_id);

-- One liaison (a member, or a liaison head 联户长 who need not be a member) ↔ many households.
-- Links are ended, never deleted, so who looked after a household stays on record.
CREATE TABLE party_liaisons (
  id               uuid PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('party_liaison','ten_household')),   -- 党员联户 / 十联户
  member_id        uuid REFERENCES party_members(id),
  head_resident_id uuid REFERENCES residents(id),
  household_id     uuid NOT NULL REFERENCES households(id),
  path             ltree NOT NULL,              -- the household's path
  started_on       date NOT NULL,
  ended_on         date,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  CHECK ((member_id IS NULL) <> (head_resident_id IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
-- A household has at most one current link of each kind.
CREATE UNIQUE INDEX party_liaisons_one_per_kind ON party_liaisons (household_id, kind) WHERE ended_on IS NULL;
CREATE INDEX party_liaisons_member ON party_liaisons (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX party_liaisons_head ON party_liaisons (head_resident_id) WHERE head_resident_id IS NOT NULL;

-- 下沉党员 / 双报到: an in-service member of a county unit who also reports to a community.
CREATE TABLE embedded_members (
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
  work_unit    text NOT NULL CHECK (length(work_unit) BETWEEN 2 AND 100),
  position     text,
  village_code varchar(15) NOT NULL REFERENCES regions(code),   -- the community reported to
  path         ltree NOT NULL,
  reported_on  date NOT NULL,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);
CREATE INDEX embedded_members_path ON embedded_members USING gist (path);

CREATE TABLE embedded_service_hours (
  id                 uuid PRIMARY KEY,
  embedded_member_id uuid NOT NULL REFERENCES embedded_members(id),
  path               ltree NOT NULL,
  served_on          date NOT NULL,
  hours              numeric(4,1) NOT NULL CHECK (hours > 0 AND hours <= 24),
  activity           text NOT NULL CHECK (length(activity) BETWEEN 2 AND 200),
  synthetic          boolean NOT NULL DEFAULT false,
  created_by         uuid,
  created_at         timestamptz NOT NULL
);
CREATE INDEX embedded_service_hours_member ON embedded_service_hours (embedded_member_id, served_on);

-- 包保: a leader (an account, or a named person with a title) assigned to a unit one level down.
CREATE TABLE stewardships (
  id                  uuid PRIMARY KEY,
  level               text NOT NULL CHECK (level IN ('township','village','group','household')),   -- the target's level
  leader_user_id      uuid REFERENCES users(id),
  leader_name         text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title        text,
  target_region_code  varchar(15) REFERENCES regions(code),
  target_household_id uuid REFERENCES households(id),
  region_code         varchar(15) NOT NULL REFERENCES regions(code),   -- the target region, or the household's village
  path                ltree NOT NULL,           -- the target's path
  started_on          date NOT NULL,
  ended_on            date,
  note                text,
  synthetic           boolean NOT NULL DEFAULT false,
  created_by          uuid,
  created_at          timestamptz NOT NULL,
  CHECK ((target_region_code IS NULL) <> (target_household_id IS NULL)),
  CHECK ((level = 'household') = (target_household_id IS NOT NULL)),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
-- Lists by region go through region_code (regions under the asked-for path); a btree is far
-- cheaper to keep than a GiST on path for tables that grow by the hundred thousand.
CREATE INDEX stewardships_region ON stewardships (region_code, level);
CREATE INDEX stewardships_household ON stewardships (target_household_id) WHERE target_household_id IS NOT NULL;
CREATE INDEX stewardships_leader ON stewardships (leader_user_id) WHERE leader_user_id IS NOT NULL;

-- 五包五访: 接访 receive / 约访 appointment / 走访 home / 回访 return / 巡访 patrol.
CREATE TABLE visits (
  id                uuid PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('receive','appointment','home','return','patrol')),
  visited_on        date NOT NULL,
  visitor_user_id   uuid REFERENCES users(id),
  visitor_name      text NOT NULL CHECK (length(visitor_name) BETWEEN 1 AND 50),
  stewardship_id    uuid REFERENCES stewardships(id),
  household_id      uuid REFERENCES households(id),
  region_code       varchar(15) NOT NULL REFERENCES regions(code),   -- the household's village, or the region visited
  path              ltree NOT NULL,
  notes             text,
  follow_up         text,
  follow_up_done    boolean NOT NULL DEFAULT false,
  follow_up_done_at timestamptz,
  synthetic         boolean NOT NULL DEFAULT false,
  created_by        uuid,
  created_at        timestamptz NOT NULL,
  CHECK (follow_up IS NOT NULL OR NOT follow_up_done)
);
-- The coverage report asks "latest visit of each household": one index answers it.
CREATE INDEX visits_household_date ON visits (household_id, visited_on) WHERE household_id IS NOT NULL;
CREATE INDEX visits_region_date ON visits (region_code, visited_on);

ALTER TABLE party_orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE party_orgs FORCE ROW LEVEL SECURITY;
ALTER TABLE party_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE party_members FORCE ROW LEVEL SECURITY;
ALTER TABLE party_liaisons ENABLE ROW LEVEL SECURITY;
ALTER TABLE party_liaisons FORCE ROW LEVEL SECURITY;
ALTER TABLE embedded_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE embedded_members FORCE ROW LEVEL SECURITY;
ALTER TABLE embedded_service_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE embedded_service_hours FORCE ROW LEVEL SECURITY;
ALTER TABLE stewardships ENABLE ROW LEVEL SECURITY;
ALTER TABLE stewardships FORCE ROW LEVEL SECURITY;
ALTER TABLE visits ENABLE ROW LEVEL SECURITY;
ALTER TABLE visits FORCE ROW LEVEL SECURITY;

-- The same roles as ROLE_PERMISSIONS (src/platform/accounts/policy.ts): party.read / party.edit,
-- stewardship.read / stewardship.edit. Grid workers read party data and record visits, but do
-- not assign stewardship.
CREATE FUNCTION app_may_read_party() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre','grid_worker') $$;
CREATE FUNCTION app_may_edit_party() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre') $$;
CREATE FUNCTION app_may_assign_stewardship() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre') $$;
CREATE FUNCTION app_may_record_visits() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre','grid_worker') $$;

CREATE POLICY party_orgs_read ON party_orgs FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY party_orgs_write ON party_orgs FOR ALL
  USING (app_may_edit_party() AND app_in_scope(path)) WITH CHECK (app_may_edit_party() AND app_in_scope(path));
CREATE POLICY party_members_read ON party_members FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY party_members_write ON party_members FOR ALL
  USING (app_may_edit_party() AND app_in_scope(path)) WITH CHECK (app_may_edit_party() AND app_in_scope(path));
CREATE POLICY party_liaisons_read ON party_liaisons FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY party_liaisons_write ON party_liaisons FOR ALL
  USING (app_may_edit_party() AND app_in_scope(path)) WITH CHECK (app_may_edit_party() AND app_in_scope(path));
CREATE POLICY embedded_members_read ON embedded_members FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY embedded_members_write ON embedded_members FOR ALL
  USING (app_may_edit_party() AND app_in_scope(path)) WITH CHECK (app_may_edit_party() AND app_in_scope(path));
CREATE POLICY embedded_service_hours_read ON embedded_service_hours FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY embedded_service_hours_write ON embedded_service_hours FOR ALL
  USING (app_may_edit_party() AND app_in_scope(path)) WITH CHECK (app_may_edit_party() AND app_in_scope(path));
CREATE POLICY stewardships_read ON stewardships FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY stewardships_write ON stewardships FOR ALL
  USING (app_may_assign_stewardship() AND app_in_scope(path)) WITH CHECK (app_may_assign_stewardship() AND app_in_scope(path));
CREATE POLICY visits_read ON visits FOR SELECT USING (app_may_read_party() AND app_in_scope(path));
CREATE POLICY visits_write ON visits FOR ALL
  USING (app_may_record_visits() AND app_in_scope(path)) WITH CHECK (app_may_record_visits() AND app_in_scope(path));

-- Nothing here is deleted by the application: links and assignments end, visits stay.
GRANT SELECT, INSERT, UPDATE ON party_orgs, party_members, party_liaisons, embedded_members, embedded_service_hours,
  stewardships, visits TO gongzhi_app;
