-- Assessment from the system (分类+专项考核): indicator sets per class of unit, each indicator a
-- measure with a weight and a target; rounds keep the scores computed for a period, with the
-- counts behind each score. No indicator asks for photos or typed ledgers. See docs/DUTIES.md.
CREATE TABLE assessment_sets (
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit_level  text NOT NULL CHECK (unit_level IN ('township', 'village')),
  unit_kind   text,                            -- villages: 'urban' (城市社区) or 'rural' (农村); null: all
  indicators  jsonb NOT NULL,                  -- [{key, name, measureId, weight, direction, target}]
  created_by  uuid,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL
);

CREATE TABLE assessment_rounds (
  id           uuid PRIMARY KEY,
  set_id       uuid NOT NULL REFERENCES assessment_sets(id),
  region_code  varchar(15) NOT NULL REFERENCES regions(code),
  path         ltree NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  scores       jsonb NOT NULL,                 -- [{unitCode, unitName, total, items: [{key, value, numerator, denominator, score}]}]
  created_by   uuid,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);
CREATE INDEX assessment_rounds_path ON assessment_rounds USING gist (path);

ALTER TABLE assessment_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_sets FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_sets_read ON assessment_sets FOR SELECT USING (app_is_system() OR app_role() IN ('county_staff', 'township_staff', 'village_cadre'));
CREATE POLICY assessment_sets_write ON assessment_sets FOR INSERT WITH CHECK (app_is_system() OR app_role() = 'county_staff');
ALTER TABLE assessment_rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_rounds FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_rounds_read ON assessment_rounds FOR SELECT
  USING (app_is_system() OR app_in_scope(path) OR (app_scope() IS NOT NULL AND app_scope() <@ path));
CREATE POLICY assessment_rounds_write ON assessment_rounds FOR INSERT WITH CHECK (app_is_system() OR (app_role() = 'county_staff' AND app_in_scope(path)));
CREATE POLICY app_context_sealed ON assessment_sets AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
CREATE POLICY app_context_sealed ON assessment_rounds AS RESTRICTIVE FOR ALL USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT ON assessment_sets, assessment_rounds TO gongzhi_app;
