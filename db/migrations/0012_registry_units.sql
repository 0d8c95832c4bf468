-- Below villages, per-region tallies, and a version for the grid network.
--
-- Groups (村民小组 / 湾 / 寨), residential compounds (小区) and self-governance units (自治单元) are
-- regions of level 'group' under their village: code = village code + 3-digit sequence, drawn from
-- the same numbering as the village's grids so a path label never names both a grid and a group.
-- Buildings and courtyards (楼栋 / 院落) are their own table; households point at both.

ALTER TABLE regions ADD CONSTRAINT regions_group_kind
  CHECK (level <> 'group' OR (kind IN ('villager_group','compound','self_governance_unit') AND code ~ '^[0-9]{15}$'));
CREATE INDEX regions_level ON regions (level);

CREATE TABLE buildings (
  id            uuid PRIMARY KEY,
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  group_code    varchar(15) REFERENCES regions(code),
  grid_code     varchar(15) REFERENCES grids(code),
  path          ltree NOT NULL,               -- the village's path, plus the grid code when in a grid (as households)
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  kind          text NOT NULL CHECK (kind IN ('building','courtyard')),
  address       text CHECK (address IS NULL OR length(address) BETWEEN 1 AND 200),
  floors        integer CHECK (floors BETWEEN 1 AND 200),
  units         integer CHECK (units BETWEEN 1 AND 50),
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  UNIQUE (village_code, name)
);
CREATE INDEX buildings_group ON buildings (group_code) WHERE group_code IS NOT NULL;
CREATE INDEX buildings_grid ON buildings (grid_code) WHERE grid_code IS NOT NULL;

ALTER TABLE households ADD COLUMN group_code varchar(15) REFERENCES regions(code);
ALTER TABLE households ADD COLUMN building_id uuid REFERENCES buildings(id);
CREATE INDEX households_group ON households (group_code) WHERE group_code IS NOT NULL;
CREATE INDEX households_building ON households (building_id) WHERE building_id IS NOT NULL;

-- Buildings follow the people rules: whoever may read (edit) households may read (edit) buildings.
ALTER TABLE buildings ENABLE ROW LEVEL SECURITY;
ALTER TABLE buildings FORCE ROW LEVEL SECURITY;
CREATE POLICY buildings_read ON buildings FOR SELECT USING (app_may_read_people() AND app_in_scope(path));
CREATE POLICY buildings_write ON buildings FOR ALL USING (app_may_edit_people() AND app_in_scope(path)) WITH CHECK (app_may_edit_people() AND app_in_scope(path));
GRANT SELECT, INSERT, UPDATE, DELETE ON buildings TO gongzhi_app;

-- Tallies per village (active households, residents, party members), kept by statement-level
-- triggers so the region tree shows counts without counting 500k rows on every click. Townships
-- and the county sum their villages. A test recomputes them from the raw rows.
CREATE TABLE region_tallies (
  village_code  varchar(15) PRIMARY KEY REFERENCES regions(code),
  households    integer NOT NULL DEFAULT 0,
  residents     integer NOT NULL DEFAULT 0,
  party_members integer NOT NULL DEFAULT 0
);
ALTER TABLE region_tallies ENABLE ROW LEVEL SECURITY;
ALTER TABLE region_tallies FORCE ROW LEVEL SECURITY;
CREATE POLICY region_tallies_read ON region_tallies FOR SELECT
  USING (EXISTS (SELECT 1 FROM regions r WHERE r.code = village_code AND app_in_scope(r.path)));
GRANT SELECT ON region_tallies TO gongzhi_app;

-- The village of a row whose path is county.township.village[.grid].
CREATE FUNCTION village_of(p ltree) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT ltree2text(subpath(p, 2, 1))::varchar $$;

-- Adds the deltas (village, column, +/-n) to the tallies. Runs as the table owner: the app role
-- has no write grant on region_tallies, so counts move only with the rows they count.
CREATE FUNCTION tally_apply(deltas jsonb) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO region_tallies AS t (village_code, households, residents, party_members)
  SELECT d->>'v', sum((d->>'h')::int), sum((d->>'r')::int), sum((d->>'p')::int)
    FROM jsonb_array_elements(deltas) d GROUP BY d->>'v'
  ON CONFLICT (village_code) DO UPDATE SET
    households = t.households + excluded.households,
    residents = t.residents + excluded.residents,
    party_members = t.party_members + excluded.party_members;
END $$;

CREATE FUNCTION tally_households() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', n, 'r', 0, 'p', 0)) INTO d FROM
      (SELECT village_code v, count(*) n FROM new_rows WHERE status = 'active' GROUP BY 1) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', -n, 'r', 0, 'p', 0)) INTO d FROM
      (SELECT village_code v, count(*) n FROM old_rows WHERE status = 'active' GROUP BY 1) x;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', n, 'r', 0, 'p', 0)) INTO d FROM
      (SELECT v, sum(n) n FROM (SELECT village_code v, 1 n FROM new_rows WHERE status = 'active'
                                UNION ALL SELECT village_code, -1 FROM old_rows WHERE status = 'active') u
        GROUP BY v HAVING sum(n) <> 0) x;
  END IF;
  IF d IS NOT NULL THEN PERFORM tally_apply(d); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION tally_residents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', n, 'p', 0)) INTO d FROM
      (SELECT village_of(path) v, count(*) n FROM new_rows WHERE status = 'active' GROUP BY 1) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', -n, 'p', 0)) INTO d FROM
      (SELECT village_of(path) v, count(*) n FROM old_rows WHERE status = 'active' GROUP BY 1) x;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', n, 'p', 0)) INTO d FROM
      (SELECT v, sum(n) n FROM (SELECT village_of(path) v, 1 n FROM new_rows WHERE status = 'active'
                                UNION ALL SELECT village_of(path), -1 FROM old_rows WHERE status = 'active') u
        GROUP BY v HAVING sum(n) <> 0) x;
  END IF;
  IF d IS NOT NULL THEN PERFORM tally_apply(d); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER households_tally_ins AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_households();
CREATE TRIGGER households_tally_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_households();
CREATE TRIGGER households_tally_del AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_households();
CREATE TRIGGER residents_tally_ins AFTER INSERT ON residents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_residents();
CREATE TRIGGER residents_tally_upd AFTER UPDATE ON residents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_residents();
CREATE TRIGGER residents_tally_del AFTER DELETE ON residents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_residents();

INSERT INTO region_tallies (village_code, households, residents, party_members)
SELECT r.code,
       (SELECT count(*) FROM households h WHERE h.village_code = r.code AND h.status = 'active'),
       coalesce((SELECT n FROM (SELECT village_of(path) v, count(*) n FROM residents WHERE status = 'active' GROUP BY 1) x WHERE x.v = r.code), 0),
       0
  FROM regions r WHERE r.level = 'village';

-- The grid network's version: bumped by every change to grids, so a server process that caches
-- the locator's index sees edits made by another process.
CREATE TABLE grid_network_version (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  version  bigint NOT NULL
);
INSERT INTO grid_network_version VALUES (true, 1);
CREATE FUNCTION bump_grid_network_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE grid_network_version SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER grids_version AFTER INSERT OR UPDATE OR DELETE ON grids FOR EACH STATEMENT EXECUTE FUNCTION bump_grid_network_version();
GRANT SELECT ON grid_network_version TO gongzhi_app;
