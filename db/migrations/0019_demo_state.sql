-- The demo county's progress (chaos review, issue #10). `npm start` generates the demo on first
-- start; killed part-way, the next start used to find a county and skip the demo, serving a
-- partial county with no accounts. The demo now records when it started (with its county, seed
-- and scale) and when it finished; a start that finds it started and not finished generates it
-- again from a clean database (src/cli/demo-start.ts).
CREATE TABLE demo_state (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  county      varchar(6) NOT NULL,
  seed        integer NOT NULL,
  scale       double precision NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz
);

-- Only the server's own (system) context reads or writes it; the seal of 0016 as on every RLS table.
ALTER TABLE demo_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE demo_state FORCE ROW LEVEL SECURITY;
CREATE POLICY demo_state_system ON demo_state FOR ALL USING (app_is_system()) WITH CHECK (app_is_system());
CREATE POLICY app_context_sealed ON demo_state AS RESTRICTIVE FOR ALL
  USING ((SELECT app_context_sealed())) WITH CHECK ((SELECT app_context_sealed()));
GRANT SELECT, INSERT, UPDATE ON demo_state TO gongzhi_app;
