-- Work-order search by words, not by scanning: each Chinese character pair ("路灯", "灯不", "不亮")
-- and each run of letters or digits becomes a word in a GIN index. A trigram index cannot serve
-- a two-character Chinese query (a trigram needs three), and the old search scanned every row of
-- three columns. `query` mode drops single characters from longer runs so that "路灯不亮" asks
-- for its three pairs; a one-character query still asks for that character. Symbols such as %
-- and _ are words too, but a query asks for them only when it has nothing else ("%" finds the
-- orders that say "50%"; "路灯, 不亮" does not ask for the comma).
CREATE FUNCTION search_words(t text, query boolean DEFAULT false) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH runs AS (
    SELECT m[1] AS run, m[1] ~ '^[%_&#@+*/=<>~|!?.,:;-]' AS symbol
      FROM regexp_matches(lower(coalesce(t, '')), '([\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+|[%_&#@+*/=<>~|!?.,:;-])', 'g') AS m
  ), asked AS (
    SELECT run, symbol FROM runs
      WHERE NOT (query AND symbol AND EXISTS (SELECT 1 FROM runs o WHERE NOT o.symbol))
  )
  SELECT coalesce(array_agg(DISTINCT w), '{}') FROM asked r, LATERAL (
    SELECT substr(r.run, i, 1) AS w FROM generate_series(1, length(r.run)) i
      WHERE r.run ~ '^[\u3400-\u9fff\uf900-\ufaff]' AND NOT (query AND length(r.run) > 1)
    UNION ALL
    SELECT substr(r.run, i, 2) FROM generate_series(1, length(r.run) - 1) i WHERE r.run ~ '^[\u3400-\u9fff\uf900-\ufaff]'
    UNION ALL
    SELECT r.run WHERE r.run !~ '^[\u3400-\u9fff\uf900-\ufaff]'
  ) x
$$;

-- The words of an order: its number's parts ("00012" finds 522631-20261203-00012), title and
-- description together, kept in a column (computing them per row on a read cost seconds when the
-- planner walked the newest orders and tested each). Schema-qualified: generated columns and
-- index builds run with a bare search_path.
ALTER TABLE work_orders ADD COLUMN search_words text[]
  GENERATED ALWAYS AS (public.search_words(number || ' ' || title || ' ' || description)) STORED;
CREATE INDEX work_orders_words ON work_orders USING gin (search_words);
DROP INDEX work_orders_description_trgm;
-- Lists page by (created_at, id): the newest first, the next page after the last row shown.
CREATE INDEX work_orders_created_id ON work_orders (created_at, id);
DROP INDEX work_orders_created;

-- The whistle board lists calls due first, within a scope.
CREATE INDEX whistle_calls_path_due ON whistle_calls USING gist (path);
CREATE INDEX whistle_calls_due ON whistle_calls (report_due);
