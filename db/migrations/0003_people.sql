-- People: households, residents and their life events. ID and phone numbers are stored only
-- encrypted (SM4-GCM), with a keyed SM3-HMAC for exact lookup and a masked form for display.

CREATE TABLE resident_tags (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  category text NOT NULL,            -- 'care' (关爱), 'assistance' (救助), 'political', 'management'
  builtin  boolean NOT NULL DEFAULT false,
  sort     integer NOT NULL DEFAULT 100
);
INSERT INTO resident_tags (code, name, category, builtin, sort) VALUES
  ('elderly_alone',      '独居老人',   'care',       true, 10),
  ('left_behind_elderly','留守老人',   'care',       true, 11),
  ('left_behind_child',  '留守儿童',   'care',       true, 12),
  ('disabled',           '残疾',       'care',       true, 13),
  ('dibao',              '低保',       'assistance', true, 20),
  ('tekun',              '特困',       'assistance', true, 21),
  ('poverty_monitored',  '防返贫监测', 'assistance', true, 22),
  ('veteran',            '退役军人',   'political',  true, 30),
  ('party_member',       '党员',       'political',  true, 31),
  ('key_person',         '重点人员',   'management', true, 40),
  ('migrant_out',        '外出务工',   'management', true, 41),
  ('floating',           '流动人口',   'management', true, 42);

CREATE TABLE households (
  id               uuid PRIMARY KEY,
  village_code     varchar(15) NOT NULL REFERENCES regions(code),
  grid_code        varchar(15),
  path             ltree NOT NULL,          -- village path, plus the grid code when assigned
  address          text NOT NULL,
  building         text,
  head_resident_id uuid,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active','dissolved')),
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX households_path ON households USING gist (path);
CREATE INDEX households_grid ON households (grid_code);
CREATE INDEX households_village ON households (village_code);
CREATE INDEX households_address_trgm ON households USING gin (address gin_trgm_ops);

CREATE TABLE residents (
  id               uuid PRIMARY KEY,
  household_id     uuid NOT NULL REFERENCES households(id),
  path             ltree NOT NULL,          -- the household's path, kept in step when moving
  name             text NOT NULL,
  relation         text NOT NULL CHECK (relation IN ('head','spouse','child','child_in_law','parent','grandchild','grandparent','sibling','other')),
  sex              text NOT NULL CHECK (sex IN ('male','female')),
  birth_date       date NOT NULL,
  id_number_enc    text,
  id_number_hmac   text UNIQUE,
  id_number_masked text,
  phone_enc        text,
  phone_hmac       text,
  phone_masked     text,
  tags             text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active','moved_out','deceased')),
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX residents_household ON residents (household_id);
CREATE INDEX residents_path ON residents USING gist (path);
CREATE INDEX residents_phone ON residents (phone_hmac);
CREATE INDEX residents_tags ON residents USING gin (tags);
CREATE INDEX residents_name_trgm ON residents USING gin (name gin_trgm_ops);
ALTER TABLE households ADD CONSTRAINT households_head_fk FOREIGN KEY (head_resident_id) REFERENCES residents(id) DEFERRABLE INITIALLY DEFERRED;

-- History: moving house, death, birth are events, never overwrites.
CREATE TABLE resident_events (
  id           uuid PRIMARY KEY,
  resident_id  uuid NOT NULL REFERENCES residents(id),
  household_id uuid NOT NULL REFERENCES households(id),
  path         ltree NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('registered','born','moved_in','moved_out','moved','died','tags_changed','updated')),
  occurred_on  date NOT NULL,
  details      jsonb,
  recorded_by  uuid,
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX resident_events_resident ON resident_events (resident_id, occurred_on);
CREATE INDEX resident_events_path ON resident_events USING gist (path);

ALTER TABLE households ENABLE ROW LEVEL SECURITY;
ALTER TABLE households FORCE ROW LEVEL SECURITY;
ALTER TABLE residents ENABLE ROW LEVEL SECURITY;
ALTER TABLE residents FORCE ROW LEVEL SECURITY;
ALTER TABLE resident_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE resident_events FORCE ROW LEVEL SECURITY;

CREATE FUNCTION app_may_edit_people() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre','grid_worker') $$;
CREATE FUNCTION app_may_read_people() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff','township_staff','village_cadre','grid_worker') $$;

CREATE POLICY households_read ON households FOR SELECT USING (app_may_read_people() AND app_in_scope(path));
CREATE POLICY households_write ON households FOR ALL USING (app_may_edit_people() AND app_in_scope(path)) WITH CHECK (app_may_edit_people() AND app_in_scope(path));
CREATE POLICY residents_read ON residents FOR SELECT USING (app_may_read_people() AND app_in_scope(path));
CREATE POLICY residents_write ON residents FOR ALL USING (app_may_edit_people() AND app_in_scope(path)) WITH CHECK (app_may_edit_people() AND app_in_scope(path));
CREATE POLICY resident_events_read ON resident_events FOR SELECT USING (app_may_read_people() AND app_in_scope(path));
CREATE POLICY resident_events_append ON resident_events FOR INSERT WITH CHECK (app_may_edit_people() AND app_in_scope(path));

GRANT SELECT ON resident_tags TO gongzhi_app;
GRANT SELECT, INSERT, UPDATE ON households, residents TO gongzhi_app;
GRANT SELECT, INSERT ON resident_events TO gongzhi_app;
