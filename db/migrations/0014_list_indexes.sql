-- County-wide lists page through households by address and residents by name: with these a page
-- reads its 50 rows in order instead of sorting the county (176k households, 576k residents at
-- full scale). Totals of unfiltered lists come from region_tallies (0012) instead of count(*).
CREATE INDEX households_active_address ON households (address, id) WHERE status = 'active';
CREATE INDEX residents_active_name ON residents (name, id) WHERE status = 'active';

-- As 0007 for ltree: under row-level security the planner uses the GIN index on residents.tags
-- only if array containment (@>) is LEAKPROOF. It compares two arrays and raises no
-- data-dependent error. A county's 独居老人 went from a 1.3 s scan to ~20 ms at full scale.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: ask your DBA to run ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;';
  END IF;
END $$;
