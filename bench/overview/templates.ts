import type pg from 'pg';
import { loadCorpus } from '../../src/modules/requests/classify/corpus.js';

/**
 * The bench's own bookkeeping, in schema `bench` of the bench database (the app never reads it):
 * the anchor time every copy is dated against, how far growing got, the demo rows used as
 * templates, the places a copy is moved to, and per day back from the anchor which templates fit
 * there (their whole history ends before the anchor once moved to that day).
 */
export const SETUP_SQL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.state (
  id        int PRIMARY KEY CHECK (id = 1),
  anchor    timestamptz NOT NULL,
  orders    bigint NOT NULL DEFAULT 0,     -- copies made so far: g runs 0 .. orders-1
  disputes  bigint NOT NULL DEFAULT 0
);
`;

/** Days back from the anchor a copy may be dated (a year). */
export const DAYS = 365;
/** Copies dated this many days back or more come from templates that are settled (closed, followed up). */
export const SETTLED_AFTER_DAYS = 30;

export type Kind = 'order' | 'dispute';

/** One statement per kind: its templates with their place and the first day back they fit. */
function templatesSql(kind: Kind): string {
  const source =
    kind === 'order'
      ? `SELECT o.id, o.created_at, o.grid_code, o.village_code, o.township_code, o.status IN ('closed','followed_up') AS settled,
           greatest(o.created_at, o.updated_at, o.resolved_at, o.closed_at,
             (SELECT max(greatest(s.started_at, s.signed_at, s.ended_at)) FROM work_order_stages s WHERE s.order_id = o.id),
             (SELECT max(e.occurred_at) FROM work_order_events e WHERE e.order_id = o.id),
             (SELECT max(f.created_at) FROM follow_ups f WHERE f.order_id = o.id),
             (SELECT max(w.created_at) FROM whistles w WHERE w.order_id = o.id),
             (SELECT max(greatest(c.reported_at, c.part_done_at)) FROM whistle_calls c WHERE c.order_id = o.id),
             (SELECT max(greatest(x.requested_at, x.decided_at)) FROM extension_requests x WHERE x.order_id = o.id),
             (SELECT max(n.created_at) FROM notifications n WHERE n.order_id = o.id)) AS last_at
         FROM work_orders o
         WHERE o.status <> 'merged' AND o.parent_id IS NULL AND o.grid_code IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM work_orders c WHERE c.parent_id = o.id)`
      : `SELECT d.id, d.created_at, d.grid_code, d.village_code, d.township_code, d.status = 'closed' AS settled,
           greatest(d.created_at, d.updated_at, d.level_started_at, d.closed_at) AS last_at
         FROM dispute_cases d WHERE d.township_code IS NOT NULL`;
  return `
INSERT INTO bench.templates (kind, id, age, fit_from, settled, t_grid, t_village, t_township, t_gpath, t_vpath, t_tpath)
SELECT '${kind}', t.id, a.age, a.age - floor(extract(epoch FROM st.anchor - t.last_at) / 86400)::int, t.settled,
  t.grid_code, t.village_code, t.township_code, g.path, v.path, tw.path
FROM (${source}) t
CROSS JOIN bench.state st
CROSS JOIN LATERAL (SELECT ((st.anchor AT TIME ZONE 'Asia/Shanghai')::date - (t.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS age) a
LEFT JOIN grids g ON g.code = t.grid_code
LEFT JOIN regions v ON v.code = t.village_code
LEFT JOIN regions tw ON tw.code = t.township_code;

-- Templates for each day back: settled ones from ${SETTLED_AFTER_DAYS} days back (what is still open after a month
-- is the exception); any that fit before that. A day nothing fits takes the templates that fit earliest.
INSERT INTO bench.day_templates (kind, k, ids)
SELECT '${kind}', k, coalesce(
  (SELECT array_agg(id ORDER BY id) FROM bench.templates t
    WHERE t.kind = '${kind}' AND t.fit_from <= k AND (k < ${SETTLED_AFTER_DAYS} OR t.settled)),
  (SELECT array_agg(id ORDER BY id) FROM bench.templates t
    WHERE t.kind = '${kind}' AND t.fit_from = (SELECT min(fit_from) FROM bench.templates WHERE kind = '${kind}')))
FROM generate_series(0, ${DAYS - 1}) k;`;
}

/** The title intake gives a request without one: its first sentence, at most 30 characters (intake-service.ts). */
function titleOf(text: string): string {
  const first = text.trim().split(/[。！？!?\n]/)[0] ?? text;
  return first.slice(0, 30) || text.slice(0, 30);
}

/**
 * First run on a database: fixes the anchor (now), picks the templates (the demo's orders and
 * dispute cases as loaded, before any copy) and the places (every grid with its village and
 * township) and the texts (the classifier's corpus). Idempotent: a second call finds the state row and does nothing.
 */
export async function setUpTemplates(su: pg.Client): Promise<{ created: boolean }> {
  await su.query(SETUP_SQL);
  const { rowCount } = await su.query('SELECT 1 FROM bench.state');
  if (rowCount) return { created: false };
  await su.query('BEGIN');
  try {
    await su.query(`
CREATE TABLE bench.templates (
  kind text NOT NULL, id uuid NOT NULL, age int NOT NULL, fit_from int NOT NULL, settled boolean NOT NULL,
  t_grid varchar(15), t_village varchar(15), t_township varchar(15), t_gpath ltree, t_vpath ltree, t_tpath ltree,
  PRIMARY KEY (kind, id));
CREATE TABLE bench.day_templates (kind text NOT NULL, k int NOT NULL, ids uuid[] NOT NULL, PRIMARY KEY (kind, k));
-- The timeline is thinner than the demo's: each copy keeps its template's first two events and its last.
CREATE TABLE bench.template_events (id uuid PRIMARY KEY);
CREATE TABLE bench.texts (i int PRIMARY KEY, category_code varchar(4) NOT NULL, request_type text NOT NULL, title text NOT NULL, description text NOT NULL);
CREATE TABLE bench.places (i int PRIMARY KEY, grid varchar(15) NOT NULL, village varchar(15) NOT NULL, township varchar(15) NOT NULL,
  gpath ltree NOT NULL, vpath ltree NOT NULL, tpath ltree NOT NULL);
INSERT INTO bench.state (id, anchor) VALUES (1, now());
INSERT INTO bench.places
SELECT row_number() OVER (ORDER BY g.code), g.code, v.code, t.code, g.path, v.path, t.path
FROM grids g JOIN regions v ON v.code = g.village_code JOIN regions t ON t.code = v.parent_code;`);
    const texts = loadCorpus().map((t, i) => ({
      i: i + 1,
      category_code: t.categoryCode,
      request_type: t.requestType,
      title: titleOf(t.text),
      description: t.text,
    }));
    await su.query(`INSERT INTO bench.texts SELECT * FROM json_populate_recordset(NULL::bench.texts, $1)`, [JSON.stringify(texts)]);
    await su.query(templatesSql('order'));
    await su.query(templatesSql('dispute'));
    await su.query(`
INSERT INTO bench.template_events
SELECT id FROM (
  SELECT e.id, row_number() OVER (PARTITION BY e.order_id ORDER BY e.occurred_at, e.id) AS first,
    row_number() OVER (PARTITION BY e.order_id ORDER BY e.occurred_at DESC, e.id DESC) AS last
  FROM work_order_events e JOIN bench.templates t ON t.kind = 'order' AND t.id = e.order_id) x
WHERE first <= 2 OR last = 1;`);
    await su.query('COMMIT');
    return { created: true };
  } catch (err) {
    await su.query('ROLLBACK');
    throw err;
  }
}
