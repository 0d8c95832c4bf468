-- 减牌子、减群、减 App: per village, the outside signboards hung on its office, the work groups its
-- cadres must be in and the apps they must use, each with the unit that requires it and its
-- basis; approved ones stay, others are marked for removal with a date and then removed, so a
-- county can show what it cleared. See docs/DUTIES.md.
CREATE TABLE burden_register (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('signboard', 'work_group', 'app')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code    varchar(15) NOT NULL REFERENCES regions(code),   -- the village
  path           ltree NOT NULL,
  required_by    text NOT NULL CHECK (length(required_by) BETWEEN 1 AND 100),
  basis          text,
  status         text NOT NULL CHECK (status IN ('approved', 'to_remove', 'removed')),
  remove_by      date,
  removed_on     date,
  note           text,
  synthetic      boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CHECK (status <> 'to_remove' OR remove_by IS NOT NULL),
  CHECK ((status = 'removed') = (removed_on IS NOT NULL))
);
CREATE INDEX burden_register_path ON burden_register USING gist (path);

ALTER TABLE burden_register ENABLE ROW LEVEL SECURITY;
ALTER TABLE burden_register FORCE ROW LEVEL SECURITY;
CREATE POLICY burden_register_read ON burden_register FOR SELECT USING (app_is_system() OR app_in_scope(path));
CREATE POLICY burden_register_write ON burden_register FOR INSERT
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff', 'township_staff', 'village_cadre') AND app_in_scope(path)));
CREATE POLICY burden_register_update ON burden_register FOR UPDATE
  USING (app_is_system() OR (app_role() IN ('county_staff', 'township_staff', 'village_cadre') AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff', 'township_staff', 'village_cadre') AND app_in_scope(path)));
CREATE POLICY app_context_sealed ON burden_register AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON burden_register TO gongzhi_app;
GRANT UPDATE (status, remove_by, removed_on, note, updated_at) ON burden_register TO gongzhi_app;
