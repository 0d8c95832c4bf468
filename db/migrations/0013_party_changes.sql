-- Party organizations are dissolved (撤销) and memberships end (组织关系转出, 去世, 出党) with a
-- date and reason, never deleted; party rows follow the person and the household when they move;
-- the village tallies (0012) count current members.

ALTER TABLE party_orgs ADD COLUMN dissolved_on date;
ALTER TABLE party_orgs ADD COLUMN dissolve_reason text CHECK (dissolve_reason IS NULL OR length(dissolve_reason) BETWEEN 4 AND 200);
ALTER TABLE party_orgs ADD CONSTRAINT party_orgs_dissolved CHECK ((dissolved_on IS NULL) = (dissolve_reason IS NULL));

ALTER TABLE party_members ADD COLUMN ended_on date;
ALTER TABLE party_members ADD COLUMN end_reason text CHECK (end_reason IN ('transferred_out','deceased','left'));
ALTER TABLE party_members ADD COLUMN end_note text CHECK (end_note IS NULL OR length(end_note) <= 200);
ALTER TABLE party_members ADD CONSTRAINT party_members_ended CHECK ((ended_on IS NULL) = (end_reason IS NULL));
-- One current membership per person; an ended one stays on record beside a later one.
ALTER TABLE party_members DROP CONSTRAINT party_members_resident_id_key;
CREATE UNIQUE INDEX party_members_one_current ON party_members (resident_id) WHERE ended_on IS NULL;
CREATE INDEX party_members_resident ON party_members (resident_id);

-- A member row carries the resident's path, and a liaison link the household's (row-level
-- security keys on them): when a resident or household moves, its party rows move with it.
-- Runs as the owner because the mover (a people editor) need not hold party.edit.
CREATE FUNCTION party_follow_residents() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE party_members pm SET path = n.path
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE pm.resident_id = n.id AND n.path <> o.path AND pm.path <> n.path;
  RETURN NULL;
END $$;
CREATE TRIGGER residents_party_path AFTER UPDATE ON residents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION party_follow_residents();

CREATE FUNCTION party_follow_households() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE party_liaisons l SET path = n.path
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE l.household_id = n.id AND n.path <> o.path AND l.path <> n.path;
  RETURN NULL;
END $$;
CREATE TRIGGER households_party_path AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION party_follow_households();

CREATE FUNCTION tally_party_members() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', 0, 'p', n)) INTO d FROM
      (SELECT village_of(path) v, count(*) n FROM new_rows WHERE ended_on IS NULL GROUP BY 1) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', 0, 'p', -n)) INTO d FROM
      (SELECT village_of(path) v, count(*) n FROM old_rows WHERE ended_on IS NULL GROUP BY 1) x;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('v', v, 'h', 0, 'r', 0, 'p', n)) INTO d FROM
      (SELECT v, sum(n) n FROM (SELECT village_of(path) v, 1 n FROM new_rows WHERE ended_on IS NULL
                                UNION ALL SELECT village_of(path), -1 FROM old_rows WHERE ended_on IS NULL) u
        GROUP BY v HAVING sum(n) <> 0) x;
  END IF;
  IF d IS NOT NULL THEN PERFORM tally_apply(d); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER party_members_tally_ins AFTER INSERT ON party_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_party_members();
CREATE TRIGGER party_members_tally_upd AFTER UPDATE ON party_members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_party_members();
CREATE TRIGGER party_members_tally_del AFTER DELETE ON party_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_party_members();

UPDATE region_tallies t SET party_members = x.n
  FROM (SELECT village_of(path) v, count(*) n FROM party_members GROUP BY 1) x WHERE x.v = t.village_code;
