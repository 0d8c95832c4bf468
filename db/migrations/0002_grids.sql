-- Grids (网格) and grid workers (网格员): one grid network (多网合一) whose grids tile villages.
-- No PostGIS (PGlite has none): a boundary is a GeoJSON Polygon in jsonb, [lng, lat] WGS-84, and
-- its bounding box and centroid are stored beside it, computed in-process when it is saved.

CREATE TABLE grids (
  code          varchar(15) PRIMARY KEY,      -- <12-digit village code><3-digit sequence>
  village_code  varchar(15) NOT NULL REFERENCES regions(code),
  path          ltree NOT NULL,               -- the village's path + '.' + code
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind          text NOT NULL CHECK (kind IN ('comprehensive','dedicated')),
  -- One network, tagged by what it also serves ('party', 'comprehensive_governance', 'emergency'…),
  -- instead of parallel grid trees per department.
  tags          text[] NOT NULL DEFAULT '{}',
  boundary      jsonb NOT NULL CHECK (jsonb_typeof(boundary) = 'object' AND boundary->>'type' = 'Polygon'),
  min_lng       double precision NOT NULL,
  min_lat       double precision NOT NULL,
  max_lng       double precision NOT NULL,
  max_lat       double precision NOT NULL,
  centroid_lng  double precision NOT NULL,
  centroid_lat  double precision NOT NULL,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (code ~ '^[0-9]{15}$' AND left(code, 12) = village_code),
  CHECK (nlevel(path) >= 2 AND ltree2text(subpath(path, -1)) = code AND ltree2text(subpath(path, -2, 1)) = village_code),
  CHECK (min_lng <= max_lng AND min_lat <= max_lat AND min_lng >= -180 AND max_lng <= 180 AND min_lat >= -90 AND max_lat <= 90)
);
CREATE INDEX grids_village ON grids (village_code);
CREATE INDEX grids_path_gist ON grids USING gist (path);

CREATE TABLE grid_workers (
  id            uuid PRIMARY KEY,
  grid_code     varchar(15) NOT NULL REFERENCES grids(code) ON DELETE CASCADE,
  user_id       uuid REFERENCES users(id),    -- the worker's account, when they have one
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  employment    text NOT NULL CHECK (employment IN ('full_time','part_time')),
  phone_masked  text,                          -- shown as 139****5678; the full number lives with the account
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (grid_code, name)
);
CREATE INDEX grid_workers_user ON grid_workers (user_id) WHERE user_id IS NOT NULL;

-- Row-level security, keyed on the grid's region path like `regions` (0001_platform.sql).
ALTER TABLE grids ENABLE ROW LEVEL SECURITY;
ALTER TABLE grids FORCE ROW LEVEL SECURITY;
CREATE POLICY grids_read ON grids FOR SELECT USING (app_in_scope(path));
CREATE POLICY grids_write ON grids FOR ALL
  USING (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(path)))
  WITH CHECK (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(path)));

-- A worker row is visible and writable exactly when its grid is (the subquery is itself under grids' policies).
ALTER TABLE grid_workers ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid_workers FORCE ROW LEVEL SECURITY;
CREATE POLICY grid_workers_read ON grid_workers FOR SELECT
  USING (EXISTS (SELECT 1 FROM grids g WHERE g.code = grid_code AND app_in_scope(g.path)));
CREATE POLICY grid_workers_write ON grid_workers FOR ALL
  USING (EXISTS (SELECT 1 FROM grids g WHERE g.code = grid_code AND
    (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(g.path)))))
  WITH CHECK (EXISTS (SELECT 1 FROM grids g WHERE g.code = grid_code AND
    (app_is_system() OR (app_role() IN ('county_staff','township_staff','village_cadre') AND app_in_scope(g.path)))));

-- Grids are not deleted by the application (households and work orders point at them); workers are replaced.
GRANT SELECT, INSERT, UPDATE ON grids TO gongzhi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON grid_workers TO gongzhi_app;
