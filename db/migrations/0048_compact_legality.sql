-- Village compacts (村规民约): the legality check's rule list (合法性审查规则). See docs/COMPACTS.md.
--
-- A compact may not impose fines, detention or confiscation, nor take away statutory rights
-- (《村民委员会组织法》第二十七条). The words that betray such an article are data the county keeps:
-- one list per county (path = the county's path), seeded with defaults by the service on first
-- read, edited by county staff, read by everyone who drafts or reviews a compact below it.
--
-- A rule is a list of plain phrases, never a regular expression: `match_mode` 'phrase' flags a
-- sentence holding every phrase in the listed order (取消 … 低保), 'any_order' one holding them all
-- in any order. Matching is done by the server on normalized text (see legality.ts).

CREATE FUNCTION app_may_read_compacts() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre', 'grid_worker') $$;

-- 1–6 phrases of 1–20 characters each, none empty.
CREATE FUNCTION compact_phrases_valid(phrases text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT cardinality(phrases) BETWEEN 1 AND 6 AND array_position(phrases, NULL) IS NULL
       AND (SELECT bool_and(length(btrim(p)) BETWEEN 1 AND 20) FROM unnest(phrases) AS p) $$;

CREATE TABLE compact_legality_rules (
  id           uuid PRIMARY KEY,
  county_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,                                   -- the county's path: rules are county-wide
  code         text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,40}$'),
  kind         text NOT NULL CHECK (kind IN ('fine', 'confiscation', 'detention', 'deprive_right', 'other')),
  phrases      text[] NOT NULL CHECK (compact_phrases_valid(phrases)),
  match_mode   text NOT NULL DEFAULT 'phrase' CHECK (match_mode IN ('phrase', 'any_order')),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
  suggestion   text NOT NULL CHECK (length(suggestion) BETWEEN 2 AND 300),
  active       boolean NOT NULL DEFAULT true,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  updated_by   uuid,
  updated_at   timestamptz NOT NULL,
  UNIQUE (county_code, code)
);
CREATE INDEX compact_legality_rules_path ON compact_legality_rules USING gist (path);

-- Read in the county and below it (a village cadre drafting a compact reads the county's list);
-- written by county staff only, within their county. Never deleted: a rule is retired (active).
ALTER TABLE compact_legality_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE compact_legality_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY compact_legality_rules_read ON compact_legality_rules FOR SELECT
  USING (app_is_system() OR (app_may_read_compacts() AND (app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path))));
CREATE POLICY compact_legality_rules_insert ON compact_legality_rules FOR INSERT
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
CREATE POLICY compact_legality_rules_update ON compact_legality_rules FOR UPDATE
  USING (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
CREATE POLICY app_context_sealed ON compact_legality_rules AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT, UPDATE ON compact_legality_rules TO gongzhi_app;

-- A rule keeps its county and code; everything else may change.
CREATE FUNCTION compact_legality_rules_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.county_code <> OLD.county_code OR NEW.path <> OLD.path OR NEW.code <> OLD.code THEN
    RAISE EXCEPTION 'a legality rule keeps its county and code' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER compact_legality_rules_fixed BEFORE UPDATE ON compact_legality_rules
  FOR EACH ROW EXECUTE FUNCTION compact_legality_rules_fixed();
