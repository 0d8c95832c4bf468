/**
 * The figures the endpoints return, computed by one plain SQL query each over the raw rows, run
 * as the PostgreSQL superuser (no row-level security, no session, no HTTP, no presenter): what the
 * database alone needs, so the table shows what the API adds. Each returns the count the bench
 * compares with the API's (orders in the window, list total, calls, cases).
 */

export interface RawQuery {
  text: string;
  values: unknown[];
}

export type RatesGroup = 'township' | 'month' | 'unit';

const KEY: Record<RatesGroup, { order: string; stage: string }> = {
  township: { order: 'o.township_code', stage: 'o.township_code' },
  month: { order: `to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`, stage: `to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` },
  unit: { order: 'coalesce(o.unit_department_id::text, o.unit_region_code)', stage: 'coalesce(s.unit_department_id::text, s.unit_region_code)' },
};

/** The three rates' counts (latest follow-up per order) and the on-time counts (stages), grouped. */
export function ratesSql(scopePath: string, from: Date, to: Date, groupBy: RatesGroup): RawQuery {
  const k = KEY[groupBy];
  return {
    text: `
WITH o AS (SELECT * FROM work_orders o WHERE o.status <> 'merged' AND o.created_at >= $2 AND o.created_at < $3 AND o.path <@ $1::ltree),
latest AS (SELECT DISTINCT ON (f.order_id) f.order_id, f.contacted, f.resolved, f.satisfaction FROM follow_ups f JOIN o ON o.id = f.order_id
           ORDER BY f.order_id, f.created_at DESC, f.id DESC),
orders AS (SELECT ${k.order} AS key, count(*) AS orders, count(l.order_id) AS followed_up, count(*) FILTER (WHERE l.contacted) AS contacted,
             count(*) FILTER (WHERE l.resolved) AS resolved, count(*) FILTER (WHERE l.satisfaction IN ('satisfied','basically')) AS satisfied,
             count(*) FILTER (WHERE o.status = 'closed') AS closed
           FROM o LEFT JOIN latest l ON l.order_id = o.id GROUP BY 1),
stages AS (SELECT ${k.stage} AS key,
             count(*) FILTER (WHERE s.signed_at IS NOT NULL OR s.sign_for_due < now()) AS stages_due,
             count(*) FILTER (WHERE s.signed_at <= s.sign_for_due) AS signed_on_time,
             count(*) FILTER (WHERE s.end_reason = 'resolved' AND s.ended_at <= s.resolve_due) AS resolved_on_time
           FROM work_order_stages s JOIN o ON o.id = s.order_id WHERE NOT s.excused GROUP BY 1)
SELECT (SELECT sum(orders) FROM orders)::int AS n, (SELECT count(*) FROM orders)::int AS groups, (SELECT count(*) FROM stages)::int AS stage_groups`,
    values: [scopePath, from, to],
  };
}

/** A page of the work-order list, newest first, with its exact total (as the list shows it). */
export function ordersPageSql(scopePath: string, q: string | null, offset: number, limit: number): RawQuery {
  const where = `o.path <@ $1::ltree ${q ? `AND (o.number LIKE $2 OR o.description LIKE $2 OR o.title LIKE $2)` : ''}`;
  const values: unknown[] = q ? [scopePath, `%${q}%`] : [scopePath];
  return {
    text: `
WITH page AS (SELECT o.id FROM work_orders o WHERE ${where} ORDER BY o.created_at DESC, o.id DESC OFFSET ${offset} LIMIT ${limit})
SELECT (SELECT count(*) FROM work_orders o WHERE ${where})::int AS n, (SELECT count(*) FROM page)::int AS page`,
    values,
  };
}

/** The inbox's counts for a unit (a region office) and, for a dispatcher, the queues in its scope. */
export function inboxSql(scopePath: string, unitRegionCode: string): RawQuery {
  return {
    text: `
SELECT
  (SELECT count(*) FROM work_orders WHERE unit_region_code = $2 AND status = 'dispatched')::int AS new,
  (SELECT count(*) FROM work_orders WHERE unit_region_code = $2 AND status IN ('dispatched','signed','in_progress') AND resolve_due < now() + interval '1 day')::int AS due_soon,
  (SELECT count(*) FROM work_orders WHERE unit_region_code = $2 AND status IN ('dispatched','signed','in_progress') AND resolve_due < now())::int AS overdue,
  (SELECT count(*) FROM work_orders WHERE path <@ $1::ltree AND return_pending)::int AS returns,
  (SELECT count(*) FROM work_orders WHERE path <@ $1::ltree AND status IN ('triage','accepted'))::int AS triage,
  (SELECT count(*) FROM work_orders WHERE path <@ $1::ltree AND status = 'resolved')::int AS follow_ups,
  (SELECT count(*) FROM notifications WHERE unit_region_code = $2 AND read_at IS NULL)::int AS unread,
  (SELECT count(*) FROM work_orders WHERE unit_region_code = $2 AND status = 'dispatched')::int AS n`,
    values: [scopePath, unitRegionCode],
  };
}

/** The whistle board: calls in the area, by report due, capped as the board is. */
export function whistlesSql(scopePath: string): RawQuery {
  return {
    text: `
SELECT count(*)::int AS n FROM (
  SELECT c.id FROM whistle_calls c JOIN whistles w ON w.id = c.whistle_id JOIN work_orders o ON o.id = c.order_id
  WHERE c.path <@ $1::ltree ORDER BY c.report_due LIMIT 200) x`,
    values: [scopePath],
  };
}

/** Dispute statistics: counts by township (or in total) for cases created in the window. */
export function disputeStatsSql(scopePath: string, from: Date | null, to: Date | null): RawQuery {
  return {
    text: `
SELECT sum(cases)::int AS n, count(*)::int AS groups FROM (
  SELECT c.township_code, count(*) AS cases, count(*) FILTER (WHERE c.status = 'closed') AS closed,
    count(*) FILTER (WHERE c.status = 'closed' AND c.outcome IN ('written','oral')) AS agreed,
    count(*) FILTER (WHERE c.closed_level IN ('grid','village')) AS at_village,
    avg(extract(epoch FROM c.closed_at - c.created_at) / 86400) AS avg_days,
    count(a.judicial_applied_on) AS judicial
  FROM dispute_cases c LEFT JOIN dispute_agreements a ON a.case_id = c.id
  WHERE c.path <@ $1::ltree AND ($2::timestamptz IS NULL OR c.created_at >= $2) AND ($3::timestamptz IS NULL OR c.created_at < $3)
  GROUP BY 1) g`,
    values: [scopePath, from, to],
  };
}
