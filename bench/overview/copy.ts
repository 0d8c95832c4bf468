import type pg from 'pg';
import { DAYS, type Kind } from './templates.js';

/**
 * INSERT … SELECT statements that copy template rows for a batch of copies (temp table `b`, one
 * row per copy g: its new id `oid`, template `tid`, date shift `shift` and new place). Every
 * column is copied as is except: timestamps move by the shift (a due date too, so limits keep
 * their length); region codes and ltree paths at the template's grid, village or township move to
 * the copy's; an order's text (and category, when it had one) is a random one of the classifier's corpus; ids are derived from g and the template row's id (md5 → uuid), so a row and the
 * rows pointing at it agree without a lookup table; a few columns get a rule of their own.
 */

/** A column rule: SQL over the template row `x` and the batch row `b`. */
type Rules = Record<string, string>;

const newId = (prefix: string, column: string) => `md5('${prefix}' || b.g || ':' || ${column})::uuid`;
const code = (column: string) =>
  `CASE ${column} WHEN b.t_grid THEN b.grid WHEN b.t_village THEN b.village WHEN b.t_township THEN b.township ELSE ${column} END`;
const path = (column: string) =>
  `CASE WHEN ${column} = b.t_gpath THEN b.gpath WHEN ${column} = b.t_vpath THEN b.vpath WHEN ${column} = b.t_tpath THEN b.tpath ELSE ${column} END`;

export interface CopySpec {
  table: string;
  /** The template rows and how they join the batch: `FROM <from>` with `x` and `b` in scope. */
  from: string;
  rules: Rules;
}

const PLACE_COLUMNS = ['grid_code', 'village_code', 'township_code', 'unit_region_code', 'region_code', 'caller_code'];

export const ORDER_COPIES: CopySpec[] = [
  {
    table: 'work_orders',
    from: 'work_orders x JOIN b ON x.id = b.tid',
    rules: {
      id: 'b.oid',
      number: `x.county_code || '-' || b.day || '-' || lpad(b.seq::text, 5, '0')`,
      submit_key: 'NULL',
      external_source: 'NULL',
      external_id: 'NULL',
      parent_id: 'NULL',
      current_stage_id: newId('s', 'x.current_stage_id'),
      // A text of the corpus instead of the template's, so the copies read as varied as a county's requests.
      title: 'b.title',
      description: 'b.description',
      request_type: 'b.request_type',
      category_code: 'CASE WHEN x.category_code IS NULL THEN NULL ELSE b.category_code END',
      synthetic: 'true',
    },
  },
  {
    table: 'work_order_stages',
    from: 'work_order_stages x JOIN b ON x.order_id = b.tid',
    rules: { id: newId('s', 'x.id'), order_id: 'b.oid' },
  },
  {
    table: 'work_order_events',
    from: 'work_order_events x JOIN bench.template_events te ON te.id = x.id JOIN b ON x.order_id = b.tid',
    rules: { id: newId('e', 'x.id'), order_id: 'b.oid' },
  },
  {
    table: 'follow_ups',
    from: 'follow_ups x JOIN b ON x.order_id = b.tid',
    rules: { id: newId('f', 'x.id'), order_id: 'b.oid', stage_id: newId('s', 'x.stage_id') },
  },
  {
    table: 'whistles',
    from: 'whistles x JOIN b ON x.order_id = b.tid',
    rules: { id: newId('w', 'x.id'), order_id: 'b.oid' },
  },
  {
    table: 'whistle_calls',
    from: 'whistle_calls x JOIN b ON x.order_id = b.tid',
    rules: { id: newId('c', 'x.id'), order_id: 'b.oid', whistle_id: newId('w', 'x.whistle_id') },
  },
  {
    table: 'extension_requests',
    from: 'extension_requests x JOIN b ON x.order_id = b.tid',
    rules: { id: newId('x', 'x.id'), order_id: 'b.oid', stage_id: newId('s', 'x.stage_id') },
  },
  {
    // Units read what is older than a few days.
    table: 'notifications',
    from: 'notifications x JOIN b ON x.order_id = b.tid CROSS JOIN bench.state st',
    rules: {
      id: newId('n', 'x.id'),
      order_id: 'b.oid',
      read_at: `CASE WHEN x.created_at + b.shift < st.anchor - interval '3 days' THEN x.created_at + b.shift + interval '2 hours' ELSE x.read_at + b.shift END`,
      webhook_status: 'NULL',
      webhook_claimed_at: 'NULL',
    },
  },
];

export const DISPUTE_COPIES: CopySpec[] = [
  {
    table: 'dispute_cases',
    from: 'dispute_cases x JOIN b ON x.id = b.tid',
    rules: {
      id: 'b.oid',
      number: `x.county_code || '-TJ-' || b.day || '-' || lpad(b.seq::text, 4, '0')`,
      submit_key: 'NULL',
      work_order_id: 'NULL',
      synthetic: 'true',
    },
  },
];

/** The INSERT … SELECT for one spec, from the table's columns as the database has them now. */
export async function copyStatement(su: pg.Client, spec: CopySpec): Promise<string> {
  const { rows } = await su.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [spec.table],
  );
  if (rows.length === 0) throw new Error(`no table ${spec.table}`);
  const exprs = rows.map(({ column_name: c, udt_name: type }) => {
    if (spec.rules[c]) return spec.rules[c];
    if (type === 'timestamptz') return `x.${c} + b.shift`;
    if (type === 'ltree' && c === 'path') return path(`x.${c}`);
    if (PLACE_COLUMNS.includes(c)) return code(`x.${c}`);
    return `x.${c}`;
  });
  return `INSERT INTO ${spec.table} (${rows.map((r) => r.column_name).join(', ')})
SELECT ${exprs.join(',\n  ')}
FROM ${spec.from}`;
}

/** The batch of copies g in [from, to) of a kind, as temp table `b` (dropped at commit). */
export function batchStatement(kind: Kind, from: number, to: number, seqBase: number): string {
  return `
CREATE TEMP TABLE b ON COMMIT DROP AS
SELECT g, md5('${kind}' || g)::uuid AS oid, t.id AS tid, (t.age - k.k) * interval '1 day' AS shift,
  to_char((st.anchor AT TIME ZONE 'Asia/Shanghai')::date - k.k, 'YYYYMMDD') AS day, ${seqBase} + g / ${DAYS} AS seq,
  t.t_grid, t.t_village, t.t_township, t.t_gpath, t.t_vpath, t.t_tpath,
  p.grid, p.village, p.township, p.gpath, p.vpath, p.tpath,
  tx.title, tx.description, tx.request_type, tx.category_code
FROM generate_series(${from}::bigint, ${to - 1}::bigint) g
CROSS JOIN bench.state st
CROSS JOIN LATERAL (SELECT (g % ${DAYS})::int AS k) k
JOIN bench.day_templates d ON d.kind = '${kind}' AND d.k = k.k
JOIN bench.templates t ON t.kind = '${kind}' AND t.id = d.ids[1 + abs(hashtext('t' || g)::bigint) % cardinality(d.ids)]
JOIN bench.places p ON p.i = 1 + abs(hashtext('p' || g)::bigint) % (SELECT count(*) FROM bench.places)
JOIN bench.texts tx ON tx.i = 1 + abs(hashtext('x' || g)::bigint) % (SELECT count(*) FROM bench.texts);
ANALYZE b;`;
}
