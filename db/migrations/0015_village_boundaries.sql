-- A village's (or community's) boundary, when known: a GeoJSON Polygon ([lng, lat], WGS-84) like a
-- grid's. Grids saved in a village with a boundary must lie inside it; villages without one (most,
-- until the county draws them) skip that check.
ALTER TABLE regions ADD COLUMN boundary jsonb
  CHECK (boundary IS NULL OR (level = 'village' AND jsonb_typeof(boundary) = 'object' AND boundary->>'type' = 'Polygon'));
